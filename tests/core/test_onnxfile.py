"""core.onnxfile against the onnx package, the reference it replaces at run time."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from core.onnxfile import read_graph, read_tensor
from tests.support.paths import MODELS

SHIPPED = sorted(MODELS.rglob("*.onnx"))


def reference(path):
    graph = onnx.load(str(path)).graph
    nodes = [(n.op_type, n.name, tuple(n.input), tuple(n.output)) for n in graph.node]
    return nodes, {t.name: numpy_helper.to_array(t) for t in graph.initializer}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(MODELS)))
def test_every_shipped_model_reads_as_onnx_reads_it(path):
    nodes, inits = reference(path)
    got = read_graph(path)
    assert [(n.op_type, n.name, n.inputs, n.outputs) for n in got.nodes] == nodes
    assert got.initializers.keys() == inits.keys()
    for name, want in inits.items():
        assert got.initializers[name].dtype == want.dtype, name
        np.testing.assert_array_equal(got.initializers[name], want, err_msg=name)


def test_shipped_models_exist():
    assert {p.parent.name for p in SHIPPED} >= {"bag", "rnn", "lstm", "lm"}


# Tensors as other exporters write them: typed fields instead of raw bytes, negative
# int64s (ten-byte varints), scalars, float16 bit patterns, empty tensors.
rng = np.random.default_rng(0)
ARRAYS = {
    "float32": rng.standard_normal((3, 4)).astype(np.float32),
    "float64": rng.standard_normal(5),
    "int64": np.array([[-(2**40), -1, 0], [1, 2**62, 7]], dtype=np.int64),
    "int32": np.array([-5, 0, 2**31 - 1], dtype=np.int32),
    "int8": np.array([-128, 0, 127], dtype=np.int8),
    "uint8": np.array([0, 255], dtype=np.uint8),
    "bool": np.array([True, False, True]),
    "float16": np.array([0.5, -2.0, 65504.0], dtype=np.float16),
    "scalar": np.array(3.25, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}


@pytest.mark.parametrize("raw", [True, False], ids=["raw_data", "typed_fields"])
@pytest.mark.parametrize("name", ARRAYS)
def test_each_tensor_encoding_reads_back(name, raw):
    a = ARRAYS[name]
    dtype = helper.np_dtype_to_tensor_dtype(a.dtype)
    if raw:
        proto = helper.make_tensor(name, dtype, a.shape, a.tobytes(), raw=True)
    else:
        proto = helper.make_tensor(name, dtype, a.shape, a.flatten().tolist())
    want = numpy_helper.to_array(proto)
    got_name, got = read_tensor(proto.SerializeToString())
    assert got_name == name and got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_a_graph_built_by_hand_reads_back(tmp_path):
    w = numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3), "W")
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])
    node = helper.make_node("MatMul", ["x", "W"], ["y"], name="/head/MatMul")
    graph = helper.make_graph([node], "g", [x], [y], initializer=[w])
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph), path)
    got = read_graph(path)
    assert [(n.op_type, n.name, n.inputs, n.outputs) for n in got.nodes] == [
        ("MatMul", "/head/MatMul", ("x", "W"), ("y",))
    ]
    np.testing.assert_array_equal(got.initializers["W"], numpy_helper.to_array(w))
    got.initializers["W"][0, 0] = 1.0  # callers get their own copy, not a view of the file


def test_data_kept_in_another_file_is_refused():
    proto = helper.make_tensor("W", TensorProto.FLOAT, [2], [1.0, 2.0])
    proto.data_location = TensorProto.EXTERNAL
    with pytest.raises(ValueError, match="another file"):
        read_tensor(proto.SerializeToString())


@pytest.mark.parametrize("cut", [1, 100, 5000])
def test_a_truncated_or_foreign_file_is_an_error_not_a_hang(tmp_path, cut):
    data = SHIPPED[0].read_bytes()
    path = tmp_path / "cut.onnx"
    path.write_bytes(data[:cut])
    with pytest.raises(ValueError):
        read_graph(path)
    path.write_bytes(b"this is a text file, not a model\n" * 3)
    with pytest.raises(ValueError):
        read_graph(path)
