"""Slides 15-17: the classification loss on the RNN's last hidden state, number by number.

An FC head z = W h_T + b (one row of W per class), then softmax and the cross-entropy
against the class y the student picks. The slides draw this chain but print no weights
for the head, so the default head is a small seeded one (DEFAULT_SEED), said as such.

Softmax and the loss use the log-sum-exp form: m = max(z), e_k = exp(z_k - m) <= 1,
log Σ exp(z_j) = m + log Σ e_j, and L = log Σ exp(z_j) - z_y. That equals -log p_y
for every z, and stays finite where exp(z_k) alone would overflow or p_y underflow to 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.calculator.parse import CellError, FieldError, parse_number
from core.calculator.tables import Grid, as_grid
from core.nn.cells import FLOAT_MAX

CLASS_LIMITS = (2, 4)  # how many classes the head may have
DEFAULT_CLASSES = 3
DEFAULT_SEED = 17  # seeded_head(3, 2, 17) gives the slide RNN logits [-1, -0.1, -1.8]
HEAD_FIELD = "head"  # the FieldError field of a bad head cell


@dataclass(frozen=True)
class HeadTables:
    """The head as text, what its editor holds: row c = [W_c1 .. W_cH, b_c]; y 0-based."""

    grid: Grid  # (C, H + 1)
    y: int = 0

    @property
    def classes(self) -> int:
        return len(self.grid)

    @property
    def hidden(self) -> int:
        """H: the hidden size this head reads (columns minus the bias)."""
        return len(self.grid[0]) - 1 if self.grid else 0


@dataclass(frozen=True)
class HeadTrace:
    """Every intermediate from h_T to the loss (C classes, H hidden units)."""

    h: np.ndarray  # (H,) the last hidden state
    W: np.ndarray  # (C, H)
    b: np.ndarray  # (C,)
    y: int  # 0-based target class
    Wh: np.ndarray  # (C, H) the products W_cj × h_j, as the lines print them
    z: np.ndarray  # (C,) logits W h + b
    m: float  # max(z)
    shifted: np.ndarray  # (C,) z - m (all <= 0)
    e: np.ndarray  # (C,) exp(z - m) (all in (0, 1])
    sum_e: float  # Σ exp(z_j - m), in [1, C]
    lse: float  # log Σ exp(z_j) = m + log sum_e
    log_p: np.ndarray  # (C,) z - lse
    p: np.ndarray  # (C,) softmax(z)
    loss: float  # -log p_y = lse - z_y
    overflow: bool  # a logit passed float64's range and was clamped


@dataclass(frozen=True)
class LossCalculation:
    """The head's errors, or its trace; and the share code of the cell with this head."""

    errors: tuple[FieldError, ...]
    trace: HeadTrace | None = None
    share_code: str = ""
    # Slides 15-17 read literally: the CE loss drawn straight from h_T, its H numbers taken
    # as the logits (no FC layer; one first appears on slide 18). log_p holds -CE per class.
    literal: HeadTrace | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def seeded_head(C: int, H: int, seed: int = DEFAULT_SEED, y: int = 0) -> HeadTables:
    """A small head with one-decimal numbers, reproducible from its seed."""
    rng = np.random.default_rng(int(seed))
    W = np.round(rng.uniform(-0.5, 0.5, size=(C, H)), 1) + 0.0  # +0.0: no -0
    b = np.round(rng.uniform(-1.0, 1.0, size=C), 1) + 0.0
    return HeadTables(as_grid(np.column_stack([W, b])), y)


def default_head(H: int) -> HeadTables:
    """The head the page starts with: DEFAULT_CLASSES classes, seeded, target class 1."""
    return seeded_head(DEFAULT_CLASSES, H)


def resize_head(head: HeadTables, C: int, H: int) -> HeadTables:
    """Same numbers where the shapes overlap ('0' elsewhere); the bias stays the bias."""
    C = max(CLASS_LIMITS[0], min(CLASS_LIMITS[1], int(C)))
    H_old = head.hidden

    def cell(r: int, c: int) -> str:
        if r >= head.classes:
            return "0"
        return head.grid[r][c] if c < H_old else "0"

    grid = tuple(
        tuple(cell(r, c) for c in range(H))
        + ((head.grid[r][H_old],) if r < head.classes else ("0",))
        for r in range(C)
    )
    return HeadTables(grid, min(head.y, C - 1))


def parse_head(head: HeadTables, H: int) -> tuple[np.ndarray, np.ndarray, tuple[FieldError, ...]]:
    """(W (C, H), b (C,), errors): one FieldError per bad cell, the head's shape, or class."""
    C = head.classes
    bad_rows = [r for r in head.grid if len(r) != H + 1]
    if not CLASS_LIMITS[0] <= C <= CLASS_LIMITS[1] or bad_rows:
        got_cols = len(bad_rows[0]) if bad_rows else H + 1
        params = dict(
            got_rows=C,
            got_cols=got_cols,
            rows=min(max(C, CLASS_LIMITS[0]), CLASS_LIMITS[1]),
            cols=H + 1,
        )
        return (
            np.zeros((0, H)),
            np.zeros(0),
            (FieldError(HEAD_FIELD, None, None, "calc_shape", params),),
        )
    a, errors = np.zeros((C, H + 1)), []
    for r in range(C):
        for c in range(H + 1):
            try:
                a[r, c] = parse_number(head.grid[r][c])
            except CellError as e:
                errors.append(FieldError(HEAD_FIELD, r, c, e.code, e.params))
    if not 0 <= head.y < C:
        errors.append(
            FieldError(HEAD_FIELD, None, None, "calc_head_class", dict(y=head.y + 1, C=C))
        )
    return a[:, :H], a[:, H], tuple(errors)


def _clamped(a: np.ndarray) -> tuple[np.ndarray, bool]:
    over = bool(np.any(~np.isfinite(a)))
    return np.nan_to_num(a, nan=0.0, posinf=FLOAT_MAX, neginf=-FLOAT_MAX), over


def literal_ce(h: np.ndarray, y: int = 0) -> HeadTrace:
    """The CE loss straight on h_T, as slides 15-17 draw it: softmax(h_T), -log p_y.

    The same chain as an FC head whose W is the identity and b zero: class k is unit k of h_T.
    """
    H = len(h)
    return head_forward(np.eye(H), np.zeros(H), h, y)


def head_forward(W: np.ndarray, b: np.ndarray, h: np.ndarray, y: int) -> HeadTrace:
    """z = W h + b, softmax(z) and -log softmax(z)_y, in the log-sum-exp form."""
    W, b, h = (np.asarray(v, dtype=np.float64) for v in (W, b, h))
    with np.errstate(over="ignore", invalid="ignore"):
        Wh, over1 = _clamped(W * h[None, :])  # (C, H)
        z, over2 = _clamped(Wh.sum(axis=1) + b)  # (C,)
        m = float(z.max())
        shifted = z - m  # -inf for clamped logits far apart: exp(-inf) is the 0 it is
        e = np.exp(shifted)
        sum_e = float(e.sum())  # the max term is exp(0) = 1, so 1 <= sum_e <= C
        lse = m + math.log(sum_e)
        log_p = shifted - math.log(sum_e)
        p = np.exp(log_p)
        loss = float(-log_p[y])
    return HeadTrace(
        h=h,
        W=W,
        b=b,
        y=int(y),
        Wh=Wh,
        z=z,
        m=m,
        shifted=shifted,
        e=e,
        sum_e=sum_e,
        lse=lse,
        log_p=log_p,
        p=p,
        loss=loss,
        overflow=over1 or over2,
    )
