"""How long the training race's default run takes (both models), and what it shows.

Target: the default run finishes in at most 15 s on this machine, with the RNN near
chance and the LSTM near 100% at T = 50; at T = 5 both learn.
Usage: .venv/bin/python scripts/bench_race.py [repeats] [--steps N]
(--steps below the default's 250 only checks that the script runs: no model learns in 5 steps.)
"""

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.race import Race, RaceConfig  # noqa: E402

TARGET_S = 15.0


def timed_run(config: RaceConfig) -> tuple[float, dict]:
    t0 = time.perf_counter()
    race = Race(config)
    for step in race.run():
        last = step
    return time.perf_counter() - t0, last.records


def main(repeats: int = 3, steps: int | None = None) -> None:
    default = RaceConfig() if steps is None else RaceConfig(steps=steps)
    times = []
    for _ in range(repeats):
        seconds, records = timed_run(default)
        times.append(seconds)
    p50 = statistics.median(times)
    verdict = "OK" if p50 <= TARGET_S else "TOO SLOW"
    acc = {k: r.eval_accuracy for k, r in records.items()}
    print(
        f"default (T={default.T}, H={default.hidden_size}, {default.steps} steps, batch "
        f"{default.batch_size}): p50 {p50:.1f} s, min {min(times):.1f}, max {max(times):.1f} "
        f"over {repeats} runs (target <= {TARGET_S:.0f} s: {verdict}); held-out accuracy {acc}"
    )
    for T in (5, 100):
        seconds, records = timed_run(replace(default, T=T))
        acc = {k: r.eval_accuracy for k, r in records.items()}
        print(f"T={T}: {seconds:.1f} s; held-out accuracy {acc}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repeats", nargs="?", type=int, default=3, help="timed default runs")
    ap.add_argument("--steps", type=int, help="training steps of every run (default: the race's)")
    args = ap.parse_args()
    main(args.repeats, args.steps)
