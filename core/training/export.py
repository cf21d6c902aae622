"""PyTorch -> ONNX for the three sentiment models: one self-contained file each, dynamic axes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from core.training.model import ExportWrapper, ModelConfig, build

OPSET = 17
INPUTS = ("ids",)  # (B, T) int64 token indices, right-padded with <pad> = 0


def outputs_of(kind: str) -> tuple[str, ...]:
    """(B, T) P(positive) after each prefix; and (B, T, H) h_t for the recurrent models."""
    return ("p_prefix",) if kind == "bag" else ("p_prefix", "hidden")


def export_onnx(model, path: Path | str) -> Path:
    """Write model as ONNX with dynamic batch and sequence axes.

    The TorchScript exporter (dynamo=False) is used on purpose: the dynamo exporter has
    been seen to freeze an LSTM's sequence length into the graph without a word, and
    tests/core/training/test_export.py runs the file at several lengths to prove this one
    did not. external_data=False keeps the weights inside the one file.
    """
    path = Path(path)
    model = model.eval()
    outputs = outputs_of(model.cfg.kind)
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
            output_names=list(outputs),
            dynamic_axes={name: {0: "batch", 1: "time"} for name in (*INPUTS, *outputs)},
            opset_version=OPSET,
            dynamo=False,
            external_data=False,
            do_constant_folding=True,
        )
    model.eval()
    return path


def torch_from_onnx(path: Path | str, cfg: ModelConfig):
    """Rebuild the PyTorch model from an exported file's weights (benchmarks, parity tests).

    The weights come from core.sentiment.weights, the one reader of the files (already in
    PyTorch's gate order), so a process that also serves the model parses it once."""
    from core.sentiment.weights import read_weights

    w = read_weights(path)
    f32 = lambda a: torch.from_numpy(np.array(a, dtype=np.float32))  # noqa: E731 (a copy)
    model = build(cfg).eval()
    head = {"head.weight": f32(w.w_head[None, :]), "head.bias": f32([w.b_head])}
    head.update({f"calib.{k}": f32([v]) for k, v in zip("abe", w.calib, strict=True)})
    if cfg.kind == "bag":
        state = {"bag.weight": f32(w.E), **head}
    elif cfg.kind == "rnn":
        state = {
            "embedding.weight": f32(w.E),
            "rnn.weight_ih_l0": f32(w.rnn.W_xh),  # float64 of float32 values: exact both ways
            "rnn.weight_hh_l0": f32(w.rnn.W_hh),
            "rnn.bias_ih_l0": f32(w.rnn.b_xh),
            "rnn.bias_hh_l0": f32(w.rnn.b_hh),
            **head,
        }
    else:
        state = {
            "embedding.weight": f32(w.E),
            "lstm.weight_ih_l0": f32(w.lstm.W_ih),
            "lstm.weight_hh_l0": f32(w.lstm.W_hh),
            "lstm.bias_ih_l0": f32(w.lstm.b_ih),
            "lstm.bias_hh_l0": f32(w.lstm.b_hh),
            "w_att.weight": f32(w.w_att[None, :]),  # (1, H)
            "w_att.bias": f32([w.b_att]),
            **head,
        }
    model.load_state_dict(state)
    return model
