"""Spans of the validation reviews where chosen units turn on together (LSTMVis's match).

A match is a maximal run of tokens inside one review where every chosen unit is above the
threshold; being maximal, the token before it has at least one of them off. Runs closest
in length to the selected span come first, then the ones whose units clear the threshold
by the widest margin; one match per review, so the list shows different reviews.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.inside.states import ValidationStates

PAD = 6  # tokens shown either side of a match


@dataclass(frozen=True)
class Match:
    """One run of tokens [start, stop) of validation review `review`."""

    review: int
    start: int  # token positions within the review
    stop: int  # exclusive
    label: int  # the review's label, 1 = positive
    p: float  # the model's P(positive) on the review's tokens kept
    margin: float  # mean over the run of the chosen units' smallest value minus the threshold
    first: int  # position in the review of window[0]
    window: tuple[str, ...]  # the run's tokens with up to PAD tokens either side


def runs(on: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and (exclusive) stops of the maximal runs of True in on (N,), never crossing
    a review's boundary (offsets (R + 1,))."""
    first = np.zeros(len(on), bool)
    first[offsets[:-1][offsets[:-1] < len(on)]] = True  # a review's first token
    prev = np.concatenate([[False], on[:-1]])
    starts = np.flatnonzero(on & (~prev | first))
    last = np.zeros(len(on), bool)
    last[offsets[1:][offsets[1:] > 0] - 1] = True  # a review's last token
    nxt = np.concatenate([on[1:], [False]])
    stops = np.flatnonzero(on & (~nxt | last)) + 1
    return starts, stops


def search(
    s: ValidationStates,
    which: str,
    units,
    threshold: float,
    length: int,
    itos,
    top: int = 8,
) -> list[Match]:
    """The top runs where all units of state `which` exceed threshold, nearest to length;
    itos turns the ids of each match's window into tokens."""
    units = np.asarray(units, dtype=np.int64)
    if not units.size or not len(s):
        return []
    low = s.state(which)[:, units].min(axis=1).astype(np.float32)  # (N,)
    starts, stops = runs(low > threshold, s.offsets)
    if not starts.size:
        return []
    sums = np.concatenate([[0.0], np.cumsum(low - threshold, dtype=np.float64)])
    margin = (sums[stops] - sums[starts]) / (stops - starts)
    order = np.lexsort((-margin, np.abs((stops - starts) - length)))
    review = np.searchsorted(s.offsets, starts, side="right") - 1
    out, seen = [], set()
    for k in order:
        r = int(review[k])
        if r in seen:
            continue
        seen.add(r)
        a, b = int(starts[k] - s.offsets[r]), int(stops[k] - s.offsets[r])
        first, window = s.window(itos, r, a, b, PAD)
        out.append(Match(r, a, b, int(s.labels[r]), float(s.p[r]), float(margin[k]), first, window))
        if len(out) == top:
            break
    return out
