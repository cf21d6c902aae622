"""The one reader of a model.onnx (bag, rnn, lstm): exact weights, PyTorch's order, parsed once."""

from __future__ import annotations

import os
import shutil
import threading

import numpy as np
import onnx
import pytest
import torch
from onnx import helper, numpy_helper

from core.nn.cells import GATES
from core.sentiment import ModelUnavailable, load_model, weights
from core.sentiment.review import review_trace
from core.sentiment.weights import (
    ONNX_GATES,
    BagWeights,
    read_weights,
    reorder_gates,
)
from core.training.export import export_onnx, torch_from_onnx
from core.training.model import ModelConfig, build, default_config
from tests.support.paths import MODELS


def _exported(kind, tmp_path_factory):
    torch.manual_seed(3)
    cfg = default_config(kind, vocab_size=300, embed_dim=12, hidden_size=0 if kind == "bag" else 10)
    net = build(cfg).eval()
    with torch.no_grad():
        for p in net.parameters():
            p.mul_(3.0)
        net.calib.a.fill_(0.8), net.calib.b.fill_(1.5), net.calib.e.fill_(-0.4)
    return net, export_onnx(net, tmp_path_factory.mktemp(kind) / "model.onnx")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A small LSTM with trained-looking weights, exported as the shipped one is."""
    return _exported("lstm", tmp_path_factory)


@pytest.fixture
def onnx_loads(monkeypatch):
    """Every parse of an ONNX file by the weights reader from now on, with an empty cache."""
    calls = []
    real = weights.read_graph

    def counting(*args, **kwargs):
        calls.append(args[0] if args else kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(weights, "_cache", {})  # the process's own cache comes back after
    monkeypatch.setattr(weights, "read_graph", counting)
    return calls


def test_reorder_moves_onnx_blocks_to_torch_order_and_back():
    H = 3
    onnx_rows = np.concatenate([np.full((H, 2), k) for k in range(4)])  # blocks i, o, f, c
    torch_rows = reorder_gates(onnx_rows)
    # PyTorch's (i, f, g, o) is ONNX's (i, f, c, o): blocks 0, 2, 3, 1.
    assert [int(torch_rows[k * H, 0]) for k in range(4)] == [0, 2, 3, 1]
    a = np.random.default_rng(0).standard_normal((4 * 5, 7))
    np.testing.assert_array_equal(reorder_gates(reorder_gates(a), GATES, ONNX_GATES), a)
    np.testing.assert_array_equal(reorder_gates(reorder_gates(a, GATES, ONNX_GATES)), a)
    b = np.arange(8.0)  # a bias (4H,) with H = 2
    np.testing.assert_array_equal(reorder_gates(b), [0, 1, 4, 5, 6, 7, 2, 3])


def test_the_reader_recovers_the_torch_weights_exactly(exported):
    net, path = exported
    w = read_weights(path)
    state = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    np.testing.assert_array_equal(w.E, state["embedding.weight"])
    np.testing.assert_array_equal(w.lstm.W_ih, state["lstm.weight_ih_l0"])  # (i, f, g, o)
    np.testing.assert_array_equal(w.lstm.W_hh, state["lstm.weight_hh_l0"])
    np.testing.assert_array_equal(w.lstm.b_ih, state["lstm.bias_ih_l0"])
    np.testing.assert_array_equal(w.lstm.b_hh, state["lstm.bias_hh_l0"])
    np.testing.assert_array_equal(w.W_ih_T, state["lstm.weight_ih_l0"].T)
    np.testing.assert_array_equal(w.W_hh_T, state["lstm.weight_hh_l0"].T)
    b = (state["lstm.bias_ih_l0"].astype(np.float64) + state["lstm.bias_hh_l0"]).astype(np.float32)
    np.testing.assert_array_equal(w.b, b)
    np.testing.assert_array_equal(w.w_att, state["w_att.weight"][0])
    np.testing.assert_array_equal(w.w_head, state["head.weight"][0])
    assert (w.b_att, w.b_head) == (state["w_att.bias"][0], state["head.bias"][0])
    assert (w.kind, w.vocab_size, w.hidden_size) == ("lstm", 300, 10)
    # The file's own LSTM initializer is the torch weights in ONNX's (i, o, f, c) order.
    graph = onnx.load(str(path)).graph
    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    W = numpy_helper.to_array(next(t for t in graph.initializer if t.name == lstm.input[1]))[0]
    np.testing.assert_array_equal(W, reorder_gates(state["lstm.weight_ih_l0"], GATES, ONNX_GATES))


def test_the_reader_applies_the_graphs_length_temperature(exported, tmp_path):
    """calib is the file's (a, b, e); probability() is the graph's p_prefix on the head's
    logits; a file from before the calibration (no model.calib.*) reads as T = 1."""
    net, path = exported
    w = read_weights(path)
    assert w.calib == pytest.approx((0.8, 1.5, -0.4), abs=1e-7)
    t = np.arange(1, 6)
    np.testing.assert_allclose(w.temperature(t), 0.8 + 1.5 * t**-0.4, rtol=1e-6)
    ids = torch.randint(2, 300, (1, 9), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        z = net(ids)[0][0].double().numpy()
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    p = sess.run(["p_prefix"], {"ids": ids.numpy()})[0][0]
    np.testing.assert_allclose(w.probability(z, np.arange(1, 10)), p, atol=1e-6)
    model = onnx.load(str(path))
    keep = [t for t in model.graph.initializer if not t.name.startswith("model.calib.")]
    del model.graph.initializer[:]
    model.graph.initializer.extend(keep)
    old = tmp_path / "old.onnx"
    onnx.save(model, str(old))
    assert read_weights(old).calib == (1.0, 0.0, 0.0)
    assert read_weights(old).temperature(7) == 1.0


def test_torch_from_onnx_and_the_reader_agree(exported):
    net, path = exported
    again, w = torch_from_onnx(path, net.cfg), read_weights(path)
    state = {k: v.numpy() for k, v in again.state_dict().items()}
    np.testing.assert_array_equal(state["lstm.weight_ih_l0"], w.lstm.W_ih)
    np.testing.assert_array_equal(state["lstm.bias_hh_l0"], w.lstm.b_hh)
    np.testing.assert_array_equal(state["embedding.weight"], w.E)
    np.testing.assert_array_equal(state["head.weight"][0], w.w_head)


def test_the_reader_recovers_the_rnn_and_the_bag_exactly(tmp_path_factory):
    net, path = _exported("rnn", tmp_path_factory)
    w = read_weights(path)
    state = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    assert (w.kind, w.hidden_size, w.rnn.nonlinearity) == ("rnn", 10, "tanh")
    np.testing.assert_array_equal(w.E, state["embedding.weight"])
    np.testing.assert_array_equal(w.rnn.W_xh, state["rnn.weight_ih_l0"])
    np.testing.assert_array_equal(w.rnn.W_hh, state["rnn.weight_hh_l0"])
    np.testing.assert_array_equal(w.rnn.b_xh, state["rnn.bias_ih_l0"])
    np.testing.assert_array_equal(w.rnn.b_hh, state["rnn.bias_hh_l0"])
    np.testing.assert_array_equal(w.W_hh_T, state["rnn.weight_hh_l0"].T)
    np.testing.assert_array_equal(w.w_head, state["head.weight"][0])
    assert w.b_head == state["head.bias"][0]
    net, path = _exported("bag", tmp_path_factory)
    w = read_weights(path)
    state = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    assert isinstance(w, BagWeights) and (w.kind, w.hidden_size) == ("bag", 0)
    assert not hasattr(w, "lstm") and not hasattr(w, "rnn")  # no recurrent weights at all
    np.testing.assert_array_equal(w.E, state["bag.weight"])
    np.testing.assert_array_equal(w.w_head, state["head.weight"][0])
    np.testing.assert_allclose(w.scores, state["bag.weight"] @ state["head.weight"][0], rtol=1e-6)
    for kind in ("rnn", "bag"):
        net, path = _exported(kind, tmp_path_factory)
        again = torch_from_onnx(path, net.cfg)
        for name, p in net.state_dict().items():
            torch.testing.assert_close(again.state_dict()[name], p, atol=0, rtol=0, msg=name)


def test_the_shipped_file_is_parsed_once_per_process(model, onnx_loads):
    """Leave-one-out, the inside view and torch_from_onnx share one read."""
    model.analyze("quán này ngon nhưng phục vụ chậm")  # leave-one-out
    review_trace(model, "quán này ngon nhưng phục vụ chậm")  # the gates
    torch_from_onnx(model.onnx_path, ModelConfig(**model.metadata["config"]))
    assert read_weights(model.onnx_path) is model.weights()
    assert len(onnx_loads) == 1


def test_threads_asking_at_once_parse_once(model, onnx_loads):
    barrier, got = threading.Barrier(8), []

    def ask():
        barrier.wait()
        got.append(model.weights())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(onnx_loads) == 1 and all(w is got[0] for w in got)


def test_the_shipped_weights_are_read_only_and_fit_the_metadata(zoo):
    w, cfg = zoo.weights(), zoo.metadata["config"]
    assert w.E.shape == (cfg["vocab_size"], cfg["embed_dim"]) == (len(zoo.vocab), w.E.shape[1])
    assert w.hidden_size == cfg["hidden_size"] and w.kind == cfg["kind"] == zoo.name
    arrays = {
        "bag": lambda: (w.E, w.scores, w.w_head),
        "rnn": lambda: (w.E, w.W_hh_T, w.rnn.W_xh, w.w_head),
        "lstm": lambda: (w.E, w.W_hh_T, w.lstm.W_ih, w.w_att),
    }[w.kind]()
    for a in arrays:
        with pytest.raises(ValueError, match="read-only"):
            a[0] = 0


def test_a_changed_file_is_read_again(exported, tmp_path, onnx_loads):
    _, path = exported
    copy = tmp_path / "m.onnx"
    shutil.copy(path, copy)
    first = read_weights(copy)
    assert read_weights(copy) is first and len(onnx_loads) == 1
    st = copy.stat()  # a rebuilt file: its mtime moves on
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert read_weights(copy) is not first and len(onnx_loads) == 2


def test_an_onnx_file_without_our_weights_is_model_broken(tmp_path):
    """onnxruntime runs any valid graph; the weights reader names the file that is not ours."""
    d = tmp_path / "models"
    (d / "sentiment" / "lstm").mkdir(parents=True)
    for name in ("sentiment/vocab.json", "sentiment/lstm/metadata.json"):
        shutil.copy(MODELS / name, d / name)
    ids = helper.make_tensor_value_info("ids", onnx.TensorProto.INT64, ["batch", "time"])
    out = helper.make_tensor_value_info("p_prefix", onnx.TensorProto.INT64, ["batch", "time"])
    hid = helper.make_tensor_value_info("hidden", onnx.TensorProto.INT64, ["batch", "time"])
    graph = helper.make_graph(
        [helper.make_node("Identity", ["ids"], ["p_prefix"]),
         helper.make_node("Identity", ["ids"], ["hidden"])], "g", [ids], [out, hid]
    )  # fmt: skip
    onnx_file = d / "sentiment" / "lstm" / "model.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), onnx_file)
    m = load_model(d)
    with pytest.raises(ModelUnavailable) as e:
        review_trace(m, "quán này ngon")
    assert e.value.code == "model_broken" and e.value.params["file"] == str(onnx_file)
    assert "make train" in str(e.value)
