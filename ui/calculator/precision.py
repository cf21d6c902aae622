"""How many decimals a worked line needs for its printed numbers to add up.

Lines are computed exactly and printed rounded. At 3 decimals (the slides' precision)
the rounded factors may miss the printed product: "0.997×2 = 1.995" (f is 0.9974) reads
as a mistake to a student redoing it by hand. Each line therefore asks for the fewest
decimals, 3 or more, at which redoing its arithmetic on the printed numbers gives the
printed result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ui.format import worked

LEAST, MOST = 3, 9


def shown(v: float, nd: int) -> float:
    """The number a reader sees at nd decimals."""
    return float(worked(v, nd))


def agrees(value: float, target: float, nd: int) -> bool:
    """value prints as target does at nd decimals."""
    return worked(value, nd) == worked(target, nd)


def enough(holds: Callable[[int], bool], least: int = LEAST) -> int:
    """The fewest decimals (least or more) at which the line holds.

    When none does (a sum that overflows, a tie at every precision), least: more digits
    would only make the line longer.
    """
    return next((nd for nd in range(least, MOST + 1) if holds(nd)), least)


def sig(v: float) -> float:
    return 0.5 * (1.0 + math.tanh(v / 2.0))  # never overflows, unlike 1 / (1 + e^-v)


ACTIVATION: dict[str, Callable[[float], float]] = {
    "sigmoid": sig,
    "tanh": math.tanh,
    "relu": lambda v: max(v, 0.0),
}


def argument_decimals(activation: str, pre: float, act: float) -> int:
    """Decimals of pre so that the activation of the printed pre prints as act."""
    f = ACTIVATION[activation]
    return enough(lambda nd: agrees(f(shown(pre, nd)), act, LEAST))


def sum_decimals(values: Sequence[float], total: float, nd_total: int) -> int:
    """Decimals of the terms so that the printed terms add up to the printed total."""
    return enough(lambda nd: agrees(sum(shown(v, nd) for v in values), total, nd_total), nd_total)


def affine_decimals(
    pairs: Sequence[tuple[float, float]], biases: Sequence[float], total: float, nd_total: int
) -> int:
    """Decimals for w×x + ... + b so that the printed weights, inputs and biases give total."""

    def holds(nd: int) -> bool:
        got = sum(shown(w, nd) * shown(x, nd) for w, x in pairs) + sum(shown(b, nd) for b in biases)
        return agrees(got, total, nd_total)

    return enough(holds, nd_total)
