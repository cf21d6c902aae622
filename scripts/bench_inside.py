"""Server cost of the Inside the LSTM page; prints figures, asserts nothing.

    .venv/bin/python scripts/bench_inside.py [--per-class 300] [--max-tokens 150] [--spans 200]

Measures what the page computes once per process (the validation reviews' states, in
core.inside.states, and the units' rankings) and what a student's search costs: select
the units a span turns on (core.inside.select) and search the validation states for runs
where they turn on together (core.inside.match), over spans drawn from the validation
reviews themselves at the page's default threshold. Goals (issue 23): states at most
~60 MB resident and a few seconds to build; a search under 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.classifier.data import load_subset  # noqa: E402
from core.inside.match import search  # noqa: E402
from core.inside.rank import rank_units  # noqa: E402
from core.inside.select import select_units  # noqa: E402
from core.inside.states import MAX_TOKENS, PER_CLASS, build_states  # noqa: E402
from core.sentiment import load_model  # noqa: E402

GOAL_MB, GOAL_BUILD_S, GOAL_SEARCH_MS = 60.0, 5.0, 1000.0
THRESHOLD = 0.3  # the page's default


def rss_mb() -> float:
    """This process's resident memory (Linux /proc), MB."""
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-class", type=int, default=PER_CLASS, help="validation reviews per label")
    ap.add_argument("--max-tokens", type=int, default=MAX_TOKENS, help="tokens kept per review")
    ap.add_argument("--spans", type=int, default=200, help="searches timed")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    start = rss_mb()
    model = load_model(name="lstm")
    w = model.weights()
    load_subset()  # read once per process, shared with the training page
    before = rss_mb()
    print(f"model and validation subset loaded: resident {before - start:.1f} MB")
    t0 = time.perf_counter()
    states = build_states(w, per_class=args.per_class, max_tokens=args.max_tokens)
    build_s = time.perf_counter() - t0
    grew = rss_mb() - before
    mb = states.nbytes / 1e6
    print(f"states: {len(states)} reviews, {len(states.ids)} tokens, {w.hidden_size} units")
    print(f"build: {build_s:.4f} s; arrays {mb:.1f} MB; resident grew {grew:.1f} MB")
    t0 = time.perf_counter()
    ranks = rank_units(states, model.vocab.itos)
    print(f"rankings: {time.perf_counter() - t0:.2f} s; clean: "
          + ", ".join(f"{c} {'yes' if r.clean else 'no'}" for c, r in ranks.items()))  # fmt: skip

    rng = np.random.default_rng(args.seed)
    times, counts, found = [], [], []
    for _ in range(args.spans):
        r = int(rng.integers(len(states)))
        a, b = int(states.offsets[r]), int(states.offsets[r + 1])
        length = int(rng.integers(1, 4))
        start = int(rng.integers(0, max(1, b - a - length + 1)))
        stop = min(start + length, b - a)
        which = "h" if rng.uniform() < 0.5 else "c"
        state = states.state(which)[a:b].astype(np.float64)  # (T, H), as a typed review's run
        t0 = time.perf_counter()
        sel = select_units(state, start, stop, THRESHOLD)
        matches = search(states, which, sel.units, THRESHOLD, stop - start, model.vocab.itos)
        times.append((time.perf_counter() - t0) * 1e3)
        counts.append(len(sel.units))
        found.append(len(matches))
    p50, worst = float(np.median(times)), float(np.max(times))
    print(f"search over {args.spans} spans: p50 {p50:.1f} ms, max {worst:.1f} ms "
          f"(units selected: median {np.median(counts):.0f}, matches: median "
          f"{np.median(found):.0f})")  # fmt: skip
    print(f"goal: states <= {GOAL_MB:.0f} MB -> {met(max(mb, grew) <= GOAL_MB)}; "
          f"build <= {GOAL_BUILD_S:.0f} s -> {met(build_s <= GOAL_BUILD_S)}; "
          f"search < {GOAL_SEARCH_MS:.0f} ms -> {met(worst < GOAL_SEARCH_MS)}")  # fmt: skip
    load, cores = os.getloadavg(), os.cpu_count() or 1
    busy = "; other work shares the cores: the times are inflated" if load[0] > cores else ""
    print(f"load avg: {' '.join(f'{x:.2f}' for x in load)} on {cores} cores{busy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
