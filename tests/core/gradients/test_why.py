"""The why-numbers (core/gradients/why.py) on the NumPy backend's runs, against torch."""

import math

import numpy as np
import pytest
import torch

from core.gradients import bptt
from core.gradients.networks import random_inputs, random_lstm, random_rnn
from core.gradients.run import safe_norms
from core.gradients.why import lstm_why, rnn_why

I = 4
F64 = torch.float64


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_rnn_chain_is_the_norm_of_the_k_step_jacobian(activation):
    H, T = 7, 40
    p = random_rnn(H, I, activation, 1.5, seed=1)
    run = bptt.rnn_grads(p.W_xh, p.W_hh, p.b_xh, p.b_hh, random_inputs(T, I, seed=1), activation)
    why = rnn_why(p.W_hh, run.pre, activation, run.grad_norms, bptt.rnn_chain_log10)
    ks = why.ks
    np.testing.assert_array_equal(ks, [1, 2, 5, 10, 20, T - 1])
    a = torch.from_numpy(run.pre)
    D = 1 - torch.tanh(a) ** 2 if activation == "tanh" else (a > 0).to(F64)
    W = torch.from_numpy(p.W_hh)
    M = torch.eye(H, dtype=F64)
    want = {}
    for k in range(1, T):
        M = W.T @ torch.diag(D[T - k]) @ M
        s = torch.linalg.matrix_norm(M, ord=2).item()
        want[k] = math.log10(s) if s > 0 else -math.inf  # dead relus: exactly 0
    np.testing.assert_allclose(why.chain_log10, [want[k] for k in ks], rtol=1e-10)
    assert why.spectral_radius == pytest.approx(1.5, rel=1e-12)
    assert why.spectral_norm == pytest.approx(torch.linalg.matrix_norm(W, ord=2).item())
    assert why.mean_act_deriv == pytest.approx(D.mean().item(), rel=1e-12)
    g = safe_norms(run.grad_h)
    with np.errstate(divide="ignore"):  # dead relus: an exactly-0 gradient is -inf
        np.testing.assert_allclose(why.grad_ratio_log10, np.log10(g[T - 1 - ks] / g[-1]))


def test_chain_is_minus_inf_for_dead_relus_and_nan_past_an_overflow():
    D = np.ones((10, 3))
    D[7] = 0.0  # step 8 (0-based 7: k = 3 back from T = 10) kills every unit
    out = bptt.rnn_chain_log10(np.eye(3), D, [1, 2, 3, 5])
    np.testing.assert_array_equal(out, [0.0, 0.0, -math.inf, -math.inf])
    D[8] = np.nan
    assert np.isnan(bptt.rnn_chain_log10(np.eye(3), D, [1, 2, 3])[1:]).all()


def test_lstm_forget_product_is_the_product_of_the_forget_gates():
    H, T = 5, 30
    p = random_lstm(H, I, 1.0, 2.0, seed=3)
    run = bptt.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, random_inputs(T, I, seed=3))
    why = lstm_why(run.pre, run.cs)
    f = torch.sigmoid(torch.from_numpy(run.pre[:, H : 2 * H]))  # (T, H)
    for j, k in enumerate(why.ks):
        prod = torch.prod(f[T - k :], dim=0)  # f_T ... f_{T-k+1}, per unit
        assert why.forget_prod_log10_mean[j] == pytest.approx(
            math.log10(prod.mean().item()), rel=1e-10
        )
        assert why.forget_prod_log10_max[j] == pytest.approx(
            math.log10(prod.max().item()), rel=1e-10
        )
    assert why.mean_forget == pytest.approx(f.mean().item(), rel=1e-12)
