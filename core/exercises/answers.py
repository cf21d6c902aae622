"""A typed answer read as a number and checked against the expected value.

Students write decimals as their language does: "2,95" (Vietnamese) and "2.95" are the same
answer. A number within TOLERANCE of the exact value is right: the worked lines round every
step to three decimals, and a student who rounds as they do lands within 0.01.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.errors import CoreError

TOLERANCE = 0.01
# Binary floats: 0.997 - 0.987 is 0.010000000000000009, which a student meant as 0.01.
_SLACK = 1e-9
SHOWN_CHARS = 20  # a bad answer's text is quoted up to this many characters
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # a pasted minus sign or dash


def parse_answer(text: str) -> float | None:
    """The number typed, None when nothing is; CoreError "exercise_not_a_number" otherwise."""
    s = str(text or "").replace("\u200b", "").strip().translate(_MINUS).replace(" ", "")
    if not s:
        return None
    if s.count(",") == 1 and "." not in s:  # the decimal comma
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        shown = s if len(s) <= SHOWN_CHARS else s[:SHOWN_CHARS] + "…"
        raise CoreError("exercise_not_a_number", f"{shown!r} is not a number", text=shown)
    return value


def close_enough(value: float, expected: float) -> bool:
    """Within TOLERANCE of the expected value, the edge itself included."""
    return abs(value - expected) <= TOLERANCE + _SLACK


@dataclass(frozen=True)
class Checked:
    """One typed answer checked: right, wrong, left empty, or not a number (error)."""

    name: str  # which value: "f", "h_2", "p", "pp"
    text: str  # what was typed
    expected: float
    value: float | None = None
    error: CoreError | None = None

    @property
    def answered(self) -> bool:
        return self.value is not None

    @property
    def right(self) -> bool:
        return self.value is not None and close_enough(self.value, self.expected)


def check(name: str, text: str, expected: float) -> Checked:
    """What the student typed for `name`, read and held to the expected value."""
    try:
        value = parse_answer(text)
    except CoreError as err:
        return Checked(name, str(text), float(expected), error=err)
    return Checked(name, str(text), float(expected), value)


def check_all(expected: dict[str, float], typed: dict[str, str]) -> tuple[Checked, ...]:
    """Every value of an exercise checked, in the exercise's order."""
    return tuple(check(name, typed.get(name, ""), v) for name, v in expected.items())
