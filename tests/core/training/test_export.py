"""ONNX export of each model: dynamic batch and time axes, the same numbers as PyTorch (1e-5)."""

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from core.training.export import export_onnx, outputs_of
from core.training.model import KINDS, ExportWrapper, build, default_config

H = 24


@pytest.fixture(scope="module", params=KINDS)
def exported(request, tmp_path_factory):
    torch.manual_seed(0)
    kind = request.param
    cfg = default_config(kind, vocab_size=500, embed_dim=32, hidden_size=0 if kind == "bag" else H)
    model = build(cfg)
    # Trained-looking weights: random init alone keeps h tiny and hides errors.
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(3.0)
        model.calib.a.fill_(0.5), model.calib.b.fill_(3.0), model.calib.e.fill_(-0.8)
    path = export_onnx(model, tmp_path_factory.mktemp("onnx") / "m.onnx")
    return model, path


def _torch(model, ids):
    with torch.no_grad():
        out = ExportWrapper(model.eval())(ids)
    return (out,) if model.cfg.kind == "bag" else out


def test_one_file_with_dynamic_axes(exported):
    model, path = exported
    assert not [p for p in path.parent.iterdir() if p != path]  # no external data files
    graph = onnx.load(str(path)).graph
    dims = [d.dim_param or d.dim_value for d in graph.input[0].type.tensor_type.shape.dim]
    assert dims == ["batch", "time"]
    assert [o.name for o in graph.output] == list(outputs_of(model.cfg.kind))
    assert outputs_of("lstm") == outputs_of("rnn") == ("p_prefix", "hidden")
    assert outputs_of("bag") == ("p_prefix",)


@pytest.mark.parametrize("batch", [1, 5])
@pytest.mark.parametrize("length", [1, 7, 333])
def test_onnx_matches_pytorch(exported, batch, length):
    model, path = exported
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    ids = torch.randint(0, 500, (batch, length), generator=torch.Generator().manual_seed(length))
    got = sess.run(None, {"ids": ids.numpy()})
    ref = _torch(model, ids)
    assert got[0].shape == (batch, length)
    if model.cfg.kind != "bag":
        assert got[1].shape == (batch, length, H)
    for a, b in zip(got, ref, strict=True):
        np.testing.assert_allclose(a, b.numpy(), atol=1e-5)


def test_export_leaves_the_model_in_eval_mode(exported):
    model, _ = exported
    assert not model.training and not model.drop.training


def test_right_padding_never_changes_a_shorter_prefix(exported):
    """Why batching by length is safe: outputs at t depend on tokens 1..t only."""
    model, _ = exported
    ids = torch.randint(2, 500, (1, 20))
    padded = torch.cat([ids, torch.zeros(1, 30, dtype=torch.long)], dim=1)
    p = _torch(model, ids)[0]
    p_pad = _torch(model, padded)[0]
    torch.testing.assert_close(p_pad[:, :20], p, atol=1e-6, rtol=0)


def test_the_verdict_is_the_last_prefix_output(exported):
    """Training's verdict (the bag through nn.EmbeddingBag) is the graph's prefix output at L."""
    model, _ = exported
    ids = torch.randint(2, 500, (3, 12))
    lens = torch.tensor([12, 5, 1])
    for b, L in enumerate(lens.tolist()):
        ids[b, L:] = 0
    with torch.no_grad():
        logits, _ = model.eval()(ids)
        torch.testing.assert_close(
            model.verdict(ids, lens), logits[torch.arange(3), lens - 1], atol=1e-5, rtol=0
        )


def test_weights_read_back_from_onnx_rebuild_the_same_model(exported):
    from core.training.export import torch_from_onnx

    model, path = exported
    again = torch_from_onnx(path, model.cfg)
    for name, p in model.state_dict().items():
        torch.testing.assert_close(again.state_dict()[name], p, atol=0, rtol=0, msg=name)


def test_the_graph_divides_the_logit_after_t_tokens_by_the_length_temperature(exported):
    """p_prefix = sigmoid(logit_t / (a + b t^e)), against a float64 reference of the raw
    logits; a, b, e are named initializers (core.sentiment.weights reads them)."""
    model, path = exported
    names = {t.name for t in onnx.load(str(path)).graph.initializer}
    assert {"model.calib.a", "model.calib.b", "model.calib.e"} <= names
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    ids = torch.randint(2, 500, (2, 40), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        z = model.eval()(ids)[0].double().numpy()
    t = np.arange(1, 41, dtype=np.float64)
    expected = 1 / (1 + np.exp(-z / (0.5 + 3.0 * t**-0.8)))
    np.testing.assert_allclose(sess.run(["p_prefix"], {"ids": ids.numpy()})[0], expected, atol=1e-5)
