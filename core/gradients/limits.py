"""What the gradient explorer accepts: its limits, and the error naming each field outside them."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from core.errors import CoreError

MAX_HIDDEN = 128
MAX_LENGTH = 500
MAX_SCALAR_STEPS = 2000
MAX_SEED = 2**31 - 1  # what a browser's number box holds exactly
INPUT_SIZE = 4  # inputs of the random networks; the calculator's cell brings its own
VANISH_FLOOR = 1e-300  # below this a norm is drawn as "vanished" (log axes cannot show 0)
FLOAT_MAX = float(np.finfo(np.float64).max)
LOG10_MAX = math.log10(FLOAT_MAX)  # ~308.25
ACTIVATIONS = ("tanh", "relu")


class Problem(NamedTuple):
    """What is wrong with one field: a code, and the limits or detail its message needs.

    Codes: "out_of_range" (lo, hi), "not_integer" (lo, hi), "not_finite", "negative",
    "not_positive", "not_one_of" (detail: the choices), and for the calculator's cell
    "cell_kind" (detail: the kind), "cell_params" (detail: the class it needs),
    "cell_not_finite", "cell_hidden_range" (lo, hi, got), "cell_inputs_shape" (detail: shape),
    "cell_inputs_not_finite".
    """

    code: str
    lo: float | None = None
    hi: float | None = None
    got: object = None
    detail: str | None = None


class BadInput(CoreError):
    """Inputs the explorer cannot run on; `problems` maps a field name to its Problem."""

    def __init__(self, problems: dict[str, Problem]):
        self.problems = dict(problems)
        line = "; ".join(f"{k}: {p.code} {p.lo}..{p.hi}" for k, p in self.problems.items())
        super().__init__("gradients_bad_input", line, problems=self.problems)


def finite(x) -> bool:
    """x is a real number, neither inf nor NaN."""
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def is_int(x) -> bool:
    """x is a whole number (an int, or a float with no fraction); bools are not."""
    if isinstance(x, bool):
        return False
    if isinstance(x, (int, np.integer)):
        return True
    return isinstance(x, float) and x.is_integer()


def int_in_range(x, lo: int, hi: int) -> Problem | None:
    """None if x is a whole number in lo..hi, else what is wrong with it."""
    if not is_int(x):
        return Problem("not_integer", lo, hi, got=x)
    if not lo <= x <= hi:
        return Problem("out_of_range", lo, hi, got=x)
    return None
