"""The float64 run with and without an intervention: onnxruntime without one, and a
PyTorch float64 loop (nn.LSTMCell, or its gates by hand where a gate is forced) with one."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import CoreError
from core.inside.run import Intervention, run
from core.sentiment.review import EXAMPLES

TEXTS = (EXAMPLES["neg2"], EXAMPLES["pos1"], "ngon", "Bún chả ở đây không ngon, nhưng rẻ")


@pytest.mark.parametrize("text", TEXTS)
def test_without_intervention_the_run_is_onnxruntimes_p_prefix(lstm, text):
    ids = lstm.encode(lstm.analyze(text).tokens)
    out = lstm.session.run(None, {"ids": np.asarray([ids], dtype=np.int64)})
    r = run(lstm.weights(), ids)
    assert r.p.shape == (len(ids),) and r.h.shape == (len(ids), lstm.weights().hidden_size)
    np.testing.assert_allclose(r.p, out[0][0], rtol=0, atol=1e-5)
    np.testing.assert_allclose(r.h, out[1][0], rtol=0, atol=1e-5)


def _torch_run(model, ids, iv):
    """P(positive) after each token, PyTorch float64, with iv applied as the page states."""
    torch = pytest.importorskip("torch")
    from core.training.export import torch_from_onnx
    from core.training.model import ModelConfig

    net = torch_from_onnx(model.onnx_path, ModelConfig(**model.metadata["config"])).double()
    net.eval()
    lstm = net.lstm
    cell = torch.nn.LSTMCell(lstm.input_size, lstm.hidden_size).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).copy_(getattr(lstm, f"{name}_l0"))
        H = lstm.hidden_size
        units = torch.tensor(iv.units, dtype=torch.long) if iv else None
        h, c = torch.zeros(1, H, dtype=torch.float64), torch.zeros(1, H, dtype=torch.float64)
        hs = []
        for t, x in enumerate(net.embedding.weight[torch.tensor(ids)]):
            on = iv is not None and t >= iv.start
            if on and iv.target in "fic":
                z = torch.nn.functional.linear(x, cell.weight_ih, cell.bias_ih)
                z = z + torch.nn.functional.linear(h[0], cell.weight_hh, cell.bias_hh)
                i, f, g, o = z.chunk(4)
                i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
                if iv.target == "f":
                    f[units] = iv.value
                if iv.target == "i":
                    i[units] = iv.value
                c_new = f * c[0] + i * g
                if iv.target == "c":
                    c_new[units] = iv.value
                h, c = (o * torch.tanh(c_new))[None], c_new[None]
            else:
                h, c = cell(x[None], (h, c))
                if on:  # target "h": the cell's own step, then h clamped
                    h = h.clone()
                    h[0, units] = iv.value
            hs.append(h[0])
        hs = torch.stack(hs)[None]  # (1, T, H)
        T = hs.shape[1]
        mean = torch.cumsum(hs, 1) / torch.arange(1, T + 1, dtype=hs.dtype).view(1, -1, 1)
        a = torch.exp(net.w_att(hs).clamp(-30.0, 30.0))
        att = torch.cumsum(a * hs, 1) / torch.cumsum(a, 1)
        logits = net.head(torch.cat([hs, mean, att], -1)).squeeze(-1)
        return torch.sigmoid(net.calib(logits))[0].numpy()


def test_the_torch_reference_is_the_shipped_model_without_intervention(lstm):
    ids = lstm.encode(lstm.analyze(EXAMPLES["neg2"]).tokens)
    p = lstm.session.run(["p_prefix"], {"ids": np.asarray([ids], dtype=np.int64)})[0][0]
    np.testing.assert_allclose(_torch_run(lstm, ids, None), p, rtol=0, atol=1e-5)


@pytest.mark.parametrize(
    ("target", "value"),
    [("h", 0.9), ("h", -1.0), ("c", 3.0), ("c", 0.0), ("f", 1.0), ("f", 0.0), ("i", 0.0)],
)
def test_an_intervention_is_the_same_clamp_in_pytorch_float64(lstm, target, value):
    ids = lstm.encode(lstm.analyze(EXAMPLES["neg2"]).tokens)
    units = tuple(int(u) for u in np.random.default_rng(3).choice(128, 12, replace=False))
    iv = Intervention(start=5, units=units, target=target, value=value)
    r = run(lstm.weights(), ids, iv)
    ref = _torch_run(lstm, ids, iv)
    np.testing.assert_allclose(r.p, ref, rtol=0, atol=1e-9)
    base = run(lstm.weights(), ids)
    np.testing.assert_array_equal(r.p[:5], base.p[:5])  # nothing changes before the start
    assert np.max(np.abs(r.p[5:] - base.p[5:])) > 1e-6  # and something does after it
    np.testing.assert_array_equal(getattr(r, target)[5:, list(units)], value)  # as clamped


def test_an_intervention_on_no_unit_changes_nothing(lstm):
    ids = lstm.encode(lstm.analyze(EXAMPLES["pos2"]).tokens)
    base, same = run(lstm.weights(), ids), run(lstm.weights(), ids, Intervention(0, (), "c", 5.0))
    np.testing.assert_array_equal(base.p, same.p)


@pytest.mark.parametrize(
    ("iv", "code"),
    [
        (Intervention(0, (1,), "o", 1.0), "inside_target"),
        (Intervention(99, (1,), "h", 1.0), "inside_start"),
        (Intervention(0, (128,), "h", 1.0), "inside_unit"),
        (Intervention(0, (1,), "f", 2.0), "inside_gate"),
    ],
)
def test_an_intervention_that_does_not_fit_is_refused_by_name(lstm, iv, code):
    with pytest.raises(CoreError) as err:
        run(lstm.weights(), [5, 6, 7], iv)
    assert err.value.code == code
