"""Print how long one explorer recompute takes for T=200, H=64 (target: p50 <= 300 ms).

This is the uncached path the page runs when a control changes: draw both networks,
unroll and backpropagate them with the NumPy BPTT, and compute the why-numbers. (With
torch autograd as the backend, before it left the runtime, the same recompute took a
median of 37-45 ms on an idle machine; NumPy must stay at or below that.)
Usage: .venv/bin/python scripts/bench_gradients.py [repeats]
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.gradients import ExplorerConfig, explore  # noqa: E402

TARGET_MS = 300.0


def main(repeats: int = 20) -> None:
    cases = {
        "tanh, scale 1 (vanishing)": ExplorerConfig(hidden_size=64, seq_len=200),
        "relu, scale 2, clip (exploding)": ExplorerConfig(
            hidden_size=64, seq_len=200, activation="relu", weight_scale=2.0, clip=True
        ),
    }
    explore(ExplorerConfig(hidden_size=8, seq_len=5))  # warm-up: first-call costs
    for name, cfg in cases.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            explore(cfg)
            times.append((time.perf_counter() - t0) * 1e3)
        p50 = statistics.median(times)
        verdict = "OK" if p50 <= TARGET_MS else "TOO SLOW"
        print(
            f"T=200 H=64 {name}: p50 {p50:.1f} ms, min {min(times):.1f}, max {max(times):.1f} "
            f"over {repeats} runs (target <= {TARGET_MS:.0f} ms: {verdict})"
        )
    big = ExplorerConfig(hidden_size=128, seq_len=500)
    times = []
    for _ in range(max(3, repeats // 4)):
        t0 = time.perf_counter()
        explore(big)
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"T=500 H=128 (the largest setting): p50 {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
