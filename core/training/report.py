"""The model card's figures, measured on the shipped files through core.sentiment's classify path.

Everything here reads the exported ONNX model the app and the CLI read, so the card
cannot drift from the model: validation accuracy in three forms, accuracy by review
length, reliability by bin, the hand-written challenge set (a report only: nothing
is chosen or tuned on it), and the speed of that same classify path.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from core.sentiment.text import preprocess, strip_diacritics
from core.training.data import ROOT, typed_form
from core.training.metrics import SURE, metrics, reliability

CHALLENGE = ROOT / "data" / "challenge.csv"
# Review lengths in tokens (syllables of the cleaned typed text), lower and upper bound.
LENGTH_BUCKETS = ((1, 10), (11, 25), (26, 50), (51, 100), (101, 200), (201, None))
FORMS = {
    "typed": "validation reviews with underscores replaced by spaces (the headline)",
    "underscore": "validation reviews as stored (word syllables joined by _)",
    "no_diacritics": "typed form with Vietnamese accents removed (đ -> d), read as the app"
    " reads it: the accents table puts them back (core.sentiment.accents) where it has one",
}


def field_comments(*classes) -> dict[str, str]:
    """Each dataclass field's comment in its source (`name: type = default  # comment`), so
    the model card says what every recorded setting means."""
    import inspect
    import re

    out = {}
    for cls in classes:
        for line in inspect.getsource(cls).splitlines():
            m = re.match(r"\s+(\w+): [^=]+=[^#]+#\s*(.+)$", line)
            if m:
                out[f"{cls.__name__}.{m.group(1)}"] = m.group(2).strip()
    return out


def form_texts(va_texts: list[str]) -> dict[str, list[str]]:
    """The validation reviews in each of FORMS."""
    return {
        "typed": [typed_form(t) for t in va_texts],
        "underscore": list(va_texts),
        "no_diacritics": [strip_diacritics(typed_form(t)) for t in va_texts],
    }


def p_of(results) -> np.ndarray:
    """P(positive) of classify's results; an empty review counts as negative (0.0)."""
    return np.array([0.0 if r.p_positive is None else r.p_positive for r in results])


def bucket_name(lo: int, hi: int | None) -> str:
    return f"{lo}-{hi}" if hi is not None else f"{lo - 1}+"


def by_length(n_tokens: np.ndarray, p: np.ndarray, y: np.ndarray) -> list[dict]:
    """Accuracy per review-length bucket (tokens of the cleaned text, read or not)."""
    rows = []
    for lo, hi in LENGTH_BUCKETS:
        m = (n_tokens >= lo) & (n_tokens <= (hi if hi is not None else np.inf))
        acc = float(((p[m] >= 0.5) == (y[m] == 1)).mean()) if m.any() else None
        rows.append({"bucket": bucket_name(lo, hi), "lo": lo, "hi": hi, "n": int(m.sum()),
                     "accuracy": acc})  # fmt: skip
    return rows


def read_challenge(path: Path = CHALLENGE) -> tuple[list[str], np.ndarray, list[str]]:
    """The challenge set's texts, labels (1 = positive) and categories."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    labels = np.array([{"positive": 1, "negative": 0}[r["label"]] for r in rows])
    return [r["text"] for r in rows], labels, [r["category"] for r in rows]


def challenge(model, path: Path = CHALLENGE) -> dict:
    """Accuracy on the challenge set, overall and per category, and the sure mistakes."""
    texts, y, cats = read_challenge(path)
    p = p_of(model.classify(texts))
    right = (p >= 0.5) == (y == 1)
    sure_wrong = ~right & ((p < SURE) | (p > 1 - SURE))
    per = {}
    for c in dict.fromkeys(cats):
        m = np.array([x == c for x in cats])
        per[c] = {"n": int(m.sum()), "accuracy": float(right[m].mean())}
    return {
        "file": path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name,
        "note": "a report only: never trained or tuned on",
        "n": len(texts),
        "accuracy": float(right.mean()),
        "by_category": per,
        "sure_wrong": int(sure_wrong.sum()),
        "sure_wrong_rule": f"wrong with P(positive) < {SURE} or > {1 - SURE}",
        "sure_wrong_texts": [[texts[k], round(float(p[k]), 4)] for k in np.flatnonzero(sure_wrong)],
    }


WARM_UP = 200  # reviews classified before timing: langid's tables, onnxruntime's first runs
ONE_AT_A_TIME = 200  # reviews timed one by one for the single-review latency


def speed(model, texts: list[str]) -> dict:
    """Bulk throughput and one-review latency of model.classify, the path `python -m
    core.classify` streams through, with how it was measured (figures of this machine at
    this moment: the load average says how busy it was)."""
    import os
    import statistics
    import time

    import onnxruntime

    model.classify(texts[:WARM_UP])
    t0 = time.perf_counter()
    model.classify(texts)
    bulk_s = time.perf_counter() - t0
    one = []
    for text in texts[:ONE_AT_A_TIME]:
        t0 = time.perf_counter()
        model.classify([text])
        one.append((time.perf_counter() - t0) * 1e3)
    return {
        "reviews_per_s": round(len(texts) / bulk_s, 1),
        "bulk_ms_per_review": round(bulk_s * 1e3 / len(texts), 3),
        "one_review_ms": round(statistics.median(one), 2),
        "n": len(texts),
        "how": (
            "core.sentiment's model.classify, as `python -m core.classify` runs it: the "
            f"{len(texts):,} validation reviews in the typed form in one call (language "
            "detection, cleaning, tokenising and length-sorted onnxruntime batches "
            f"included), after a warm-up on {WARM_UP}; one_review_ms: the median of "
            f"classify([review]) over the first {ONE_AT_A_TIME}, one at a time"
        ),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "onnxruntime": onnxruntime.__version__,
        "intra_op_threads": 1,
    }


def measure(models_dir: Path, name: str, va_texts: list[str], y_va: np.ndarray, log) -> dict:
    """Every figure of the model card, from the shipped files."""
    from core.sentiment import load_model, model_files

    model = load_model(models_dir, name=name)
    out: dict = {"metrics": {}}
    for form, texts in form_texts(va_texts).items():
        p = p_of(model.classify(texts))
        out["metrics"][form] = metrics(p, y_va)
        log(f"{name} validation ({form}): {out['metrics'][form]['accuracy']:.4f}")
        if form == "typed":
            n_tokens = np.array([len(preprocess(t)) for t in texts])
            out["by_length"] = by_length(n_tokens, p, y_va)
            out["reliability"] = reliability(p, y_va)
            out["speed"] = speed(model, texts)
            log(f"{name} speed: {out['speed']['reviews_per_s']:,.0f} reviews/s, "
                f"{out['speed']['one_review_ms']:.1f} ms for one review")  # fmt: skip
    out["metrics"]["forms"] = FORMS
    if CHALLENGE.is_file():
        out["challenge"] = challenge(model)
        log(f"{name} challenge: {out['challenge']['accuracy']:.3f}, "
            f"sure and wrong {out['challenge']['sure_wrong']}")  # fmt: skip
    out["files"] = {
        Path(f).name: (Path(models_dir) / f).stat().st_size for f in model_files(name)[1:2]
    }
    out["accents"] = accents_record(Path(models_dir))
    return out


def accents_record(models_dir: Path) -> dict | None:
    """Which accents table the figures were read with (None: reviews read as typed)."""
    import hashlib
    import json

    from core.sentiment.files import ACCENTS_FILE

    path = models_dir / ACCENTS_FILE
    if not path.is_file():
        return None
    data = path.read_bytes()
    record = json.loads(data)["record"]
    return {
        "file": ACCENTS_FILE,
        "sha256": hashlib.sha256(data).hexdigest(),
        "command": record.get("command"),
        "validation": record.get("validation"),
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m core.training.report [--model NAME]`: measure the shipped models again and
    rewrite their metadata's figures (after the challenge set or the classify path changed;
    the training record is kept as it is)."""
    import argparse
    import json
    import sys
    import time

    from core.sentiment import MODEL_NAMES, model_files
    from core.training.data import DEFAULT_DATA, read_split

    ap = argparse.ArgumentParser(prog="python -m core.training.report", description=main.__doc__)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="NTC-SCV folder")
    ap.add_argument("--models", type=Path, default=ROOT / "models", help="the models folder")
    ap.add_argument("--model", choices=MODEL_NAMES, help="this model only (default: all)")
    args = ap.parse_args(argv)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    texts, labels = read_split(args.data, "test")
    for name in [args.model] if args.model else MODEL_NAMES:
        path = args.models / model_files(name)[2]
        meta = json.loads(path.read_text("utf-8"))
        t0 = time.time()
        meta.update(measure(args.models, name, texts, np.array(labels), log))
        meta["timings"]["evaluate_s"] = round(time.time() - t0, 1)
        path.write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
