"""Slide 28's scalar view, input * w^n, against float64 itself and its limits."""

import math

import numpy as np
import pytest

from core.gradients import VANISH_FLOOR, BadInput, scalar_series, with_slide


def test_scalar_series_is_input_times_w_to_the_n():
    s = scalar_series(3.0, 0.5, 60)
    np.testing.assert_allclose(s.values, 3.0 * 0.5 ** np.arange(61), rtol=1e-12)
    s = scalar_series(-1.5, -2.0, 7)
    np.testing.assert_allclose(s.values, -1.5 * (-2.0) ** np.arange(8), rtol=1e-12)


def test_scalar_series_flags_overflow_and_underflow_where_float64_would():
    up = scalar_series(1.0, 2.0, 2000)
    assert not up.exploded[1023] and up.exploded[1024]  # 2^1024 > 1.8e308
    assert np.isinf(up.values[1024]) and up.log10_abs[2000] == pytest.approx(2000 * math.log10(2))
    down = scalar_series(1.0, 0.5, 2000)
    first = int(np.argmax(down.vanished))
    assert 0.5**first < VANISH_FLOOR <= 0.5 ** (first - 1)
    zero = scalar_series(2.0, 0.0, 5)
    assert zero.values[0] == 2.0 and zero.vanished[1:].all() and not zero.vanished[0]


@pytest.mark.parametrize(
    "args,field",
    [
        ((1.0, math.nan, 5), "w"),
        ((math.inf, 0.5, 5), "x0"),
        ((1.0, 0.5, -1), "n"),
        ((1.0, 0.5, 2001), "n"),
        ((1.0, 0.5, 2.5), "n"),
    ],
)
def test_scalar_series_refuses_bad_values(args, field):
    with pytest.raises(BadInput) as e:
        scalar_series(*args)
    assert field in e.value.problems
    assert e.value.problems[field].code in ("not_finite", "out_of_range", "not_integer")


def test_with_slide_adds_slide_28s_weights_that_are_not_the_readers():
    mine, half, double = with_slide(3.0, 0.9, 40)
    assert (mine.w, half.w, double.w) == (0.9, 0.5, 2.0)
    assert half.x0 == double.x0 == 3.0 and half.n == double.n == 40
    assert double.values[40] == 3.0 * 2.0**40 and half.values[40] == 3.0 * 0.5**40
    assert [s.w for s in with_slide(1.0, 0.5, 10)] == [0.5, 2.0]  # w = 0.5 is not drawn twice
    with pytest.raises(BadInput):
        with_slide(1.0, float("nan"), 10)
