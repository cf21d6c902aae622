"""The cell's numbers as text grids, what the page's editable tables hold.

Grids (row blocks follow PyTorch's packing, gates in GATES = (i, f, g, o) order):
    W_x   (B*H, I)  input weights, B = 4 gate blocks for an LSTM, 1 for an RNN
    W_h   (B*H, H)  hidden weights
    b     (B*H, 2)  columns b_x, b_h (PyTorch's two biases)
    X     (T, I)    one input per time step
    state (S, H)    h_0 (and c_0 for an LSTM)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.calculator.presets import LSTMExample, RNNExample, slide_lstm, slide_rnn
from core.nn.cells import GATES

FIELDS = ("W_x", "W_h", "b", "X", "state")
SIZE_LIMITS = {"I": (1, 4), "H": (1, 4), "T": (1, 6)}
PRESETS = ("lstm_slide", "rnn_slide")

Grid = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Tables:
    """The cell's numbers as text grids, exactly what the page's tables hold."""

    kind: str  # "lstm" or "rnn"
    nonlinearity: str  # RNN: "relu" (slides) or "tanh" (PyTorch); LSTM: ""
    grids: dict[str, Grid] = field(repr=False)

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(I, H, T) as the grids' intended shape."""
        H = len(self.grids["state"][0]) if self.grids["state"] else 1
        I = len(self.grids["X"][0]) if self.grids["X"] else 1
        return I, H, len(self.grids["X"])


def blocks(kind: str) -> tuple[str, ...]:
    """Row blocks of the weight grids: the four gates, or the RNN's one update."""
    return GATES if kind == "lstm" else ("h",)


def shapes(kind: str, I: int, H: int, T: int) -> dict[str, tuple[int, int]]:
    """(rows, columns) of every grid for a cell of these sizes."""
    nb = len(blocks(kind))
    S = 2 if kind == "lstm" else 1
    return {"W_x": (nb * H, I), "W_h": (nb * H, H), "b": (nb * H, 2), "X": (T, I), "state": (S, H)}


def sizes_ok(I: int, H: int, T: int) -> bool:
    """True when every size is within SIZE_LIMITS."""
    return all(
        SIZE_LIMITS[k][0] <= v <= SIZE_LIMITS[k][1] for k, v in zip("IHT", (I, H, T), strict=True)
    )


def short_repr(v: float) -> str:
    """Shortest text that parses back to exactly v (1.0 -> '1')."""
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


def as_grid(a) -> Grid:
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    return tuple(tuple(short_repr(v) for v in row) for row in a)


def example_tables(ex: LSTMExample | RNNExample) -> Tables:
    """The grids that hold a preset's numbers."""
    p = ex.params
    if isinstance(ex, LSTMExample):
        W_x, W_h, b_x, b_h = p.W_ih, p.W_hh, p.b_ih, p.b_hh
        state = np.stack([ex.h0, ex.c0])
        kind, nl = "lstm", ""
    else:
        W_x, W_h, b_x, b_h = p.W_xh, p.W_hh, p.b_xh, p.b_hh
        state = ex.h0.reshape(1, -1)
        kind, nl = "rnn", p.nonlinearity
    grids = {
        "W_x": as_grid(W_x),
        "W_h": as_grid(W_h),
        "b": as_grid(np.stack([b_x, b_h], axis=1)),
        "X": as_grid(ex.X),
        "state": as_grid(state),
    }
    return Tables(kind, nl, grids)


def preset_tables(name: str) -> Tables:
    """'lstm_slide' (slides 43-50) or 'rnn_slide' (slides 11-14) as grids."""
    return example_tables(slide_lstm() if name == "lstm_slide" else slide_rnn())


def with_nonlinearity(t: Tables, nonlinearity: str) -> Tables:
    """The same RNN numbers under another activation ('relu' or 'tanh')."""
    return Tables("rnn", nonlinearity, t.grids)


def _clip_size(name: str, n: int) -> int:
    lo, hi = SIZE_LIMITS[name]
    return max(lo, min(hi, int(n)))


def resize_tables(t: Tables, I: int, H: int, T: int) -> Tables:
    """Same numbers where the old and new shapes overlap, '0' everywhere new."""
    I, H, T = _clip_size("I", I), _clip_size("H", H), _clip_size("T", T)
    _, H_old, _ = t.sizes
    nb = len(blocks(t.kind))

    def cell(grid, r, c):
        return grid[r][c] if r < len(grid) and c < len(grid[r]) else "0"

    def weights(grid, ncols):
        # Row (block, unit j) keeps its meaning when H changes.
        return tuple(
            tuple(cell(grid, k * H_old + j, c) if j < H_old else "0" for c in range(ncols))
            for k in range(nb)
            for j in range(H)
        )

    g = t.grids
    grids = {
        "W_x": weights(g["W_x"], I),
        "W_h": weights(g["W_h"], H),
        "b": weights(g["b"], 2),
        "X": tuple(tuple(cell(g["X"], r, c) for c in range(I)) for r in range(T)),
        "state": tuple(
            tuple(cell(g["state"], r, c) for c in range(H)) for r in range(len(g["state"]))
        ),
    }
    return Tables(t.kind, t.nonlinearity, grids)


def random_tables(kind: str, I: int, H: int, T: int, seed: int, nonlinearity: str = "relu"):
    """A random exercise, reproducible from its seed, with numbers short enough to do by hand."""
    rng = np.random.default_rng(int(seed))
    shape = shapes(kind, I, H, T)

    def r(name, scale, nd):
        return np.round(rng.uniform(-scale, scale, size=shape[name]), nd) + 0.0  # +0.0: no -0

    # Drawn in this order so that a seed gives the same exercise as before the split.
    grids = {
        "W_x": as_grid(r("W_x", 2.0, 2)),
        "W_h": as_grid(r("W_h", 2.0, 2)),
        "b": as_grid(r("b", 1.0, 2)),
        "X": as_grid(r("X", 2.0, 1)),
        "state": as_grid(r("state", 1.0, 1)),
    }
    return Tables(kind, nonlinearity if kind == "rnn" else "", grids)
