"""Slide 28's picture: the gradient input * w^n after n unrolled steps, each scaling it by w."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.gradients import limits
from core.gradients.limits import BadInput, Problem

SLIDE_WS = (0.5, 2.0)  # slide 28's two weights: a gradient that vanishes, one that explodes


@dataclass(frozen=True)
class ScalarSeries:
    """input * w^k for k = 0..n, the slide-28 picture."""

    x0: float
    w: float
    n: int
    steps: np.ndarray  # (n+1,) k
    log10_abs: np.ndarray  # (n+1,) log10|x0 w^k|; -inf where exactly 0
    values: np.ndarray  # (n+1,) x0 w^k in float64; +-inf past the range, 0 below it
    exploded: np.ndarray  # (n+1,) bool, |x0 w^k| > float64 max
    vanished: np.ndarray  # (n+1,) bool, |x0 w^k| < VANISH_FLOOR (0 included)


def scalar_series(x0: float, w: float, n: int) -> ScalarSeries:
    """The slide's gradient after k unrolled steps, each scaling it by w."""
    problems = {}
    if not limits.finite(x0):
        problems["x0"] = Problem("not_finite", got=x0)
    if not limits.finite(w):
        problems["w"] = Problem("not_finite", got=w)
    if (p := limits.int_in_range(n, 0, limits.MAX_SCALAR_STEPS)) is not None:
        problems["n"] = p
    if problems:
        raise BadInput(problems)
    x0, w, n = float(x0), float(w), int(n)
    k = np.arange(n + 1)
    # In log space the value never overflows, so we know exactly where float64 would.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_x0 = math.log10(abs(x0)) if x0 != 0 else -math.inf
        log_w = math.log10(abs(w)) if w != 0 else -math.inf
        log10_abs = np.where(k == 0, log_x0, log_x0 + k * log_w)
    log10_abs = np.where(np.isnan(log10_abs), -math.inf, log10_abs)  # 0 * -inf: x0 = 0
    sign = np.where((w < 0) & (k % 2 == 1), -1.0, 1.0) * math.copysign(1.0, x0)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        direct = x0 * np.power(w, k.astype(np.float64))  # float64's own answer
        from_log = sign * np.power(10.0, np.minimum(log10_abs, limits.LOG10_MAX))
    # log10 decides far from the edge; at the edge (2^1024 vs 1.797e308) float64 itself does.
    exploded = (log10_abs > limits.LOG10_MAX + 1e-9) | (
        ~np.isfinite(direct) & (log10_abs > limits.LOG10_MAX - 1e-9)
    )
    vanished = log10_abs < math.log10(limits.VANISH_FLOOR)
    values = np.where(exploded, sign * np.inf, np.where(np.isfinite(direct), direct, from_log))
    return ScalarSeries(x0, w, n, k, log10_abs, values, exploded, vanished)


def with_slide(x0: float, w: float, n: int) -> list[ScalarSeries]:
    """The series of w, then those of slide 28's weights (SLIDE_WS) that are not w, from the
    same input over the same n steps: the slide shows both at once."""
    mine = scalar_series(x0, w, n)
    return [mine, *(scalar_series(x0, ws, n) for ws in SLIDE_WS if ws != mine.w)]
