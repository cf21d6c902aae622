"""RNN and LSTM cells in float64 NumPy that keep every intermediate the slides show.

Conventions are PyTorch's, so a cell here and `torch.nn.RNNCell` / `nn.LSTMCell`
given the same weights compute the same numbers:

- two biases per gate: `pre = W_x·x + b_x + W_h·h + b_h`;
- LSTM weights are packed gate-major, rows in the order GATES = (i, f, g, o):
  `W_ih = [W_ii; W_if; W_ig; W_io]` has shape (4H, I), `W_hh` (4H, H),
  `b_ih`, `b_hh` (4H,). ONNX's LSTM op uses (i, o, f, c) instead: convert at
  that border, never here.

Every step returns a frozen trace (plain arrays, no behaviour) that the pages draw.
Values past float64's range are clamped to +-FLOAT_MAX and the step says so
(`overflow=True`), so huge inputs give a flagged, finite trace instead of NaN.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.errors import CoreError

GATES = ("i", "f", "g", "o")
NONLINEARITIES = ("tanh", "relu")
FLOAT_MAX = float(np.finfo(np.float64).max)


class ShapeError(CoreError):
    """A weight, bias or state whose shape does not fit the cell (code "shape")."""

    def __init__(self, name: str, got, expected):
        got, expected = _shape_text(got), _shape_text(expected)
        super().__init__(
            "shape", f"{name} has shape {got}, expected {expected}.",
            name=name, got=got, expected=expected,
        )  # fmt: skip


def _shape_text(shape) -> str:
    """A shape as the messages write it: (2, 3), (4,), or a symbolic one as given."""
    if not isinstance(shape, tuple | list):
        return str(shape)
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


# ---------------------------------------------------------------- activations


def _float(z) -> np.ndarray:
    """z as a float array: float32 stays float32 (the served model), anything else float64."""
    z = np.asarray(z)
    return z if z.dtype in (np.float32, np.float64) else z.astype(np.float64)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function that never overflows: exp only ever sees -|z|."""
    z = _float(z)
    e = np.exp(-np.abs(z))  # in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


def tanh(z: np.ndarray) -> np.ndarray:
    """Hyperbolic tangent (NumPy's is already stable for huge |z|)."""
    return np.tanh(_float(z))


def relu(z: np.ndarray) -> np.ndarray:
    """max(z, 0), the slides' "R"."""
    z = _float(z)
    return np.maximum(z, z.dtype.type(0))


ACTIVATIONS = {"tanh": tanh, "relu": relu, "sigmoid": sigmoid}


def _clamp(a: np.ndarray) -> tuple[np.ndarray, bool]:
    """Map inf/NaN born of overflow to +-FLOAT_MAX (NaN -> 0); report whether any was."""
    if np.all(np.isfinite(a)):
        return a, False
    return np.nan_to_num(a, nan=0.0, posinf=FLOAT_MAX, neginf=-FLOAT_MAX), True


def _affine(W: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, bool]:
    """W @ v with overflow clamped instead of warned about."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _clamp(W @ v)


def _sum(*terms: np.ndarray) -> tuple[np.ndarray, bool]:
    """Elementwise sum of the terms, overflow clamped."""
    total = terms[0]
    with np.errstate(over="ignore", invalid="ignore"):
        for term in terms[1:]:
            total = total + term  # left to right, as the slides add
        return _clamp(total)


def _as_matrix(name: str, a, shape: tuple[int, int]) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1 and shape[1] == 1 and a.shape[0] == shape[0]:
        a = a.reshape(shape)
    if a.shape != shape:
        raise ShapeError(name, a.shape, shape)
    return a


def _as_vector(name: str, a, n: int) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64).reshape(-1) if np.ndim(a) <= 1 else np.asarray(a)
    if a.shape != (n,):
        raise ShapeError(name, a.shape, (n,))
    return a.astype(np.float64, copy=False)


# --------------------------------------------------------------------- params


@dataclass(frozen=True)
class RNNParams:
    """Weights of `h_t = act(W_xh x_t + b_xh + W_hh h_{t-1} + b_hh)`."""

    W_xh: np.ndarray  # (H, I)
    W_hh: np.ndarray  # (H, H)
    b_xh: np.ndarray  # (H,)
    b_hh: np.ndarray  # (H,)
    nonlinearity: str = "tanh"  # "tanh" is PyTorch's default, "relu" the slides'

    def __post_init__(self):
        W_xh = np.asarray(self.W_xh, dtype=np.float64)
        if W_xh.ndim != 2:
            raise ShapeError("W_xh", W_xh.shape, "(H, I)")
        H, I = W_xh.shape
        object.__setattr__(self, "W_xh", W_xh)
        object.__setattr__(self, "W_hh", _as_matrix("W_hh", self.W_hh, (H, H)))
        object.__setattr__(self, "b_xh", _as_vector("b_xh", self.b_xh, H))
        object.__setattr__(self, "b_hh", _as_vector("b_hh", self.b_hh, H))
        if self.nonlinearity not in NONLINEARITIES:
            raise ValueError(
                f"nonlinearity must be one of {NONLINEARITIES}, got {self.nonlinearity!r}."
            )

    @property
    def input_size(self) -> int:
        return self.W_xh.shape[1]

    @property
    def hidden_size(self) -> int:
        return self.W_xh.shape[0]


@dataclass(frozen=True)
class LSTMParams:
    """PyTorch-packed LSTM weights; rows of every array are gate blocks in GATES order."""

    W_ih: np.ndarray  # (4H, I)  = [W_ii; W_if; W_ig; W_io]
    W_hh: np.ndarray  # (4H, H)  = [W_hi; W_hf; W_hg; W_ho]
    b_ih: np.ndarray  # (4H,)    = [b_ii; b_if; b_ig; b_io]
    b_hh: np.ndarray  # (4H,)    = [b_hi; b_hf; b_hg; b_ho]

    def __post_init__(self):
        W_ih = np.asarray(self.W_ih, dtype=np.float64)
        if W_ih.ndim != 2 or W_ih.shape[0] % 4:
            raise ShapeError("W_ih", W_ih.shape, "(4H, I)")
        H4, I = W_ih.shape
        H = H4 // 4
        object.__setattr__(self, "W_ih", W_ih)
        object.__setattr__(self, "W_hh", _as_matrix("W_hh", self.W_hh, (H4, H)))
        object.__setattr__(self, "b_ih", _as_vector("b_ih", self.b_ih, H4))
        object.__setattr__(self, "b_hh", _as_vector("b_hh", self.b_hh, H4))

    @classmethod
    def from_gates(cls, W_x: dict, W_h: dict, b_x: dict, b_h: dict) -> LSTMParams:
        """Pack per-gate arrays keyed by GATES ('i', 'f', 'g', 'o') in PyTorch's order."""
        missing = [g for g in GATES if g not in W_x or g not in W_h or g not in b_x or g not in b_h]
        if missing:
            given = tuple(g for g in GATES if g not in missing)
            raise ShapeError("gates", given, GATES)

        def mat(a):
            a = np.asarray(a, dtype=np.float64)
            return a.reshape(1, -1) if a.ndim < 2 else a

        W_ih = np.concatenate([mat(W_x[g]) for g in GATES], axis=0)
        W_hh = np.concatenate([mat(W_h[g]) for g in GATES], axis=0)
        b_ih = np.concatenate([np.asarray(b_x[g], dtype=np.float64).reshape(-1) for g in GATES])
        b_hh = np.concatenate([np.asarray(b_h[g], dtype=np.float64).reshape(-1) for g in GATES])
        return cls(W_ih, W_hh, b_ih, b_hh)

    @property
    def input_size(self) -> int:
        return self.W_ih.shape[1]

    @property
    def hidden_size(self) -> int:
        return self.W_ih.shape[0] // 4

    def gate(self, g: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(W_x, W_h, b_x, b_h) of gate g, views into the packed arrays."""
        k = GATES.index(g)
        H = self.hidden_size
        rows = slice(k * H, (k + 1) * H)
        return self.W_ih[rows], self.W_hh[rows], self.b_ih[rows], self.b_hh[rows]


# --------------------------------------------------------------------- traces


@dataclass(frozen=True)
class GateTrace:
    """One gate's arithmetic, as the slides write it: act(W_x·x + b_x + W_h·h + b_h)."""

    name: str  # one of GATES; "h" for the RNN's single hidden update
    activation: str  # "sigmoid", "tanh" or "relu"
    Wx_x: np.ndarray  # (H,)
    b_x: np.ndarray  # (H,)
    Wh_h: np.ndarray  # (H,)
    b_h: np.ndarray  # (H,)
    pre: np.ndarray  # (H,) the pre-activation, sum of the four terms
    act: np.ndarray  # (H,) activation(pre)


@dataclass(frozen=True)
class RNNStep:
    """Everything computed at time step t of an RNN."""

    t: int  # 1-based, as on the slides
    x: np.ndarray  # (I,)
    h_prev: np.ndarray  # (H,)
    update: GateTrace  # the hidden update; update.act is h
    h: np.ndarray  # (H,)
    overflow: bool = False  # some value passed float64's range and was clamped


@dataclass(frozen=True)
class LSTMStep:
    """Everything computed at time step t of an LSTM."""

    t: int  # 1-based, as on the slides
    x: np.ndarray  # (I,)
    h_prev: np.ndarray  # (H,)
    c_prev: np.ndarray  # (H,)
    gates: dict[str, GateTrace] = field(repr=False)  # keyed by GATES
    f_c_prev: np.ndarray  # (H,) f ⊙ c_{t-1}: what the cell keeps
    i_g: np.ndarray  # (H,) i ⊙ g: what the cell writes
    c: np.ndarray  # (H,) c_t
    tanh_c: np.ndarray  # (H,)
    h: np.ndarray  # (H,) o ⊙ tanh(c_t)
    overflow: bool = False  # some value passed float64's range and was clamped


# ---------------------------------------------------------------------- cells


def _sigmoid_tanh_form(z: np.ndarray) -> np.ndarray:
    """sigmoid(z) = (1 + tanh(z/2)) / 2 on a fresh array, worked on in place (float32 rows)."""
    s = z * 0.5
    np.tanh(s, out=s)
    s += 1.0
    s *= 0.5
    return s


def lstm_update(z: np.ndarray, c_prev: np.ndarray):
    """The LSTM step after its pre-activations: z (..., 4H) in (i, f, g, o) blocks.

    Returns (i, f, g, o, c, h), each (..., H): the one place the LSTM's gates, cell and
    hidden state are computed from pre-activations; every caller batches as it needs
    (the calculator one vector, leave-one-out many rows, BPTT a whole batch).

    float64 (the calculator, held to torch at 1e-12) uses the exact sigmoid. float32 (the
    served model, held to onnxruntime at 1e-5) uses sigmoid(z) = (1 + tanh(z/2)) / 2
    (absolute error < 1e-7): on leave-one-out's T²/2 rows it costs a fraction of
    np.where's exact form.
    """
    H = z.shape[-1] // 4
    if z.dtype == np.float32:  # a model's bounded state: no inf to guard against
        i = _sigmoid_tanh_form(z[..., :H])
        f = _sigmoid_tanh_form(z[..., H : 2 * H])
        g = np.tanh(z[..., 2 * H : 3 * H])
        o = _sigmoid_tanh_form(z[..., 3 * H :])
        c = f * c_prev + i * g
    else:
        i = sigmoid(z[..., :H])
        f = sigmoid(z[..., H : 2 * H])
        g = tanh(z[..., 2 * H : 3 * H])
        o = sigmoid(z[..., 3 * H :])
        with np.errstate(over="ignore", invalid="ignore"):  # a typed inf in c_prev: 0 * inf
            c = f * c_prev + i * g  # |f|, |i|, |g| <= 1: grows by at most 1 a step
    h = np.tanh(c)
    h *= o
    return i, f, g, o, c, h


def rnn_update(z: np.ndarray, nonlinearity: str = "tanh") -> np.ndarray:
    """The RNN step after its pre-activation z (..., H) = W_xh x + b_xh + W_hh h + b_hh: act(z).

    The batched twin of rnn_step for callers that run many rows at once (the sentiment
    RNN's leave-one-out); a fresh array, so callers may keep it."""
    if nonlinearity == "relu":
        return np.maximum(z, 0.0)
    return np.tanh(z)


def _gate(name, activation, Wx_x, b_x, Wh_h, b_h) -> tuple[GateTrace, bool]:
    pre, over = _sum(Wx_x, b_x, Wh_h, b_h)
    act = ACTIVATIONS[activation](pre)
    return GateTrace(name, activation, Wx_x, b_x, Wh_h, b_h, pre, act), over


def rnn_step(p: RNNParams, x, h_prev, t: int = 1) -> RNNStep:
    """One RNN step: h_t = act(W_xh x + b_xh + W_hh h_prev + b_hh)."""
    x = _as_vector("x", x, p.input_size)
    h_prev = _as_vector("h_prev", h_prev, p.hidden_size)
    Wx_x, o1 = _affine(p.W_xh, x)
    Wh_h, o2 = _affine(p.W_hh, h_prev)
    g, o3 = _gate("h", p.nonlinearity, Wx_x, p.b_xh, Wh_h, p.b_hh)
    return RNNStep(t, x, h_prev, g, g.act, o1 or o2 or o3)


def lstm_step(p: LSTMParams, x, h_prev, c_prev, t: int = 1) -> LSTMStep:
    """One LSTM step, gate by gate, as on slides 29-50; the arithmetic is lstm_update's."""
    x = _as_vector("x", x, p.input_size)
    h_prev = _as_vector("h_prev", h_prev, p.hidden_size)
    c_prev = _as_vector("c_prev", c_prev, p.hidden_size)
    # One product per weight matrix, then sliced per gate: 2 matvecs a step instead of 8.
    Wx_x, o1 = _affine(p.W_ih, x)  # (4H,)
    Wh_h, o2 = _affine(p.W_hh, h_prev)  # (4H,)
    pre, o3 = _sum(Wx_x, p.b_ih, Wh_h, p.b_hh)  # (4H,) in (i, f, g, o) blocks
    i, f, C_tilde, o_, c, h = lstm_update(pre, c_prev)
    with np.errstate(over="ignore", invalid="ignore"):
        f_c_prev = f * c_prev  # |f| <= 1: cannot overflow, only shrink
        i_g = i * C_tilde
    c, o4 = _clamp(c)  # c_prev past float64 (inf) or 0 * inf: flagged, kept finite
    tanh_c = np.tanh(c)
    if o4:
        h = o_ * tanh_c  # from the clamped cell, as the trace shows it
    H, gates = p.hidden_size, {}
    for k, (g, act) in enumerate(zip(GATES, (i, f, C_tilde, o_), strict=True)):
        rows = slice(k * H, (k + 1) * H)
        kind = "tanh" if g == "g" else "sigmoid"
        gates[g] = GateTrace(g, kind, Wx_x[rows], p.b_ih[rows], Wh_h[rows], p.b_hh[rows],
                             pre[rows], act)  # fmt: skip
    return LSTMStep(t, x, h_prev, c_prev, gates, f_c_prev, i_g, c, tanh_c, h, o1 or o2 or o3 or o4)


def _sequence(X, input_size: int) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1 and input_size == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != input_size:
        raise ShapeError("inputs", X.shape, f"(T, {input_size})")
    return X  # (T, I)


def rnn_forward(p: RNNParams, X, h0=None) -> list[RNNStep]:
    """Run the RNN over X (T, I) from h0 (zeros by default); one trace per step."""
    X = _sequence(X, p.input_size)
    h = np.zeros(p.hidden_size) if h0 is None else _as_vector("h0", h0, p.hidden_size)
    steps = []
    for t, x in enumerate(X, start=1):
        steps.append(rnn_step(p, x, h, t))
        h = steps[-1].h
    return steps


def lstm_forward(p: LSTMParams, X, h0=None, c0=None) -> list[LSTMStep]:
    """Run the LSTM over X (T, I) from (h0, c0) (zeros by default); one trace per step."""
    X = _sequence(X, p.input_size)
    H = p.hidden_size
    h = np.zeros(H) if h0 is None else _as_vector("h0", h0, H)
    c = np.zeros(H) if c0 is None else _as_vector("c0", c0, H)
    steps = []
    for t, x in enumerate(X, start=1):
        steps.append(lstm_step(p, x, h, c, t))
        h, c = steps[-1].h, steps[-1].c
    return steps
