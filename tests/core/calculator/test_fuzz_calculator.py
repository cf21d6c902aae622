"""Property-based fuzzing of the calculator's input parsing and its one call, `calculate`.

Whatever a visitor types into a table cell or a share link (any float, NaN, inf,
subnormal, 1e308, any Unicode text) gives either finite traces or per-cell errors
that say what is wrong: never an exception.
"""

from __future__ import annotations

import math
import re

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.calculator.parse import CellError, parse_number
from core.calculator.share import ShareCodeError, decode, encode
from core.calculator.tables import FIELDS, SIZE_LIMITS, Tables
from core.calculator.trace import calculate
from ui.calculator.diagram import cell_dot
from ui.calculator.lines import gate_lines, state_lines
from ui.calculator.words import field_error, share_error
from ui.i18n import LANGS, error_text

# Examples per property; README's testing figures are derived from these.
N_NUMBER = 400
N_TABLES = 200
N_CODES = 300
FUZZ_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any float a data editor or a keyboard can produce, edge values made likely.
any_float = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.sampled_from([1e308, -1e308, 1.7976931348623157e308, 5e-324, -0.0, 1e-320, 1e300]),
)
any_text = st.text(max_size=40)
number_like = st.one_of(
    any_float.map(repr),
    any_float.map(lambda v: f"{v:g}"),
    st.sampled_from(["nan", "inf", "-inf", "1,5", " 2 ", "", "1e309", "0x10", "1_000", "٣"]),
)
cell_value = st.one_of(any_float, number_like, any_text, st.none(), st.integers(-(10**30), 10**30))


@settings(max_examples=N_NUMBER, **FUZZ_SETTINGS)
@given(st.one_of(any_float, any_text, number_like, st.none(), st.integers()))
def test_parse_number_gives_a_finite_float_or_a_message(value):
    try:
        v = parse_number(value)
    except CellError as e:
        for lang in LANGS:  # worded in both languages, never a KeyError
            assert error_text(e, lang).strip()
    else:
        assert isinstance(v, float) and math.isfinite(v)


def _parses(value) -> bool:
    try:
        parse_number(value)
    except CellError:
        return False
    return True


@settings(max_examples=N_NUMBER, **FUZZ_SETTINGS)
@given(any_float)
def test_parse_number_keeps_every_finite_float_exactly(x):
    if math.isfinite(x):
        v = parse_number(x)
        assert v == x
        assert math.copysign(1, v) == math.copysign(1, x)  # -0.0 stays -0.0
        assert parse_number(repr(x)) == x  # the text form too
    else:
        assert not _parses(x)


@st.composite
def tables(draw):
    """Grids of any cell values, mostly of a valid shape, sometimes out of range or ragged."""
    kind = draw(st.sampled_from(["lstm", "rnn"]))
    nl = "" if kind == "lstm" else draw(st.sampled_from(["relu", "tanh"]))
    I = draw(st.integers(*SIZE_LIMITS["I"]))
    H = draw(st.integers(*SIZE_LIMITS["H"]))
    T = draw(st.integers(SIZE_LIMITS["T"][0], SIZE_LIMITS["T"][1] + 1))  # T=7: out of range
    nb, S = (4, 2) if kind == "lstm" else (1, 1)
    shapes = {
        "W_x": (nb * H, I),
        "W_h": (nb * H, H),
        "b": (nb * H, 2),
        "X": (T, I),
        "state": (S, H),
    }
    # Mostly clean numbers so that valid runs are common; edge values often enough.
    value = st.one_of(st.floats(-3, 3), cell_value) if draw(st.booleans()) else any_float
    grids = {
        name: tuple(tuple(draw(value) for _ in range(c)) for _ in range(r))
        for name, (r, c) in shapes.items()
    }
    if draw(st.integers(0, 9)) == 0:  # a ragged row
        name = draw(st.sampled_from(FIELDS))
        grids[name] = grids[name][:-1] + (grids[name][-1] + ("1",),)
    return Tables(kind, nl, grids)


def _step_arrays(step):
    gates = getattr(step, "gates", None) or {"h": step.update}
    for g in gates.values():
        yield from (g.Wx_x, g.b_x, g.Wh_h, g.b_h, g.pre, g.act)
    yield step.h
    for name in ("c", "tanh_c", "f_c_prev", "i_g"):
        if hasattr(step, name):
            yield getattr(step, name)


@settings(max_examples=N_TABLES, **FUZZ_SETTINGS)
@given(tables())
def test_calculate_gives_finite_traces_or_clear_errors(t):
    calc = calculate(t)
    cells = [v for g in t.grids.values() for row in g for v in row]
    event("errors" if calc.errors else "finite trace")
    if calc.errors:
        assert not calc.steps
        for e in calc.errors:
            assert e.field in FIELDS and str(e).strip()
            for lang in LANGS:
                assert field_error(e, t, lang).strip()
        return
    # No error only when every cell really is a finite number.
    assert all(_parses(v) for v in cells)
    I, H, T = t.sizes
    assert len(calc.steps) == T
    for step in calc.steps:
        for a in _step_arrays(step):
            assert np.all(np.isfinite(a)), (step.t, a)
    # What the page prints is finite too: huge values are clamped, never 'inf' or 'nan'.
    for k in range(1, T + 1):
        lines = [*state_lines(calc, k), cell_dot(calc, k, "en")]
        lines += [x for g in gate_lines(calc, k) for x in (*g.lines, *g.act_lines)]
        for line in lines:
            assert not re.search(r"\b(inf|nan)\b", line, re.IGNORECASE), line
    calc.csv.decode("utf-8")
    assert len(calc.table_rows) > 0
    # The share link holds exactly these numbers.
    assert encode(decode(calc.share_code)) == calc.share_code


@settings(max_examples=N_CODES, **FUZZ_SETTINGS)
@given(
    st.one_of(
        st.text(max_size=80),
        st.from_regex(r"[LRT][0-9]{3}_[-0-9.e_naif]{0,60}", fullmatch=True),
    )
)
def test_a_share_code_from_any_link_decodes_or_says_why(code):
    try:
        t = decode(code)
    except ShareCodeError as e:
        assert str(e).strip()
        for lang in LANGS:
            assert share_error(e, lang).strip()
        return
    calc = calculate(t)
    assert not calc.errors  # decode accepts only codes whose every number parses
    assert encode(t) == calc.share_code
