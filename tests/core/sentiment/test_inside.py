"""Inside each shipped model: the NumPy cells held to onnxruntime and to PyTorch in float64,
the bag's shares to PyTorch's logit, and the choice of units on a hand-built case."""

from __future__ import annotations

import numpy as np
import pytest

from core.sentiment import load_model
from core.sentiment.inside import (
    BagInside,
    LSTMInside,
    RNNInside,
    decisive_units,
    inside_of,
)
from core.sentiment.review import EXAMPLES

TEXTS = (EXAMPLES["neg1"], "Bún chả ở đây ngon, nhưng phục vụ chậm", "ngon")


def test_decisive_units_score_the_state_change_at_the_strongest_words():
    """A hand-built (H=4, T=3) cell state; unit numbers are not the row numbers."""
    c = np.array(
        [
            [0.0, 0.0, 0.7],
            [0.1, 0.9, 0.9],
            [0.5, 0.4, 0.4],
            [0.0, -0.3, -0.3],
        ]
    )
    unit = np.array([2, 0, 3, 1])
    # word t=1 decides: |c_1 - c_0| = [0, 0.8, 0.1, 0.3]
    f = decisive_units(c, unit, [0.01, -0.5, 0.2], k=4, words=1)
    assert f.words == [1]
    assert f.rows.tolist() == [1, 3, 2, 0] and f.units.tolist() == [0, 1, 3, 2]
    np.testing.assert_allclose(f.scores, [0.8, 0.3, 0.1, 0.0])
    # two words (t=1, t=2): row 0 jumps 0.7 at t=2, so [0.7, 0.8, 0.1, 0.3]
    f = decisive_units(c, unit, [0.01, -0.5, 0.2], k=2, words=2)
    assert f.words == [1, 2] and f.rows.tolist() == [1, 0]
    np.testing.assert_allclose(f.scores, [0.8, 0.7])
    # the first word changes c from c_0 = 0; ties (rows 0 and 3) keep row order
    f = decisive_units(c, unit, [0.9, 0.0, 0.0], k=4, words=1)
    assert f.rows.tolist() == [2, 1, 0, 3]
    np.testing.assert_allclose(f.scores, [0.5, 0.1, 0.0, 0.0])


def _torch_net(model):
    """PyTorch's own modules on the file's weights, float64."""
    pytest.importorskip("torch")
    from core.training.export import torch_from_onnx
    from core.training.model import ModelConfig

    return torch_from_onnx(model.onnx_path, ModelConfig(**model.metadata["config"])).double()


def _ort_hidden(model, ids: list[int]) -> np.ndarray:
    """h_1..h_T (T, H) straight from the shipped graph."""
    return model.session.run(["hidden"], {"ids": np.asarray([ids], dtype=np.int64)})[0][0]


def _torch_lstm_steps(net, ids: list[int]) -> dict[str, np.ndarray]:
    """Gates i, f, g, o, cell c and hidden h (T, H) of the LSTM, step by step in float64:
    c and h from torch's nn.LSTMCell, the gates from its weights, held to that cell."""
    import torch

    lstm = net.lstm
    cell = torch.nn.LSTMCell(lstm.input_size, lstm.hidden_size).double()
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).copy_(getattr(lstm, f"{name}_l0"))
        X = net.embedding.weight[torch.tensor(ids)]  # (T, D)
        H = lstm.hidden_size
        h, c = torch.zeros(1, H, dtype=torch.float64), torch.zeros(1, H, dtype=torch.float64)
        out = {k: [] for k in "ifgoch"}
        for x in X:
            z = x @ cell.weight_ih.T + cell.bias_ih + h[0] @ cell.weight_hh.T + cell.bias_hh
            zi, zf, zg, zo = z.chunk(4)  # PyTorch's (i, f, g, o) blocks
            i, f, g, o = torch.sigmoid(zi), torch.sigmoid(zf), torch.tanh(zg), torch.sigmoid(zo)
            c_prev = c[0]
            h, c = cell(x[None], (h, c))
            torch.testing.assert_close(c[0], f * c_prev + i * g)
            torch.testing.assert_close(h[0], o * torch.tanh(c[0]))
            for k, v in zip("ifgoch", (i, f, g, o, c[0], h[0]), strict=True):
                out[k].append(v)
    return {k: torch.stack(v).numpy() for k, v in out.items()}


@pytest.mark.parametrize("text", TEXTS)
def test_the_lstm_inside_is_pytorchs_lstm_and_onnxruntimes(model, text):
    """Every gate and the cell state equal PyTorch's float64 LSTM cell on the file's
    weights; h equals the shipped graph's to 1e-5 (what the page states)."""
    a = model.analyze(text)
    inside = inside_of(model.weights(), a)
    assert isinstance(inside, LSTMInside) and list(inside.maps) == ["i", "f", "g", "o", "c"]
    ref = _torch_lstm_steps(_torch_net(model), a.ids)  # (T, H) each, the model's unit order
    unit = inside.unit
    assert sorted(unit.tolist()) == list(range(len(unit)))
    for g in ("i", "f", "g", "o"):
        np.testing.assert_allclose(inside.gates[g], ref[g].T[unit], rtol=0, atol=1e-9)
    np.testing.assert_allclose(inside.c, ref["c"].T[unit], rtol=0, atol=1e-9)
    assert np.all(np.diff(inside.c[:, -1]) >= 0)  # rows sorted by the final c
    h_ort = _ort_hidden(model, a.ids)
    assert inside.max_abs_diff == pytest.approx(np.max(np.abs(ref["h"] - h_ort)), abs=1e-9)
    assert inside.max_abs_diff < 1e-5


def test_the_lstm_focus_is_on_the_units_pytorchs_cell_moves_most(model):
    """The units the heat maps open on: those whose cell state (PyTorch's) changes most
    at the three tokens whose leave-one-out (onnxruntime's) changes P(positive) most."""
    text = EXAMPLES["neg2"]
    a = model.analyze(text)
    f = inside_of(model.weights(), a).focus
    ids = a.ids
    p = model.predict_ids([ids])[0]
    without = model.predict_ids([ids[:k] + ids[k + 1 :] for k in range(len(ids))])
    strongest = np.argsort(-np.abs(p - without), kind="stable")[:3]
    assert f.words == sorted(strongest.tolist())
    c = _torch_lstm_steps(_torch_net(model), ids)["c"]  # (T, H)
    moved = np.abs(np.diff(np.vstack([np.zeros(c.shape[1]), c]), axis=0))[f.words].sum(axis=0)
    np.testing.assert_allclose(f.scores, moved[f.units], atol=1e-6)
    assert len(f.units) == 8 and np.min(moved[f.units]) >= np.max(np.delete(moved, f.units))


@pytest.fixture(scope="module")
def rnn():
    return load_model(name="rnn")


@pytest.mark.parametrize("text", TEXTS)
def test_the_rnn_inside_is_its_hidden_state_from_pytorch_and_onnxruntime(rnn, text):
    """The RNN has no gates and no cell state: its one map is h (H, T), rows sorted by
    the final h, equal to PyTorch's float64 nn.RNN and to the shipped graph's h."""
    import torch

    a = rnn.analyze(text)
    inside = inside_of(rnn.weights(), a)
    assert isinstance(inside, RNNInside) and list(inside.maps) == ["h"]
    net = _torch_net(rnn)
    with torch.no_grad():
        h_torch = net.rnn(net.embedding(torch.tensor([a.ids])))[0][0].numpy()  # (T, H)
    np.testing.assert_allclose(inside.h, h_torch.T[inside.unit], rtol=0, atol=1e-9)
    assert np.all(np.diff(inside.h[:, -1]) >= 0)
    h_ort = _ort_hidden(rnn, a.ids)
    np.testing.assert_allclose(inside.h, h_ort.T[inside.unit], atol=1e-5)
    assert inside.max_abs_diff == pytest.approx(np.max(np.abs(h_torch - h_ort)), abs=1e-9)
    moved = np.abs(np.diff(np.vstack([np.zeros(h_torch.shape[1]), h_torch]), axis=0))
    moved = moved[inside.focus.words].sum(axis=0)
    np.testing.assert_allclose(inside.focus.scores, moved[inside.focus.units], atol=1e-6)


@pytest.mark.parametrize("text", TEXTS)
def test_the_bag_shares_add_up_to_pytorchs_logit(text):
    """Each token's share of the bag's calibrated logit is its term over T and over the
    length temperature; with the bias they make the logit PyTorch computes on the weights
    read from the file, calibration included, and the graph's P(positive)."""
    import torch

    bag = load_model(name="bag")
    net = _torch_net(bag)
    a = bag.analyze(text)
    inside = inside_of(bag.weights(), a)
    assert isinstance(inside, BagInside)
    T = len(a.ids)
    with torch.no_grad():
        ids = torch.tensor([a.ids])
        logit = float(net.calib(net(ids)[0])[0, -1])
        terms = (net.bag.weight[ids[0]] @ net.head.weight[0]).numpy()  # (T,)
        temperature = float(net.calib.a + net.calib.b * T**net.calib.e)
        bias = float(net.head.bias[0]) / temperature
    np.testing.assert_allclose(inside.shares, terms / (T * temperature), atol=1e-6)
    assert inside.bias == pytest.approx(bias, abs=1e-6)
    assert inside.temperature == pytest.approx(temperature, rel=1e-6)
    assert inside.total == pytest.approx(sum(inside.shares), abs=1e-9)
    assert inside.logit == pytest.approx(logit, abs=1e-4)
    p_graph = bag.predict_ids([a.ids])[0]
    assert 1 / (1 + np.exp(-inside.logit)) == pytest.approx(p_graph, abs=1e-5)
    assert inside.max_abs_diff < 1e-5


def test_nothing_read_has_no_inside(zoo):
    a = zoo.analyze("😀 123 !!!")
    assert a.ids == [] and inside_of(zoo.weights(), a) is None
