"""The one reader of models/sentiment.onnx: its initializers as a typed, frozen weights object.

onnxruntime runs the file; everything else that needs the numbers (the gate trace, the
leave-one-out influence, the phrase shares, export's torch_from_onnx) asks read_weights,
which parses the file once per process (per version of the file) and hands every caller
the same read-only arrays.

Weights are found by name where the exporter keeps the module's names
(`model.embedding.weight`, `model.w_att.bias`, `model.head.bias`, `model.ngram.weight`)
and by the node that reads them where it does not: the LSTM node's W, R, B inputs, and
the MatMul nodes of the `/model/w_att/` and `/model/head/` scopes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.nn.cells import GATES, LSTMParams
from core.sentiment.phrases import PhraseBag

# ONNX's LSTM packs gate blocks (i, o, f, c); PyTorch and core.nn.cells use (i, f, g, o),
# and ONNX's c is PyTorch's g (the candidate C_tilde).
ONNX_GATES = ("i", "o", "f", "g")


def reorder_gates(a: np.ndarray, src=ONNX_GATES, dst=GATES) -> np.ndarray:
    """a (4H, ...) with its gate blocks in order src, rearranged to order dst.

    The default reads ONNX's layout into PyTorch's; reorder_gates(a, GATES, ONNX_GATES)
    goes back."""
    blocks = dict(zip(src, np.split(np.asarray(a), 4, axis=0), strict=True))
    return np.concatenate([blocks[g] for g in dst], axis=0)


@dataclass(frozen=True)
class SentimentWeights:
    """Every weight of the shipped model, read-only; LSTM gate blocks in PyTorch's order."""

    E: np.ndarray  # (V, D) float32 embedding table, row 0 = <pad>
    lstm: LSTMParams  # float64 W_ih (4H, D), W_hh (4H, H), b_ih, b_hh (4H,): the gate trace's
    W_ih_T: np.ndarray  # (D, 4H) float32: leave-one-out's batched rows
    W_hh_T: np.ndarray  # (H, 4H) float32
    b: np.ndarray  # (4H,) float32, b_ih + b_hh
    w_att: np.ndarray  # (H,) float32 attention score weights
    b_att: float
    w_head: np.ndarray  # (3H,) float32 classifier over [h_T, mean h, attention-average h]
    b_head: float
    bag: PhraseBag  # the phrase bag's votes (empty without a bag)

    @property
    def hidden_size(self) -> int:
        return self.lstm.hidden_size

    @property
    def vocab_size(self) -> int:
        return self.E.shape[0]


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)  # shared by every thread of the server: nobody may write
    return a


def _matmul_weight(graph, init: dict, scope: str) -> np.ndarray:
    """The weight (K, 1) of the MatMul node in the module scope (e.g. "/model/head/")."""
    for n in graph.node:
        if n.op_type == "MatMul" and n.name.startswith(scope) and n.input[1] in init:
            return init[n.input[1]]
    raise ValueError(f"no MatMul with a weight in {scope}")


def parse_weights(path: Path | str) -> SentimentWeights:
    """Read the file's initializers (no caching: read_weights is the one to call)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    W, R, B = (init[name][0] for name in lstm.input[1:4])  # (4H, D), (4H, H), (8H,): one layer
    H = R.shape[1]
    params = LSTMParams(
        reorder_gates(W), reorder_gates(R), reorder_gates(B[: 4 * H]), reorder_gates(B[4 * H :])
    )  # float64 copies; float32 -> float64 is exact
    f32 = np.float32
    E = np.ascontiguousarray(init["model.embedding.weight"], dtype=f32)
    bag_order = sum(
        1 for n in graph.node if n.op_type == "Gather" and n.input[0] == "model.ngram.weight"
    )  # one lookup per phrase length 1..order
    votes = init["model.ngram.weight"][:, 0] if bag_order else np.zeros(0)
    for a in (params.W_ih, params.W_hh, params.b_ih, params.b_hh):
        _frozen(a)
    return SentimentWeights(
        E=_frozen(E),
        lstm=params,
        W_ih_T=_frozen(np.ascontiguousarray(params.W_ih.T, dtype=f32)),
        W_hh_T=_frozen(np.ascontiguousarray(params.W_hh.T, dtype=f32)),
        b=_frozen((params.b_ih + params.b_hh).astype(f32)),
        w_att=_frozen(_matmul_weight(graph, init, "/model/w_att/")[:, 0].astype(f32)),
        b_att=float(init["model.w_att.bias"][0]),
        w_head=_frozen(_matmul_weight(graph, init, "/model/head/")[:, 0].astype(f32)),
        b_head=float(init["model.head.bias"][0]),
        bag=PhraseBag(_frozen(np.ascontiguousarray(votes, dtype=f32)), bag_order, E.shape[0]),
    )


_cache: dict[str, tuple[tuple[int, int], SentimentWeights]] = {}
_lock = threading.Lock()


def read_weights(path: Path | str) -> SentimentWeights:
    """The weights of the ONNX file at path, parsed once per process and version of the file."""
    path = Path(path).resolve()
    st = path.stat()
    stamp = (st.st_mtime_ns, st.st_size)
    with _lock:  # two threads asking at once parse the file once
        hit = _cache.get(str(path))
        if hit is None or hit[0] != stamp:
            hit = _cache[str(path)] = (stamp, parse_weights(path))
        return hit[1]


def clear_cache() -> None:
    """Forget every file read (tests count the parses)."""
    with _lock:
        _cache.clear()
