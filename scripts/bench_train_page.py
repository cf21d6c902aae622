"""Time and validation accuracy of the "Train it yourself" page's defaults, per model.

Target: each default run finishes in at most 30 s of one core (CPU time, as a worker of
the job pool spends it; the wall time is printed too, and depends on the machine's load),
and the LSTM reaches at least 0.80 on the shipped validation subset.
Usage: .venv/bin/python scripts/bench_train_page.py [--reviews N] [--epochs N]
(smaller --reviews or --epochs only check that the script runs.)
"""

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.classifier import KINDS, TrainConfig, run  # noqa: E402
from core.classifier.data import load_subset  # noqa: E402

TARGET_S, TARGET_ACC = 30.0, 0.80


def main(reviews: int | None, epochs: int | None) -> None:
    load_subset()  # read once, outside the timings (the pool's worker reads it once too)
    changes = {k: v for k, v in (("reviews", reviews), ("epochs", epochs)) if v is not None}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind in KINDS:
        c = replace(TrainConfig(kind=kind), **changes)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        points = [r for r in run(c) if getattr(r, "val_accuracy", None) is not None]
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        acc = points[-1].val_accuracy
        ok_time = "OK" if cpu <= TARGET_S else "TOO SLOW"
        goal = ""
        if kind == "lstm":
            goal = f" (target >= {TARGET_ACC:.2f}: {'OK' if acc >= TARGET_ACC else 'BELOW'})"
        print(
            f"{kind}: E={c.embed_dim} H={c.hidden_size} lr={c.learning_rate:g} {c.epochs} epochs "
            f"{c.reviews} reviews: cpu {cpu:.2f} s (target <= {TARGET_S:.0f} s: {ok_time}), "
            f"wall {wall:.2f} s; validation accuracy {acc:.3f}{goal}"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reviews", type=int, help="training reviews (default: the page's)")
    ap.add_argument("--epochs", type=int, help="epochs (default: the page's)")
    args = ap.parse_args()
    main(args.reviews, args.epochs)
