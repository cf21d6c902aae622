"""ONNX export: dynamic batch and time axes, and the same numbers as PyTorch (1e-5)."""

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from core.training.export import export_onnx
from core.training.model import ExportWrapper, ModelConfig, SentimentLSTM


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=500, embed_dim=32, hidden_size=24, max_len=400, ngram_buckets=1009)
    model = SentimentLSTM(cfg)
    # Trained-looking weights: random init alone keeps h tiny and hides errors, and the
    # phrase bag starts at zero; a small bucket table makes its hash collide, as it will.
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(3.0)
        model.ngram.weight.normal_(0.0, 2.0)
    path = export_onnx(model, tmp_path_factory.mktemp("onnx") / "m.onnx")
    return model, path


def test_one_file_with_dynamic_axes(exported):
    _, path = exported
    assert not [p for p in path.parent.iterdir() if p != path]  # no external data files
    graph = onnx.load(str(path)).graph
    dims = [d.dim_param or d.dim_value for d in graph.input[0].type.tensor_type.shape.dim]
    assert dims == ["batch", "time"]
    assert [o.name for o in graph.output] == ["p_prefix", "hidden"]


@pytest.mark.parametrize("batch", [1, 5])
@pytest.mark.parametrize("length", [1, 7, 333])
def test_onnx_matches_pytorch(exported, batch, length):
    model, path = exported
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    ids = torch.randint(0, 500, (batch, length), generator=torch.Generator().manual_seed(length))
    p_onnx, h_onnx = sess.run(None, {"ids": ids.numpy()})
    with torch.no_grad():
        p_torch, h_torch = ExportWrapper(model.eval())(ids)
    assert p_onnx.shape == (batch, length) and h_onnx.shape == (batch, length, 24)
    np.testing.assert_allclose(p_onnx, p_torch.numpy(), atol=1e-5)
    np.testing.assert_allclose(h_onnx, h_torch.numpy(), atol=1e-5)


def test_export_leaves_the_model_in_eval_mode(exported):
    model, _ = exported
    assert not model.training and not model.drop.training


def test_right_padding_never_changes_a_shorter_prefix(exported):
    """Why batching by length is safe: outputs at t depend on tokens 1..t only."""
    model, _ = exported
    ids = torch.randint(2, 500, (1, 20))
    padded = torch.cat([ids, torch.zeros(1, 30, dtype=torch.long)], dim=1)
    with torch.no_grad():
        p, _ = ExportWrapper(model.eval())(ids)
        p_pad, _ = ExportWrapper(model)(padded)
    torch.testing.assert_close(p_pad[:, :20], p, atol=1e-6, rtol=0)


def test_weights_read_back_from_onnx_rebuild_the_same_model(exported):
    from core.training.export import torch_from_onnx

    model, path = exported
    again = torch_from_onnx(path, model.cfg)
    for name, p in model.state_dict().items():
        torch.testing.assert_close(again.state_dict()[name], p, atol=0, rtol=0, msg=name)
