"""The units a span of a review turns on: above a threshold over the span, below just before."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import CoreError


@dataclass(frozen=True)
class Selection:
    """The units on over tokens start..stop-1 and off at token start-1 (before the first
    token every state is 0)."""

    start: int
    stop: int  # exclusive
    threshold: float
    units: np.ndarray  # (k,) unit numbers, the largest margin first
    margin: np.ndarray  # (k,) the unit's smallest value over the span minus the threshold


def check_span(start: int, stop: int, length: int) -> None:
    """Raise a CoreError unless 0 <= start < stop <= length."""
    if not 0 <= start < stop <= length:
        raise CoreError("inside_span", f"span {start}..{stop} of {length}", n=length)


def select_units(state: np.ndarray, start: int, stop: int, threshold: float) -> Selection:
    """Units of state (T, H) above threshold at every token of [start, stop) and at or
    below it at token start-1."""
    T, H = state.shape
    check_span(start, stop, T)
    low = state[start:stop].min(axis=0)  # (H,)
    before = state[start - 1] if start > 0 else np.zeros(H)  # (H,)
    on = (low > threshold) & (before <= threshold)
    units = np.flatnonzero(on)
    margin = (low[units] - threshold).astype(np.float64)
    order = np.argsort(-margin, kind="stable")
    return Selection(start, stop, float(threshold), units[order], margin[order])
