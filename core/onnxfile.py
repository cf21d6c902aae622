"""A small reader of ONNX files: the graph's nodes and its initializers as NumPy arrays.

The site needs the shipped models' weights (the gate trace, leave-one-out) but only
onnxruntime to run them, and onnxruntime does not hand weights out. The `onnx` package
would, at about 30 MB installed; an ONNX file is a protobuf message, and reading the
few fields used here takes a page of code. Training and the tests keep `onnx` as the
reference this reader is held to.

Field numbers are those of onnx.proto3 (ModelProto.graph = 7, GraphProto.node = 1 and
.initializer = 5, NodeProto.input = 1 .output = 2 .name = 3 .op_type = 4, TensorProto
.dims = 1 .data_type = 2 .float_data = 4 .int32_data = 5 .int64_data = 7 .name = 8
.raw_data = 9 .double_data = 10 .data_location = 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

# TensorProto.DataType -> little-endian NumPy dtype, for the types a weight may have.
DTYPES = {
    1: "<f4",  # FLOAT
    2: "u1",  # UINT8
    3: "i1",  # INT8
    5: "<i2",  # INT16
    6: "<i4",  # INT32
    7: "<i8",  # INT64
    9: "?",  # BOOL
    10: "<f2",  # FLOAT16
    11: "<f8",  # DOUBLE
}
EXTERNAL = 1  # TensorProto.DataLocation: the data lies in another file


@dataclass(frozen=True)
class Node:
    """One operator of the graph: its type, name and the names it reads and writes."""

    op_type: str
    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class Graph:
    """What the site reads of a model: its nodes in order and its initializers by name."""

    nodes: tuple[Node, ...]
    initializers: dict[str, np.ndarray]


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    """The varint starting at buf[i], and the index after it."""
    value = shift = 0
    while True:
        if i >= len(buf):
            raise ValueError("truncated varint")
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7
        if shift > 63:
            raise ValueError("varint longer than 64 bits")


def fields(buf: bytes | memoryview):
    """Each (field number, wire type, value) of one protobuf message, in order.

    value is an int for varints and fixed-width numbers, and for length-delimited ones a
    memoryview into buf (weights are megabytes: slicing bytes would copy each one)."""
    buf = memoryview(buf)
    i, n = 0, len(buf)
    while i < n:
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 1:
            value, i = int.from_bytes(buf[i : i + 8], "little"), i + 8
        elif wire == 5:
            value, i = int.from_bytes(buf[i : i + 4], "little"), i + 4
        elif wire == 2:
            size, i = _varint(buf, i)
            value, i = buf[i : i + size], i + size
        else:
            raise ValueError(f"wire type {wire} is not used by ONNX files")
        if i > n:
            raise ValueError("truncated message")
        yield number, wire, value


def _signed(v: int) -> int:
    """A varint read back as int64 (negative numbers are sent as 10-byte two's complement)."""
    return v - (1 << 64) if v >= 1 << 63 else v


def _ints(wire: int, value) -> list[int]:
    """A repeated integer field's values, packed (one length-delimited run) or not."""
    if wire == 0:
        return [_signed(value)]
    out, i = [], 0
    while i < len(value):
        v, i = _varint(value, i)
        out.append(_signed(v))
    return out


def read_tensor(buf: bytes | memoryview) -> tuple[str, np.ndarray]:
    """A TensorProto's name and values, shaped by its dims."""
    name, dims, dtype, raw, location = "", [], None, None, 0
    typed: dict[int, list] = {}
    for number, wire, value in fields(buf):
        if number == 1:
            dims += _ints(wire, value)
        elif number == 2:
            dtype = value
        elif number == 8:
            name = bytes(value).decode("utf-8")
        elif number == 9:
            raw = value
        elif number == 14:
            location = value
        elif number in (4, 10):  # float_data, double_data: fixed-width, packed or not
            width = 4 if number == 4 else 8
            chunk = bytes(value) if wire == 2 else value.to_bytes(width, "little")
            typed.setdefault(number, []).append(chunk)
        elif number in (5, 7):  # int32_data (also int8/16, bool, float16 bits), int64_data
            typed.setdefault(number, []).extend(_ints(wire, value))
    if location == EXTERNAL:
        raise ValueError(f"tensor {name!r} keeps its data in another file")
    if dtype not in DTYPES:
        raise ValueError(f"tensor {name!r} has data type {dtype}, not read here")
    dt = np.dtype(DTYPES[dtype])
    if raw is not None:
        flat = np.frombuffer(raw, dtype=dt)
    elif 4 in typed:
        flat = np.frombuffer(b"".join(typed[4]), dtype="<f4")
    elif 10 in typed:
        flat = np.frombuffer(b"".join(typed[10]), dtype="<f8")
    elif 5 in typed and dtype == 10:  # float16 values travel as their bit patterns
        flat = np.array(typed[5], dtype="<u2").view("<f2")
    else:
        flat = np.array(typed.get(5) or typed.get(7) or [], dtype=dt)
    size = int(np.prod(dims)) if dims else 1
    if flat.size != size:
        raise ValueError(f"tensor {name!r}: {flat.size} values for dims {dims}")
    return name, flat.astype(dt, copy=False).reshape(dims)


def _node(buf: memoryview) -> Node:
    ins, outs, name, op = [], [], "", ""
    for number, _, value in fields(buf):
        if number == 1:
            ins.append(bytes(value).decode("utf-8"))
        elif number == 2:
            outs.append(bytes(value).decode("utf-8"))
        elif number == 3:
            name = bytes(value).decode("utf-8")
        elif number == 4:
            op = bytes(value).decode("utf-8")
    return Node(op, name, tuple(ins), tuple(outs))


def read_graph(path: Path | str) -> Graph:
    """The main graph of the ONNX file at path: nodes and initializers (copies, writable)."""
    data = Path(path).read_bytes()
    graph = next((v for n, w, v in fields(data) if n == 7 and w == 2), None)
    if graph is None:
        raise ValueError("no graph in the file: not an ONNX model")
    nodes, inits = [], {}
    for number, wire, value in fields(graph):
        if wire != 2:
            continue
        if number == 1:
            nodes.append(_node(value))
        elif number == 5:
            name, array = read_tensor(value)
            inits[name] = array.copy()  # frombuffer views are read-only and pin the file
    return Graph(tuple(nodes), inits)
