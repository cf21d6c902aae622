"""Slide 29: σ and tanh, their slopes, where they saturate, and the slide example on them.

A unit saturates where its slope is a small fraction of the slope at 0: there the
output barely moves with the input, and a gradient through it is scaled down by that
slope (slide 28's vanishing gradient, one factor at a time).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.calculator.presets import LSTMExample, slide_lstm
from core.errors import CoreError
from core.nn.cells import lstm_step, sigmoid, tanh

SLOPE_FRACTION = 0.1  # saturated: slope below this share of the slope at z = 0
PEAK = {"sigmoid": 0.25, "tanh": 1.0}  # slope at z = 0
FUNCTIONS = ("sigmoid", "tanh")


def sigmoid_prime(z) -> np.ndarray:
    """dσ/dz = σ(z) (1 - σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_prime(z) -> np.ndarray:
    """d tanh/dz = 1 - tanh(z)²."""
    return 1.0 - tanh(z) ** 2


VALUE = {"sigmoid": sigmoid, "tanh": tanh}
SLOPE = {"sigmoid": sigmoid_prime, "tanh": tanh_prime}


@dataclass(frozen=True)
class Curve:
    """One activation on a grid: z, its value and its slope, all (n,)."""

    name: str  # "sigmoid" or "tanh"
    z: np.ndarray
    value: np.ndarray
    slope: np.ndarray
    edge: float  # saturated for |z| > edge


def saturation_edge(name: str, fraction: float = SLOPE_FRACTION) -> float:
    """The |z| past which the slope is below fraction x its peak (closed form).

    σ' = s(1 - s) = k gives s = (1 + sqrt(1 - 4k)) / 2, z = log(s / (1 - s));
    tanh' = 1 - u² = k gives u = sqrt(1 - k), z = atanh(u).
    """
    k = fraction * PEAK[name]
    if name == "sigmoid":
        s = (1.0 + math.sqrt(1.0 - 4.0 * k)) / 2.0
        return math.log(s / (1.0 - s))
    return math.atanh(math.sqrt(1.0 - k))


def curve(name: str, lo: float = -8.0, hi: float = 8.0, n: int = 401) -> Curve:
    """The activation and its slope on n points of [lo, hi]."""
    z = np.linspace(lo, hi, n)
    return Curve(name, z, VALUE[name](z), SLOPE[name](z), saturation_edge(name))


@dataclass(frozen=True)
class Marker:
    """A pre-activation of the slide example on its activation's curve."""

    name: str  # "f", "i", "g", "o" (gates) or "c" (the cell state under tanh)
    function: str  # "sigmoid" or "tanh"
    z: float  # exact pre-activation
    value: float
    slope: float
    saturated: bool
    slide: int  # the slide that computes it
    slide_z: float  # the number the slide prints (rounded as the slide rounds)


# Slides 44-47 compute f, i, g, o; slide 48 the cell state (printed as 2.946, see LECTURE.md).
_SLIDES = {"f": (44, "sigmoid"), "i": (45, "sigmoid"), "g": (46, "tanh"), "o": (47, "sigmoid")}
SLIDE_C = (48, 2.946)


def slide_markers(example: LSTMExample | None = None) -> list[Marker]:
    """f, i, g, o pre-activations and c_t of slides 43-49, computed by the LSTM cell."""
    ex = example or slide_lstm()
    step = lstm_step(ex.params, ex.X[0], ex.h0, ex.c0)
    out = []
    for g, (slide, fn) in _SLIDES.items():
        z = float(step.gates[g].pre[0])
        out.append(_marker(g, fn, z, slide, round(z, 2)))
    out.append(_marker("c", "tanh", float(step.c[0]), *SLIDE_C))
    return out


def _marker(name, fn, z, slide, slide_z) -> Marker:
    slope = float(SLOPE[fn](z))
    sat = abs(z) > saturation_edge(fn)
    return Marker(name, fn, z, float(VALUE[fn](z)), slope, sat, slide, slide_z)


@dataclass(frozen=True)
class Product:
    """A matrix product written out: C[r, c] = sum_k A[r, k] B[k, c], term by term."""

    A: np.ndarray  # (R, K)
    B: np.ndarray  # (K, C)
    terms: np.ndarray  # (R, C, K) the products A[r, k] * B[k, c]
    C: np.ndarray  # (R, C)


def worked_product(A, B) -> Product:
    """Slide 29's matrix multiplication with every product kept."""
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"cannot multiply {A.shape} by {B.shape}")
    terms = A[:, None, :] * B.T[None, :, :]  # (R, C, K)
    return Product(A, B, terms, terms.sum(axis=2))


def parse_matrix(text: str, rows: int = 2, cols: int = 2) -> np.ndarray:
    """'1 2; 3 4' -> [[1, 2], [3, 4]]: rows split by ';' or new lines, numbers by spaces or ','."""
    lines = [r for r in str(text).replace("\n", ";").split(";") if r.strip()]
    try:
        M = np.array([[float(v) for v in r.replace(",", " ").split()] for r in lines])
    except ValueError:
        M = None
    if M is None or M.shape != (rows, cols) or not np.all(np.isfinite(M)):
        raise CoreError("matrix_parse", f"not a {rows}x{cols} matrix", rows=rows, cols=cols)
    return M
