"""Damage done to a copy of the shipped model files: each fault breaks one file one way."""

MODEL_FILES = ("sentiment.onnx", "vocab.json", "metadata.json")


def _truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


# (id, file, damage): each leaves the rest of the copied site as shipped.
MODEL_FAULTS = [
    ("onnx_missing", "sentiment.onnx", lambda p: p.unlink()),
    ("onnx_garbage", "sentiment.onnx", lambda p: p.write_bytes(b"\x00not an onnx model\xff" * 64)),
    ("onnx_truncated", "sentiment.onnx", _truncate),
    ("vocab_missing", "vocab.json", lambda p: p.unlink()),
    ("vocab_not_json", "vocab.json", lambda p: p.write_text("{not json", encoding="utf-8")),
    ("metadata_missing", "metadata.json", lambda p: p.unlink()),
    ("metadata_without_config", "metadata.json", lambda p: p.write_text("{}", encoding="utf-8")),
]
