"""Numbers as the page writes them: short, exact when they are counts, ∞ spelled as ∞."""

from __future__ import annotations

import math


def num(x: float) -> str:
    """4 significant digits; 0, ∞ and tiny values written plainly."""
    if math.isinf(x):
        return "∞"
    if x == 0:
        return "0"
    return f"{x:.4g}" if 1e-4 <= abs(x) < 1e6 else f"{x:.3e}"


def grouped(x: float, lang: str, decimals: int = 0) -> str:
    """Thousands grouped as each language writes them: 17.996 (vi), 17,996 (en)."""
    s = f"{x:,.{decimals}f}"
    return s.translate(str.maketrans(",.", ".,")) if lang == "vi" else s
