"""How tall the lecture pages' tables are drawn."""

from __future__ import annotations

ROW_PX = 35  # a dataframe row (and its header) in Streamlit 1.67


def table_height(rows: int, most: int = 16) -> int:
    """Pixels that show `rows` rows without an inner scroll bar (up to `most` rows)."""
    return ROW_PX * (min(rows, most) + 1) + 3
