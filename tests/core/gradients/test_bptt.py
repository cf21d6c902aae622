"""The NumPy BPTT's batched passes (core/gradients/bptt.py) below the seam.

The seam itself (rnn_grads, lstm_grads against torch autograd, every size, the presets) is
checked in test_backend_contract.py. Here: the LSTM's backward is torch's chain step for
step (given torch's own gate values), a batch is its rows run one by one, and in a cell
that saturates, float64's last bits are where NumPy and torch may part, which an 80-bit
long-double run settles.
"""

from dataclasses import replace

import numpy as np
import pytest
import torch

from core.gradients import bptt
from core.gradients.networks import random_inputs, random_lstm, random_rnn
from core.gradients.run import safe_norms
from core.nn.cells import LSTMParams
from tests.support import torch_bptt as reference

pytestmark = pytest.mark.usefixtures("torch_on_one_thread")

RTOL = 1e-10
I = 4  # the explorer's input size for random networks


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(safe_norms(a) - safe_norms(b)) / safe_norms(b)))


@pytest.mark.parametrize(("H", "T"), [(1, 500), (7, 500), (64, 200)])
def test_the_lstm_backward_is_torchs_chain_given_torchs_gates(H, T):
    """Given torch's own tanh(c_t) and gate values, NumPy's backward gives torch's dL/dh_t
    and dL/dc_t: whatever differs comes from the forward's last bits, not the chain."""
    p = random_lstm(H, I, 1.0, 3.0, seed=H)
    X = random_inputs(T, I, seed=H)
    ref = reference.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, X)
    tape = bptt.lstm_forward(p, X[None])
    z = torch.from_numpy(tape.pre)
    gates = torch.sigmoid(z).numpy()
    gates[..., 2 * H : 3 * H] = torch.tanh(z[..., 2 * H : 3 * H]).numpy()
    tanh_c = torch.tanh(torch.from_numpy(tape.cs[1:])).numpy()
    grads = bptt.lstm_backward(p, replace(tape, gates=gates, tanh_c=tanh_c), np.ones((1, H)))
    assert _rel(grads.grad_h[:, 0], ref.grad_h) <= RTOL
    assert _rel(grads.grad_c[:, 0], ref.grad_c) <= RTOL


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_a_batch_is_its_rows_run_one_by_one(kind):
    H, T, B = 6, 40, 5
    X = np.stack([random_inputs(T, I, seed=s) for s in range(B)])  # (B, T, I)
    dh_T = np.random.default_rng(0).normal(size=(B, H))
    if kind == "rnn":
        p = random_rnn(H, I, "tanh", 1.2, seed=1)
        fwd, bwd, names = bptt.rnn_forward, bptt.rnn_backward, ("W_xh", "W_hh", "b_xh")
    else:
        p = random_lstm(H, I, 1.2, 1.0, seed=1)
        fwd, bwd, names = bptt.lstm_forward, bptt.lstm_backward, ("W_ih", "W_hh", "b_ih")
    whole = bwd(p, fwd(p, X), dh_T)
    rows = [bwd(p, fwd(p, X[b : b + 1]), dh_T[b : b + 1]) for b in range(B)]
    for b, one in enumerate(rows):
        np.testing.assert_allclose(whole.grad_h[:, b], one.grad_h[:, 0], rtol=1e-12, atol=1e-15)
    for name in names:  # the weights' gradient of a batch is the sum over its rows
        total = sum(getattr(one, name) for one in rows)
        np.testing.assert_allclose(getattr(whole, name), total, rtol=1e-10, atol=1e-13)


def lstm_grad_h_longdouble(p: LSTMParams, X: np.ndarray) -> np.ndarray:
    """||dL/dh_t|| for L = sum(h_T) in 80-bit long double: 2048 times float64's precision."""
    L = np.longdouble
    W_ih, W_hh = p.W_ih.astype(L), p.W_hh.astype(L)
    b = p.b_ih.astype(L) + p.b_hh.astype(L)
    T, H = len(X), p.hidden_size
    h, c = np.zeros(H, L), np.zeros(H, L)
    cs, gates = [c], []
    for t in range(T):
        z = W_ih @ X[t].astype(L) + b + W_hh @ h
        i, f, o = (1 / (1 + np.exp(-z[k * H : (k + 1) * H])) for k in (0, 1, 3))
        g = np.tanh(z[2 * H : 3 * H])
        c = f * c + i * g
        h = o * np.tanh(c)
        cs.append(c)
        gates.append((i, f, g, o))
    dh, dc_next, out = np.ones(H, L), np.zeros(H, L), np.zeros((T, H), L)
    for t in range(T - 1, -1, -1):
        i, f, g, o = gates[t]
        tc = np.tanh(cs[t + 1])
        out[t] = dh
        dc = dc_next + dh * o * (1 - tc * tc)
        dz = np.concatenate(
            [
                dc * g * i * (1 - i),
                dc * cs[t] * f * (1 - f),
                dc * i * (1 - g * g),
                dh * tc * o * (1 - o),
            ]
        )
        dc_next, dh = dc * f, W_hh.T @ dz
    return np.sqrt((out**2).sum(axis=1)).astype(np.float64)


def test_a_saturated_cell_is_where_float64_runs_out_of_bits():
    """H = 8, seed 9, T = 500: c_t saturates until tanh'(c_t) = 1 - tanh² ~ 2e-14 is a
    difference of nearly equal numbers, so a last-bit difference between NumPy's tanh and
    torch's (SLEEF) is amplified by 1 / tanh'. Against an 80-bit long-double run both float64
    answers are still within 1e-7, and here within 1e-10 of each other; this regime (and the
    chaotic LSTM at weight scale 8, where even torch's fused and stepped runs part) is why
    the page's numbers are held to torch at 1e-10 only where float64 can settle them."""
    p = random_lstm(8, I, 1.0, 3.0, seed=9)
    X = random_inputs(500, I, seed=9)
    run = bptt.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, X)
    ref = reference.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, X)
    assert float((1.0 - np.tanh(run.cs) ** 2).min()) < 1e-12
    exact = lstm_grad_h_longdouble(p, X)
    mine, theirs = safe_norms(run.grad_h), safe_norms(ref.grad_h)
    assert np.max(np.abs(mine - exact) / exact) < 1e-7
    assert np.max(np.abs(theirs - exact) / exact) < 1e-7
    assert np.max(np.abs(mine - theirs) / theirs) <= RTOL
