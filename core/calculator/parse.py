"""Text grids -> cell parameters, or one error per bad cell (a code and its params, no prose).

The page keeps the cell's numbers as text (what its editable tables hold), so any typo
reaches this module and comes back as a FieldError naming the grid, row and column;
the presentation layer words it (ui/strings/calculator.toml, keys `error.calc_*`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from core.calculator.presets import LSTMExample, RNNExample
from core.calculator.tables import Tables, shapes, sizes_ok
from core.errors import CoreError
from core.nn.cells import FLOAT_MAX, LSTMParams, RNNParams

SHOWN_CHARS = 20  # a bad cell's text is quoted up to this many characters


class CellError(CoreError):
    """One cell's text is not a finite number: calc_empty_cell, calc_not_a_number, calc_nan,
    calc_infinite."""


@dataclass(frozen=True)
class FieldError:
    """One bad cell (or a bad shape) of one grid; `code` and `params` say what is wrong."""

    field: str  # one of FIELDS
    row: int | None  # 0-based row of the grid; None for the whole table
    col: int | None  # 0-based column; None for the whole row or table
    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.field}[{self.row}, {self.col}]: {self.code} {self.params}"


def parse_number(text) -> float:
    """A finite float from a cell's text or value; raises CellError saying what is wrong."""
    # The table editor hands back a float NaN (not the text 'nan') for a cleared cell.
    if text is None or (isinstance(text, float) and math.isnan(text)):
        raise CellError("calc_empty_cell", "empty cell")
    if isinstance(text, (int, float, np.floating, np.integer)) and not isinstance(text, bool):
        s = repr(float(text))
    else:
        s = str(text).replace("\u200b", "").strip()  # zero-width spaces a paste may carry
    if s == "" or s.lower() in ("none", "<na>"):
        raise CellError("calc_empty_cell", "empty cell")
    # Vietnamese writes 1,5 for 1.5.
    if "," in s and "." not in s and s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        shown = s if len(s) <= SHOWN_CHARS else s[:SHOWN_CHARS] + "…"
        raise CellError("calc_not_a_number", f"{shown!r} is not a number", text=shown) from None
    if math.isnan(v):
        raise CellError("calc_nan", "NaN is not a number")
    if math.isinf(v):
        raise CellError("calc_infinite", "infinite", max=f"{FLOAT_MAX:.3g}")
    return v


def _parse_grid(t: Tables, name: str, shape: tuple[int, int]) -> tuple[np.ndarray, list]:
    grid = t.grids.get(name, ())
    bad_cols = [r for r in grid if len(r) != shape[1]]
    if len(grid) != shape[0] or bad_cols:
        got = (len(grid), len(bad_cols[0]) if bad_cols else shape[1])
        params = dict(got_rows=got[0], got_cols=got[1], rows=shape[0], cols=shape[1])
        return np.zeros(shape), [FieldError(name, None, None, "calc_shape", params)]
    out, errors = np.zeros(shape), []
    for r in range(shape[0]):
        for c in range(shape[1]):
            try:
                out[r, c] = parse_number(grid[r][c])
            except CellError as e:
                errors.append(FieldError(name, r, c, e.code, e.params))
    return out, errors


@dataclass(frozen=True)
class Parsed:
    """Either an example ready to run, or the list of what is wrong with the grids."""

    example: LSTMExample | RNNExample | None
    errors: tuple[FieldError, ...]


def parse_tables(t: Tables) -> Parsed:
    """Grids of text -> cell parameters, inputs and states, or per-cell errors."""
    if t.kind not in ("lstm", "rnn"):
        return Parsed(None, (FieldError("W_x", None, None, "calc_kind", {"kind": t.kind}),))
    I, H, T = t.sizes
    if not sizes_ok(I, H, T):
        return Parsed(None, (FieldError("X", None, None, "calc_sizes", dict(I=I, H=H, T=T)),))
    arrays, errors = {}, []
    for name, shape in shapes(t.kind, I, H, T).items():
        arrays[name], errs = _parse_grid(t, name, shape)
        errors += errs
    if errors:
        return Parsed(None, tuple(errors))
    b = arrays["b"]
    if t.kind == "lstm":
        p = LSTMParams(arrays["W_x"], arrays["W_h"], b[:, 0], b[:, 1])
        ex = LSTMExample(p, arrays["X"], arrays["state"][0], arrays["state"][1])
    else:
        p = RNNParams(arrays["W_x"], arrays["W_h"], b[:, 0], b[:, 1], t.nonlinearity or "relu")
        ex = RNNExample(p, arrays["X"], arrays["state"][0])
    return Parsed(ex, ())
