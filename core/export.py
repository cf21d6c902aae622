"""PyTorch -> ONNX for the sentiment LSTM: one self-contained file, dynamic batch and time."""

from __future__ import annotations

from pathlib import Path

import torch

from core.model import ExportWrapper, SentimentLSTM

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
