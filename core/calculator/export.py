"""The whole trace as a table and a CSV: every intermediate of every step, full precision.

Column and quantity names are stable English identifiers (a spreadsheet's, not a
reader's): t, quantity, unit_1..unit_H; quantities h_prev, f.pre, c, ...
"""

from __future__ import annotations

import csv
import io

import numpy as np

from core.calculator.tables import short_repr

SLIDE_ORDER = ("f", "i", "g", "o")  # the slides build the cell forget gate first


def trace_table(kind: str, steps) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """Every intermediate of every step as rows (t, quantity, unit 1..H), full precision."""
    H = len(steps[0].h) if steps else 1
    cols = ("t", "quantity") + tuple(f"unit_{j}" for j in range(1, H + 1))
    rows = []

    def add(t, name, a):
        rows.append((t, name, *(float(x) for x in np.ravel(a))))

    for s in steps:
        add(s.t, "h_prev", s.h_prev)
        if kind == "lstm":
            add(s.t, "c_prev", s.c_prev)
            trs = [s.gates[g] for g in SLIDE_ORDER]
        else:
            trs = [s.update]
        for tr in trs:
            for part in ("Wx_x", "b_x", "Wh_h", "b_h", "pre", "act"):
                add(s.t, f"{tr.name}.{part}", getattr(tr, part))
        if kind == "lstm":
            for part in ("f_c_prev", "i_g", "c", "tanh_c"):
                add(s.t, part, getattr(s, part))
        add(s.t, "h", s.h)
    return cols, tuple(rows)


def to_csv(cols, rows) -> bytes:
    """UTF-8 CSV with repr-exact floats, so a spreadsheet gets every digit."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([short_repr(x) if isinstance(x, float) else x for x in r])
    return buf.getvalue().encode("utf-8")
