"""The settings a visitor may type, held to their limits: one rule for every page's config."""

from __future__ import annotations

import math


def out_of_range(config, limits: dict[str, tuple[float, float]]) -> dict | None:
    """config's first field outside its (low, high), as an error's params (field, low, high,
    value); None when every field is within. A whole-number limit asks for a whole number."""
    for name, (low, high) in limits.items():
        value = getattr(config, name)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and isinstance(low, int):
            ok = float(value).is_integer()
        if not ok or not math.isfinite(value) or not low <= value <= high:
            return {"field": name, "low": low, "high": high, "value": value}
    return None


def message(bad: dict) -> str:
    """The developer's line for an out-of-range field (the visitor's words are ui's)."""
    return f"{bad['field']} = {bad['value']!r} is outside [{bad['low']}, {bad['high']}]"
