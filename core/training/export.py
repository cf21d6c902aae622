"""PyTorch -> ONNX for the sentiment LSTM: one self-contained file, dynamic batch and time."""

from __future__ import annotations

from pathlib import Path

import torch

from core.training.model import ExportWrapper, ModelConfig, SentimentLSTM

OPSET = 17
INPUTS = ("ids",)  # (B, T) int64 token indices, right-padded with <pad> = 0
OUTPUTS = ("p_prefix", "hidden")  # (B, T) P(positive) after each prefix; (B, T, H) h_t


def export_onnx(model: SentimentLSTM, path: Path | str) -> Path:
    """Write model as ONNX with dynamic batch and sequence axes.

    The TorchScript exporter (dynamo=False) is used on purpose: the dynamo exporter has
    been seen to freeze an LSTM's sequence length into the graph without a word, and
    tests/test_sentiment_export.py runs the file at several lengths to prove this one
    did not. external_data=False keeps the weights inside the one file.
    """
    path = Path(path)
    model = model.eval()
    example = torch.randint(2, model.cfg.vocab_size, (2, 11), dtype=torch.long)
    # eval() on the wrapper too: the exporter restores the wrapper's mode afterwards, and a
    # fresh module is in training mode, which would switch the model's dropout back on.
    wrapper = ExportWrapper(model).eval()
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            (example,),
            str(path),
            input_names=list(INPUTS),
            output_names=list(OUTPUTS),
            dynamic_axes={
                "ids": {0: "batch", 1: "time"},
                "p_prefix": {0: "batch", 1: "time"},
                "hidden": {0: "batch", 1: "time"},
            },
            opset_version=OPSET,
            dynamo=False,
            external_data=False,
            do_constant_folding=True,
        )
    model.eval()
    return path


def torch_from_onnx(path: Path | str, cfg: ModelConfig) -> SentimentLSTM:
    """Rebuild the PyTorch model from an exported file's weights (benchmarks, parity tests)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in graph.initializer}
    model = SentimentLSTM(cfg).eval()
    H = cfg.hidden_size

    def to_ifgo(a: torch.Tensor) -> torch.Tensor:
        i, o, f, c = a.split(H, dim=0)  # ONNX's gate order -> PyTorch's
        return torch.cat([i, f, c, o], dim=0)

    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    W, R, B = (init[name][0] for name in lstm.input[1:4])
    matmuls = [init[n.input[1]] for n in graph.node if n.op_type == "MatMul" and n.input[1] in init]
    w_att = next(m for m in matmuls if m.shape == (H, 1))
    w_head = next(m for m in matmuls if m.shape == (3 * H, 1))
    state = {
        "embedding.weight": init["model.embedding.weight"],
        "lstm.weight_ih_l0": to_ifgo(W),
        "lstm.weight_hh_l0": to_ifgo(R),
        "lstm.bias_ih_l0": to_ifgo(B[: 4 * H]),
        "lstm.bias_hh_l0": to_ifgo(B[4 * H :]),
        "w_att.weight": w_att.T.contiguous(),
        "w_att.bias": init["model.w_att.bias"],
        "head.weight": w_head.T.contiguous(),
        "head.bias": init["model.head.bias"],
    }
    if cfg.ngram_order:
        state["ngram.weight"] = init["model.ngram.weight"]
    model.load_state_dict(state)
    return model
