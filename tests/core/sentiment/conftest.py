"""Small exported twins of the three sentiment models (each shipped model: tests/conftest.py)."""

from __future__ import annotations

import pytest

from core.sentiment import MODEL_NAMES


@pytest.fixture(scope="session", params=MODEL_NAMES)
def small(request, tmp_path_factory):
    """A small exported model of each kind with trained-looking weights: (net, path, weights).

    Random init alone keeps h tiny and hides errors, so every weight is scaled up."""
    torch = pytest.importorskip("torch")
    from core.sentiment.weights import read_weights
    from core.training.export import export_onnx
    from core.training.model import build, default_config

    torch.manual_seed(11)
    H = 0 if request.param == "bag" else 12
    net = build(default_config(request.param, vocab_size=200, embed_dim=8, hidden_size=H))
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(3.0)
        # A length temperature far from the identity, so every reader must apply it.
        net.calib.a.fill_(0.6), net.calib.b.fill_(2.5), net.calib.e.fill_(-0.7)
    path = export_onnx(net.eval(), tmp_path_factory.mktemp(request.param) / "model.onnx")
    return net, path, read_weights(path)
