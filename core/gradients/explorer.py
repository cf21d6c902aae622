"""The real-network section: one call from the page's controls to every number it draws.

A seeded (or the calculator's) RNN and LSTM run over the same T inputs; the loss is
L = sum(h_T), and backpropagation gives ||dL/dh_t|| for every t. Results are numbers and
codes only; ui/gradients words and draws them.

The BPTT itself sits behind the seam of core/gradients/run.py: the one import below
names the backend, the float64 NumPy chain of core/gradients/bptt.py (the tests hold it
to torch autograd; torch itself is never imported at run time).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from core.gradients import bptt
from core.gradients.limits import (
    ACTIVATIONS,
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SEED,
    VANISH_FLOOR,
    BadInput,
    Problem,
    finite,
    int_in_range,
)
from core.gradients.networks import CalculatorCell, InputsSource, networks
from core.gradients.run import Run
from core.gradients.why import LSTMWhy, RNNWhy, lstm_why, rnn_why
from core.nn.cells import LSTMParams, RNNParams, lstm_forward

SATURATED = 0.05  # mean tanh'(c_t) below this: the cell's tanh is flat, h barely reaches c
LEAKY_FORGET = 0.9  # per-step forget factor below this: the cell path itself vanishes
EXPLODES = 3  # |log10 span| above this: a factor of 1000 or more, the page's "vanishing"
# or "exploding" verdict (ui/gradients/words.verdict uses the same bounds)
CELL_INPUTS = ("calculator", "random")


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
    cell_inputs: str = "calculator"  # with the calculator's cell: its inputs repeated, or "random"


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
    overflow_from: int | None = None  # the first t whose h_t is inf/NaN (None: none is)
    span_log10: float = math.nan  # log10 ||dL/dh_1|| / ||dL/dh_T||; NaN when undefined
    span_status: str = "ok"  # "ok", "overflow" (inf/NaN at 1 or T) or "zero_last" (T's is 0)
    cell_span_log10: float | None = None  # the same two for dL/dc_t (LSTM only)
    cell_span_status: str | None = None
    cell_norms: np.ndarray | None = None  # (T,) ||dL/dc_t|| (LSTM only)
    cell_exploded: np.ndarray | None = None
    cell_vanished: np.ndarray | None = None


@dataclass(frozen=True)
class ExplorerResult:
    """Everything the page draws for one setting of the controls."""

    config: ExplorerConfig
    source: str  # "random" or "calculator"
    calculator_kind: str | None  # which network is the calculator's cell
    inputs: InputsSource  # where the inputs come from, for the page to say
    hidden_size: int
    input_size: int
    steps: np.ndarray  # (T,) t = 1..T; the loss sits at t = T
    rnn: GradientCurve
    lstm: GradientCurve
    rnn_why: RNNWhy
    lstm_why: LSTMWhy
    activation: str  # the RNN's activation actually used
    notes: tuple[str, ...] = ()  # codes: "rnn_forward_overflow", "lstm_forward_overflow"
    lstm_loss: str | None = None  # why the LSTM's gradient fares badly (lstm_loss_reason)


def validate(config: ExplorerConfig, cell: CalculatorCell | None = None) -> dict[str, Problem]:
    """Field -> Problem for every control the explorer cannot run on (empty: all fine)."""
    c = config
    checks = {
        "hidden_size": int_in_range(c.hidden_size, 1, MAX_HIDDEN),
        "seq_len": int_in_range(c.seq_len, 1, MAX_LENGTH),
        "seed": int_in_range(c.seed, 0, MAX_SEED),
    }
    p = {k: v for k, v in checks.items() if v is not None}
    if c.activation not in ACTIVATIONS:
        p["activation"] = Problem("not_one_of", got=c.activation, detail=", ".join(ACTIVATIONS))
    if c.cell_inputs not in CELL_INPUTS:
        p["cell_inputs"] = Problem("not_one_of", got=c.cell_inputs, detail=", ".join(CELL_INPUTS))
    if not finite(c.weight_scale):
        p["weight_scale"] = Problem("not_finite", got=c.weight_scale)
    elif c.weight_scale < 0:
        p["weight_scale"] = Problem("negative", lo=0, got=c.weight_scale)
    if not finite(c.forget_bias):
        p["forget_bias"] = Problem("not_finite", got=c.forget_bias)
    if not finite(c.max_norm):
        p["max_norm"] = Problem("not_finite", got=c.max_norm)
    elif c.max_norm <= 0:
        p["max_norm"] = Problem("not_positive", lo=0, got=c.max_norm)
    if cell is not None and (bad := _validate_cell(cell)) is not None:
        p["cell"] = bad
    return p


def _validate_cell(cell: CalculatorCell) -> Problem | None:
    if cell.kind not in ("rnn", "lstm"):
        return Problem("cell_kind", detail=str(cell.kind))
    want = RNNParams if cell.kind == "rnn" else LSTMParams
    if not isinstance(cell.params, want):
        return Problem("cell_params", detail=want.__name__)
    arrays = [a for a in vars(cell.params).values() if isinstance(a, np.ndarray)]
    if not all(np.all(np.isfinite(a)) for a in arrays):
        return Problem("cell_not_finite")
    H = cell.params.hidden_size
    if not 1 <= H <= MAX_HIDDEN:
        return Problem("cell_hidden_range", 1, MAX_HIDDEN, got=H)
    if cell.inputs is not None:
        X = np.asarray(cell.inputs, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] != cell.params.input_size:
            return Problem(
                "cell_inputs_shape", got=X.shape, detail=f"(T, {cell.params.input_size})"
            )
        if not np.all(np.isfinite(X)):
            return Problem("cell_inputs_not_finite")
    return None


def explore(config: ExplorerConfig, cell: CalculatorCell | None = None) -> ExplorerResult:
    """Build both networks, backpropagate the last-step loss, and explain the curves."""
    problems = validate(config, cell)
    if problems:
        raise BadInput(problems)
    # One BLAS thread: the matrices are tiny (H <= 128), and on a shared, busy machine a
    # second thread made eigvals 40x slower (0.16 s for one 128 x 128 matrix).
    with threadpool_limits(1, user_api="blas"):
        return _explore(config, cell)


def _explore(c: ExplorerConfig, cell: CalculatorCell | None) -> ExplorerResult:
    T = int(c.seq_len)
    rnn, lstm, X, inputs = networks(
        T, c.hidden_size, c.activation, c.weight_scale, c.forget_bias, c.seed, cell, c.cell_inputs
    )
    max_norm = c.max_norm if c.clip else None
    rnn_run = bptt.rnn_grads(rnn.W_xh, rnn.W_hh, rnn.b_xh, rnn.b_hh, X, rnn.nonlinearity, max_norm)
    lstm_run = bptt.lstm_grads(lstm.W_ih, lstm.W_hh, lstm.b_ih, lstm.b_hh, X, max_norm)
    rnn_curve = curve("RNN", rnn_run)
    lstm_curve = curve("LSTM", lstm_run)
    lstm_w = lstm_why(lstm_run.pre, lstm_run.cs)
    notes = tuple(
        f"{cur.name.lower()}_forward_overflow"
        for cur in (rnn_curve, lstm_curve)
        if cur.forward_overflow
    )
    return ExplorerResult(
        config=c,
        source="calculator" if cell is not None else "random",
        calculator_kind=cell.kind if cell is not None else None,
        inputs=inputs,
        hidden_size=rnn.hidden_size,
        input_size=rnn.input_size,
        steps=np.arange(1, T + 1),
        rnn=rnn_curve,
        lstm=lstm_curve,
        rnn_why=rnn_why(
            rnn.W_hh, rnn_run.pre, rnn.nonlinearity, rnn_run.grad_norms, bptt.rnn_chain_log10
        ),
        lstm_why=lstm_w,
        activation=rnn.nonlinearity,
        notes=notes,
        lstm_loss=lstm_loss_reason(rnn_curve, lstm_curve, lstm_w),
    )


def saturating_inputs(cell: CalculatorCell, T: int) -> float | None:
    """max |c_t| if the cell's own inputs, repeated to T steps, saturate its LSTM cell; else None.

    Such a run compares nothing: tanh(c_t) is flat, so almost no gradient passes between h
    and c (the lecture's cell fed x = 1 for 200 steps reaches |c| = 147). The page then
    opens the hand-off on random inputs for the same weights, and says why.
    """
    if cell.kind != "lstm" or cell.inputs is None or _validate_cell(cell) is not None:
        return None
    if int_in_range(T, 1, MAX_LENGTH) is not None:
        return None
    X = np.resize(np.asarray(cell.inputs, dtype=np.float64), (int(T), cell.params.input_size))
    c = np.array([s.c for s in lstm_forward(cell.params, X)])  # (T, H)
    return float(np.max(np.abs(c))) if np.mean(1.0 - np.tanh(c) ** 2) < SATURATED else None


def lstm_loss_reason(rnn: GradientCurve, lstm: GradientCurve, why: LSTMWhy) -> str | None:
    """Why the LSTM's gradient fares badly over the run; None when it does not.

    Badly means: it explodes (span above EXPLODES, "exploding": the forget gates bound the
    cell path, but the recurrent weights of the way through h multiply like w > 1); or it
    shrinks and either vanishes (span below -EXPLODES) or shrinks at least 10x more than the
    RNN's changes either way. An RNN that explodes is not beaten by an LSTM that keeps its
    gradient: the comparison is of distances from "kept" (a span of 1), not of sizes.
    For a shrinking one: "saturated_cell": |c_t| grew until tanh(c_t) is flat (the slide's
    cell fed x = 1 for 200 steps), so almost no gradient flows between h and c;
    "forget_gates": the forget gates average well below 1, so the cell path shrinks like
    w < 1; "other_gates": neither, the input and output gates close the path. Undefined
    (None) when the LSTM's span overflowed (the page's overflow note says so).
    """
    if lstm.span_status != "ok":
        return None
    lg = lstm.span_log10
    if lg > EXPLODES:
        return "exploding"
    loses = rnn.span_status == "ok" and lg < 0 and -lg > abs(rnn.span_log10) + 1
    if not (lg < -EXPLODES or loses):
        return None
    if why.mean_tanh_deriv_cell < SATURATED:
        return "saturated_cell"
    if why.per_step_factor < LEAKY_FORGET:
        return "forget_gates"
    return "other_gates"


def span_log10(norms: np.ndarray) -> tuple[float, str]:
    """log10 of first / last norm (how much the gradient shrank or grew), and its status."""
    first, last = float(norms[0]), float(norms[-1])
    if not (math.isfinite(first) and math.isfinite(last)):
        return math.nan, "overflow"
    if last == 0:  # e.g. dL/dc_T = o_T (1 - tanh^2 c_T) when tanh saturates to exactly 1
        return math.nan, "zero_last"
    return (math.log10(first) - math.log10(last) if first > 0 else -math.inf), "ok"


def _flags(norms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(norms with NaN where not finite, exploded, vanished) of a (T,) norm series."""
    exploded = ~np.isfinite(norms)
    return (
        np.where(exploded, np.nan, norms),
        exploded,
        ~exploded & (np.nan_to_num(norms) < VANISH_FLOOR),
    )


def curve(name: str, run: Run) -> GradientCurve:
    """What the chart draws of one backend Run: norms, flags, spans and clipping."""
    norms, exploded, vanished = _flags(run.grad_norms)
    with np.errstate(invalid="ignore"):
        clipped = norms * run.clip_coef
    extra = {}
    if run.cell_grad_norms is not None:
        cn, cx, cv = _flags(run.cell_grad_norms)
        lg, status = span_log10(run.cell_grad_norms)
        extra = dict(
            cell_span_log10=lg,
            cell_span_status=status,
            cell_norms=cn,
            cell_exploded=cx,
            cell_vanished=cv,
        )
    bad_h = ~np.all(np.isfinite(run.hs), axis=1)  # (T,)
    lg, status = span_log10(norms)
    return GradientCurve(
        name=name,
        norms=norms,
        exploded=exploded,
        vanished=vanished,
        param_grad_norm=run.total_norm,
        clip_coef=run.clip_coef,
        clipped_norms=clipped,
        forward_overflow=bool(bad_h.any()),
        overflow_from=int(np.argmax(bad_h)) + 1 if bad_h.any() else None,
        span_log10=lg,
        span_status=status,
        **extra,
    )
