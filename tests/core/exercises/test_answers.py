"""Typed answers: both decimal separators, text that is not a number, the 0.01 edges."""

import pytest

from core.errors import CoreError
from core.exercises.answers import TOLERANCE, check, check_all, close_enough, parse_answer


@pytest.mark.parametrize(
    "text,value",
    [
        ("2.95", 2.95),
        ("2,95", 2.95),
        (" -0,5 ", -0.5),
        ("\u22120.5", -0.5),  # a pasted minus sign
        ("3", 3.0),
        ("1e-3", 0.001),
        ("0,997", 0.997),
    ],
)
def test_either_decimal_separator_is_read(text, value):
    assert parse_answer(text) == pytest.approx(value, abs=1e-15)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_nothing_typed_is_no_answer(text):
    assert parse_answer(text) is None


@pytest.mark.parametrize("text", ["abc", "2,9,5", "1,5.2", "nan", "inf", "0.5.1", "½"])
def test_text_that_is_not_a_number_is_named_with_what_was_typed(text):
    with pytest.raises(CoreError) as err:
        parse_answer(text)
    assert err.value.code == "exercise_not_a_number"
    assert err.value.params["text"] == text


def test_a_long_bad_answer_is_quoted_short():
    with pytest.raises(CoreError) as err:
        parse_answer("x" * 100)
    assert err.value.params["text"] == "x" * 20 + "…"


@pytest.mark.parametrize(
    "typed,expected,right",
    [
        (0.987, 0.997, True),  # exactly 0.01 below, in binary floats a hair over
        (1.007, 0.997, True),
        (0.9869, 0.997, False),
        (1.0071, 0.997, False),
        (-0.5, -0.51, True),
        (-0.4999, -0.51, False),
        (0.0, 0.0, True),
    ],
)
def test_the_tolerance_edges(typed, expected, right):
    assert TOLERANCE == 0.01
    assert close_enough(typed, expected) is right


def test_check_records_right_wrong_empty_and_bad():
    expected = {"f": 0.997, "i": 0.5, "g": -0.25, "o": 0.1}
    got = check_all(expected, {"f": "0,99", "i": "0.6", "g": "", "o": "zero"})
    assert [c.name for c in got] == ["f", "i", "g", "o"]
    f, i, g, o = got
    assert f.right and f.answered and f.value == 0.99
    assert i.answered and not i.right
    assert not g.answered and not g.right and g.error is None
    assert o.error is not None and o.error.code == "exercise_not_a_number" and not o.right
    assert check("p", "2,95", 2.95).right and check("p", "2.95", 2.95).right
