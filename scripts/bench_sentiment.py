"""Speed of the sentiment path, printed as figures (no pass/fail: the machine is shared).

    .venv/bin/python scripts/bench_sentiment.py [--data ../shared/data/ntc-scv] [--runs 300]
        [--reviews 10000] [--no-diacritics]

1. one review of median length, end to end (detect, clean, tokenise, infer): p50/p95
   after warm-up (goal: p50 <= 10 ms);
2. the model alone at batch 1: onnxruntime vs PyTorch eager on the same weights, as a
   ratio measured in this run (goal: ORT faster);
3. bulk: reviews/s through the classify path on the 10,000 validation reviews, in
   process and through the `python -m core.classify` command (goal: >= 1,000/s).

--no-diacritics measures the same reviews typed without diacritics: the path then also
puts them back (core.sentiment.accents).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.sentiment import load_model  # noqa: E402
from core.sentiment.text import preprocess, strip_diacritics  # noqa: E402


def percentile(xs, q):
    return float(np.percentile(np.asarray(xs) * 1000, q))


def validation_texts(data: Path, limit: int | None = None) -> list[str]:
    """The first `limit` validation reviews (all by default), typed form, sorted by path."""
    files = sorted((data / "data_train" / "test").glob("*/*.txt"))[:limit]
    return [f.read_text(encoding="utf-8").replace("_", " ") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ntc-scv")
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--reviews", type=int, help="validation reviews to read (default: all)")
    ap.add_argument("--no-diacritics", action="store_true", help="the reviews without accents")
    args = ap.parse_args()

    t = time.perf_counter()
    model = load_model()
    print(f"model load: {time.perf_counter() - t:.2f} s")
    texts = validation_texts(args.data, args.reviews)
    if not texts:
        raise SystemExit(f"no validation reviews in {args.data}/data_train/test: pass --data")
    if args.no_diacritics:
        texts = [strip_diacritics(x) for x in texts]
    lengths = np.array([len(preprocess(x)) for x in texts])
    median = texts[int(np.argsort(lengths)[len(texts) // 2])]
    form = "without diacritics" if args.no_diacritics else "typed"
    print(f"validation reviews ({form}): {len(texts)}; median review: "
          f"{len(preprocess(median))} tokens")  # fmt: skip

    # 1. single review end to end
    for _ in range(20):
        model.classify([median])
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        model.classify([median])
        times.append(time.perf_counter() - t)
    print(
        f"single review end to end: p50 {percentile(times, 50):.2f} ms, "
        f"p95 {percentile(times, 95):.2f} ms  (goal p50 <= 10 ms)"
    )

    # 2. model alone, batch 1: ORT vs torch eager on the same weights
    import torch

    from core.training.export import torch_from_onnx
    from core.training.model import ModelConfig

    torch.set_num_threads(2)
    net = torch_from_onnx(model.onnx_path, ModelConfig(**model.metadata["config"]))
    ids = np.asarray([model.encode(preprocess(median))])
    ids_t = torch.from_numpy(ids)

    def bench(fn, n=args.runs):
        for _ in range(20):
            fn()
        out = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    t_ort = bench(lambda: model._run(ids))
    with torch.inference_mode():
        t_torch = bench(lambda: net(ids_t))
    print(
        f"model alone, batch 1, {ids.shape[1]} tokens: onnxruntime {t_ort * 1000:.2f} ms, "
        f"torch eager {t_torch * 1000:.2f} ms -> ORT is {t_torch / t_ort:.1f}x faster"
    )

    # 3. bulk
    t = time.perf_counter()
    results = model.classify(texts)
    dt = time.perf_counter() - t
    print(
        f"bulk in process: {len(results)} reviews in {dt:.2f} s = {len(results) / dt:.0f} reviews/s"
    )
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "val.txt", Path(d) / "out.csv"
        src.write_text("\n".join(x.replace("\n", " ") for x in texts) + "\n", encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "core.classify", str(src), str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        dt = time.perf_counter() - t
    print(
        f"bulk through `python -m core.classify` (process start and model load included): "
        f"{len(texts)} reviews in {dt:.2f} s = {len(texts) / dt:.0f} reviews/s  (goal >= 1,000/s)"
    )


if __name__ == "__main__":
    main()
