"""Median time of one gradient-explorer recompute at T=200, H=64: NumPy BPTT vs torch.

The NumPy recompute does what the page's uncached path does: draw both networks and the
inputs for the seed, unroll and backpropagate both, the per-step norms, the clipping
factor and the why-numbers. The torch figure is today's `core.gradients.explore` (skipped
when torch is not installed). Target: NumPy at or below torch.
Usage: .venv/bin/python scripts/bench_bptt.py [repeats]
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.gradients.bptt import (  # noqa: E402
    clip_grads,
    lstm_why_fields,
    rnn_why_fields,
    run_lstm,
    run_rnn,
    safe_norms,
)
from core.gradients.seeded import random_inputs, random_lstm, random_rnn

H, T, I = 64, 200, 4
KS = [1, 2, 5, 10, 20, 50, 100, T - 1]  # the explorer's steps_back(200)
CASES = {  # (activation, weight scale, clip)
    "tanh, scale 1 (vanishing)": ("tanh", 1.0, False),
    "relu, scale 2, clip (exploding)": ("relu", 2.0, True),
}


def numpy_recompute(activation: str, scale: float, clip: bool, seed: int = 0) -> None:
    rnn = random_rnn(H, I, activation, scale, seed)
    lstm = random_lstm(H, I, scale, 3.0, seed)
    X = random_inputs(T, I, seed)
    for p, run in ((rnn, run_rnn(rnn, X)), (lstm, run_lstm(lstm, X))):
        safe_norms(run.grad_h)
        if run.grad_c is not None:
            safe_norms(run.grad_c)
        if clip:
            clip_grads(run.param_grads, 1.0)
        if run.grad_c is None:
            rnn_why_fields(p, run, KS)
        else:
            lstm_why_fields(run, KS)


def median_ms(fn, repeats: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times), max(times)


def main(repeats: int = 20) -> None:
    try:
        from core.gradients import ExplorerConfig, explore
    except ImportError:  # a runtime without torch: only the NumPy figure
        explore = None
    numpy_recompute("tanh", 1.0, False)  # warm-up
    for name, (activation, scale, clip) in CASES.items():
        p50, lo, hi = median_ms(
            lambda a=activation, s=scale, c=clip: numpy_recompute(a, s, c), repeats
        )
        line = f"T={T} H={H} {name}: NumPy p50 {p50:.1f} ms (min {lo:.1f}, max {hi:.1f})"
        if explore is not None:
            cfg = ExplorerConfig(
                hidden_size=H, seq_len=T, activation=activation, weight_scale=scale, clip=clip
            )
            explore(cfg)  # warm-up: torch's first-call costs
            t50, tlo, thi = median_ms(lambda c=cfg: explore(c), repeats)
            verdict = "OK" if p50 <= t50 else "SLOWER THAN TORCH"
            line += f" | torch p50 {t50:.1f} ms (min {tlo:.1f}, max {thi:.1f}): {verdict}"
        print(line, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
