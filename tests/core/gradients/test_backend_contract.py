"""The seam of core/gradients/run.py: every BPTT backend returns the same Run, checked on torch.

Parametrised over the backends that exist: today torch_bptt; a NumPy `core/gradients/bptt.py`
joins automatically and must pass the same checks (shapes, dtypes, norms, clipping, no
torch type crossing the seam, overflow as a value, never an exception).
"""

import importlib
import importlib.util
import math
import warnings

import numpy as np
import pytest
import torch

from core.gradients.run import Run, clip_coefficient, safe_norms, total_norm
from core.gradients.torch_bptt import lstm_module, rnn_module
from core.nn.cells import LSTMParams, RNNParams


def _backends():
    names = ("core.gradients.torch_bptt", "core.gradients.bptt")
    return [
        pytest.param(importlib.import_module(n), id=n.rsplit(".", 1)[1])
        for n in names
        if importlib.util.find_spec(n) is not None  # a broken backend still fails loudly
    ]


BACKENDS = _backends()


@pytest.fixture(autouse=True)
def _no_numeric_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield


def _rnn(H=5, I=3, act="tanh", scale=1.0, seed=0) -> RNNParams:
    g = np.random.default_rng(seed)
    return RNNParams(
        g.normal(size=(H, I)), scale * g.normal(size=(H, H)) / math.sqrt(H),
        g.normal(size=H) * 0.1, g.normal(size=H) * 0.1, act,
    )  # fmt: skip


def _lstm(H=4, I=3, seed=1) -> LSTMParams:
    g = np.random.default_rng(seed)
    return LSTMParams(
        g.normal(size=(4 * H, I)), g.normal(size=(4 * H, H)) / math.sqrt(H),
        g.normal(size=4 * H) * 0.1, g.normal(size=4 * H) * 0.1,
    )  # fmt: skip


def _assert_numpy_run(run: Run, T: int, H: int, lstm: bool):
    assert isinstance(run, Run)
    for a in (run.hs, run.grad_h, run.pre):
        assert isinstance(a, np.ndarray) and a.dtype == np.float64
    assert run.hs.shape == run.grad_h.shape == (T, H)
    assert run.pre.shape == (T, 4 * H if lstm else H)
    assert run.grad_norms.shape == (T,)
    assert len(run.param_grads) == 4
    assert all(isinstance(g, np.ndarray) for g in run.param_grads)
    if lstm:
        assert run.cs.shape == run.grad_c.shape == (T, H) and run.cell_grad_norms.shape == (T,)
    else:
        assert run.cs is None and run.grad_c is None and run.cell_grad_norms is None


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_rnn_grads_is_torch_autograd_on_nn_rnn(backend, act):
    p, T = _rnn(act=act, scale=1.3), 25
    X = np.random.default_rng(3).normal(size=(T, p.input_size))
    run = backend.rnn_grads(p.W_xh, p.W_hh, p.b_xh, p.b_hh, X, act, max_norm=0.5)
    _assert_numpy_run(run, T, p.hidden_size, lstm=False)
    ref = rnn_module(p)
    out, _ = ref(torch.from_numpy(X).unsqueeze(1))
    out[-1].sum().backward()
    np.testing.assert_allclose(run.hs, out[:, 0].detach().numpy(), rtol=1e-10, atol=1e-12)
    for mine, theirs in zip(run.param_grads, ref.parameters(), strict=True):  # W_ih W_hh b b
        np.testing.assert_allclose(mine, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)
    total = torch.nn.utils.clip_grad_norm_(ref.parameters(), 0.5).item()
    assert run.total_norm == pytest.approx(total, rel=1e-10)
    assert run.clip_coef == pytest.approx(min(1.0, 0.5 / (total + 1e-6)), rel=1e-12)
    assert run.clipped_total_norm == pytest.approx(run.total_norm * run.clip_coef)
    np.testing.assert_array_equal(run.grad_norms, safe_norms(run.grad_h))
    np.testing.assert_allclose(run.grad_h[-1], np.ones(p.hidden_size))  # L = sum(h_T)


@pytest.mark.parametrize("backend", BACKENDS)
def test_lstm_grads_is_torch_autograd_on_nn_lstm(backend):
    p, T = _lstm(), 30
    X = np.random.default_rng(4).normal(size=(T, p.input_size))
    run = backend.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, X)
    _assert_numpy_run(run, T, p.hidden_size, lstm=True)
    ref = lstm_module(p)
    out, (_, c_n) = ref(torch.from_numpy(X).unsqueeze(1))
    out[-1].sum().backward()
    np.testing.assert_allclose(run.hs, out[:, 0].detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(run.cs[-1], c_n[0, 0].detach().numpy(), rtol=1e-10, atol=1e-12)
    for mine, theirs in zip(run.param_grads, ref.parameters(), strict=True):
        np.testing.assert_allclose(mine, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)
    assert run.clip_coef == 1.0  # max_norm=None: no clipping
    assert run.total_norm == pytest.approx(total_norm(run.param_grads))


@pytest.mark.parametrize("backend", BACKENDS)
def test_overflow_is_a_value_not_an_exception(backend):
    p, T = _rnn(H=8, act="relu", scale=40.0), 400
    X = np.ones((T, p.input_size))
    run = backend.rnn_grads(p.W_xh, p.W_hh, p.b_xh, p.b_hh, X, "relu", max_norm=1.0)
    assert not np.all(np.isfinite(run.hs))
    assert run.total_norm == math.inf and math.isnan(run.clip_coef)


@pytest.mark.parametrize("backend", BACKENDS)
def test_chain_is_the_product_of_step_jacobians(backend):
    g = np.random.default_rng(5)
    W, D = g.normal(size=(3, 3)), g.uniform(0, 1, size=(6, 3))  # (H, H), (T, H)
    ks = np.array([1, 2, 5])
    got = backend.rnn_chain_log10(W, D, ks)
    for k, lg in zip(ks, got, strict=True):
        M = np.eye(3)
        for j in range(1, k + 1):
            M = W.T @ np.diag(D[6 - j]) @ M
        assert lg == pytest.approx(math.log10(np.linalg.norm(M, 2)), abs=1e-12)
    zero = backend.rnn_chain_log10(W, np.zeros((6, 3)), ks)
    assert np.all(zero == -math.inf)
    D[4, 0] = np.nan  # the step T-1: undefined from k = 2 on
    assert np.all(np.isnan(backend.rnn_chain_log10(W, D, ks)[1:]))


def test_clip_coefficient_cannot_rescale_inf():
    assert math.isnan(clip_coefficient(math.inf, 1.0))
    assert clip_coefficient(0.1, 1.0) == 1.0
