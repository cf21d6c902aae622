"""Numbers as the lecture pages print them: short, no trailing zeros, never "-0"."""

from __future__ import annotations

import math


def num(x: float, digits: int = 4) -> str:
    """x rounded to `digits` decimals, trailing zeros dropped ("0.2", "-0.1333", "2")."""
    x = float(x)
    if math.isnan(x):
        return ""
    text = f"{round(x, digits) + 0.0:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


ROW_PX = 35  # a dataframe row (and its header) in Streamlit 1.67


def table_height(rows: int, most: int = 16) -> int:
    """Pixels that show `rows` rows without an inner scroll bar (up to `most` rows)."""
    return ROW_PX * (min(rows, most) + 1) + 3
