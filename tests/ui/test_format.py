"""The site's ways of writing a number, each checked against the rule its docstring states."""

import math

import pytest

from ui.format import decimals, grouped, significant, slide, worked


def test_decimals_round_drop_trailing_zeros_and_never_write_minus_zero():
    got = [decimals(v) for v in (0.2, -0.13333333, 2.0, -0.0, -1e-9, 0.56789)]
    assert got == ["0.2", "-0.1333", "2", "0", "0", "0.5679"]
    assert decimals(1 / 3, 2) == "0.33" and decimals(2.5, 0) == "2"
    assert decimals(float("nan")) == ""


def test_slide_prints_three_decimals_and_short_forms_beyond_them():
    assert [slide(v) for v in (5.95, 0.99740, 1.0005, -0.0004, -0.0005)] == [
        "5.95",
        "0.997",
        "1",  # 1.0005 is 1.000499999... in binary
        "-0.0004",  # too small for 3 decimals: 3 significant digits
        "-0.001",
    ]
    assert [slide(v) for v in (1e300, -2.5e6, math.inf, 0.0, -0.0)] == [
        "1e+300",
        "-2.5e+06",
        "inf",
        "0",
        "0",
    ]
    assert slide(0.98623, 5) == "0.98623"


def test_worked_keeps_as_many_significant_digits_as_decimals_for_tiny_numbers():
    tiny = 1.23456789e-7
    assert slide(tiny, 5) == "1.23e-07" and worked(tiny, 5) == "1.2346e-07"
    # Where the decimals can show the number, worked and slide agree.
    for v in (5.95, -0.32, 0.9974, 123.456):
        assert [worked(v, nd) for nd in (3, 4, 5)] == [slide(v, nd) for nd in (3, 4, 5)]


def test_significant_keeps_four_digits_and_spells_infinity():
    assert [significant(v) for v in (0.5, 1 / 3, 0.0, 24**0.25)] == ["0.5", "0.3333", "0", "2.213"]
    assert significant(3.2552e-7) == "3.255e-07"
    assert significant(0.5**50) == "8.882e-16"  # 8.8817842e-16
    assert significant(123456.7) == "1.235e+05"
    assert (significant(math.inf), significant(-math.inf)) == ("∞", "-∞")


@pytest.mark.parametrize(
    ("lang", "whole", "tenth"), [("vi", "17.996", "1.234,6"), ("en", "17,996", "1,234.6")]
)
def test_grouped_writes_thousands_as_each_language_does(lang, whole, tenth):
    assert grouped(17996, lang) == whole
    assert grouped(1234.56, lang, 1) == tenth
