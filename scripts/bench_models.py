"""Speed of each shipped sentiment model (bag, rnn, lstm), printed as figures.

    .venv/bin/python scripts/bench_models.py [--data ../shared/data/ntc-scv] [--repeat 15]
        [--model lstm] [--reviews 10000]

Per model:
1. bulk: reviews/s through model.classify on the 10,000 validation reviews (typed form,
   language detection, cleaning and tokenising included); goal >= 1,000/s;
2. one 200-token review: model.analyze (one onnxruntime run for P after every token and
   the hidden states, then the exact leave-one-out of every token), median and p95 ms
   after warm-up; goal well under 100 ms;
3. for the recurrent models, the page's other computation on that review: the inside
   view (core.nn.cells on the file's weights, checked against analyze's hidden states).
No pass/fail: the machine is shared, so the figures are printed with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.sentiment import MODEL_NAMES, load_model  # noqa: E402
from core.sentiment.inside import inside_of  # noqa: E402
from core.sentiment.text import preprocess  # noqa: E402

REVIEW = (
    "Quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử , nhưng thực sự ăn xong "
    "thấy không được như mong đợi lắm . Nhân viên thì dễ thương , không gian rộng rãi , "
    "món nào cũng ngon nhưng giá hơi cao , phục vụ hơi chậm vào giờ cao điểm . "
)


def validation_texts(data: Path, limit: int | None = None) -> list[str]:
    """The first `limit` validation reviews (all by default), typed form, sorted by path."""
    files = sorted((data / "data_train" / "test").glob("*/*.txt"))[:limit]
    return [f.read_text(encoding="utf-8").replace("_", " ") for f in files]


def review_of(n_tokens: int) -> str:
    """A review of exactly n_tokens tokens, from REVIEW repeated."""
    words = []
    while len(words) < n_tokens:
        words += REVIEW.split()
    text = " ".join(words)
    while len(preprocess(text)) > n_tokens:
        text = text.rsplit(" ", 1)[0]
    return text


def ms(fn, repeat: int) -> tuple[float, float]:
    """Median and p95 milliseconds of fn() after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, float(np.percentile(times, 95)) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ntc-scv")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--model", choices=MODEL_NAMES, action="append")
    ap.add_argument("--reviews", type=int, help="validation reviews for the bulk figure (all)")
    args = ap.parse_args()
    have = (args.data / "data_train").is_dir()
    texts = validation_texts(args.data, args.reviews) if have else []
    review = review_of(200)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name in args.model or MODEL_NAMES:
        model = load_model(name=name)
        model.classify(texts[:200])  # warm-up: langid's tables, onnxruntime's first runs
        if texts:
            t0 = time.perf_counter()
            model.classify(texts)
            dt = time.perf_counter() - t0
            print(
                f"{name:5s} bulk classify: {len(texts) / dt:7.0f} reviews/s "
                f"({len(texts)} validation reviews in {dt:.1f} s; goal >= 1,000/s)"
            )
        a = model.analyze(review)
        med, p95 = ms(lambda: model.analyze(review), args.repeat)  # noqa: B023
        print(
            f"{name:5s} analyze, {len(a.ids)} tokens with leave-one-out: "
            f"median {med:.1f} ms, p95 {p95:.1f} ms (goal < 100 ms)"
        )
        if name != "bag":
            w = model.weights()
            med, _ = ms(lambda: inside_of(w, a), args.repeat)  # noqa: B023
            print(
                f"{name:5s} inside view (core.nn.cells, checked against analyze's h): "
                f"median {med:.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
