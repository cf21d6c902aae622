"""The calculator's "your turn": a seeded small cell whose values the student works out.

The numbers have one decimal so that every product is done by hand; the expected values
are the calculator's own trace (core.calculator.trace.calculate, which runs core.nn.cells),
so the worked line a miss reveals is the very line the calculator prints for that cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.calculator.tables import Tables, as_grid, shapes
from core.calculator.trace import Calculation, calculate

KINDS = ("lstm", "rnn")
LSTM_VALUES = ("f", "i", "g", "o", "c", "h")  # the slides' order: forget gate first
RNN_STEPS = 3
REDRAWS = 50
SIZES = {"lstm": (2, 1, 1), "rnn": (2, 1, RNN_STEPS)}  # (I, H, T): one unit, scalar answers


@dataclass(frozen=True)
class CellExercise:
    """A seeded cell, its calculation, and the values asked for in the order asked."""

    kind: str  # "lstm" or "rnn"
    seed: int
    tables: Tables
    calc: Calculation
    expected: dict[str, float]  # "f".."h" (LSTM, step 1) or "h_1".."h_3" (RNN)

    def step_of(self, name: str) -> int:
        """The time step a value belongs to (1-based)."""
        return int(name.split("_")[1]) if "_" in name else 1


def _draw_tables(kind: str, rng: np.random.Generator) -> Tables:
    """One-decimal weights, biases, inputs and starting state."""
    I, H, T = SIZES[kind]
    shape = shapes(kind, I, H, T)

    def draw(name: str, scale: float):
        return np.round(rng.uniform(-scale, scale, size=shape[name]), 1) + 0.0  # +0.0: no -0

    grids = {
        "W_x": as_grid(draw("W_x", 1.0)),
        "W_h": as_grid(draw("W_h", 1.0)),
        "b": as_grid(draw("b", 0.5)),
        "X": as_grid(draw("X", 2.0)),
        "state": as_grid(draw("state", 1.0)),
    }
    # The slides' RNN (slides 11-13) uses ReLU: three steps stay doable by hand.
    return Tables(kind, "relu" if kind == "rnn" else "", grids)


def exercise_tables(kind: str, seed: int) -> Tables:
    """The seed's cell. An RNN whose ReLU cuts more than one step to 0 is drawn again (from
    the same generator, so still one cell per seed): a column of zeros is guessed, not worked."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    rng = np.random.default_rng(int(seed))
    for _ in range(REDRAWS):
        tables = _draw_tables(kind, rng)
        if kind == "lstm" or sum(s.h[0] == 0 for s in calculate(tables).steps) <= 1:
            break
    return tables


def cell_exercise(kind: str, seed: int) -> CellExercise:
    """The exercise of this kind and seed: the same seed is the same exercise for everyone."""
    tables = exercise_tables(kind, seed)
    calc = calculate(tables)
    if kind == "lstm":
        s = calc.steps[0]
        acts = {g: float(s.gates[g].act[0]) for g in ("f", "i", "g", "o")}
        expected = {**acts, "c": float(s.c[0]), "h": float(s.h[0])}
    else:
        expected = {f"h_{s.t}": float(s.h[0]) for s in calc.steps}
    return CellExercise(kind, int(seed), tables, calc, expected)
