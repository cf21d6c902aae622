"""PyTorch -> ONNX for the sentiment LSTM: one self-contained file, dynamic batch and time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from core.training.model import ExportWrapper, ModelConfig, SentimentLSTM

OPSET = 17
INPUTS = ("ids",)  # (B, T) int64 token indices, right-padded with <pad> = 0
OUTPUTS = ("p_prefix", "hidden")  # (B, T) P(positive) after each prefix; (B, T, H) h_t


def export_onnx(model: SentimentLSTM, path: Path | str) -> Path:
    """Write model as ONNX with dynamic batch and sequence axes.

    The TorchScript exporter (dynamo=False) is used on purpose: the dynamo exporter has
    been seen to freeze an LSTM's sequence length into the graph without a word, and
    tests/core/training/test_export.py runs the file at several lengths to prove this one
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
    """Rebuild the PyTorch model from an exported file's weights (benchmarks, parity tests).

    The weights come from core.sentiment.weights, the one reader of the file (already in
    PyTorch's gate order), so a process that also serves the model parses it once."""
    from core.sentiment.weights import read_weights

    w = read_weights(path)
    f32 = lambda a: torch.from_numpy(np.array(a, dtype=np.float32))  # noqa: E731 (a copy)
    model = SentimentLSTM(cfg).eval()
    state = {
        "embedding.weight": f32(w.E),
        "lstm.weight_ih_l0": f32(w.lstm.W_ih),  # float64 of float32 values: exact both ways
        "lstm.weight_hh_l0": f32(w.lstm.W_hh),
        "lstm.bias_ih_l0": f32(w.lstm.b_ih),
        "lstm.bias_hh_l0": f32(w.lstm.b_hh),
        "w_att.weight": f32(w.w_att[None, :]),  # (1, H)
        "w_att.bias": f32([w.b_att]),
        "head.weight": f32(w.w_head[None, :]),  # (1, 3H)
        "head.bias": f32([w.b_head]),
    }
    if cfg.ngram_order:
        state["ngram.weight"] = f32(w.bag.votes[:, None])  # (buckets, 1)
    model.load_state_dict(state)
    return model
