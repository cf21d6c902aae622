"""The one reader of a shipped model.onnx (bag, rnn or lstm): its weights, typed and frozen.

onnxruntime runs the file; everything else that needs the numbers (the gate trace, the
leave-one-out influence, export's torch_from_onnx) asks read_weights,
which parses the file once per process (per version of the file) and hands every caller
the same read-only arrays.

Weights are found by name where the exporter keeps the module's names
(`model.embedding.weight`, `model.bag.weight`, `model.w_att.bias`, `model.head.bias`)
and by the node that reads them where it does not: the LSTM or RNN node's W, R, B
inputs, and the MatMul nodes of the `/model/w_att/` and `/model/head/` scopes. The
model's kind is the graph's own: an LSTM node, an RNN node, or neither (the bag).

The graph divides the head's logit after t tokens by T(t) = a + b * t**e before the
sigmoid (core/training/model.py LengthTemperature; initializers model.calib.{a,b,e}).
A file without them is read as T = 1.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from core.nn.cells import GATES, LSTMParams, RNNParams, sigmoid
from core.onnxfile import read_graph

# ONNX's LSTM packs gate blocks (i, o, f, c); PyTorch and core.nn.cells use (i, f, g, o),
# and ONNX's c is PyTorch's g (the candidate C_tilde).
ONNX_GATES = ("i", "o", "f", "g")


def reorder_gates(a: np.ndarray, src=ONNX_GATES, dst=GATES) -> np.ndarray:
    """a (4H, ...) with its gate blocks in order src, rearranged to order dst.

    The default reads ONNX's layout into PyTorch's; reorder_gates(a, GATES, ONNX_GATES)
    goes back."""
    blocks = dict(zip(src, np.split(np.asarray(a), 4, axis=0), strict=True))
    return np.concatenate([blocks[g] for g in dst], axis=0)


@dataclass(frozen=True, kw_only=True)
class HeadWeights:
    """What every shipped model has: the embedding table, the classifier head and the
    graph's length temperature T(t) = a + b * t**e that divides the head's logit."""

    E: np.ndarray  # (V, D) float32 embedding table, row 0 = <pad>
    w_head: np.ndarray  # (K,) float32 classifier: K = D (bag), H (rnn), 3H (lstm)
    b_head: float
    calib: tuple[float, float, float] = (1.0, 0.0, 0.0)  # (a, b, e)

    def temperature(self, t):
        """T(t), the divisor of the logit after t tokens (t an int or an array of them)."""
        a, b, e = self.calib
        return a + b * np.power(np.asarray(t, dtype=np.float64), e)

    def probability(self, logit, t):
        """Calibrated P(positive) of the head's logit(s) after t tokens: the graph's p_prefix."""
        return sigmoid(np.asarray(logit, dtype=np.float64) / self.temperature(t))

    @property
    def vocab_size(self) -> int:
        return self.E.shape[0]


@dataclass(frozen=True, kw_only=True)
class BagWeights(HeadWeights):
    """The bag of words: the head reads the mean of the tokens' vectors."""

    kind: ClassVar[str] = "bag"
    hidden_size: ClassVar[int] = 0  # no state: it reads no order
    scores: np.ndarray  # (V,) float32 E @ w_head: a token's term of the mean


@dataclass(frozen=True, kw_only=True)
class RNNWeights(HeadWeights):
    """The RNN: the head reads h_T."""

    kind: ClassVar[str] = "rnn"
    rnn: RNNParams  # float64 W_xh (H, D), W_hh (H, H), b_xh, b_hh (H,), tanh
    W_ih_T: np.ndarray  # (D, H) float32: leave-one-out's batched rows
    W_hh_T: np.ndarray  # (H, H) float32
    b: np.ndarray  # (H,) float32, the two biases summed

    @property
    def hidden_size(self) -> int:
        return self.rnn.hidden_size


@dataclass(frozen=True, kw_only=True)
class LSTMWeights(HeadWeights):
    """The LSTM: the head reads [h_T, mean of h, attention average of h]."""

    kind: ClassVar[str] = "lstm"
    lstm: LSTMParams  # float64 W_ih (4H, D), W_hh (4H, H), b_ih, b_hh (4H,), (i, f, g, o)
    W_ih_T: np.ndarray  # (D, 4H) float32: leave-one-out's batched rows
    W_hh_T: np.ndarray  # (H, 4H) float32
    b: np.ndarray  # (4H,) float32, the two biases summed
    w_att: np.ndarray  # (H,) float32 attention score weights
    b_att: float

    @property
    def hidden_size(self) -> int:
        return self.lstm.hidden_size


SentimentWeights = BagWeights | RNNWeights | LSTMWeights


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)  # shared by every thread of the server: nobody may write
    return a


def _matmul_weight(graph, init: dict, scope: str) -> np.ndarray:
    """The weight (K, 1) of the MatMul node in the module scope (e.g. "/model/head/")."""
    for n in graph.nodes:
        if n.op_type in ("MatMul", "Gemm") and n.name.startswith(scope) and n.inputs[1] in init:
            w = init[n.inputs[1]]
            return w.T if n.op_type == "Gemm" and w.shape[0] == 1 else w
    raise ValueError(f"no MatMul with a weight in {scope}")


def _recurrent(init: dict, W_x, W_h, b_x, b_h) -> dict:
    """What the LSTM and the RNN share: the embedding, and their cell's weights frozen, plus
    the float32 rows the batched leave-one-out multiplies by (W_x^T, W_h^T, b_x + b_h)."""
    for a in (W_x, W_h, b_x, b_h):
        _frozen(a)
    f32 = np.float32
    return dict(
        E=_frozen(np.ascontiguousarray(init["model.embedding.weight"], dtype=f32)),
        W_ih_T=_frozen(np.ascontiguousarray(W_x.T, dtype=f32)),
        W_hh_T=_frozen(np.ascontiguousarray(W_h.T, dtype=f32)),
        b=_frozen((b_x + b_h).astype(f32)),
    )


def parse_weights(path: Path | str) -> SentimentWeights:
    """Read the file's initializers (no caching: read_weights is the one to call)."""
    graph = read_graph(path)
    init = graph.initializers
    f32 = np.float32
    head = dict(
        w_head=_frozen(_matmul_weight(graph, init, "/model/head/")[:, 0].astype(f32)),
        b_head=float(init["model.head.bias"][0]),
    )
    if "model.calib.a" in init:
        head["calib"] = tuple(float(init[f"model.calib.{k}"].reshape(-1)[0]) for k in "abe")
    ops = {n.op_type: n for n in graph.nodes}
    if "LSTM" in ops:
        W, R, B = (init[name][0] for name in ops["LSTM"].inputs[1:4])  # (4H, D), (4H, H), (8H,)
        H = R.shape[1]
        lstm = LSTMParams(
            reorder_gates(W), reorder_gates(R), reorder_gates(B[: 4 * H]), reorder_gates(B[4 * H :])
        )  # float64 copies; float32 -> float64 is exact
        return LSTMWeights(
            lstm=lstm,
            w_att=_frozen(_matmul_weight(graph, init, "/model/w_att/")[:, 0].astype(f32)),
            b_att=float(init["model.w_att.bias"][0]),
            **_recurrent(init, lstm.W_ih, lstm.W_hh, lstm.b_ih, lstm.b_hh),
            **head,
        )
    if "RNN" in ops:
        W, R, B = (init[name][0] for name in ops["RNN"].inputs[1:4])  # (H, D), (H, H), (2H,)
        H = R.shape[1]
        rnn = RNNParams(W, R, B[:H], B[H:], nonlinearity="tanh")
        return RNNWeights(
            rnn=rnn, **_recurrent(init, rnn.W_xh, rnn.W_hh, rnn.b_xh, rnn.b_hh), **head
        )
    E = _frozen(np.ascontiguousarray(init["model.bag.weight"], dtype=f32))
    return BagWeights(E=E, scores=_frozen((E @ head["w_head"]).astype(f32)), **head)


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
