"""The seam between the explorer and whatever backpropagates: the Run it gets back.

A BPTT backend is a module with exactly these three functions (float64 NumPy in and out;
no torch type ever crosses the seam), so that `core/gradients/explorer.py` can switch
backends by changing its one import:

    rnn_grads(W_ih, W_hh, b_ih, b_hh, X, activation, max_norm=None) -> Run
        W_ih (H, I), W_hh (H, H), b_ih (H,), b_hh (H,), X (T, I), T >= 1;
        activation "tanh" or "relu". Unrolls h_t = act(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)
        from h_0 = 0, takes the loss L = sum(h_T), and returns dL/dh_t for every t (the total
        derivative, as autograd gives it for each h_t), dL/d(each weight), and the norms.
    lstm_grads(W_ih, W_hh, b_ih, b_hh, X, max_norm=None) -> Run
        W_ih (4H, I), W_hh (4H, H), b_ih (4H,), b_hh (4H,), gate blocks in PyTorch's order
        (i, f, g, o); h_0 = c_0 = 0; L = sum(h_T). Also returns c_t and dL/dc_t (total
        derivative: nudging c_t moves h_t = o_t tanh(c_t) too).
    rnn_chain_log10(W_hh, D, ks) -> np.ndarray (K,)
        D (T, H) = act'(a_t) (NaN where undefined), ks (K,) steps back, each in 1..T-1.
        log10 || W_hh^T diag(D_T) W_hh^T diag(D_(T-1)) ... (k factors) ||_2 for each k,
        never overflowing; -inf once the product is exactly 0, NaN once it is inf/NaN.

Overflow and underflow are results, not errors: a backend never raises on them and never
lets a RuntimeWarning out; inf/NaN stay in the arrays and the norms below say so.
`max_norm=None` means no clipping (clip_coef 1.0). Both grads functions build the Run with
`make_run`, so the norms and the clipping are measured one way whatever the backend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Run:
    """One unrolled forward + backward: states, their gradients, the weights' gradients."""

    hs: np.ndarray  # (T, H) h_1..h_T
    grad_h: np.ndarray  # (T, H) dL/dh_t
    grad_norms: np.ndarray  # (T,) ||dL/dh_t||_2; NaN where a row is not finite, inf past range
    pre: np.ndarray  # RNN (T, H) a_t; LSTM (T, 4H) gate pre-activations z_t (i, f, g, o)
    param_grads: tuple[np.ndarray, ...]  # dL/dW_ih, dL/dW_hh, dL/db_ih, dL/db_hh
    total_norm: float  # ||dL/dtheta|| over all four, as clip_grad_norm_ measures; inf if not finite
    clip_coef: float  # what clipping multiplies every gradient by (1: none; NaN: cannot repair)
    cs: np.ndarray | None = None  # (T, H) LSTM cell states c_1..c_T
    grad_c: np.ndarray | None = None  # (T, H) dL/dc_t
    cell_grad_norms: np.ndarray | None = None  # (T,) ||dL/dc_t||_2, NaN where not finite


def safe_norms(G: np.ndarray) -> np.ndarray:
    """Row-wise 2-norms that do not overflow for entries near 1e308; NaN if not finite."""
    G = np.asarray(G, dtype=np.float64)
    G = G.reshape(G.shape[0], -1) if G.ndim > 1 else G.reshape(1, -1)
    finite = np.all(np.isfinite(G), axis=1)
    Gf = np.where(finite[:, None], G, 0.0)
    m = np.max(np.abs(Gf), axis=1)  # (T,)
    scale = np.where(m > 0, m, 1.0)
    with np.errstate(over="ignore", under="ignore"):
        norms = m * np.sqrt(np.sum((Gf / scale[:, None]) ** 2, axis=1))
    norms = np.where(np.isfinite(norms), norms, np.inf)
    return np.where(finite, norms, np.nan)


def total_norm(arrays) -> float:
    """The 2-norm of all entries together, as clip_grad_norm_ measures it, overflow-safe;
    inf if any entry is not finite (torch says inf or NaN: either way nothing can be rescaled)."""
    each = np.array([safe_norms(np.reshape(a, (1, -1)))[0] for a in arrays])  # (P,)
    total = float(safe_norms(each[None])[0])
    return math.inf if math.isnan(total) else total


def clip_coefficient(total: float, max_norm: float) -> float:
    """The factor torch.nn.utils.clip_grad_norm_ multiplies every gradient by."""
    if not math.isfinite(total):
        return math.nan  # an inf/NaN gradient cannot be rescaled into a finite one
    return min(1.0, max_norm / (total + 1e-6))


def clip_grads(grads, max_norm: float) -> tuple[tuple[np.ndarray, ...], float, float]:
    """(clipped gradients, total norm before, coefficient): clip_grad_norm_ on finite grads;
    gradients that are not finite come back unchanged with coefficient NaN."""
    total = total_norm(grads)
    coef = clip_coefficient(total, max_norm)
    if math.isnan(coef):
        return tuple(np.asarray(g) for g in grads), total, coef
    return tuple(np.asarray(g) * coef for g in grads), total, coef


def make_run(hs, grad_h, pre, param_grads, max_norm: float | None, cs=None, grad_c=None) -> Run:
    """A Run from a backend's float64 arrays: the norms and the clipping measured here."""
    param_grads = tuple(np.asarray(g, dtype=np.float64) for g in param_grads)
    total = total_norm(param_grads)
    coef = 1.0 if max_norm is None else clip_coefficient(total, max_norm)
    return Run(
        hs=np.asarray(hs, dtype=np.float64),
        grad_h=np.asarray(grad_h, dtype=np.float64),
        grad_norms=safe_norms(grad_h),
        pre=np.asarray(pre, dtype=np.float64),
        param_grads=param_grads,
        total_norm=total,
        clip_coef=coef,
        cs=None if cs is None else np.asarray(cs, dtype=np.float64),
        grad_c=None if grad_c is None else np.asarray(grad_c, dtype=np.float64),
        cell_grad_norms=None if grad_c is None else safe_norms(grad_c),
    )
