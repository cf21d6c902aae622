"""Numbers as the site prints them: one function per way of writing a number.

- `decimals`: tables of the lecture pages, rounded to a few decimals ("-0.1333", "2").
- `slide`: the calculator's worked lines, the slides' 3 decimals; a number those decimals
  cannot show (huge, or too small) in 3 significant digits.
- `worked`: `slide`, but a number too small for its decimals keeps as many significant
  digits as it was asked decimals (the calculator's terms, whose products must add up).
- `significant`: quantities that span magnitudes (probabilities, perplexities, gradient
  norms), 4 significant digits, ∞ written as ∞.
- `grouped`: counts, thousands grouped as the reader's language writes them.
None of them writes "-0".
"""

from __future__ import annotations

import math


def _strip(text: str) -> str:
    """Trailing zeros (and a bare point) dropped; "-0" is "0"."""
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def decimals(x: float, nd: int = 4) -> str:
    """x rounded to nd decimals, trailing zeros dropped ("0.2", "-0.1333", "2"); NaN is ""."""
    x = float(x)
    if math.isnan(x):
        return ""
    return _strip(f"{round(x, nd) + 0.0:.{nd}f}")


def slide(x: float, nd: int = 3, tiny_digits: int = 3) -> str:
    """x the way the slides print it: nd decimals, no trailing zeros ("5.95", "0.997").

    A number nd decimals would show as 0 keeps tiny_digits significant digits; a huge one
    (or inf, NaN) 3, so that a line stays short.
    """
    x = float(x)
    if x != 0 and abs(x) < 0.5 * 10**-nd:
        return f"{x:.{tiny_digits}g}"
    if not abs(x) < 1e6:
        return f"{x:.3g}"
    return _strip(f"{x:.{nd}f}")


def worked(x: float, nd: int = 3) -> str:
    """slide(x, nd), a tiny number keeping nd significant digits."""
    return slide(x, nd, tiny_digits=nd)


def significant(x: float) -> str:
    """4 significant digits ("0.3333", "3.255e-07"); 0, ∞ and -∞ written plainly."""
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == 0:
        return "0"
    return f"{x:.4g}"


def grouped(x: float, lang: str, nd: int = 0) -> str:
    """Thousands grouped as each language writes them: 17.996 (vi), 17,996 (en)."""
    s = f"{x:,.{nd}f}"
    return s.translate(str.maketrans(",.", ".,")) if lang == "vi" else s
