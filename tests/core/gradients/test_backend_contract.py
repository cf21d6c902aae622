"""The seam of core/gradients/run.py: the NumPy backend (core/gradients/bptt.py) is torch autograd.

Two parts. First the contract every backend keeps (shapes, dtypes, norms, clipping, no torch
type crossing the seam, overflow as a value, never an exception), checked on the NumPy
backend and on the torch reference (tests/support/torch_bptt.py: torch's RNNCell / LSTMCell
stepped, autograd) against the fused nn.RNN / nn.LSTM and clip_grad_norm_. Then the matrix:
the NumPy backend against that reference, both activations, sizes 1-128, lengths up to 500,
the page's explode, overflow and underflow presets, to 1e-10 relative.

"Relative" means per step ||numpy_t - torch_t|| / ||torch_t||, per tensor for weights. Below
the vanish floor (1e-300) the numbers are subnormal and carry few significant bits: there
they are held to atol 1e-310, and what the page shows (the "vanished" flag) exactly.
Where float64 itself cannot settle the last bits, the test says so at the case and shows
why (an exact reference, or what the two share up to the divergence); no other case is exempt.
"""

import math

import numpy as np
import pytest
import torch

from core.calculator.presets import slide_lstm
from core.gradients import bptt
from core.gradients.networks import random_inputs, random_lstm, random_rnn
from core.gradients.run import Run, clip_coefficient, clip_grads, safe_norms, total_norm
from core.nn.cells import LSTMParams, RNNParams
from tests.support import torch_bptt as reference
from tests.support.torch_bptt import fused_weight_grads, lstm_module, rnn_module

pytestmark = pytest.mark.usefixtures("torch_on_one_thread")

BACKENDS = [
    pytest.param(bptt, id="numpy"),
    pytest.param(reference, id="torch-reference"),
]
RTOL = 1e-10
SUBNORMAL_ATOL = 1e-310
VANISH_FLOOR = 1e-300
I = 4  # the explorer's input size for random networks


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


def run_rnn(backend, p: RNNParams, X, max_norm=None) -> Run:
    return backend.rnn_grads(p.W_xh, p.W_hh, p.b_xh, p.b_hh, X, p.nonlinearity, max_norm)


def run_lstm(backend, p: LSTMParams, X, max_norm=None) -> Run:
    return backend.lstm_grads(p.W_ih, p.W_hh, p.b_ih, p.b_hh, X, max_norm)


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


# ------------------------------------------------------------------ the contract


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_rnn_grads_is_torch_autograd_on_nn_rnn(backend, act):
    p, T = _rnn(act=act, scale=1.3), 25
    X = np.random.default_rng(3).normal(size=(T, p.input_size))
    run = run_rnn(backend, p, X, max_norm=0.5)
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
    np.testing.assert_array_equal(run.grad_norms, safe_norms(run.grad_h))
    np.testing.assert_allclose(run.grad_h[-1], np.ones(p.hidden_size))  # L = sum(h_T)


@pytest.mark.parametrize("backend", BACKENDS)
def test_lstm_grads_is_torch_autograd_on_nn_lstm(backend):
    p, T = _lstm(), 30
    X = np.random.default_rng(4).normal(size=(T, p.input_size))
    run = run_lstm(backend, p, X)
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
    run = run_rnn(backend, p, X, max_norm=1.0)
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


# ------------------------------------------------------------------ the matrix: NumPy vs torch


def step_rel(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-row relative error ||a_t - b_t|| / ||b_t|| where b_t is a normal-range vector."""
    nb = safe_norms(b)
    keep = nb > VANISH_FLOOR
    with np.errstate(under="ignore"):
        return safe_norms(a - b)[keep] / nb[keep]


def tensor_rel(a: np.ndarray, b: np.ndarray) -> float:
    nb = np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / nb) if nb > 0 else float(np.max(np.abs(a)))


def assert_same_norms(mine: np.ndarray, theirs: np.ndarray, rtol: float = RTOL) -> None:
    a, b = safe_norms(mine), safe_norms(theirs)
    np.testing.assert_array_equal(np.isfinite(a), np.isfinite(b))
    np.testing.assert_allclose(a, b, rtol=rtol, atol=SUBNORMAL_ATOL)
    np.testing.assert_array_equal(a < VANISH_FLOOR, b < VANISH_FLOOR)  # the "vanished" flag
    assert np.all(step_rel(mine, theirs) <= rtol)


SIZES = [(1, 500), (2, 300), (7, 500), (64, 200), (128, 500)]  # (H, T)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize(("H", "T"), SIZES)
def test_rnn_matches_torch_autograd(activation, H, T):
    p = random_rnn(H, I, activation, 1.0, seed=H)
    X = random_inputs(T, I, seed=H)
    ref = run_rnn(reference, p, X)
    run = run_rnn(bptt, p, X)
    assert np.all(step_rel(run.hs, ref.hs) <= RTOL)
    assert_same_norms(run.grad_h, ref.grad_h)
    for mine, theirs in zip(run.param_grads, fused_weight_grads(rnn_module(p), X), strict=True):
        assert mine.shape == theirs.shape
        assert tensor_rel(mine, theirs) <= RTOL


@pytest.mark.parametrize(("H", "T"), SIZES)
@pytest.mark.parametrize(("scale", "forget_bias"), [(1.0, 3.0), (0.5, 0.0)])
def test_lstm_matches_torch_autograd(H, T, scale, forget_bias):
    p = random_lstm(H, I, scale, forget_bias, seed=H)
    X = random_inputs(T, I, seed=H)
    ref = run_lstm(reference, p, X)
    run = run_lstm(bptt, p, X)
    assert np.all(step_rel(run.hs, ref.hs) <= RTOL)
    assert_same_norms(run.grad_h, ref.grad_h)
    assert_same_norms(run.grad_c, ref.grad_c)
    for mine, theirs in zip(run.param_grads, fused_weight_grads(lstm_module(p), X), strict=True):
        assert mine.shape == theirs.shape
        assert tensor_rel(mine, theirs) <= RTOL


def test_huge_weights_overflow_exactly_where_torch_does():
    """The slide's LSTM cell with weights x 1e300 (the calculator lets a visitor type them)."""
    ex = slide_lstm()
    big = LSTMParams(ex.params.W_ih * 1e300, ex.params.W_hh * 1e300, ex.params.b_ih, ex.params.b_hh)
    X = np.ones((20, 1))
    run, ref = run_lstm(bptt, big, X), run_lstm(reference, big, X)
    for mine, theirs in [(run.hs, ref.hs), (run.grad_h, ref.grad_h), (run.grad_c, ref.grad_c)]:
        np.testing.assert_array_equal(mine, theirs)  # saturated gates: exact 0s and 1s
    for mine, theirs in zip(run.param_grads, fused_weight_grads(lstm_module(big), X), strict=True):
        np.testing.assert_array_equal(np.isfinite(mine), np.isfinite(theirs))


def test_the_explode_preset_matches_while_it_grows():
    """The page's "explode" preset (relu, rho = 2, T = 200): large but finite, still exact."""
    p = random_rnn(32, I, "relu", 2.0, seed=0)
    X = random_inputs(200, I, seed=0)
    ref, run = run_rnn(reference, p, X), run_rnn(bptt, p, X)
    norms = safe_norms(run.grad_h)
    assert norms[0] > 1e9 * norms[-1]
    assert_same_norms(run.grad_h, ref.grad_h)
    for mine, theirs in zip(run.param_grads, fused_weight_grads(rnn_module(p), X), strict=True):
        assert tensor_rel(mine, theirs) <= RTOL


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clipping_is_clip_grad_norm(kind, max_norm):
    H, T = 16, 60
    X = random_inputs(T, I, seed=2)
    if kind == "rnn":
        p = random_rnn(H, I, "relu", 1.6, seed=2)
        module, run = rnn_module(p), run_rnn(bptt, p, X, max_norm)
    else:
        p = random_lstm(H, I, 1.6, 1.0, seed=2)
        module, run = lstm_module(p), run_lstm(bptt, p, X, max_norm)
    grads = run.param_grads
    fused_weight_grads(module, X)
    total = torch.nn.utils.clip_grad_norm_(module.parameters(), max_norm).item()
    clipped, mine_total, coef = clip_grads(grads, max_norm)
    assert mine_total == pytest.approx(total, rel=RTOL)
    assert total_norm(grads) == mine_total == run.total_norm and coef == run.clip_coef
    assert (coef < 1) == (max_norm < total) and 0 < coef <= 1
    for mine, w in zip(clipped, module.parameters(), strict=True):
        assert tensor_rel(mine, w.grad.numpy()) <= RTOL


def test_overflow_preset_flags_what_torch_flags():
    """relu, rho = 8, T = 500 (the page's overflow preset): h_t passes 1.8e308 mid-way.

    The one documented exception of the RNN: before the overflow both forwards agree to
    1e-10 and overflow at the same step. Which entries of that step become inf rather than
    NaN depends on the BLAS's summation order (torch sums with MKL, NumPy with OpenBLAS), so
    the gradient's first overflowed step may differ by one; where every later state is NaN
    in both, the gradients agree to 1e-10 again.
    """
    p = random_rnn(32, I, "relu", 8.0, seed=0)
    X = random_inputs(500, I, seed=0)
    ref, run = run_rnn(reference, p, X), run_rnn(bptt, p, X)
    fin_t, fin_n = np.isfinite(ref.hs).all(1), np.isfinite(run.hs).all(1)
    first = int(np.argmin(fin_t))
    assert not fin_t.all() and first == int(np.argmin(fin_n))
    assert np.all(step_rel(run.hs[:first], ref.hs[:first]) <= RTOL)
    # The gradient: the last step's is sum's (all ones), its first steps overflowed.
    np.testing.assert_array_equal(run.grad_h[-1], np.ones(32))
    gt, gn = safe_norms(ref.grad_h), safe_norms(run.grad_h)
    bad_t, bad_n = np.flatnonzero(~np.isfinite(gt)), np.flatnonzero(~np.isfinite(gn))
    assert len(bad_t) and len(bad_n)
    for bad in (bad_t, bad_n):  # a prefix: once overflowed, every earlier step is too
        np.testing.assert_array_equal(bad, np.arange(len(bad)))
    assert abs(len(bad_t) - len(bad_n)) <= 1
    all_nan_after = np.flip(np.cumprod(np.flip(np.isnan(ref.hs).all(1)))).astype(bool)
    all_nan_after &= np.flip(np.cumprod(np.flip(np.isnan(run.hs).all(1)))).astype(bool)
    assert all_nan_after.sum() > 10
    np.testing.assert_allclose(gn[all_nan_after], gt[all_nan_after], rtol=RTOL)
    # Weights: torch's total is not finite, and so is ours; clipping cannot repair it.
    module = rnn_module(p)
    fused_weight_grads(module, X)
    assert not math.isfinite(torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0).item())
    clipped, total, coef = clip_grads(run.param_grads, 1.0)
    assert total == math.inf and math.isnan(coef)


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_underflow_goes_through_subnormals_to_zero_as_torch_does(kind):
    """rho = 0.1 (RNN), a shut forget gate (LSTM): the gradient passes 1e-300, then the
    subnormals, then is exactly 0, at the same steps as torch's."""
    X = random_inputs(500, I, seed=0)
    if kind == "rnn":
        p = random_rnn(32, I, "tanh", 0.1, seed=0)
        ref, run = run_rnn(reference, p, X), run_rnn(bptt, p, X)
        pairs = [(run.grad_h, ref.grad_h)]
    else:
        p = random_lstm(32, I, 0.1, -6.0, seed=0)
        ref, run = run_lstm(reference, p, X), run_lstm(bptt, p, X)
        pairs = [(run.grad_h, ref.grad_h), (run.grad_c, ref.grad_c)]
    for mine, theirs in pairs:
        assert_same_norms(mine, theirs)
        n = safe_norms(theirs)
        tiny = np.finfo(np.float64).tiny
        assert np.any((n > 0) & (n < tiny)), "no subnormal step: the case does not test them"
        assert n[0] == 0 and n[-1] > 0
        np.testing.assert_array_equal(safe_norms(mine) == 0, n == 0)
