"""The three classifiers of the page, in float64 NumPy: forward, loss and every gradient.

- bag (slide 8's EmbeddingBag): the mean of the review's token vectors, then a linear layer;
- rnn (slide 25): Embedding -> RNN -> the last real hidden state -> a linear layer;
- lstm: the same with an LSTM cell.

One logit per review, P(positive) = sigmoid(logit), the loss is the binary cross-entropy
averaged over the batch (torch's BCEWithLogitsLoss). Reviews are right-padded with <pad> = 0
and come with their lengths: a review's answer is read from its own last token's hidden
state (as torch's pack_padded_sequence gives it), so the padding changes nothing, and the
bag averages over the real tokens only. The forward passes are the project's own
(core.gradients.bptt, core.nn.cells.lstm_update); the backward passes below are the same
chain with the loss's gradient arriving at each review's own last step. The embedding's
gradient is sparse: only the rows of the tokens a batch read get one (summed with
np.add.at), <pad> never does. Parameters are a dict of float64 arrays: E (V, D), the
cell's weights named as in core.nn.cells (PyTorch's packing, LSTM gates (i, f, g, o)),
then the head's W_y (1, H) and b_y (1,).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.gradients.bptt import lstm_forward, one_blas_thread, rnn_forward
from core.nn.cells import LSTMParams, RNNParams, sigmoid

CELL_NAMES = {
    "bag": (),
    "rnn": ("W_xh", "W_hh", "b_xh", "b_hh"),
    "lstm": ("W_ih", "W_hh", "b_ih", "b_hh"),
}


def init_params(
    kind: str, vocab_size: int, embed_dim: int, hidden_size: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Weights drawn as PyTorch draws them, from rng: E ~ N(0, 1) with the <pad> row 0
    (nn.Embedding(padding_idx=0)), the cell's weights and biases U(-1/sqrt(H), 1/sqrt(H)),
    the head's U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    D, H = embed_dim, hidden_size
    E = rng.standard_normal((vocab_size, D))
    E[0] = 0.0
    p = {"E": E}
    if kind != "bag":
        k = 1.0 / math.sqrt(H)
        rows = H if kind == "rnn" else 4 * H
        shapes = ((rows, D), (rows, H), (rows,), (rows,))
        for name, shape in zip(CELL_NAMES[kind], shapes, strict=True):
            p[name] = rng.uniform(-k, k, size=shape)
    fan_in = D if kind == "bag" else H
    k = 1.0 / math.sqrt(fan_in)
    p["W_y"], p["b_y"] = rng.uniform(-k, k, size=(1, fan_in)), rng.uniform(-k, k, size=1)
    return p


def cell_params(kind: str, p: dict[str, np.ndarray]):
    """The cell's weights as the project's RNNParams / LSTMParams (views, no copies)."""
    if kind == "rnn":
        return RNNParams(p["W_xh"], p["W_hh"], p["b_xh"], p["b_hh"], nonlinearity="tanh")
    return LSTMParams(p["W_ih"], p["W_hh"], p["b_ih"], p["b_hh"])


@dataclass(frozen=True)
class BatchResult:
    """One batch: the mean loss, how many were right, the logits and the gradients."""

    loss: float  # mean binary cross-entropy
    correct: int  # reviews whose P(positive) falls on their label's side of 0.5
    logits: np.ndarray  # (B,)
    grads: dict[str, np.ndarray] | None  # same keys and shapes as the parameters


def _features(kind: str, p, ids: np.ndarray, lengths: np.ndarray):
    """What the head reads, (B, F), and what the backward pass needs."""
    X = p["E"][ids]  # (B, T, D)
    if kind == "bag":
        mask = (np.arange(ids.shape[1])[None, :] < lengths[:, None]).astype(np.float64)
        return (X * mask[..., None]).sum(axis=1) / lengths[:, None], mask
    cell = cell_params(kind, p)
    tape = (rnn_forward if kind == "rnn" else lstm_forward)(cell, X)
    return tape.hs[lengths, np.arange(len(lengths))], tape  # h after each review's last token


def bce(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of logits against labels y, as torch's BCEWithLogitsLoss
    writes it, and its gradient with respect to the logits."""
    per = (1 - y) * logits + np.log1p(np.exp(-np.abs(logits))) + np.maximum(-logits, 0.0)
    return float(per.mean()), (sigmoid(logits) - y) / len(y)


def loss_and_grads(
    kind: str, p: dict[str, np.ndarray], ids: np.ndarray, lengths: np.ndarray, y: np.ndarray
) -> BatchResult:
    """The forward pass, the loss and (backward) the gradient of every parameter."""
    with one_blas_thread():
        h, saved = _features(kind, p, ids, lengths)
        logits = h @ p["W_y"][0] + p["b_y"][0]
        loss, dlogit = bce(logits, y)
        grads = {"W_y": (dlogit @ h)[None, :], "b_y": np.array([dlogit.sum()])}
        dh = dlogit[:, None] * p["W_y"]  # (B, F)
        if kind == "bag":
            dX = saved[..., None] * (dh / lengths[:, None])[:, None, :]  # (B, T, D)
        else:
            back = _rnn_backward if kind == "rnn" else _lstm_backward
            cell_grads, dXt = back(cell_params(kind, p), saved, dh, lengths - 1)
            grads.update(zip(CELL_NAMES[kind], cell_grads, strict=True))
            dX = dXt.transpose(1, 0, 2)
        grads["E"] = embedding_grad(ids, dX, p["E"].shape)
    correct = int(np.sum((logits > 0) == (y > 0.5)))
    return BatchResult(loss, correct, logits, grads)


def embedding_grad(ids: np.ndarray, dX: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """dL/dE: each token's rows of dX summed into its own row; <pad> (0) gets none."""
    rows, inverse = np.unique(ids.reshape(-1), return_inverse=True)
    summed = np.zeros((len(rows), shape[1]))
    np.add.at(summed, inverse, dX.reshape(-1, shape[1]))
    out = np.zeros(shape)
    out[rows] = summed
    out[0] = 0.0
    return out


def _arrivals(last: np.ndarray, T: int) -> list[np.ndarray]:
    """For each step t, the reviews whose last token is at t (the loss's gradient enters there)."""
    return [np.flatnonzero(last == t) for t in range(T)]


def _rnn_backward(p: RNNParams, tape, dh_last: np.ndarray, last: np.ndarray):
    """dL/da_t = tanh'(a_t) ⊙ dL/dh_t, dL/dh_{t-1} = W_hh^T dL/da_t, with dh_last (B, H)
    entering review b at its last step last[b]; returns the weights' grads and dL/dX (T, B, D)."""
    T, B, H = tape.pre.shape
    grad_pre = np.empty((T, B, H))
    y = tape.hs[1:]
    D = 1.0 - y * y
    arrive = _arrivals(last, T)
    g = np.zeros((B, H))
    for t in range(T - 1, -1, -1):
        if arrive[t].size:
            g[arrive[t]] += dh_last[arrive[t]]
        np.multiply(g, D[t], out=grad_pre[t])
        g = grad_pre[t] @ p.W_hh
    dA = grad_pre.reshape(T * B, H)
    W_xh = dA.T @ tape.X.reshape(T * B, -1)
    W_hh = dA.T @ tape.hs[:-1].reshape(T * B, H)
    b = dA.sum(axis=0)
    return (W_xh, W_hh, b, b.copy()), grad_pre @ p.W_xh


def _lstm_backward(p: LSTMParams, tape, dh_last: np.ndarray, last: np.ndarray):
    """The LSTM's chain through its gates and cell path (core.gradients.bptt's, term for
    term), with dh_last entering each review at its last step; weights' grads and dL/dX."""
    T, B, H4 = tape.pre.shape
    H = H4 // 4
    grad_pre = np.empty((T, B, H4))
    s, tc = tape.gates, tape.tanh_c
    i, f, g, o = s[..., :H], s[..., H : 2 * H], s[..., 2 * H : 3 * H], s[..., 3 * H :]
    by = np.concatenate((g, tape.cs[:-1], i, tc), axis=-1)
    one_minus = np.concatenate((1.0 - i, 1.0 - f, 1.0 - g * g, 1.0 - o), axis=-1)
    then = np.concatenate((i, f, np.ones_like(g), o), axis=-1)
    tanh_deriv = 1.0 - tc * tc
    arrive = _arrivals(last, T)
    dh = np.zeros((B, H))
    dc_next = np.zeros((B, H))
    d = np.empty((B, H4))
    for t in range(T - 1, -1, -1):
        if arrive[t].size:
            dh[arrive[t]] += dh_last[arrive[t]]
        dc = dc_next + (dh * o[t]) * tanh_deriv[t]
        np.concatenate((dc, dc, dc, dh), axis=-1, out=d)
        dz = grad_pre[t]
        np.multiply(d, by[t], out=dz)
        dz *= one_minus[t]
        dz *= then[t]
        dc_next = dc * f[t]
        dh = dz @ p.W_hh
    dZ = grad_pre.reshape(T * B, H4)
    W_ih = dZ.T @ tape.X.reshape(T * B, -1)
    W_hh = dZ.T @ tape.hs[:-1].reshape(T * B, H)
    b = dZ.sum(axis=0)
    return (W_ih, W_hh, b, b.copy()), grad_pre @ p.W_ih


def logits(kind: str, p: dict[str, np.ndarray], ids: np.ndarray, lengths: np.ndarray):
    """The logit of each review (B,): the forward pass and the head, no backward."""
    with one_blas_thread():
        h, _ = _features(kind, p, ids, lengths)
        return h @ p["W_y"][0] + p["b_y"][0]
