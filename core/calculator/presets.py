"""The lecture's worked examples as cell parameters and inputs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.nn.cells import LSTMParams, RNNParams


@dataclass(frozen=True)
class LSTMExample:
    """An LSTM, its inputs (T, I) and initial states: everything a forward pass needs."""

    params: LSTMParams
    X: np.ndarray  # (T, I)
    h0: np.ndarray  # (H,)
    c0: np.ndarray  # (H,)


@dataclass(frozen=True)
class RNNExample:
    """An RNN, its inputs (T, I) and initial state."""

    params: RNNParams
    X: np.ndarray  # (T, I)
    h0: np.ndarray  # (H,)


def slide_lstm() -> LSTMExample:
    """Slides 43-50: one scalar LSTM step with x=1, h_prev=1, c_prev=2."""
    params = LSTMParams.from_gates(
        W_x={"i": 1.65, "f": 1.63, "g": 0.94, "o": -0.19},
        W_h={"i": 2.0, "f": 2.7, "g": 1.41, "o": 4.38},
        b_x={"i": 0.62, "f": 0.0, "g": -0.32, "o": 0.0},
        b_h={"i": 0.0, "f": 1.62, "g": 0.0, "o": 0.59},
    )
    return LSTMExample(params, X=np.array([[1.0]]), h0=np.array([1.0]), c0=np.array([2.0]))


def slide_rnn() -> RNNExample:
    """Slides 11-14: a ReLU RNN, I=3, H=2, three steps from h0 = 0.

    x2 is not legible in the slide text; any x2 whose entries sum to 1 gives the
    slide's numbers, and [0, 0, 1] matches the layout of the figure.
    """
    params = RNNParams(
        W_xh=np.ones((2, 3)),
        W_hh=np.eye(2),
        b_xh=np.array([1.0, 1.0]),
        b_hh=np.array([0.0, 1.0]),
        nonlinearity="relu",
    )
    X = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    return RNNExample(params, X=X, h0=np.zeros(2))
