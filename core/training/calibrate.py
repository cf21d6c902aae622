"""Fit a shipped model's length temperature on validation and write it into its ONNX file.

`python -m core.training.calibrate --model bag` does to a shipped model what training now
does after choosing its weights (core.training.selection.calibrate_by_length), without
training it again: the weights are read back from the file, only model.calib.{a,b,e}
change, then the card's figures are measured again through the classify path.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from core.training.data import DEFAULT_DATA, ROOT, read_split, typed_form


def main(argv: list[str] | None = None) -> int:
    from core.sentiment import MODEL_NAMES, model_files
    from core.sentiment.text import clean, tokenize
    from core.sentiment.vocab import Vocab
    from core.training.export import export_onnx, torch_from_onnx
    from core.training.model import ModelConfig
    from core.training.report import measure
    from core.training.selection import calibrate_by_length

    ap = argparse.ArgumentParser(prog="python -m core.training.calibrate",
                                 description=__doc__.splitlines()[0])  # fmt: skip
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="NTC-SCV folder")
    ap.add_argument("--models", type=Path, default=ROOT / "models", help="the models folder")
    ap.add_argument("--model", choices=MODEL_NAMES, required=True, help="the model to calibrate")
    args = ap.parse_args(argv)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    vocab_file, onnx_file, meta_file = (args.models / f for f in model_files(args.model))
    meta = json.loads(meta_file.read_text("utf-8"))
    cfg = ModelConfig(**meta["config"])
    model = torch_from_onnx(onnx_file, cfg)
    vocab = Vocab.load(vocab_file)
    texts, labels = read_split(args.data, "test")
    va_ids = [vocab.encode(tokenize(clean(typed_form(t)))) for t in texts]
    record = calibrate_by_length(model, va_ids, np.array(labels, dtype=float), log)
    record["command"] = f"python -m core.training.calibrate --model {args.model}"
    record["note"] = "fitted on the shipped weights after training (training now does the same)"
    export_onnx(model, onnx_file)
    meta["weights"]["calibration"] = record
    t0 = time.time()
    meta.update(measure(args.models, args.model, texts, np.array(labels), log))
    meta["timings"]["evaluate_s"] = round(time.time() - t0, 1)
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
