"""Backpropagation through time in float64 NumPy, written as the chain the page explains.

The forward pass runs the project's own cells (`core.nn.cells`: the RNN's activations,
the LSTM's `lstm_update`) over a batch X (B, T, I). The backward pass walks the chain
from the last step back to the first:

- RNN, a_t = W_xh x_t + b_xh + W_hh h_{t-1} + b_hh, h_t = act(a_t):
  dL/da_t = act'(a_t) ⊙ dL/dh_t and dL/dh_{t-1} = W_hh^T dL/da_t,
  i.e. dL/dh_{t-1} = W_hh^T diag(act'(a_t)) dL/dh_t.
- LSTM, c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t, h_t = o_t ⊙ tanh(c_t):
  dL/dc_t = dL/dc_t (from step t+1) + dL/dh_t ⊙ o_t ⊙ (1 - tanh²c_t),
  dL/dc_{t-1} (cell path) = dL/dc_t ⊙ f_t, and the gates' pre-activations z_t get
  di ⊙ σ'(z_i), df ⊙ σ'(z_f), dg ⊙ tanh'(z_g), do ⊙ σ'(z_o); dL/dh_{t-1} = W_hh^T dL/dz_t.

Every product is taken in the order torch's autograd takes it (tanh' = 1 - y·y,
σ' = (1 - y)·y, relu passes the gradient wherever its output is not <= 0, NaN included),
and nothing is clamped: an overflow becomes inf/NaN where torch's does, so the explorer
flags the same steps. (Matrix products sum in the BLAS's own order, MKL's for torch and
OpenBLAS's here: the step at which a sum first passes 1.8e308 may differ by one, and a
chaotic network, e.g. the LSTM at weight scale 8, amplifies last-bit differences until
even torch's fused nn.LSTM and a step-by-step torch unroll disagree; the tests say where.)
The explorer's BPTT backend: `rnn_grads`, `lstm_grads` and `rnn_chain_log10` implement
the seam of core/gradients/run.py on a single sequence (T, I) with the loss L = sum(h_T);
tests/core/gradients/test_backend_contract.py holds them to torch autograd on nn.RNN /
nn.LSTM. The training race (core/race) runs the batched passes directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

from core.gradients.run import Run, make_run
from core.nn.cells import LSTMParams, RNNParams, lstm_update, relu, tanh

_BLAS: list[ThreadpoolController] = []


def one_blas_thread():
    """BLAS on one thread: the products here are small (H <= 128), and on a shared, busy
    machine a second BLAS thread only waits for a core. The controller scans the loaded
    libraries once (2-3 ms a scan), not at every call."""
    if not _BLAS:
        _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas")


# ------------------------------------------------------------------ batched tapes


@dataclass(frozen=True)
class RNNTape:
    """What the RNN's forward pass keeps for the backward pass; time-major arrays."""

    X: np.ndarray  # (T, B, I) inputs
    hs: np.ndarray  # (T + 1, B, H) h_0..h_T (h_0 is the initial state)
    pre: np.ndarray  # (T, B, H) a_t


@dataclass(frozen=True)
class LSTMTape:
    """What the LSTM's forward pass keeps; gates (T, B, 4H) as sigmoid/tanh outputs."""

    X: np.ndarray  # (T, B, I)
    hs: np.ndarray  # (T + 1, B, H) h_0..h_T
    cs: np.ndarray  # (T + 1, B, H) c_0..c_T
    pre: np.ndarray  # (T, B, 4H) z_t, blocks (i, f, g, o)
    gates: np.ndarray  # (T, B, 4H) i, f, g (=C_tilde), o
    tanh_c: np.ndarray  # (T, B, H) tanh(c_t)


@dataclass(frozen=True)
class RNNGrads:
    """Gradients of the loss: states, pre-activations and weights (PyTorch's packing)."""

    grad_h: np.ndarray  # (T, B, H) dL/dh_t, everything that flows into h_t
    grad_pre: np.ndarray  # (T, B, H) dL/da_t
    W_xh: np.ndarray  # (H, I)
    W_hh: np.ndarray  # (H, H)
    b_xh: np.ndarray  # (H,)
    b_hh: np.ndarray  # (H,)


@dataclass(frozen=True)
class LSTMGrads:
    """Gradients of the loss for the LSTM; weights packed (i, f, g, o) like LSTMParams."""

    grad_h: np.ndarray  # (T, B, H) dL/dh_t
    grad_c: np.ndarray  # (T, B, H) dL/dc_t, both paths into c_t
    grad_pre: np.ndarray  # (T, B, 4H) dL/dz_t
    W_ih: np.ndarray  # (4H, I)
    W_hh: np.ndarray  # (4H, H)
    b_ih: np.ndarray  # (4H,)
    b_hh: np.ndarray  # (4H,)


def _time_major(X: np.ndarray, I: int) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 3 or X.shape[2] != I or X.shape[1] < 1:
        raise ValueError(f"inputs have shape {X.shape}, expected (B, T >= 1, {I}).")
    return np.ascontiguousarray(X.transpose(1, 0, 2))  # (T, B, I): each step contiguous


def rnn_forward(p: RNNParams, X: np.ndarray) -> RNNTape:
    """Unroll h_t = act(W_xh x_t + b_xh + W_hh h_{t-1} + b_hh) over X (B, T, I) from h_0 = 0."""
    Xt = _time_major(X, p.input_size)
    T, B, _ = Xt.shape
    act = tanh if p.nonlinearity == "tanh" else relu
    hs = np.zeros((T + 1, B, p.hidden_size))
    with np.errstate(all="ignore"), one_blas_thread():
        # The input part of every step at once, with the biases added in torch's order.
        pre = Xt @ p.W_xh.T + p.b_xh + p.b_hh  # (T, B, H)
        W_hh_T = np.ascontiguousarray(p.W_hh.T)
        for t in range(T):
            pre[t] += hs[t] @ W_hh_T  # a_t = (W_xh x_t + b) + W_hh h_{t-1}
            hs[t + 1] = act(pre[t])
    return RNNTape(Xt, hs, pre)


def rnn_backward(p: RNNParams, tape: RNNTape, dh_T: np.ndarray) -> RNNGrads:
    """Walk dL/dh_{t-1} = W_hh^T diag(act'(a_t)) dL/dh_t back from dh_T (B, H) = dL/dh_T."""
    T, B, H = tape.pre.shape
    grad_h = np.empty((T, B, H))
    grad_pre = np.empty((T, B, H))
    y = tape.hs[1:]  # (T, B, H) act(a_t): both derivatives are read from the output
    with np.errstate(all="ignore"), one_blas_thread():
        if p.nonlinearity == "tanh":
            D = 1.0 - y * y  # tanh'(a_t), every step at once
        else:
            dead = y <= 0.0  # relu passes the gradient unless its output is <= 0 (NaN passes)
        g = np.asarray(dh_T, dtype=np.float64).reshape(B, H)
        for t in range(T - 1, -1, -1):
            grad_h[t] = g
            da = grad_pre[t]
            if p.nonlinearity == "tanh":
                np.multiply(g, D[t], out=da)  # dL/da_t = act'(a_t) ⊙ dL/dh_t
            else:
                np.copyto(da, np.where(dead[t], 0.0, g))
            g = da @ p.W_hh  # W_hh^T dL/da_t, for every row of the batch
        dA = grad_pre.reshape(T * B, H)
        W_xh = dA.T @ tape.X.reshape(T * B, -1)  # sum over t and batch of da x^T
        W_hh = dA.T @ tape.hs[:-1].reshape(T * B, H)  # sum of da h_{t-1}^T
        b = dA.sum(axis=0)
    return RNNGrads(grad_h, grad_pre, W_xh, W_hh, b, b.copy())


def lstm_forward(p: LSTMParams, X: np.ndarray) -> LSTMTape:
    """Unroll the LSTM over X (B, T, I) from h_0 = c_0 = 0, one `lstm_update` a step."""
    Xt = _time_major(X, p.input_size)
    T, B, _ = Xt.shape
    H = p.hidden_size
    hs = np.zeros((T + 1, B, H))
    cs = np.zeros((T + 1, B, H))
    gates = np.empty((T, B, 4 * H))
    tanh_c = np.empty((T, B, H))
    with np.errstate(all="ignore"), one_blas_thread():
        pre = Xt @ p.W_ih.T + p.b_ih + p.b_hh  # (T, B, 4H)
        W_hh_T = np.ascontiguousarray(p.W_hh.T)
        for t in range(T):
            pre[t] += hs[t] @ W_hh_T
            i, f, g, o, cs[t + 1], hs[t + 1] = lstm_update(pre[t], cs[t])
            np.concatenate((i, f, g, o), axis=-1, out=gates[t])
        np.tanh(cs[1:], out=tanh_c)  # what lstm_update multiplied o by
    return LSTMTape(Xt, hs, cs, pre, gates, tanh_c)


def lstm_backward(p: LSTMParams, tape: LSTMTape, dh_T: np.ndarray) -> LSTMGrads:
    """The chain through the gates and the cell path, back from dh_T (B, H) = dL/dh_T."""
    T, B, H4 = tape.pre.shape
    H = H4 // 4
    grad_h = np.empty((T, B, H))
    grad_c = np.empty((T, B, H))
    grad_pre = np.empty((T, B, H4))
    s, tc = tape.gates, tape.tanh_c  # (T, B, 4H) i, f, g, o and (T, B, H) tanh(c_t)
    i, f, g, o = s[..., :H], s[..., H : 2 * H], s[..., 2 * H : 3 * H], s[..., 3 * H :]
    with np.errstate(all="ignore"), one_blas_thread():
        # Every step's local derivatives at once, each as torch writes it: a gate's
        # dz = (d_gate * (1 - σ)) * σ, the candidate's (d_g) * (1 - g²) (times 1, exact).
        # d_gate = dL/dc_t times (g, c_{t-1}, i) for (i, f, g), dL/dh_t times tanh(c_t) for o.
        by = np.concatenate((g, tape.cs[:-1], i, tc), axis=-1)  # (T, B, 4H)
        one_minus = np.concatenate((1.0 - i, 1.0 - f, 1.0 - g * g, 1.0 - o), axis=-1)
        then = np.concatenate((i, f, np.ones_like(g), o), axis=-1)
        tanh_deriv = 1.0 - tc * tc  # (T, B, H) tanh'(c_t)
        dh = np.asarray(dh_T, dtype=np.float64).reshape(B, H)
        dc_next = np.zeros((B, H))  # dL/dc_t arriving along the cell path from step t+1
        d = np.empty((B, H4))
        for t in range(T - 1, -1, -1):
            dc = dc_next + (dh * o[t]) * tanh_deriv[t]  # h_t = o ⊙ tanh(c_t)
            grad_h[t], grad_c[t] = dh, dc
            np.concatenate((dc, dc, dc, dh), axis=-1, out=d)
            dz = grad_pre[t]
            np.multiply(d, by[t], out=dz)
            dz *= one_minus[t]
            dz *= then[t]
            dc_next = dc * f[t]  # the cell path: dL/dc_{t-1} += dL/dc_t ⊙ f_t
            dh = dz @ p.W_hh  # W_hh^T dL/dz_t
        dZ = grad_pre.reshape(T * B, H4)
        W_ih = dZ.T @ tape.X.reshape(T * B, -1)
        W_hh = dZ.T @ tape.hs[:-1].reshape(T * B, H)
        b = dZ.sum(axis=0)
    return LSTMGrads(grad_h, grad_c, grad_pre, W_ih, W_hh, b, b.copy())


# ------------------------------------------------------------------ the explorer's seam


def _sequence(X, I: int) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != I or X.shape[0] < 1:
        raise ValueError(f"inputs have shape {X.shape}, expected (T >= 1, {I}).")
    return X[None]  # (1, T, I)


def _unroll(p, X, forward, backward):
    """One sequence X (T, I) as a batch of one: its tape, and the grads of L = sum(h_T)."""
    tape = forward(p, _sequence(X, p.input_size))
    return tape, backward(p, tape, np.ones((1, p.hidden_size)))  # dL/dh_T of sum(h_T)


def _run(tape, g, param_grads: tuple, max_norm, **cell_path) -> Run:
    """The seam's Run of that batch of one: states, dL/dh_t, pre-activations, weight grads."""
    return make_run(
        hs=tape.hs[1:, 0],
        grad_h=g.grad_h[:, 0],
        pre=tape.pre[:, 0],
        param_grads=param_grads,
        max_norm=max_norm,
        **cell_path,
    )


def rnn_grads(W_ih, W_hh, b_ih, b_hh, X, activation: str, max_norm=None) -> Run:
    """Unroll h_t = act(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh) and backprop L = sum(h_T)."""
    p = RNNParams(W_ih, W_hh, b_ih, b_hh, nonlinearity=activation)
    tape, g = _unroll(p, X, rnn_forward, rnn_backward)
    return _run(tape, g, (g.W_xh, g.W_hh, g.b_xh, g.b_hh), max_norm)


def lstm_grads(W_ih, W_hh, b_ih, b_hh, X, max_norm=None) -> Run:
    """Unroll the LSTM (gates i, f, g, o as nn.LSTM packs them); backprop L = sum(h_T)."""
    p = LSTMParams(W_ih, W_hh, b_ih, b_hh)
    tape, g = _unroll(p, X, lstm_forward, lstm_backward)
    cell_path = {"cs": tape.cs[1:, 0], "grad_c": g.grad_c[:, 0]}
    return _run(tape, g, (g.W_ih, g.W_hh, g.b_ih, g.b_hh), max_norm, **cell_path)


def _log10_spectral_norm(M: np.ndarray) -> float:
    s = float(np.linalg.norm(M, ord=2))
    return math.log10(s) if s > 0 else -math.inf


def rnn_chain_log10(W_hh, D, ks) -> np.ndarray:
    """log10 ||W_hh^T diag(D_T) W_hh^T diag(D_(T-1)) ... (k factors)||_2 for each k in ks.

    D is (T, H), act'(a_t), and dL/dh_(T-k) = (this product) dL/dh_T. The running product
    is renormalised every step and its scale kept in log10, so it never overflows; an
    exactly-0 product (dead ReLUs) stays -inf, an overflowed one (NaN in D) stays NaN.
    """
    W_T = np.ascontiguousarray(np.asarray(W_hh, dtype=np.float64).T)
    D = np.asarray(D, dtype=np.float64)
    T, H = D.shape
    want = {int(k) for k in ks}
    out = {}
    M = np.eye(H)
    log_s = 0.0
    with np.errstate(all="ignore"), one_blas_thread():
        for k in range(1, T):
            M = W_T @ (D[T - k][:, None] * M)  # prepend the factor for step T-k+1
            s = float(np.max(np.abs(M)))  # NaN propagates through max
            if not s > 0 or math.isinf(s):
                fill = -math.inf if s == 0 else math.nan
                for kk in want:
                    if kk >= k:
                        out[kk] = fill
                break
            M = M / s
            log_s += math.log10(s)
            if k in want:
                out[k] = log_s + _log10_spectral_norm(M)
    return np.array([out.get(int(k), math.nan) for k in ks], dtype=np.float64)
