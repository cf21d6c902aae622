"""The length temperature fitted on validation: it recovers a known T(t) and keeps verdicts."""

import numpy as np
import pytest
import torch

from core.training.model import build, default_config
from core.training.selection import _fit_length_temperature, calibrate_by_length, predict_logits


def test_the_fit_recovers_the_temperature_that_made_the_labels():
    """Labels drawn from sigmoid(z / T(t)) with a known T: the log-loss fit finds it."""
    rng = np.random.default_rng(0)
    t = rng.integers(1, 300, 200_000)
    z = rng.normal(0, 6, t.size)
    T = 0.7 + 4.0 * t**-0.6
    y = rng.random(t.size) < 1 / (1 + np.exp(-z / T))
    a, b, e = _fit_length_temperature(z, 2.0 * y - 1.0, t)
    grid = np.array([1, 3, 10, 30, 100, 300])
    np.testing.assert_allclose(a + b * grid**e, 0.7 + 4.0 * grid**-0.6, rtol=0.1)


@pytest.mark.parametrize("kind", ["bag", "lstm"])
def test_calibrating_changes_how_sure_never_the_verdict(kind):
    torch.manual_seed(0)
    model = build(default_config(kind, vocab_size=50, embed_dim=8, hidden_size=6)).eval()
    rng = np.random.default_rng(1)
    seqs = [list(rng.integers(2, 50, rng.integers(1, 30))) for _ in range(300)]
    y = (np.array([np.mean(s) for s in seqs]) > 25).astype(float)  # learnable-ish labels
    before = predict_logits(model, seqs)
    record = calibrate_by_length(model, seqs, y, log=lambda *a: None)
    assert np.array_equal(predict_logits(model, seqs) >= 0, before >= 0)  # raw logits untouched
    assert record["prefix_log_loss_after"] <= record["prefix_log_loss_before"] + 1e-9
    assert model.calib.a.item() == pytest.approx(record["a"])
    assert sum(r["n"] for r in record["reliability_after"]) == 300
