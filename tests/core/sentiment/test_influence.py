"""The shared-prefix leave-one-out equals running every variant through onnxruntime."""

import numpy as np
import pytest

from core.sentiment.influence import leave_one_out


@pytest.mark.parametrize("T", [2, 3, 7, 64, 301])
def test_matches_each_variant_run_by_onnxruntime(model, T):
    ids = np.random.default_rng(T).integers(2, len(model.vocab), T)
    keep = ~np.eye(T, dtype=bool)  # row k: every token but k
    variants = ids[None, :].repeat(T, 0)[keep].reshape(T, T - 1)
    expected = model._p_prefix(variants)[:, -1]  # (T,) each variant's own verdict
    got = leave_one_out(model.weights(), list(ids))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)


def test_analyze_reports_the_change_when_each_token_is_left_out(model):
    a = model.analyze("món ăn ngon nhưng phục vụ chậm và giá hơi cao")
    T = len(a.ids)
    for k in (0, T // 2, T - 1):
        without = model.predict_ids([a.ids[:k] + a.ids[k + 1 :]])[0]
        assert a.influence[k] == pytest.approx(a.p_positive - without, abs=1e-5)


def test_needs_two_tokens(model):
    with pytest.raises(ValueError, match="two tokens"):
        leave_one_out(model.weights(), [5])


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small exported model with trained-looking weights: torch net, ONNX path, weights."""
    torch = pytest.importorskip("torch")
    from core.sentiment.weights import read_weights
    from core.training.export import export_onnx
    from core.training.model import ModelConfig, SentimentLSTM

    torch.manual_seed(11)
    net = SentimentLSTM(ModelConfig(vocab_size=200, embed_dim=8, hidden_size=12, ngram_buckets=503))
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(3.0)
        net.ngram.weight.normal_(0.0, 1.0)
    path = export_onnx(net.eval(), tmp_path_factory.mktemp("loo") / "m.onnx")
    return net, path, read_weights(path)


@pytest.mark.parametrize("T", [2, 5, 33])
def test_matches_torch_and_onnxruntime_on_every_variant(small, T):
    """Independent references: PyTorch's nn.LSTM and the ONNX graph, each variant run alone."""
    import onnxruntime as ort
    import torch

    net, path, w = small
    ids = np.random.default_rng(T).integers(0, 200, T)
    ids[T // 2] = 1  # an <unk>: its phrases cast no vote
    variants = ids[None, :].repeat(T, 0)[~np.eye(T, dtype=bool)].reshape(T, T - 1)
    with torch.no_grad():
        p_torch = torch.sigmoid(net(torch.from_numpy(variants))[0][:, -1]).numpy()
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    p_ort = sess.run(["p_prefix"], {"ids": variants})[0][:, -1]
    got = leave_one_out(w, list(ids))
    np.testing.assert_allclose(got, p_torch, rtol=0, atol=1e-5)
    np.testing.assert_allclose(got, p_ort, rtol=0, atol=1e-5)


def test_each_step_is_lstm_update_on_a_growing_batch(small, monkeypatch):
    """The one LSTM step: T calls, the batch growing by one row (variants + the review)."""
    import core.sentiment.influence as influence

    _, _, w = small
    rows, real = [], influence.lstm_update

    def spy(z, c_prev):
        rows.append((z.shape, z.dtype))
        return real(z, c_prev)

    monkeypatch.setattr(influence, "lstm_update", spy)
    leave_one_out(w, [5, 6, 7, 8])
    assert rows == [((n, 4 * 12), np.float32) for n in (2, 3, 4, 5)]
