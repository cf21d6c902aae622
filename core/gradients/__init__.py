"""Why RNN gradients vanish or explode (slide 28), on a scalar and on real torch networks.

Two views, both returning frozen results the page only draws:

- `scalar_series`: the slide's picture, input * w^n for n = 0..N, with overflow and
  underflow flagged instead of turning into inf / 0 on a log axis.
- `explore`: a real `torch.nn.RNN` and `torch.nn.LSTM` (float64) run over T steps; the
  loss is L = sum(h_T) and autograd gives dL/dh_t for every t in one backward pass.
  Beside the curves, the numbers that drive them: the RNN's Jacobian chain
  prod W_hh^T diag(act'(a_k)) against rho(W_hh)^k, and the LSTM's product of forget
  gates along the cell path.

The unroll is written out step by step with the modules' own parameters, so every h_t
(and c_t) is a node autograd can differentiate with respect to; the tests check that
this unroll and the modules' fused forward give the same states.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch

from core.nn.cells import LSTMParams, RNNParams

MAX_HIDDEN = 128
MAX_LENGTH = 500
MAX_SCALAR_STEPS = 2000
INPUT_SIZE = 4  # inputs of the random networks; the calculator's cell brings its own
VANISH_FLOOR = 1e-300  # below this a norm is drawn as "vanished" (log axes cannot show 0)
FLOAT_MAX = float(np.finfo(np.float64).max)
LOG10_MAX = math.log10(FLOAT_MAX)  # ~308.25
ACTIVATIONS = ("tanh", "relu")
DTYPE = torch.float64  # float32 would underflow at ~1e-45 and hide the vanishing tail


class BadInput(ValueError):
    """Inputs the explorer cannot run on; `problems` maps a field name to what to do."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = dict(problems)


# ----------------------------------------------------------------- scalar view


@dataclass(frozen=True)
class ScalarSeries:
    """input * w^k for k = 0..n, the slide-28 picture."""

    x0: float
    w: float
    n: int
    steps: np.ndarray  # (n+1,) k
    log10_abs: np.ndarray  # (n+1,) log10|x0 w^k|; -inf where exactly 0
    values: np.ndarray  # (n+1,) x0 w^k in float64; +-inf past the range, 0 below it
    exploded: np.ndarray  # (n+1,) bool, |x0 w^k| > float64 max
    vanished: np.ndarray  # (n+1,) bool, |x0 w^k| < VANISH_FLOOR (0 included)


def scalar_series(x0: float, w: float, n: int) -> ScalarSeries:
    """The slide's gradient after k unrolled steps, each scaling it by w."""
    problems = {}
    if not _finite(x0):
        problems["x0"] = "Giá trị đầu vào phải là số hữu hạn · the input must be a finite number."
    if not _finite(w):
        problems["w"] = "Hệ số w phải là số hữu hạn · the factor w must be a finite number."
    if not _is_int(n) or not 0 <= n <= MAX_SCALAR_STEPS:
        problems["n"] = (
            f"Số bước n phải là số nguyên 0..{MAX_SCALAR_STEPS} · n must be 0..{MAX_SCALAR_STEPS}."
        )
    if problems:
        raise BadInput(problems)
    x0, w, n = float(x0), float(w), int(n)
    k = np.arange(n + 1)
    # In log space the value never overflows, so we know exactly where float64 would.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_x0 = math.log10(abs(x0)) if x0 != 0 else -math.inf
        log_w = math.log10(abs(w)) if w != 0 else -math.inf
        log10_abs = np.where(k == 0, log_x0, log_x0 + k * log_w)
    log10_abs = np.where(np.isnan(log10_abs), -math.inf, log10_abs)  # 0 * -inf: x0 = 0
    sign = np.where((w < 0) & (k % 2 == 1), -1.0, 1.0) * math.copysign(1.0, x0)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        direct = x0 * np.power(w, k.astype(np.float64))  # float64's own answer
        from_log = sign * np.power(10.0, np.minimum(log10_abs, LOG10_MAX))
    # log10 decides far from the edge; at the edge (2^1024 vs 1.797e308) float64 itself does.
    exploded = (log10_abs > LOG10_MAX + 1e-9) | (
        ~np.isfinite(direct) & (log10_abs > LOG10_MAX - 1e-9)
    )
    vanished = log10_abs < math.log10(VANISH_FLOOR)
    values = np.where(exploded, sign * np.inf, np.where(np.isfinite(direct), direct, from_log))
    return ScalarSeries(x0, w, n, k, log10_abs, values, exploded, vanished)


# ----------------------------------------------------------------- real BPTT


@dataclass(frozen=True)
class ExplorerConfig:
    """The controls of the real-network section; hashable, so it keys the page's cache."""

    hidden_size: int = 32
    seq_len: int = 200
    seed: int = 0
    activation: str = "tanh"
    weight_scale: float = 1.0  # W_hh is a random matrix rescaled so that rho(W_hh) = scale
    forget_bias: float = 3.0  # b_f of the LSTM's forget gate
    clip: bool = False
    max_norm: float = 1.0


@dataclass(frozen=True)
class CalculatorCell:
    """The calculator's hand-worked cell, used as-is in the real torch module."""

    kind: str  # "rnn" or "lstm"
    params: RNNParams | LSTMParams
    inputs: np.ndarray | None = None  # (T0, I) tiled to the run's length; None: seeded N(0, 1)


@dataclass(frozen=True)
class GradientCurve:
    """||dL/dh_t|| for t = 1..T of one network, and what clipping does to it."""

    name: str  # "RNN" or "LSTM"
    norms: np.ndarray  # (T,) ||dL/dh_t||, NaN where the value is not finite
    exploded: np.ndarray  # (T,) bool: inf/NaN, the float64 range was passed
    vanished: np.ndarray  # (T,) bool: below VANISH_FLOOR (0 included)
    param_grad_norm: float  # ||dL/dtheta|| over all weights; inf if exploded
    clip_coef: float  # factor clip-by-norm applies (1: no change; NaN: cannot repair)
    clipped_norms: np.ndarray  # (T,) clip_coef * norms (equal to norms when clip is off)
    forward_overflow: bool  # a hidden state itself passed the float64 range
    span_log10: float = math.nan  # log10 ||dL/dh_1|| / ||dL/dh_T||; NaN when undefined
    span_status: str = "ok"  # "ok", "overflow" (inf/NaN at 1 or T) or "zero_last" (T's is 0)
    cell_span_log10: float | None = None  # the same two for dL/dc_t (LSTM only)
    cell_span_status: str | None = None
    cell_norms: np.ndarray | None = None  # (T,) ||dL/dc_t|| (LSTM only)
    cell_exploded: np.ndarray | None = None
    cell_vanished: np.ndarray | None = None


@dataclass(frozen=True)
class RNNWhy:
    """The Jacobian chain behind the RNN curve, k steps back from T."""

    spectral_radius: float  # rho(W_hh), the largest |eigenvalue|
    spectral_norm: float  # ||W_hh||_2, largest singular value: a per-step upper bound
    mean_act_deriv: float  # mean of act'(a_t) over steps and units
    ks: np.ndarray  # (K,) steps back
    chain_log10: np.ndarray  # (K,) log10 || prod_{j<k} W_hh^T diag(act'(a_{T-j})) ||_2
    rho_log10: np.ndarray  # (K,) log10 rho^k
    grad_ratio_log10: np.ndarray  # (K,) log10 ||dL/dh_{T-k}|| / ||dL/dh_T||
    per_step_factor: float  # geometric mean of the chain per step: the scalar view's w


@dataclass(frozen=True)
class LSTMWhy:
    """The forget gates behind the LSTM cell path, k steps back from T."""

    mean_forget: float  # mean of f_t over steps and units
    ks: np.ndarray  # (K,)
    forget_prod_log10_mean: np.ndarray  # (K,) log10 of the unit-mean of prod f
    forget_prod_log10_max: np.ndarray  # (K,) log10 of the best-remembering unit's prod f
    per_step_factor: float  # geometric mean of f: the scalar view's w for the cell path


@dataclass(frozen=True)
class ExplorerResult:
    """Everything the page draws for one setting of the controls."""

    config: ExplorerConfig
    source: str  # "random" or "calculator"
    calculator_kind: str | None  # which network is the calculator's cell
    inputs_note: str  # where the inputs come from, for the page to say
    hidden_size: int
    input_size: int
    steps: np.ndarray  # (T,) t = 1..T; the loss sits at t = T
    rnn: GradientCurve
    lstm: GradientCurve
    rnn_why: RNNWhy
    lstm_why: LSTMWhy
    activation: str  # the RNN's activation actually used
    notes: tuple[str, ...] = field(default=())


def validate(config: ExplorerConfig, cell: CalculatorCell | None = None) -> dict[str, str]:
    """Field -> message for every control the explorer cannot run on (empty: all fine)."""
    p = {}
    c = config
    if not _is_int(c.hidden_size) or not 1 <= c.hidden_size <= MAX_HIDDEN:
        p["hidden_size"] = (
            f"Kích thước ẩn phải là số nguyên 1..{MAX_HIDDEN} · hidden size must be "
            f"1..{MAX_HIDDEN} (got {c.hidden_size})."
        )
    if not _is_int(c.seq_len) or not 1 <= c.seq_len <= MAX_LENGTH:
        p["seq_len"] = (
            f"Độ dài chuỗi phải là 1..{MAX_LENGTH} · sequence length must be 1..{MAX_LENGTH} "
            f"(got {c.seq_len}): with no step there is nothing to backpropagate through."
        )
    if not _is_int(c.seed) or not 0 <= c.seed < 2**63:
        p["seed"] = "Seed phải là số nguyên không âm · the seed must be a whole number >= 0."
    if c.activation not in ACTIVATIONS:
        p["activation"] = (
            f"Hàm kích hoạt phải là tanh hoặc relu · activation must be one of {ACTIVATIONS}."
        )
    if not _finite(c.weight_scale) or c.weight_scale < 0:
        p["weight_scale"] = (
            "Hệ số trọng số phải hữu hạn và >= 0 · the weight scale must be finite, >= 0."
        )
    if not _finite(c.forget_bias):
        p["forget_bias"] = "Bias cổng quên phải hữu hạn · the forget-gate bias must be finite."
    if not _finite(c.max_norm) or c.max_norm <= 0:
        p["max_norm"] = (
            "Ngưỡng cắt phải là số hữu hạn > 0 · the clipping max norm must be finite and > 0."
        )
    if cell is not None:
        p.update(_validate_cell(cell))
    return p


def _validate_cell(cell: CalculatorCell) -> dict[str, str]:
    if cell.kind not in ("rnn", "lstm"):
        return {"cell": f"Loại ô không rõ {cell.kind!r} · unknown cell kind; expected rnn/lstm."}
    want = RNNParams if cell.kind == "rnn" else LSTMParams
    if not isinstance(cell.params, want):
        return {
            "cell": f"Ô {cell.kind} cần {want.__name__} · a {cell.kind} cell needs {want.__name__}."
        }
    arrays = [a for a in vars(cell.params).values() if isinstance(a, np.ndarray)]
    if not all(np.all(np.isfinite(a)) for a in arrays):
        return {
            "cell": "Trọng số từ máy tính có giá trị không hữu hạn (inf/NaN) · the calculator's "
            "weights contain inf or NaN; fix them on the calculator page."
        }
    H = cell.params.hidden_size
    if not 1 <= H <= MAX_HIDDEN:
        return {
            "cell": f"Ô từ máy tính có H = {H}, cần 1..{MAX_HIDDEN} · hidden size out of range."
        }
    if cell.inputs is not None:
        X = np.asarray(cell.inputs, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] != cell.params.input_size:
            return {"cell": f"Đầu vào từ máy tính có dạng {X.shape} · inputs must be (T, I)."}
        if not np.all(np.isfinite(X)):
            return {
                "cell": "Đầu vào từ máy tính có inf/NaN · the calculator's inputs are not finite."
            }
    return {}


def explore(config: ExplorerConfig, cell: CalculatorCell | None = None) -> ExplorerResult:
    """Build both networks, backpropagate the last-step loss, and explain the curves."""
    problems = validate(config, cell)
    if problems:
        raise BadInput(problems)
    with _one_thread():
        return _explore(config, cell)


@contextmanager
def _one_thread():
    """Run torch on one thread: its ops here are tiny (H <= 128), and on a shared, busy
    machine a second intra-op thread made a T=200, H=64 recompute 30x slower (1.5 s)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _explore(c: ExplorerConfig, cell: CalculatorCell | None) -> ExplorerResult:
    calc_kind = cell.kind if cell is not None else None
    rnn, lstm, X, inputs_note = build_networks(c, cell)
    H, I = rnn.hidden_size, rnn.input_size
    T = int(c.seq_len)
    rnn_run = run_rnn(rnn, X)
    lstm_run = run_lstm(lstm, X)
    rnn_curve = _curve("RNN", rnn_run, c)
    lstm_curve = _curve("LSTM", lstm_run, c)
    notes = []
    if rnn_curve.forward_overflow:
        notes.append(
            "Trạng thái ẩn của RNN đã tràn số (vượt 1.8e308) ở lượt xuôi · the RNN's hidden "
            "state itself overflowed on the forward pass, so its gradients are inf/NaN."
        )
    return ExplorerResult(
        config=c,
        source="calculator" if cell is not None else "random",
        calculator_kind=calc_kind,
        inputs_note=inputs_note,
        hidden_size=H,
        input_size=I,
        steps=np.arange(1, T + 1),
        rnn=rnn_curve,
        lstm=lstm_curve,
        rnn_why=_rnn_why(rnn, rnn_run),
        lstm_why=_lstm_why(lstm_run),
        activation=rnn.nonlinearity,
        notes=tuple(notes),
    )


# ----------------------------------------------------------------- the networks


def build_networks(
    config: ExplorerConfig, cell: CalculatorCell | None = None
) -> tuple[torch.nn.RNN, torch.nn.LSTM, torch.Tensor, str]:
    """The RNN, the LSTM, their shared inputs X (T, I), and a sentence on where X came from.

    With the calculator's cell, that network is the cell itself and the other one is a
    random network of the same size built from the controls.
    """
    c = config
    H = cell.params.hidden_size if cell is not None else int(c.hidden_size)
    I = cell.params.input_size if cell is not None else INPUT_SIZE
    T = int(c.seq_len)
    if cell is not None and cell.inputs is not None:
        X0 = np.asarray(cell.inputs, dtype=np.float64)  # (T0, I)
        X = torch.from_numpy(np.resize(X0, (T, I)).copy())  # the calculator's inputs, repeated
        note = (
            f"Đầu vào: {X0.shape[0]} bước của máy tính, lặp lại đến T = {T} · the calculator's "
            f"{X0.shape[0]} input step(s), repeated to length {T}."
        )
    else:
        X = torch.randn(T, I, generator=torch.Generator().manual_seed(c.seed), dtype=DTYPE)
        note = (
            f"Đầu vào: ngẫu nhiên N(0, 1), seed {c.seed}, kích thước {I}, chung cho hai mạng · "
            f"inputs: random N(0, 1) with seed {c.seed}, size {I}, the same for both networks."
        )
    if cell is not None and cell.kind == "rnn":
        rnn = rnn_module_from_params(cell.params)
    else:
        rnn = random_rnn(H, I, c.activation, c.weight_scale, c.seed)
    if cell is not None and cell.kind == "lstm":
        lstm = lstm_module_from_params(cell.params)
    else:
        lstm = random_lstm(H, I, c.weight_scale, c.forget_bias, c.seed)
    return rnn, lstm, X, note


def with_spectral_radius(A: torch.Tensor, rho: float) -> torch.Tensor:
    """A rescaled so that its largest |eigenvalue| is exactly rho (A square)."""
    r = torch.linalg.eigvals(A).abs().max()
    return A * (rho / r) if r > 0 else A


def random_rnn(H: int, I: int, activation: str, scale: float, seed: int) -> torch.nn.RNN:
    """nn.RNN with seeded weights and rho(W_hh) = scale exactly, whatever H."""
    g = torch.Generator().manual_seed(seed + 1)
    rnn = torch.nn.RNN(I, H, nonlinearity=activation, dtype=DTYPE)
    bound = 1.0 / math.sqrt(H)  # PyTorch's own init range for the rest
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(_uniform((H, I), bound, g))
        rnn.weight_hh_l0.copy_(
            with_spectral_radius(torch.randn(H, H, generator=g, dtype=DTYPE), scale)
        )
        rnn.bias_ih_l0.copy_(_uniform((H,), bound, g))
        rnn.bias_hh_l0.copy_(_uniform((H,), bound, g))
    return rnn


def random_lstm(H: int, I: int, scale: float, forget_bias: float, seed: int) -> torch.nn.LSTM:
    """nn.LSTM with seeded weights; each gate's W_h has spectral radius = scale; b_f set."""
    g = torch.Generator().manual_seed(seed + 2)
    lstm = torch.nn.LSTM(I, H, dtype=DTYPE)
    bound = 1.0 / math.sqrt(H)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(_uniform((4 * H, I), bound, g))
        W_hh = torch.randn(4 * H, H, generator=g, dtype=DTYPE)
        for k in range(4):  # gate blocks i, f, g, o
            W_hh[k * H : (k + 1) * H] = with_spectral_radius(W_hh[k * H : (k + 1) * H], scale)
        lstm.weight_hh_l0.copy_(W_hh)
        b_ih = _uniform((4 * H,), bound, g)
        b_hh = _uniform((4 * H,), bound, g)
        # Gate order i, f, g, o: the forget gate's total bias b_if + b_hf is the control.
        b_ih[H : 2 * H] = forget_bias
        b_hh[H : 2 * H] = 0.0
        lstm.bias_ih_l0.copy_(b_ih)
        lstm.bias_hh_l0.copy_(b_hh)
    return lstm


def rnn_module_from_params(p: RNNParams) -> torch.nn.RNN:
    """The calculator's RNN cell as a real nn.RNN (same weights, same nonlinearity)."""
    rnn = torch.nn.RNN(p.input_size, p.hidden_size, nonlinearity=p.nonlinearity, dtype=DTYPE)
    with torch.no_grad():
        for name, a in [("weight_ih_l0", p.W_xh), ("weight_hh_l0", p.W_hh)]:
            getattr(rnn, name).copy_(torch.from_numpy(a))
        rnn.bias_ih_l0.copy_(torch.from_numpy(p.b_xh))
        rnn.bias_hh_l0.copy_(torch.from_numpy(p.b_hh))
    return rnn


def lstm_module_from_params(p: LSTMParams) -> torch.nn.LSTM:
    """The calculator's LSTM cell as a real nn.LSTM; both pack gates as (i, f, g, o)."""
    lstm = torch.nn.LSTM(p.input_size, p.hidden_size, dtype=DTYPE)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(p.W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(p.W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(p.b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(p.b_hh))
    return lstm


def _uniform(shape, bound: float, g: torch.Generator) -> torch.Tensor:
    return (torch.rand(shape, generator=g, dtype=DTYPE) * 2 - 1) * bound


@dataclass(frozen=True)
class Run:
    """One unrolled forward + backward: states, their gradients, the weights' gradients."""

    hs: torch.Tensor  # (T, H) h_1..h_T
    grad_h: torch.Tensor  # (T, H) dL/dh_t
    param_grads: tuple[torch.Tensor, ...]
    pre: torch.Tensor  # (T, H) RNN: a_t; LSTM: (T, 4H) gate pre-activations
    cs: torch.Tensor | None = None  # (T, H) LSTM cell states
    grad_c: torch.Tensor | None = None  # (T, H) dL/dc_t
    W_hh: torch.Tensor | None = None


def run_rnn(rnn: torch.nn.RNN, X: torch.Tensor) -> Run:
    """Unroll h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) and backprop L = sum(h_T)."""
    W_ih, W_hh, b_ih, b_hh = (
        rnn.weight_ih_l0,
        rnn.weight_hh_l0,
        rnn.bias_ih_l0,
        rnn.bias_hh_l0,
    )
    act = torch.tanh if rnn.nonlinearity == "tanh" else torch.relu
    Xw = X @ W_ih.T + b_ih + b_hh  # (T, H) the input part of every step at once
    h = torch.zeros(rnn.hidden_size, dtype=X.dtype)
    hs, pre = [], []
    for t in range(X.shape[0]):
        a = Xw[t] + W_hh @ h  # (H,)
        h = act(a)
        pre.append(a)
        hs.append(h)
    loss = hs[-1].sum()
    params = (W_ih, W_hh, b_ih, b_hh)
    grads = torch.autograd.grad(loss, hs + list(params))
    T = len(hs)
    return Run(
        hs=torch.stack(hs).detach(),
        grad_h=torch.stack(grads[:T]),
        param_grads=tuple(grads[T:]),
        pre=torch.stack(pre).detach(),
        W_hh=W_hh.detach(),
    )


def run_lstm(lstm: torch.nn.LSTM, X: torch.Tensor) -> Run:
    """Unroll the LSTM (gates i, f, g, o as nn.LSTM packs them); backprop L = sum(h_T)."""
    W_ih, W_hh, b_ih, b_hh = (
        lstm.weight_ih_l0,
        lstm.weight_hh_l0,
        lstm.bias_ih_l0,
        lstm.bias_hh_l0,
    )
    H = lstm.hidden_size
    Xw = X @ W_ih.T + b_ih + b_hh  # (T, 4H)
    h = torch.zeros(H, dtype=X.dtype)
    c = torch.zeros(H, dtype=X.dtype)
    hs, cs, pre = [], [], []
    for t in range(X.shape[0]):
        z = Xw[t] + W_hh @ h  # (4H,)
        sig = torch.sigmoid(z)  # (4H,) one call; the g block is discarded
        i, f, o = sig[:H], sig[H : 2 * H], sig[3 * H :]
        C_tilde = torch.tanh(z[2 * H : 3 * H])
        c = f * c + i * C_tilde
        h = o * torch.tanh(c)
        pre.append(z)
        hs.append(h)
        cs.append(c)
    loss = hs[-1].sum()
    params = (W_ih, W_hh, b_ih, b_hh)
    grads = torch.autograd.grad(loss, hs + cs + list(params))
    T = len(hs)
    return Run(
        hs=torch.stack(hs).detach(),
        grad_h=torch.stack(grads[:T]),
        param_grads=tuple(grads[2 * T :]),
        pre=torch.stack(pre).detach(),
        cs=torch.stack(cs).detach(),
        grad_c=torch.stack(grads[T : 2 * T]),
        W_hh=W_hh.detach(),
    )


# ----------------------------------------------------------------- curves and clipping


def safe_norms(G: np.ndarray) -> np.ndarray:
    """Row-wise 2-norms that do not overflow for entries near 1e308; NaN if not finite."""
    G = np.asarray(G, dtype=np.float64)
    G = G.reshape(G.shape[0], -1) if G.ndim > 1 else G.reshape(1, -1)
    finite = np.all(np.isfinite(G), axis=1)
    Gf = np.where(finite[:, None], G, 0.0)
    m = np.max(np.abs(Gf), axis=1)  # (T,)
    scale = np.where(m > 0, m, 1.0)
    with np.errstate(over="ignore"):
        norms = m * np.sqrt(np.sum((Gf / scale[:, None]) ** 2, axis=1))
    norms = np.where(np.isfinite(norms), norms, np.inf)
    return np.where(finite, norms, np.nan)


def _total_norm(tensors) -> float:
    """The 2-norm of all entries together, as clip_grad_norm_ measures it, overflow-safe."""
    each = np.array([safe_norms(t.numpy().reshape(1, -1))[0] for t in tensors])  # (P,)
    return float(safe_norms(each[None])[0])


def span_log10(norms: np.ndarray) -> tuple[float, str]:
    """log10 of first / last norm (how much the gradient shrank or grew), and its status."""
    first, last = float(norms[0]), float(norms[-1])
    if not (math.isfinite(first) and math.isfinite(last)):
        return math.nan, "overflow"
    if last == 0:  # e.g. dL/dc_T = o_T (1 - tanh^2 c_T) when tanh saturates to exactly 1
        return math.nan, "zero_last"
    return (math.log10(first) - math.log10(last) if first > 0 else -math.inf), "ok"


def clip_coefficient(total_norm: float, max_norm: float) -> float:
    """The factor torch.nn.utils.clip_grad_norm_ multiplies every gradient by."""
    if not math.isfinite(total_norm):
        return math.nan  # an inf/NaN gradient cannot be rescaled into a finite one
    return min(1.0, max_norm / (total_norm + 1e-6))


def _curve(name: str, run: Run, c: ExplorerConfig) -> GradientCurve:
    norms = safe_norms(run.grad_h.numpy())
    exploded = ~np.isfinite(norms)
    norms = np.where(exploded, np.nan, norms)
    total = _total_norm(run.param_grads)
    total = math.inf if math.isnan(total) else total
    coef = clip_coefficient(total, c.max_norm) if c.clip else 1.0
    with np.errstate(invalid="ignore"):
        clipped = norms * coef
    extra = {}
    if run.grad_c is not None:
        cn = safe_norms(run.grad_c.numpy())
        cx = ~np.isfinite(cn)
        extra = dict(
            cell_span_log10=span_log10(cn)[0],
            cell_span_status=span_log10(cn)[1],
            cell_norms=np.where(cx, np.nan, cn),
            cell_exploded=cx,
            cell_vanished=~cx & (np.nan_to_num(cn) < VANISH_FLOOR),
        )
    return GradientCurve(
        name=name,
        norms=norms,
        exploded=exploded,
        vanished=~exploded & (np.nan_to_num(norms) < VANISH_FLOOR),
        param_grad_norm=total,
        clip_coef=coef,
        clipped_norms=clipped,
        forward_overflow=bool(not torch.all(torch.isfinite(run.hs))),
        span_log10=span_log10(norms)[0],
        span_status=span_log10(norms)[1],
        **extra,
    )


# ----------------------------------------------------------------- the "why" numbers


def steps_back(T: int) -> np.ndarray:
    """The k (steps back from T) at which the why-numbers are reported."""
    ks = [k for k in (1, 2, 5, 10, 20, 50, 100, 200, 300, 400, 500) if k < T]
    if T - 1 >= 1 and T - 1 not in ks:
        ks.append(T - 1)
    return np.array(sorted(ks), dtype=int)


def _log10_spectral_norm(M: torch.Tensor) -> float:
    s = torch.linalg.matrix_norm(M, ord=2).item()
    return math.log10(s) if s > 0 else -math.inf


def rnn_chain_log10(W_hh, D, ks) -> np.ndarray:
    """log10 ||W_hh^T diag(D_{T}) W_hh^T diag(D_{T-1}) ... (k factors)||_2 for each k.

    D is (T, H), act'(a_t). dL/dh_{T-k} = (this product) dL/dh_T. The running product is
    renormalised every step and its scale kept in log10, so it never overflows.
    Torch, not NumPy: its single-threaded BLAS is ~100x faster than a contended OpenBLAS.
    """
    W_hh = torch.as_tensor(W_hh, dtype=DTYPE)
    D = torch.as_tensor(D, dtype=DTYPE)
    T, H = D.shape
    want = set(int(k) for k in ks)
    out = {}
    M = torch.eye(H, dtype=DTYPE)
    W_T = W_hh.T
    log_s = 0.0
    for k in range(1, T):
        M = W_T @ (D[T - k][:, None] * M)  # prepend the factor for step T-k+1 (0-based T-k)
        s = M.abs().max().item()  # NaN propagates through max
        if not s > 0 or math.isinf(s):  # exactly 0 (dead ReLUs) or overflowed: it stays so
            fill = -math.inf if s == 0 else math.nan
            for kk in want:
                if kk >= k:
                    out[kk] = fill
            break
        M = M / s
        log_s += math.log10(s)
        if k in want:
            out[k] = log_s + _log10_spectral_norm(M)
    return np.array([out.get(int(k), math.nan) for k in ks])


def _rnn_why(rnn: torch.nn.RNN, run: Run) -> RNNWhy:
    W = run.W_hh  # (H, H)
    a = run.pre  # (T, H)
    tanh = rnn.nonlinearity == "tanh"
    D = 1.0 - torch.tanh(a) ** 2 if tanh else (a > 0).to(DTYPE)  # act'(a_t)
    D = torch.where(torch.isfinite(a), D, torch.nan)  # past an overflow it is undefined
    T = a.shape[0]
    rho = torch.linalg.eigvals(W).abs().max().item()
    sigma = torch.linalg.matrix_norm(W, ord=2).item()
    ks = steps_back(T)
    chain = rnn_chain_log10(W, D, ks) if len(ks) else np.zeros(0)
    with np.errstate(divide="ignore"):
        rho_log = ks * (math.log10(rho) if rho > 0 else -math.inf)
        g = safe_norms(run.grad_h.numpy())
        ratio = np.log10(g[T - 1 - ks]) - np.log10(g[T - 1]) if len(ks) else np.zeros(0)
    if len(ks) and np.isfinite(chain[-1]):
        factor = 10 ** (chain[-1] / ks[-1])
    elif len(ks) and chain[-1] == -math.inf:
        factor = 0.0
    else:
        factor = math.nan
    return RNNWhy(
        spectral_radius=rho,
        spectral_norm=sigma,
        mean_act_deriv=D.nanmean().item(),
        ks=ks,
        chain_log10=chain,
        rho_log10=np.asarray(rho_log, dtype=np.float64),
        grad_ratio_log10=np.asarray(ratio, dtype=np.float64),
        per_step_factor=float(factor),
    )


def _lstm_why(run: Run) -> LSTMWhy:
    H = run.hs.shape[1]
    z_f = run.pre.numpy()[:, H : 2 * H]  # (T, H) forget-gate pre-activations
    log10_f = -np.logaddexp(0.0, -z_f) / math.log(10)  # log10 sigmoid(z), no underflow to 0
    T = z_f.shape[0]
    ks = steps_back(T)
    # dc_T / dc_{T-k} along the cell path = f_T * f_{T-1} * ... * f_{T-k+1}
    cum = np.cumsum(log10_f[::-1], axis=0)  # cum[k-1] = sum of the last k log10 f
    mean_log, max_log = [], []
    for k in ks:
        row = cum[k - 1]  # (H,)
        ln = row * math.log(10)
        mean_log.append((np.logaddexp.reduce(ln) - math.log(H)) / math.log(10))
        max_log.append(float(np.max(row)))
    f = np.power(10.0, log10_f)
    factor = 10 ** (float(np.mean(log10_f))) if T else math.nan
    return LSTMWhy(
        mean_forget=float(np.mean(f)),
        ks=ks,
        forget_prod_log10_mean=np.array(mean_log, dtype=np.float64),
        forget_prod_log10_max=np.array(max_log, dtype=np.float64),
        per_step_factor=factor,
    )


# ----------------------------------------------------------------- helpers


def _finite(x) -> bool:
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def _is_int(x) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, (int, np.integer)):
        return True
    return isinstance(x, float) and x.is_integer()
