"""The torch reference for the BPTT seam of core/gradients/run.py (tests only: the site
never imports torch).

`rnn_grads`, `lstm_grads` and `rnn_chain_log10` implement the seam with torch's own cells:
nn.RNNCell / nn.LSTMCell called one step at a time, so that every h_t (and c_t) is a node
autograd differentiates, the loss L = sum(h_T) as the explorer takes it. The contract test
holds this reference to the fused nn.RNN / nn.LSTM (`rnn_module`, `lstm_module`) and
clip_grad_norm_, and the NumPy backend (core/gradients/bptt.py) to this reference.
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
def one_thread():
    """Run torch on one thread: its ops here are tiny (H <= 128), and on a shared, busy
    machine a second intra-op thread made the H = 128, T = 500 reference 12x slower."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def loaded(module, weights):
    """module with its parameters set, in order, from NumPy arrays (a cell's order:
    weight_ih, weight_hh, bias_ih, bias_hh, as RNNParams and LSTMParams hold them)."""
    with torch.no_grad():
        for w, a in zip(module.parameters(), weights, strict=True):
            w.copy_(torch.from_numpy(np.asarray(a, dtype=np.float64)))
    return module


def weights_of(module) -> list[np.ndarray]:
    """module's parameters, in order, as NumPy arrays (the inverse of loaded)."""
    return [w.detach().numpy() for w in module.parameters()]


def rnn_module(p: RNNParams) -> torch.nn.RNN:
    """An RNN cell's weights as a real nn.RNN (same weights, same nonlinearity)."""
    rnn = torch.nn.RNN(p.input_size, p.hidden_size, nonlinearity=p.nonlinearity, dtype=DTYPE)
    return loaded(rnn, (p.W_xh, p.W_hh, p.b_xh, p.b_hh))


def lstm_module(p: LSTMParams) -> torch.nn.LSTM:
    """An LSTM cell's weights as a real nn.LSTM; both pack gates as (i, f, g, o)."""
    lstm = torch.nn.LSTM(p.input_size, p.hidden_size, dtype=DTYPE)
    return loaded(lstm, (p.W_ih, p.W_hh, p.b_ih, p.b_hh))


def fused_weight_grads(module, X: np.ndarray) -> list[np.ndarray]:
    """The fused module's forward and backward of L = sum(h_T): dL/dtheta in
    (W_ih, W_hh, b_ih, b_hh) order, left in the module's .grad for clip_grad_norm_."""
    module.zero_grad()
    out, _ = module(torch.from_numpy(np.asarray(X, dtype=np.float64)).unsqueeze(1))
    out[-1].sum().backward()
    return [w.grad.clone().numpy() for w in module.parameters()]


def _unroll(cell, X: np.ndarray, lstm: bool, max_norm) -> Run:
    """Step the cell over X (T, I) from zeros; autograd gives dL/dh_t, dL/dc_t, dL/dtheta."""
    x = torch.from_numpy(np.asarray(X, dtype=np.float64)).unsqueeze(1)  # (T, 1, I)
    H = cell.hidden_size
    h = c = torch.zeros(1, H, dtype=DTYPE)
    hs, cs, pre = [], [], []
    params = list(cell.parameters())  # W_ih, W_hh, b_ih, b_hh
    for t in range(x.shape[0]):
        with torch.no_grad():  # the pre-activation the cell computes inside, for the Run
            pre.append(x[t] @ params[0].T + params[2] + h @ params[1].T + params[3])
        if lstm:
            h, c = cell(x[t], (h, c))
            cs.append(c)
        else:
            h = cell(x[t], h)
        hs.append(h)
    grads = torch.autograd.grad(hs[-1].sum(), hs + cs + params)
    T = len(hs)
    return make_run(
        hs=torch.cat(hs).detach().numpy(),
        grad_h=torch.cat(grads[:T]).numpy(),
        pre=torch.cat(pre).numpy(),
        param_grads=[g.numpy() for g in grads[len(hs) + len(cs) :]],
        max_norm=max_norm,
        cs=torch.cat(cs).detach().numpy() if lstm else None,
        grad_c=torch.cat(grads[T : 2 * T]).numpy() if lstm else None,
    )


def rnn_grads(W_ih, W_hh, b_ih, b_hh, X, activation: str, max_norm=None) -> Run:
    """The seam's rnn_grads by torch.nn.RNNCell and autograd."""
    p = RNNParams(W_ih, W_hh, b_ih, b_hh, nonlinearity=activation)
    with one_thread():
        cell = torch.nn.RNNCell(p.input_size, p.hidden_size, nonlinearity=activation, dtype=DTYPE)
        return _unroll(loaded(cell, (p.W_xh, p.W_hh, p.b_xh, p.b_hh)), X, False, max_norm)


def lstm_grads(W_ih, W_hh, b_ih, b_hh, X, max_norm=None) -> Run:
    """The seam's lstm_grads by torch.nn.LSTMCell and autograd."""
    p = LSTMParams(W_ih, W_hh, b_ih, b_hh)
    with one_thread():
        cell = torch.nn.LSTMCell(p.input_size, p.hidden_size, dtype=DTYPE)
        return _unroll(loaded(cell, (p.W_ih, p.W_hh, p.b_ih, p.b_hh)), X, True, max_norm)


def rnn_chain_log10(W_hh, D, ks) -> np.ndarray:
    """The seam's chain: the k-step Jacobian's spectral norm by torch.linalg, renormalised
    every step (its scale kept in log10) so that it never overflows."""
    with one_thread():
        W_T = torch.as_tensor(np.asarray(W_hh), dtype=DTYPE).T
        D = torch.as_tensor(np.asarray(D), dtype=DTYPE)
        T, H = D.shape
        want = {int(k) for k in ks}
        out = {}
        M = torch.eye(H, dtype=DTYPE)
        log_s = 0.0
        for k in range(1, T):
            M = W_T @ torch.diag(D[T - k]) @ M  # prepend the factor for step T-k+1
            s = M.abs().max().item()  # NaN propagates through max
            if not s > 0 or math.isinf(s):  # exactly 0 (dead ReLUs) or overflowed: it stays so
                for kk in want:
                    if kk >= k:
                        out[kk] = -math.inf if s == 0 else math.nan
                break
            M = M / s
            log_s += math.log10(s)
            if k in want:
                norm = torch.linalg.matrix_norm(M, ord=2).item()
                out[k] = log_s + (math.log10(norm) if norm > 0 else -math.inf)
        return np.array([out.get(int(k), math.nan) for k in ks])
