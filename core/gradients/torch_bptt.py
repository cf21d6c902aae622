"""Backpropagation through time by torch autograd (float64): today's BPTT backend.

Implements the seam written down in core/gradients/run.py (`rnn_grads`, `lstm_grads`,
`rnn_chain_log10`, NumPy in and out). The unroll is written out step by step with the
weights as leaf tensors, so every h_t (and c_t) is a node autograd can differentiate with
respect to; the tests check this unroll against the fused `torch.nn.RNN`/`nn.LSTM`
(`rnn_module`, `lstm_module` build those from the same weights).
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import torch

from core.gradients.run import Run, make_run
from core.nn.cells import LSTMParams, RNNParams

DTYPE = torch.float64  # float32 would underflow at ~1e-45 and hide the vanishing tail


@contextmanager
def _one_thread():
    """Run torch on one thread: its ops here are tiny (H <= 128), and on a shared, busy
    machine a second intra-op thread made a T=200, H=64 recompute 30x slower (1.5 s)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _leaves(*arrays) -> list[torch.Tensor]:
    return [torch.tensor(np.asarray(a), dtype=DTYPE, requires_grad=True) for a in arrays]


def rnn_grads(W_ih, W_hh, b_ih, b_hh, X, activation: str, max_norm=None) -> Run:
    """Unroll h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) and backprop L = sum(h_T)."""
    with _one_thread():
        W_ih, W_hh, b_ih, b_hh = params = _leaves(W_ih, W_hh, b_ih, b_hh)
        X = torch.as_tensor(np.asarray(X, dtype=np.float64))
        act = torch.tanh if activation == "tanh" else torch.relu
        Xw = X @ W_ih.T + b_ih + b_hh  # (T, H) the input part of every step at once
        h = torch.zeros(W_hh.shape[0], dtype=DTYPE)
        hs, pre = [], []
        for t in range(X.shape[0]):
            a = Xw[t] + W_hh @ h  # (H,)
            h = act(a)
            pre.append(a)
            hs.append(h)
        grads = torch.autograd.grad(hs[-1].sum(), hs + params)
        T = len(hs)
        return make_run(
            hs=torch.stack(hs).detach().numpy(),
            grad_h=torch.stack(grads[:T]).numpy(),
            pre=torch.stack(pre).detach().numpy(),
            param_grads=[g.numpy() for g in grads[T:]],
            max_norm=max_norm,
        )


def lstm_grads(W_ih, W_hh, b_ih, b_hh, X, max_norm=None) -> Run:
    """Unroll the LSTM (gates i, f, g, o as nn.LSTM packs them); backprop L = sum(h_T)."""
    with _one_thread():
        W_ih, W_hh, b_ih, b_hh = params = _leaves(W_ih, W_hh, b_ih, b_hh)
        X = torch.as_tensor(np.asarray(X, dtype=np.float64))
        H = W_hh.shape[1]
        Xw = X @ W_ih.T + b_ih + b_hh  # (T, 4H)
        h = torch.zeros(H, dtype=DTYPE)
        c = torch.zeros(H, dtype=DTYPE)
        hs, cs, pre = [], [], []
        for t in range(X.shape[0]):
            z = Xw[t] + W_hh @ h  # (4H,)
            sig = torch.sigmoid(z)  # (4H,) one call; the g block is discarded
            i, f, o = sig[:H], sig[H : 2 * H], sig[3 * H :]
            C_tilde = torch.tanh(z[2 * H : 3 * H])
            c = f * c + i * C_tilde
            h = o * torch.tanh(c)
            pre.append(z)
            hs.append(h)
            cs.append(c)
        grads = torch.autograd.grad(hs[-1].sum(), hs + cs + params)
        T = len(hs)
        return make_run(
            hs=torch.stack(hs).detach().numpy(),
            grad_h=torch.stack(grads[:T]).numpy(),
            pre=torch.stack(pre).detach().numpy(),
            param_grads=[g.numpy() for g in grads[2 * T :]],
            max_norm=max_norm,
            cs=torch.stack(cs).detach().numpy(),
            grad_c=torch.stack(grads[T : 2 * T]).numpy(),
        )


def _log10_spectral_norm(M: torch.Tensor) -> float:
    s = torch.linalg.matrix_norm(M, ord=2).item()
    return math.log10(s) if s > 0 else -math.inf


def rnn_chain_log10(W_hh, D, ks) -> np.ndarray:
    """log10 ||W_hh^T diag(D_{T}) W_hh^T diag(D_{T-1}) ... (k factors)||_2 for each k.

    D is (T, H), act'(a_t). dL/dh_{T-k} = (this product) dL/dh_T. The running product is
    renormalised every step and its scale kept in log10, so it never overflows.
    Torch, not NumPy: its single-threaded BLAS is ~100x faster than a contended OpenBLAS.
    """
    with _one_thread():
        W_hh = torch.as_tensor(np.asarray(W_hh), dtype=DTYPE)
        D = torch.as_tensor(np.asarray(D), dtype=DTYPE)
        T, H = D.shape
        want = set(int(k) for k in ks)
        out = {}
        M = torch.eye(H, dtype=DTYPE)
        W_T = W_hh.T
        log_s = 0.0
        for k in range(1, T):
            M = W_T @ (D[T - k][:, None] * M)  # prepend the factor for step T-k+1 (0-based T-k)
            s = M.abs().max().item()  # NaN propagates through max
            if not s > 0 or math.isinf(s):  # exactly 0 (dead ReLUs) or overflowed: it stays so
                fill = -math.inf if s == 0 else math.nan
                for kk in want:
                    if kk >= k:
                        out[kk] = fill
                break
            M = M / s
            log_s += math.log10(s)
            if k in want:
                out[k] = log_s + _log10_spectral_norm(M)
        return np.array([out.get(int(k), math.nan) for k in ks])


# ----------------------------------------------------------------- torch references


def _loaded(module, *weights):
    """module with its (W_ih, W_hh, b_ih, b_hh) set from NumPy arrays."""
    names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    with torch.no_grad():
        for name, a in zip(names, weights, strict=True):
            getattr(module, name).copy_(torch.from_numpy(a))
    return module


def rnn_module(p: RNNParams) -> torch.nn.RNN:
    """An RNN cell's weights as a real nn.RNN (same weights, same nonlinearity)."""
    rnn = torch.nn.RNN(p.input_size, p.hidden_size, nonlinearity=p.nonlinearity, dtype=DTYPE)
    return _loaded(rnn, p.W_xh, p.W_hh, p.b_xh, p.b_hh)


def lstm_module(p: LSTMParams) -> torch.nn.LSTM:
    """An LSTM cell's weights as a real nn.LSTM; both pack gates as (i, f, g, o)."""
    return _loaded(
        torch.nn.LSTM(p.input_size, p.hidden_size, dtype=DTYPE), p.W_ih, p.W_hh, p.b_ih, p.b_hh
    )
