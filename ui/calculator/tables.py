"""Labels of the calculator's tables and the DataFrames it shows, in the reader's language.

Column labels are the lecture's notation (x[1], h[1], b_x) in both languages: the
editors' edits are keyed by column name, so a language switch keeps them meaning
the same cell. Row labels may carry words (the gates' names).
"""

from __future__ import annotations

import pandas as pd

from core.calculator.parse import FieldError
from core.calculator.tables import FIELDS, Tables
from core.calculator.trace import Calculation
from core.nn.cells import GATES
from ui.calculator.lines import check_cells
from ui.i18n import t as tr

MATCH = {True: "✓", False: "✗"}
CHECK_COLUMNS = ("slide", "quantity", "printed", "app", "exact", "match")


def gate_name(g: str, lang: str) -> str:
    """The gate's name as the slides title it (forget gate...), in lang."""
    return tr(f"calculator.gate_{g}", lang)


def labels(kind: str, I: int, H: int, T: int, lang: str) -> dict[str, tuple[list, list]]:
    """(row labels, column labels) of every grid."""
    if kind == "lstm":
        rows = [
            f"{g} · {gate_name(g, lang)}" if H == 1 else f"{g}[{j}]"
            for g in GATES
            for j in range(1, H + 1)
        ]
    else:
        rows = [f"h[{j}]" for j in range(1, H + 1)]
    xs = [f"x[{k}]" for k in range(1, I + 1)]
    hs = [f"h[{k}]" for k in range(1, H + 1)]
    bias = ["b_x", "b_h"] if kind == "lstm" else ["b_xh", "b_hh"]
    states = ["h_0", "c_0"] if kind == "lstm" else ["h_0"]
    return {
        "W_x": (rows, xs),
        "W_h": (rows, hs),
        "b": (rows, bias),
        "X": ([f"t={t}" for t in range(1, T + 1)], xs),
        "state": (states, [f"[{j}]" for j in range(1, H + 1)]),
    }


def field_title(name: str, lang: str) -> str:
    """The heading of one editable table ("Input weights W_x")."""
    return tr(f"calculator.field_{name}", lang)


# The header over each grid's row labels: a blank one is a header cell a screen reader
# announces as nothing. The initial state is the state at t = 0, under X's t = 1, 2, ...
ROW_HEADER = {"W_x": "W_x", "W_h": "W_h", "b": "b", "X": "X", "state": "t=0"}


def editor_frames(t: Tables, lang: str) -> dict[str, pd.DataFrame]:
    """One text DataFrame per grid, labelled, for st.data_editor."""
    lab = labels(t.kind, *t.sizes, lang)
    return {
        name: pd.DataFrame(
            [list(r) for r in t.grids[name]],
            index=pd.Index(lab[name][0], name=ROW_HEADER[name]),
            columns=lab[name][1],
            dtype=object,
        )
        for name in FIELDS
    }


def where(e: FieldError, t: Tables, lang: str) -> str:
    """'g · candidate, h[1]': the cell an error is about, by its labels ('' for a table)."""
    rows, cols = labels(t.kind, *t.sizes, lang)[e.field]
    row = rows[e.row] if e.row is not None and e.row < len(rows) else ""
    col = cols[e.col] if e.col is not None and e.col < len(cols) else ""
    return ", ".join(x for x in (row, col) if x)


def checks_frame(calc: Calculation, lang: str) -> pd.DataFrame:
    """The slide-check table: slide, quantity, printed, app, exact, match (notes go below)."""
    cols = [tr(f"calculator.checks_{k}", lang) for k in CHECK_COLUMNS]
    rows = [(c.slide, c.quantity, *check_cells(c), _match(c, lang)) for c in calc.slide_checks]
    return pd.DataFrame(rows, columns=cols)


def _match(c, lang: str) -> str:
    """✓ or ✗; a ✗ the slides' own erratum explains says so (slides 49-50's 1.986)."""
    if c.note == "erratum" and not c.agrees:
        return tr("calculator.checks_erratum", lang, mark=MATCH[False])
    return MATCH[c.agrees]


def trace_frame(calc: Calculation, lang: str) -> pd.DataFrame:
    """The whole trace, full precision; headers in lang (the CSV keeps English ones)."""
    H = len(calc.table_columns) - 2
    cols = [tr("calculator.trace_t", lang), tr("calculator.trace_quantity", lang)]
    cols += [tr("calculator.trace_unit", lang, j=j) for j in range(1, H + 1)]
    return pd.DataFrame(list(calc.table_rows), columns=cols)
