"""Exact leave-one-out for each model equals running every variant through onnxruntime."""

import numpy as np
import pytest

from core.sentiment.influence import leave_one_out
from core.sentiment.vocab import UNK


@pytest.mark.parametrize("T", [2, 3, 7, 64, 301])
def test_matches_each_variant_run_by_onnxruntime(zoo, T):
    ids = np.random.default_rng(T).integers(2, len(zoo.vocab), T)
    keep = ~np.eye(T, dtype=bool)  # row k: every token but k
    variants = ids[None, :].repeat(T, 0)[keep].reshape(T, T - 1)
    expected = zoo._p_prefix(variants)[:, -1]  # (T,) each variant's own verdict
    got = leave_one_out(zoo.weights(), list(ids))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)


def test_analyze_reports_the_change_when_each_token_is_left_out(zoo):
    a = zoo.analyze("món ăn ngon nhưng phục vụ chậm và giá hơi cao")
    T = len(a.ids)
    for k in (0, T // 2, T - 1):
        without = zoo.predict_ids([a.ids[:k] + a.ids[k + 1 :]])[0]
        assert a.influence[k] == pytest.approx(a.p_positive - without, abs=1e-5)


def test_one_token_left_out_leaves_the_answer_to_unk(zoo):
    """Without its only token a review reads nothing; the model's answer to nothing is its
    answer to <unk> alone, as the graph gives it."""
    expected = zoo._p_prefix(np.asarray([[UNK]]))[:, -1]
    np.testing.assert_allclose(leave_one_out(zoo.weights(), [5]), expected, rtol=0, atol=1e-5)
    with pytest.raises(ValueError, match="one token"):
        leave_one_out(zoo.weights(), [])


@pytest.mark.parametrize("T", [2, 5, 33])
def test_matches_torch_and_onnxruntime_on_every_variant(small, T):
    """Independent references: PyTorch's modules and the ONNX graph, each variant run alone."""
    import onnxruntime as ort
    import torch

    net, path, w = small
    ids = np.random.default_rng(T).integers(0, 200, T)
    ids[T // 2] = 1  # an <unk>
    variants = ids[None, :].repeat(T, 0)[~np.eye(T, dtype=bool)].reshape(T, T - 1)
    with torch.no_grad():
        logits = net(torch.from_numpy(variants))[0].double()[:, -1]
        a, b, e = (float(v) for v in (net.calib.a, net.calib.b, net.calib.e))
        p_torch = torch.sigmoid(logits / (a + b * (T - 1) ** e)).numpy()  # T - 1 tokens read
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    p_ort = sess.run(["p_prefix"], {"ids": variants})[0][:, -1]
    got = leave_one_out(w, list(ids))
    np.testing.assert_allclose(got, p_torch, rtol=0, atol=1e-5)
    np.testing.assert_allclose(got, p_ort, rtol=0, atol=1e-5)


def test_each_step_is_the_cells_update_on_a_growing_batch(small, monkeypatch):
    """The one LSTM (or RNN) step: T calls, the batch growing by one row (variants + review);
    the bag's leave-one-out is closed form and steps nothing."""
    import core.sentiment.influence as influence

    _, _, w = small
    rows = []
    real_lstm, real_rnn = influence.lstm_update, influence.rnn_update

    def spy_lstm(z, c_prev):
        rows.append((z.shape, z.dtype))
        return real_lstm(z, c_prev)

    def spy_rnn(z, nonlinearity):
        rows.append((z.shape, z.dtype))
        return real_rnn(z, nonlinearity)

    monkeypatch.setattr(influence, "lstm_update", spy_lstm)
    monkeypatch.setattr(influence, "rnn_update", spy_rnn)
    leave_one_out(w, [5, 6, 7, 8])
    width = {"bag": None, "rnn": 12, "lstm": 4 * 12}[w.kind]
    expected = [] if width is None else [((n, width), np.float32) for n in (2, 3, 4, 5)]
    assert rows == expected
