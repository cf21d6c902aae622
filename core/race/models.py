"""RNN and LSTM classifiers (a cell, then a linear head on h_T), trained with NumPy BPTT.

The parameters are a dict of float64 arrays named as in the cells (W_xh, W_hh... for the
RNN, W_ih, W_hh... packed (i, f, g, o) for the LSTM) plus the head's W_y (K, H), b_y (K,).
`loss_and_grads` runs the cell over the batch, takes the softmax cross-entropy of the
head's logits (mean over the batch) and hands dL/dh_T to the same backward pass the
gradient explorer uses (core.gradients.bptt).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.gradients.bptt import lstm_backward, lstm_forward, rnn_backward, rnn_forward
from core.nn.cells import LSTMParams, RNNParams

KINDS = ("RNN", "LSTM")


def init_params(
    kind: str,
    input_size: int,
    hidden_size: int,
    classes: int,
    rng: np.random.Generator,
    forget_bias: float = 1.0,
) -> dict[str, np.ndarray]:
    """Weights U(-1/sqrt(H), 1/sqrt(H)) as PyTorch draws them, from rng; biases start at 0
    but the LSTM's forget gate, b_f = forget_bias. (Random biases would add the same
    write to c_t every step: over T = 50 steps tanh(c_t) saturates and its gradient dies.)"""
    H, I, K = hidden_size, input_size, classes
    bound = 1.0 / math.sqrt(H)

    def u(*shape):
        return rng.uniform(-bound, bound, size=shape)

    if kind == "RNN":
        p = {"W_xh": u(H, I), "W_hh": u(H, H), "b_xh": np.zeros(H), "b_hh": np.zeros(H)}
    else:
        p = {"W_ih": u(4 * H, I), "W_hh": u(4 * H, H), "b_ih": np.zeros(4 * H)}
        p["b_hh"] = np.zeros(4 * H)
        p["b_ih"][H : 2 * H] = forget_bias
    p["W_y"], p["b_y"] = u(K, H), np.zeros(K)
    return p


def cell_params(kind: str, p: dict[str, np.ndarray], activation: str = "tanh"):
    """The cell's weights as the project's RNNParams / LSTMParams (views, no copies)."""
    if kind == "RNN":
        return RNNParams(p["W_xh"], p["W_hh"], p["b_xh"], p["b_hh"], nonlinearity=activation)
    return LSTMParams(p["W_ih"], p["W_hh"], p["b_ih"], p["b_hh"])


@dataclass(frozen=True)
class BatchResult:
    """Loss, accuracy and the gradient of the mean cross-entropy for one batch."""

    loss: float
    accuracy: float
    grads: dict[str, np.ndarray]  # same keys and shapes as the parameters
    logits: np.ndarray  # (B, K)
    reach_log10: float  # log10 ||dL/dh_1|| / ||dL/dh_T|| over the batch: what gets back to t=1


def _head(p, h_T: np.ndarray, y: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
    """Softmax cross-entropy of logits = h_T W_y^T + b_y: (loss, accuracy, logits, dlogits)."""
    logits = h_T @ p["W_y"].T + p["b_y"]  # (B, K)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_prob = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    B = len(y)
    rows = np.arange(B)
    loss = float(-log_prob[rows, y].mean())
    accuracy = float(np.mean(logits.argmax(axis=1) == y))
    dlogits = np.exp(log_prob)
    dlogits[rows, y] -= 1.0
    return loss, accuracy, logits, dlogits / B


def loss_and_grads(
    kind: str, p: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, activation: str = "tanh"
) -> BatchResult:
    """Forward over X (B, T, I), the head on h_T, then BPTT back from dL/dh_T."""
    cell = cell_params(kind, p, activation)
    forward, backward = (
        (rnn_forward, rnn_backward) if kind == "RNN" else (lstm_forward, lstm_backward)
    )
    tape = forward(cell, X)
    h_T = tape.hs[-1]  # (B, H)
    loss, accuracy, logits, dlogits = _head(p, h_T, y)
    g = backward(cell, tape, dlogits @ p["W_y"])  # dL/dh_T (B, H)
    names = ("W_xh", "W_hh", "b_xh", "b_hh") if kind == "RNN" else ("W_ih", "W_hh", "b_ih", "b_hh")
    grads = {name: getattr(g, name) for name in names}
    grads["W_y"] = dlogits.T @ h_T
    grads["b_y"] = dlogits.sum(axis=0)
    return BatchResult(loss, accuracy, grads, logits, reach_log10(g.grad_h))


def reach_log10(grad_h: np.ndarray) -> float:
    """log10 of ||dL/dh_1|| / ||dL/dh_T|| (norms over the whole batch, grad_h (T, B, H)):
    how much of the gradient that teaches the answer reaches the step that holds it.
    -inf if nothing does, NaN if the gradient overflowed or is 0 at T."""
    first, last = (float(np.sqrt(np.sum(grad_h[k] ** 2))) for k in (0, -1))
    if not (math.isfinite(first) and math.isfinite(last)) or last == 0:
        return math.nan
    return math.log10(first / last) if first > 0 else -math.inf


def predict(kind: str, p: dict[str, np.ndarray], X: np.ndarray, activation: str = "tanh"):
    """Logits (B, K) for X (B, T, I): the forward pass and the head, no backward."""
    cell = cell_params(kind, p, activation)
    tape = (rnn_forward if kind == "RNN" else lstm_forward)(cell, X)
    return tape.hs[-1] @ p["W_y"].T + p["b_y"]
