"""NumPy BPTT (core/gradients/bptt.py) against torch autograd on nn.RNN / nn.LSTM in float64.

The reference runs torch's RNNCell / LSTMCell one step at a time (so autograd can give
dL/dh_t for every t) and nn.RNN / nn.LSTM fused (for the weights' gradients and
clip_grad_norm_), all with the same weights. "Relative"
means per step ||numpy_t - torch_t|| / ||torch_t||, per tensor for weights. Below the
vanish floor (1e-300) the numbers are subnormal and carry few significant bits: there
they are held to atol 1e-310, and what the page shows (the "vanished" flag) exactly.
"""

import math
import warnings
from dataclasses import replace

import numpy as np
import pytest
import torch

from core.calculator.presets import slide_lstm
from core.gradients.bptt import (
    clip_grads,
    lstm_backward,
    lstm_forward,
    lstm_why_fields,
    rnn_chain_log10,
    rnn_why_fields,
    run_lstm,
    run_rnn,
    safe_norms,
    total_norm,
)
from core.gradients.seeded import (
    random_inputs,
    random_lstm,
    random_rnn,
)
from core.nn.cells import LSTMParams, RNNParams

RTOL = 1e-10
SUBNORMAL_ATOL = 1e-310
VANISH_FLOOR = 1e-300
I = 4  # the explorer's input size for random networks
F64 = torch.float64


@pytest.fixture(autouse=True)
def _no_numeric_warnings():
    """Overflow and underflow must be handled, never leak as RuntimeWarnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield


@pytest.fixture(autouse=True, scope="module")
def _torch_on_one_thread():
    """Torch's ops here are small; on the shared 2-core machine a second intra-op thread
    only waits for a core (the H = 128, T = 500 reference took 12 s instead of ~1 s)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# ------------------------------------------------------------------ torch references


def torch_rnn(p: RNNParams) -> torch.nn.RNN:
    rnn = torch.nn.RNN(p.input_size, p.hidden_size, nonlinearity=p.nonlinearity, dtype=F64)
    with torch.no_grad():
        for w, a in zip(rnn.parameters(), (p.W_xh, p.W_hh, p.b_xh, p.b_hh), strict=True):
            w.copy_(torch.from_numpy(a))
    return rnn


def torch_lstm(p: LSTMParams) -> torch.nn.LSTM:
    lstm = torch.nn.LSTM(p.input_size, p.hidden_size, dtype=F64)
    with torch.no_grad():
        for w, a in zip(lstm.parameters(), (p.W_ih, p.W_hh, p.b_ih, p.b_hh), strict=True):
            w.copy_(torch.from_numpy(a))
    return lstm


def reference(p, X: np.ndarray) -> dict:
    """dL/dh_t (and dL/dc_t) for L = sum(h_T): torch's RNNCell / LSTMCell with the same
    weights, called step by step so every state is a node autograd differentiates."""
    lstm = isinstance(p, LSTMParams)
    H = p.hidden_size
    if lstm:
        cell = torch.nn.LSTMCell(p.input_size, H, dtype=F64)
        weights = (p.W_ih, p.W_hh, p.b_ih, p.b_hh)
    else:
        cell = torch.nn.RNNCell(p.input_size, H, nonlinearity=p.nonlinearity, dtype=F64)
        weights = (p.W_xh, p.W_hh, p.b_xh, p.b_hh)
    with torch.no_grad():
        for w, a in zip(cell.parameters(), weights, strict=True):
            w.copy_(torch.from_numpy(a))
    x = torch.from_numpy(X).unsqueeze(1)  # (T, 1, I)
    h = c = torch.zeros(1, H, dtype=F64)
    hs, cs = [], []
    for t in range(x.shape[0]):
        if lstm:
            h, c = cell(x[t], (h, c))
            cs.append(c)
        else:
            h = cell(x[t], h)
        hs.append(h)
    grads = torch.autograd.grad(hs[-1].sum(), hs + cs)
    T = len(hs)
    out = {
        "hs": torch.cat(hs).detach().numpy(),
        "grad_h": torch.cat(grads[:T]).numpy(),
    }
    if lstm:
        out["grad_c"] = torch.cat(grads[T:]).numpy()
    return out


def fused_weight_grads(module, X: np.ndarray) -> list[np.ndarray]:
    """The fused module's forward and backward: dL/dtheta in (W_ih, W_hh, b_ih, b_hh) order."""
    module.zero_grad()
    out, _ = module(torch.from_numpy(X).unsqueeze(1))
    out[-1].sum().backward()
    return [w.grad.clone().numpy() for w in module.parameters()]


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


# ------------------------------------------------------------------ the matrix

SIZES = [(1, 500), (2, 300), (7, 500), (64, 200), (128, 500)]  # (H, T)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize(("H", "T"), SIZES)
def test_rnn_matches_torch_autograd(activation, H, T):
    p = random_rnn(H, I, activation, 1.0, seed=H)
    X = random_inputs(T, I, seed=H)
    ref = reference(p, X)
    run = run_rnn(p, X)
    assert np.all(step_rel(run.hs, ref["hs"]) <= RTOL)
    assert_same_norms(run.grad_h, ref["grad_h"])
    for mine, theirs in zip(run.param_grads, fused_weight_grads(torch_rnn(p), X), strict=True):
        assert mine.shape == theirs.shape
        assert tensor_rel(mine, theirs) <= RTOL


@pytest.mark.parametrize(("H", "T"), SIZES)
@pytest.mark.parametrize(("scale", "forget_bias"), [(1.0, 3.0), (0.5, 0.0)])
def test_lstm_matches_torch_autograd(H, T, scale, forget_bias):
    p = random_lstm(H, I, scale, forget_bias, seed=H)
    X = random_inputs(T, I, seed=H)
    ref = reference(p, X)
    run = run_lstm(p, X)
    assert np.all(step_rel(run.hs, ref["hs"]) <= RTOL)
    # 1e-10 in every case but one, named: H = 7, T = 500 drives c_t to -11.7, where
    # tanh' = 1 - tanh² ~ 3e-10 is a difference of nearly equal numbers, so a last-bit
    # difference between NumPy's tanh and torch's (SLEEF) moves it by eps / tanh'. Both
    # are then that far from the exact value; the check below shows it is all tanh's bit.
    rtol = 1e-6 if (H, T, scale) == (7, 500, 1.0) else RTOL
    assert_same_norms(run.grad_h, ref["grad_h"], rtol)
    assert_same_norms(run.grad_c, ref["grad_c"], rtol)
    for mine, theirs in zip(run.param_grads, fused_weight_grads(torch_lstm(p), X), strict=True):
        assert mine.shape == theirs.shape
        assert tensor_rel(mine, theirs) <= rtol
    # The chain itself is torch's to 1e-10 in every case: given torch's own tanh(c_t) and
    # gate values, NumPy's backward gives torch's gradients.
    tape = lstm_forward(p, X[None])
    z = torch.from_numpy(tape.pre)
    gates = torch.sigmoid(z).numpy()
    gates[..., 2 * H : 3 * H] = torch.tanh(z[..., 2 * H : 3 * H]).numpy()
    tanh_c = torch.tanh(torch.from_numpy(tape.cs[1:])).numpy()
    grads = lstm_backward(p, replace(tape, gates=gates, tanh_c=tanh_c), np.ones((1, H)))
    assert_same_norms(grads.grad_h[:, 0], ref["grad_h"])
    assert_same_norms(grads.grad_c[:, 0], ref["grad_c"])


def lstm_grad_h_longdouble(p: LSTMParams, X: np.ndarray) -> np.ndarray:
    """dL/dh_t for L = sum(h_T) in 80-bit long double: 2048 times float64's precision."""
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


def test_a_saturated_cell_is_where_numpy_and_torch_may_differ_beyond_1e_10():
    """H = 7, T = 500: c_t reaches -11.7 and tanh' ~ 3e-10. Against an 80-bit long-double
    run, torch's float64 norms are themselves off by more than 1e-10, and NumPy's by as little."""
    p = random_lstm(7, I, 1.0, 3.0, seed=7)
    X = random_inputs(500, I, seed=7)
    run = run_lstm(p, X)
    assert float((1.0 - np.tanh(run.cs) ** 2).min()) < 1e-9
    mine, theirs = safe_norms(run.grad_h), safe_norms(reference(p, X)["grad_h"])
    exact = lstm_grad_h_longdouble(p, X)
    mine_err = np.max(np.abs(mine - exact) / exact)
    torch_err = np.max(np.abs(theirs - exact) / exact)
    assert torch_err > 1e-10 and mine_err > 1e-10  # float64 cannot do better here
    assert mine_err < 1e-7 and torch_err < 1e-7
    assert 1e-10 < np.max(np.abs(mine - theirs) / theirs) < 1e-6


def test_huge_weights_overflow_exactly_where_torch_does():
    """The slide's LSTM cell with weights x 1e300 (the calculator lets a visitor type them)."""
    ex = slide_lstm()
    big = LSTMParams(ex.params.W_ih * 1e300, ex.params.W_hh * 1e300, ex.params.b_ih, ex.params.b_hh)
    X = np.ones((20, 1))
    run, ref = run_lstm(big, X), reference(big, X)
    for mine, theirs in [
        (run.hs, ref["hs"]),
        (run.grad_h, ref["grad_h"]),
        (run.grad_c, ref["grad_c"]),
    ]:
        np.testing.assert_array_equal(mine, theirs)  # saturated gates: exact 0s and 1s
    for mine, theirs in zip(run.param_grads, fused_weight_grads(torch_lstm(big), X), strict=True):
        np.testing.assert_array_equal(np.isfinite(mine), np.isfinite(theirs))


def test_the_explode_preset_matches_while_it_grows():
    """The page's "explode" preset (relu, rho = 2, T = 200): large but finite, still exact."""
    p = random_rnn(32, I, "relu", 2.0, seed=0)
    X = random_inputs(200, I, seed=0)
    ref = reference(p, X)
    run = run_rnn(p, X)
    norms = safe_norms(run.grad_h)
    assert norms[0] > 1e9 * norms[-1]
    assert_same_norms(run.grad_h, ref["grad_h"])
    for mine, theirs in zip(run.param_grads, fused_weight_grads(torch_rnn(p), X), strict=True):
        assert tensor_rel(mine, theirs) <= RTOL


# ------------------------------------------------------------------ clipping


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clipping_is_clip_grad_norm(kind, max_norm):
    H, T = 16, 60
    X = random_inputs(T, I, seed=2)
    if kind == "rnn":
        p = random_rnn(H, I, "relu", 1.6, seed=2)
        module, grads = torch_rnn(p), run_rnn(p, X).param_grads
    else:
        p = random_lstm(H, I, 1.6, 1.0, seed=2)
        module, grads = torch_lstm(p), run_lstm(p, X).param_grads
    fused_weight_grads(module, X)
    total = torch.nn.utils.clip_grad_norm_(module.parameters(), max_norm).item()
    clipped, mine_total, coef = clip_grads(grads, max_norm)
    assert mine_total == pytest.approx(total, rel=RTOL)
    assert total_norm(grads) == mine_total
    assert (coef < 1) == (max_norm < total) and 0 < coef <= 1
    for mine, w in zip(clipped, module.parameters(), strict=True):
        assert tensor_rel(mine, w.grad.numpy()) <= RTOL


# ------------------------------------------------------------------ overflow and underflow


def test_overflow_preset_flags_what_torch_flags():
    """relu, rho = 8, T = 500 (the page's overflow preset): h_t passes 1.8e308 mid-way.

    Before that both forwards agree to 1e-10 and overflow at the same step. Which entries
    of that step become inf rather than NaN depends on the BLAS's summation order (torch
    uses MKL, NumPy OpenBLAS), so the gradient's first overflowed step may differ by one;
    where every later state is NaN in both, the gradients agree to 1e-10 again.
    """
    p = random_rnn(32, I, "relu", 8.0, seed=0)
    X = random_inputs(500, I, seed=0)
    ref = reference(p, X)
    run = run_rnn(p, X)
    fin_t, fin_n = np.isfinite(ref["hs"]).all(1), np.isfinite(run.hs).all(1)
    first = int(np.argmin(fin_t))
    assert not fin_t.all() and first == int(np.argmin(fin_n))
    assert np.all(step_rel(run.hs[:first], ref["hs"][:first]) <= RTOL)
    # The gradient: the last step's is sum's (all ones), its first steps overflowed.
    np.testing.assert_array_equal(run.grad_h[-1], np.ones(32))
    gt, gn = safe_norms(ref["grad_h"]), safe_norms(run.grad_h)
    bad_t, bad_n = np.flatnonzero(~np.isfinite(gt)), np.flatnonzero(~np.isfinite(gn))
    assert len(bad_t) and len(bad_n)
    for bad in (bad_t, bad_n):  # a prefix: once overflowed, every earlier step is too
        np.testing.assert_array_equal(bad, np.arange(len(bad)))
    assert abs(len(bad_t) - len(bad_n)) <= 1
    all_nan_after = np.flip(np.cumprod(np.flip(np.isnan(ref["hs"]).all(1)))).astype(bool)
    all_nan_after &= np.flip(np.cumprod(np.flip(np.isnan(run.hs).all(1)))).astype(bool)
    assert all_nan_after.sum() > 10
    np.testing.assert_allclose(gn[all_nan_after], gt[all_nan_after], rtol=RTOL)
    # Weights: torch's total is not finite, and so is ours; clipping cannot repair it.
    torch_total = torch.nn.utils.clip_grad_norm_(_with_grads(p, X), 1.0).item()
    assert not math.isfinite(torch_total)
    clipped, total, coef = clip_grads(run.param_grads, 1.0)
    assert total == math.inf and math.isnan(coef)


def _with_grads(p: RNNParams, X: np.ndarray):
    module = torch_rnn(p)
    fused_weight_grads(module, X)
    return module.parameters()


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_underflow_goes_through_subnormals_to_zero_as_torch_does(kind):
    """rho = 0.1 (RNN), a shut forget gate (LSTM): the gradient passes 1e-300, then the
    subnormals, then is exactly 0, at the same steps as torch's."""
    X = random_inputs(500, I, seed=0)
    if kind == "rnn":
        p = random_rnn(32, I, "tanh", 0.1, seed=0)
        ref, run = reference(p, X), run_rnn(p, X)
        pairs = [(run.grad_h, ref["grad_h"])]
    else:
        p = random_lstm(32, I, 0.1, -6.0, seed=0)
        ref, run = reference(p, X), run_lstm(p, X)
        pairs = [(run.grad_h, ref["grad_h"]), (run.grad_c, ref["grad_c"])]
    for mine, theirs in pairs:
        assert_same_norms(mine, theirs)
        n = safe_norms(theirs)
        tiny = np.finfo(np.float64).tiny
        assert np.any((n > 0) & (n < tiny)), "no subnormal step: the case does not test them"
        assert n[0] == 0 and n[-1] > 0
        np.testing.assert_array_equal(safe_norms(mine) == 0, n == 0)


# ------------------------------------------------------------------ the why-numbers


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_rnn_chain_is_the_norm_of_the_k_step_jacobian(activation):
    H, T = 7, 40
    p = random_rnn(H, I, activation, 1.5, seed=1)
    run = run_rnn(p, random_inputs(T, I, seed=1))
    ks = np.array([1, 2, 5, 10, 20, T - 1])
    fields = rnn_why_fields(p, run, ks)
    a = torch.from_numpy(run.pre)
    D = 1 - torch.tanh(a) ** 2 if activation == "tanh" else (a > 0).to(F64)
    W = torch.from_numpy(p.W_hh)
    M = torch.eye(H, dtype=F64)
    want = {}
    for k in range(1, T):
        M = W.T @ torch.diag(D[T - k]) @ M
        s = torch.linalg.matrix_norm(M, ord=2).item()
        want[k] = math.log10(s) if s > 0 else -math.inf  # dead relus: exactly 0
    np.testing.assert_allclose(fields["chain_log10"], [want[k] for k in ks], rtol=1e-10)
    assert fields["spectral_radius"] == pytest.approx(1.5, rel=1e-12)
    assert fields["spectral_norm"] == pytest.approx(torch.linalg.matrix_norm(W, ord=2).item())
    assert fields["mean_act_deriv"] == pytest.approx(D.mean().item(), rel=1e-12)
    g = safe_norms(run.grad_h)
    with np.errstate(divide="ignore"):  # dead relus: an exactly-0 gradient is -inf
        np.testing.assert_allclose(fields["grad_ratio_log10"], np.log10(g[T - 1 - ks] / g[-1]))


def test_chain_is_minus_inf_for_dead_relus_and_nan_past_an_overflow():
    D = np.ones((10, 3))
    D[7] = 0.0  # step 8 (0-based 7: k = 3 back from T = 10) kills every unit
    out = rnn_chain_log10(np.eye(3), D, [1, 2, 3, 5])
    np.testing.assert_array_equal(out, [0.0, 0.0, -math.inf, -math.inf])
    D[8] = np.nan
    assert np.isnan(rnn_chain_log10(np.eye(3), D, [1, 2, 3])[1:]).all()


def test_lstm_forget_product_is_the_product_of_the_forget_gates():
    H, T = 5, 30
    p = random_lstm(H, I, 1.0, 2.0, seed=3)
    run = run_lstm(p, random_inputs(T, I, seed=3))
    ks = np.array([1, 2, 5, 10, 29])
    fields = lstm_why_fields(run, ks)
    f = torch.sigmoid(torch.from_numpy(run.pre[:, H : 2 * H]))  # (T, H)
    for j, k in enumerate(ks):
        prod = torch.prod(f[T - k :], dim=0)  # f_T ... f_{T-k+1}, per unit
        assert fields["forget_prod_log10_mean"][j] == pytest.approx(
            math.log10(prod.mean().item()), rel=1e-10
        )
        assert fields["forget_prod_log10_max"][j] == pytest.approx(
            math.log10(prod.max().item()), rel=1e-10
        )
    assert fields["mean_forget"] == pytest.approx(f.mean().item(), rel=1e-12)
