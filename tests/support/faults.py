"""Damage done to a copy of the shipped model files: each fault breaks one file one way.

The files are the default (lstm) model's, relative to models/: its ONNX graph and its
metadata, and the vocabulary every model shares."""

ONNX, VOCAB, METADATA = (
    "sentiment/lstm/model.onnx",
    "sentiment/vocab.json",
    "sentiment/lstm/metadata.json",
)
MODEL_FILES = (ONNX, VOCAB, METADATA)


def _truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


# (id, file, damage): each leaves the rest of the copied site as shipped.
MODEL_FAULTS = [
    ("onnx_missing", ONNX, lambda p: p.unlink()),
    ("onnx_garbage", ONNX, lambda p: p.write_bytes(b"\x00not an onnx model\xff" * 64)),
    ("onnx_truncated", ONNX, _truncate),
    ("vocab_missing", VOCAB, lambda p: p.unlink()),
    ("vocab_not_json", VOCAB, lambda p: p.write_text("{not json", encoding="utf-8")),
    ("metadata_missing", METADATA, lambda p: p.unlink()),
    ("metadata_without_config", METADATA, lambda p: p.write_text("{}", encoding="utf-8")),
]
