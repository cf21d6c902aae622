"""The NumPy cells against PyTorch's own RNNCell, LSTMCell and LSTM, in float64."""

import numpy as np
import pytest
import torch

from core.nn.cells import (
    GATES,
    LSTMParams,
    RNNParams,
    ShapeError,
    lstm_forward,
    lstm_step,
    lstm_update,
    rnn_forward,
    rnn_update,
    sigmoid,
)
from tests.support.torch_bptt import loaded, weights_of

CASES = [
    (seed, I, H, T)
    for seed, (I, H, T) in enumerate(
        [(1, 1, 1), (3, 2, 3), (4, 4, 6), (5, 3, 17), (2, 7, 40), (8, 16, 12)]
    )
]


def _rng_sequence(seed, I, H, T):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(T, I, generator=g, dtype=torch.float64)
    h0 = torch.randn(H, generator=g, dtype=torch.float64)
    c0 = torch.randn(H, generator=g, dtype=torch.float64)
    return X, h0, c0


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
@pytest.mark.parametrize("seed,I,H,T", CASES)
def test_rnn_matches_torch_rnncell(nonlinearity, seed, I, H, T):
    torch.manual_seed(seed)
    ref = torch.nn.RNNCell(I, H, nonlinearity=nonlinearity, dtype=torch.float64)
    X, h0, _ = _rng_sequence(seed, I, H, T)
    p = RNNParams(*weights_of(ref), nonlinearity)
    steps = rnn_forward(p, X.numpy(), h0.numpy())
    h = h0.unsqueeze(0)
    with torch.no_grad():
        for t, step in enumerate(steps):
            h = ref(X[t : t + 1], h)
            np.testing.assert_allclose(step.h, h[0].numpy(), rtol=0, atol=1e-9)
    assert len(steps) == T


@pytest.mark.parametrize("seed,I,H,T", CASES)
def test_lstm_matches_torch_lstmcell_and_lstm(seed, I, H, T):
    torch.manual_seed(seed)
    cell = torch.nn.LSTMCell(I, H, dtype=torch.float64)
    seq = torch.nn.LSTM(I, H, dtype=torch.float64)
    loaded(seq, weights_of(cell))  # the same weights: weight_ih(_l0), weight_hh, bias_ih, bias_hh
    X, h0, c0 = _rng_sequence(seed, I, H, T)
    p = LSTMParams(*weights_of(cell))
    steps = lstm_forward(p, X.numpy(), h0.numpy(), c0.numpy())
    with torch.no_grad():
        out, (hT, cT) = seq(X.unsqueeze(1), (h0.view(1, 1, H), c0.view(1, 1, H)))  # (T, 1, H)
        h, c = h0.unsqueeze(0), c0.unsqueeze(0)
        for t, step in enumerate(steps):
            h, c = cell(X[t : t + 1], (h, c))
            np.testing.assert_allclose(step.h, h[0].numpy(), rtol=0, atol=1e-9)
            np.testing.assert_allclose(step.c, c[0].numpy(), rtol=0, atol=1e-9)
            np.testing.assert_allclose(step.h, out[t, 0].numpy(), rtol=0, atol=1e-9)
    np.testing.assert_allclose(steps[-1].c, cT[0, 0].numpy(), rtol=0, atol=1e-9)


def test_lstm_gate_blocks_follow_torch_order():
    """Each gate's activation equals the one computed from PyTorch's i, f, g, o row blocks."""
    torch.manual_seed(0)
    I, H = 3, 2
    cell = torch.nn.LSTMCell(I, H, dtype=torch.float64)
    W_ih, W_hh = cell.weight_ih.detach(), cell.weight_hh.detach()
    b = (cell.bias_ih + cell.bias_hh).detach()
    x, h, c = (
        torch.randn(I, dtype=torch.float64),
        torch.randn(H, dtype=torch.float64),
        torch.randn(H, dtype=torch.float64),
    )
    z = W_ih @ x + W_hh @ h + b
    expect = dict(
        zip(
            GATES,
            [
                torch.sigmoid(z[:H]),
                torch.sigmoid(z[H : 2 * H]),
                torch.tanh(z[2 * H : 3 * H]),
                torch.sigmoid(z[3 * H :]),
            ],
            strict=True,
        )
    )
    p = LSTMParams(
        W_ih.numpy(), W_hh.numpy(), cell.bias_ih.detach().numpy(), cell.bias_hh.detach().numpy()
    )
    step = lstm_step(p, x.numpy(), h.numpy(), c.numpy())
    for g in GATES:
        tr = step.gates[g]
        np.testing.assert_allclose(tr.act, expect[g].numpy(), atol=1e-12)
        np.testing.assert_allclose(tr.Wx_x + tr.b_x + tr.Wh_h + tr.b_h, tr.pre, atol=1e-12)
    np.testing.assert_allclose(step.c, step.f_c_prev + step.i_g, atol=1e-12)
    np.testing.assert_allclose(step.h, step.gates["o"].act * step.tanh_c, atol=1e-12)


def test_sigmoid_is_stable_and_matches_torch():
    z = np.array([-1e300, -745.0, -50.0, -1.0, 0.0, 1.0, 50.0, 745.0, 1e300])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = sigmoid(z)
    np.testing.assert_allclose(got, torch.sigmoid(torch.tensor(z)).numpy(), rtol=1e-12, atol=1e-300)


def test_huge_values_give_finite_flagged_trace_without_warnings():
    big = 1e300
    p = LSTMParams.from_gates(*[{g: big for g in GATES}] * 4)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        steps = lstm_forward(p, [[big], [-big]], [big], [big])
    for s in steps:
        for arr in (s.h, s.c, *(tr.pre for tr in s.gates.values())):
            assert np.all(np.isfinite(arr))
    assert steps[0].overflow  # 1e300 * 1e300 passed float64's range
    rnn = RNNParams([[big]], [[big]], [big], [big], "relu")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = rnn_forward(rnn, [[big]] * 4)
    assert all(np.all(np.isfinite(s.h)) for s in r) and r[-1].overflow


def test_small_values_are_not_flagged():
    p = LSTMParams.from_gates(*[{g: 0.5 for g in GATES}] * 4)
    assert not any(s.overflow for s in lstm_forward(p, [[1.0], [2.0]]))


@pytest.mark.parametrize(
    "make",
    [
        lambda: RNNParams(np.ones((2, 3)), np.ones((3, 3)), np.ones(2), np.ones(2)),
        lambda: RNNParams(np.ones((2, 3)), np.eye(2), np.ones(3), np.ones(2)),
        lambda: LSTMParams(np.ones((6, 1)), np.ones((6, 1)), np.ones(6), np.ones(6)),
        lambda: rnn_forward(
            RNNParams(np.ones((2, 3)), np.eye(2), np.ones(2), np.ones(2)), np.ones((4, 2))
        ),
    ],
)
def test_shape_mismatch_raises_clear_error(make):
    with pytest.raises(ShapeError, match="shape"):
        make()


def test_shape_error_is_a_core_error_with_code_and_params():
    from core.errors import CoreError

    with pytest.raises(CoreError) as e:
        LSTMParams(np.ones((8, 3)), np.ones((8, 3)), np.ones(8), np.ones(8))
    assert isinstance(e.value, ShapeError) and e.value.code == "shape"
    assert e.value.params == {"name": "W_hh", "got": "(8, 3)", "expected": "(8, 2)"}
    assert str(e.value) == "W_hh has shape (8, 3), expected (8, 2)."
    with pytest.raises(ShapeError) as e:
        lstm_forward(LSTMParams.from_gates(*[{g: 0.5 for g in GATES}] * 4), np.ones((3, 2)))
    assert e.value.params == {"name": "inputs", "got": "(3, 2)", "expected": "(T, 1)"}
    with pytest.raises(ShapeError) as e:
        LSTMParams.from_gates({"i": 1.0}, {}, {}, {})
    assert e.value.params["name"] == "gates" and e.value.params["expected"] == "(i, f, g, o)"


def _torch_cell_batch(dtype, B=5, I=4, H=6, seed=0):
    """A torch LSTMCell and a batch (x, h, c), plus its pre-activations z (B, 4H)."""
    torch.manual_seed(seed)
    cell = torch.nn.LSTMCell(I, H, dtype=dtype)
    g = torch.Generator().manual_seed(seed)
    x, h, c = (torch.randn(B, n, generator=g, dtype=dtype) * 2 for n in (I, H, H))
    with torch.no_grad():
        z = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
        h1, c1 = cell(x, (h, c))
    return z.numpy(), c.numpy(), h1.numpy(), c1.numpy()


def test_lstm_update_batched_matches_torch_lstmcell_float64():
    z, c_prev, h_ref, c_ref = _torch_cell_batch(torch.float64)
    i, f, g, o, c, h = lstm_update(z, c_prev)
    np.testing.assert_allclose(h, h_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(c, c_ref, rtol=0, atol=1e-12)
    zt = torch.from_numpy(z)
    for k, (got, act) in enumerate(zip((i, f, g, o), ("s", "s", "t", "s"), strict=True)):
        block = zt[:, k * 6 : (k + 1) * 6]
        ref = torch.sigmoid(block) if act == "s" else torch.tanh(block)
        np.testing.assert_allclose(got, ref.numpy(), rtol=0, atol=1e-15)
    assert all(a.dtype == np.float64 for a in (i, f, g, o, c, h))


def test_lstm_update_float32_rows_match_torch_lstmcell_float32():
    """leave-one-out's path: float32 stays float32, within float32's own noise of torch."""
    z, c_prev, h_ref, c_ref = _torch_cell_batch(torch.float32, B=64, H=16, seed=4)
    *gates, c, h = lstm_update(z, c_prev)
    assert all(a.dtype == np.float32 for a in (*gates, c, h))
    np.testing.assert_allclose(h, h_ref, rtol=0, atol=1e-6)
    np.testing.assert_allclose(c, c_ref, rtol=0, atol=1e-5)


def test_lstm_step_computes_its_gates_through_lstm_update(monkeypatch):
    import core.nn.cells as cells

    seen = []
    real = cells.lstm_update

    def spy(z, c_prev):
        seen.append((z.copy(), c_prev.copy()))
        return real(z, c_prev)

    monkeypatch.setattr(cells, "lstm_update", spy)
    p = LSTMParams.from_gates(*[{g: 0.3 * (k + 1) for k, g in enumerate(GATES)}] * 4)
    steps = lstm_forward(p, [[1.0], [-2.0], [0.5]])
    assert len(seen) == 3
    for s, (z, c_prev) in zip(steps, seen, strict=True):
        np.testing.assert_array_equal(z, np.concatenate([s.gates[g].pre for g in GATES]))
        np.testing.assert_array_equal(c_prev, s.c_prev)


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_rnn_update_batched_matches_torch_rnncell(nonlinearity, dtype):
    """The sentiment RNN's leave-one-out step: h = act(z) on many rows, dtype kept."""
    g = torch.Generator().manual_seed(5)
    cell = torch.nn.RNNCell(3, 6, nonlinearity=nonlinearity).to(dtype)
    x, h = (
        torch.randn(9, 3, generator=g, dtype=dtype) * 2,
        torch.randn(9, 6, generator=g, dtype=dtype),
    )
    with torch.no_grad():
        z = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
        ref = cell(x, h).numpy()
    got = rnn_update(z.numpy(), nonlinearity)
    assert got.dtype == z.numpy().dtype
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12 if dtype == torch.float64 else 1e-6)
