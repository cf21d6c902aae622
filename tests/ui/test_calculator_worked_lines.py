"""Every worked line holds at the precision it prints: redo its arithmetic on the shown numbers.

A student checks "0.997×2 = 1.995" with a pencil and finds 1.994, so a line whose factors
are rounded more than its products reads as a mistake. Each "A = B" of a line is read
back as numbers: where B is a number, A computed from its printed numbers rounds to it;
where B is a sum of as many terms as A, each term of A rounds to its term of B.
"""

import math
import re

import numpy as np
import pytest

from core.calculator.loss import seeded_head
from core.calculator.tables import preset_tables, random_tables
from core.calculator.trace import calculate, calculate_head
from ui.calculator import lines
from ui.calculator.loss import logit_lines, loss_lines, softmax_lines

NUMBER = r"\d+(?:\.\d+)?(?:e[+-]?\d+)?"
FUNCS = {
    "sig": np.vectorize(lambda v: 0.5 * (1 + math.tanh(v / 2))),
    "tanh": np.tanh,
    "relu": lambda v: np.maximum(np.asarray(v, dtype=float), 0),
    "exp": np.exp,
    "log": np.log,
    "max": max,
}
SPELLING = (("×", "*"), ("−", "-"), ("σ(", "sig("), ("ReLU(", "relu("), ("e^(", "exp("))


def _python(segment: str) -> str | None:
    """The segment as a Python expression, or None when it names symbols (c_t, f⊙c_(t-1))."""
    s = segment.strip()
    for a, b in SPELLING:
        s = s.replace(a, b)
    words = set(re.findall(r"[A-Za-z_]\w*", re.sub(NUMBER, "0", s)))
    if not words <= set(FUNCS) or re.search(r"[^\w\s.+\-*/(),\[\]]", s):
        return None
    return s


def _value(expr: str) -> np.ndarray:
    return np.atleast_1d(np.asarray(eval(expr, {"__builtins__": {}}, FUNCS), dtype=float))  # noqa: S307 - our own digits


def _tolerance(literal: str) -> float:
    """Half a unit in the last place the literal prints (3 decimals at least: fmt drops zeros)."""
    decimals = max([len(d) for d in re.findall(r"\.(\d+)", literal)] + [3])
    return 0.5 * 10.0**-decimals + 1e-12


def _terms(expr: str) -> list[str]:
    """Top-level terms of a sum, signs kept: "a×b - c" -> ["a×b", "-c"]."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(expr):
        depth += ch in "([" and 1 or (ch in ")]" and -1 or 0)
        if depth == 0 and expr[k : k + 3] in (" + ", " - ") and k > start:
            out.append(expr[start:k])
            start = k + 1
    out.append(expr[start:])
    return [t.replace(" ", "") for t in out]


def _literal(s: str) -> bool:
    return re.fullmatch(rf"\[?-?{NUMBER}(, -?{NUMBER})*\]?", s) is not None


def broken_steps(line: str) -> list[str]:
    """Every "A = B" of the line that does not hold at B's printed precision."""
    segments = re.sub(r"^\[\d+\] ", "", line).split(" = ")
    bad = []
    for a, b in zip(segments, segments[1:], strict=False):
        pa, pb = _python(a), _python(b)
        if pa is None or pb is None:
            continue
        if _literal(b.strip()):
            pairs = [(pa, pb)]
        else:
            ta, tb = _terms(pa), _terms(pb)
            if len(ta) != len(tb) or not all(_literal(t.lstrip("+")) for t in tb):
                continue
            pairs = list(zip(ta, tb, strict=True))
        for x, y in pairs:
            got, want = _value(x), _value(y.lstrip("+"))
            if np.any(np.abs(got - want) > _tolerance(y)):
                bad.append(f"{x} = {y} (is {got})")
    return bad


def _worked_lines(calc, heads=()):
    for k in range(1, len(calc.steps) + 1):
        for g in lines.gate_lines(calc, k):
            yield from (*g.lines, *g.act_lines)
        yield from lines.state_lines(calc, k)
    for head in heads:
        ht = calculate_head(calc, head).trace
        yield from (*logit_lines(ht), *softmax_lines(ht), *loss_lines(ht))


def test_the_checker_catches_rounded_factors_and_passes_honest_lines():
    assert broken_steps("c_t = f⊙c_(t-1) + i⊙g = 0.997×2 + 0.986×0.966 = 1.995 + 0.953 = 2.948")
    assert broken_steps("h_t = o⊙tanh(c_t) = 0.992×0.995 = 0.986")
    assert broken_steps("σ(0.5) = 0.6")
    assert not broken_steps("c_t = 0.9974×2 + 0.9862×0.9661 = 1.995 + 0.953 = 2.948")
    assert not broken_steps("[2] 1×0 + 1×1 + 1×0 + 1 + 0×0 + 1×0 + 1 = 3")
    assert not broken_steps("L = log Σ e^(z_j) − z_1 = 0.363 − (-1) = 1.363")


@pytest.mark.parametrize("preset", ["lstm_slide", "rnn_slide"])
def test_the_slide_examples_worked_lines_hold_as_printed(preset):
    calc = calculate(preset_tables(preset))
    heads = [seeded_head(3, 2)] if calc.kind == "rnn" else []
    found = [(x, broken_steps(x)) for x in _worked_lines(calc, heads)]
    assert [f for f in found if f[1]] == []


def test_the_lstm_cell_line_shows_the_factors_that_give_its_products():
    calc = calculate(preset_tables("lstm_slide"))
    assert lines.state_lines(calc, 1)[0] == (
        "c_t = f⊙c_(t-1) + i⊙g = 0.9974×2 + 0.9862×0.9661 = 1.995 + 0.953 = 2.948"
    )


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("kind", "act"), [("lstm", ""), ("rnn", "relu"), ("rnn", "tanh")])
def test_random_exercises_worked_lines_hold_as_printed(kind, act, seed):
    calc = calculate(random_tables(kind, 2, 2, 3, seed, act or "relu"))
    heads = [seeded_head(3, 2, seed, y=seed % 3)] if kind == "rnn" else []
    found = [(x, broken_steps(x)) for x in _worked_lines(calc, heads)]
    assert [f for f in found if f[1]] == []


def test_the_slides_own_rounded_lines_are_kept_as_the_slides_print_them():
    r = calculate(preset_tables("lstm_slide")).rounding
    assert lines.slide_c_line(r) == "c_t = 0.997×2 + 0.986×0.966 = 1.994 + 0.952 = 2.946"
    assert not broken_steps(lines.slide_c_line(r))
    assert not broken_steps(lines.erratum(r)[1])
