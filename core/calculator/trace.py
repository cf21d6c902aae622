"""The page's one call: text grids in, the whole calculation out (numbers only).

`calculate` parses the grids, runs the cell (core.nn.cells) step by step and gathers
what the page shows: every gate's numbers per step, which gates saturate, the trace
table and its CSV, the share code, and, on a slide example, the slide checks.
`calculate_head` then puts an RNN's classifier head on the last hidden state
(slides 15-17, core/calculator/loss.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.calculator.export import to_csv, trace_table
from core.calculator.loss import (
    HeadTables,
    LossCalculation,
    default_head,
    head_forward,
    literal_ce,
    parse_head,
)
from core.calculator.parse import FieldError, parse_tables
from core.calculator.presets import LSTMExample, RNNExample
from core.calculator.share import encode, encode_head, match_preset
from core.calculator.slides import (
    SlideCheck,
    SlideRounding,
    lstm_slide_checks,
    rnn_slide_checks,
)
from core.calculator.tables import Tables
from core.nn.cells import LSTMStep, RNNStep, lstm_forward, rnn_forward

SATURATION = 5.0  # |pre| beyond this: sigmoid' < 0.0067, tanh' < 0.00018


@dataclass(frozen=True)
class Saturation:
    """A gate unit whose pre-activation is so large that its derivative is almost zero."""

    t: int
    gate: str  # GATES letter, or "h" for the RNN update
    unit: int  # 1-based
    activation: str  # "sigmoid" or "tanh"
    pre: float
    derivative: float


@dataclass(frozen=True)
class Calculation:
    """All the page shows, as numbers: errors, or the trace and what it says."""

    errors: tuple[FieldError, ...]
    kind: str = ""
    example: LSTMExample | RNNExample | None = None
    steps: tuple[LSTMStep | RNNStep, ...] = ()
    saturations: tuple[Saturation, ...] = ()
    table_columns: tuple[str, ...] = ()
    table_rows: tuple[tuple, ...] = ()
    csv: bytes = b""
    share_code: str = ""
    preset: str = ""  # "lstm_slide" / "rnn_slide" when the numbers are a slide example
    slide_checks: tuple[SlideCheck, ...] = ()
    rounding: SlideRounding | None = None  # slides 48-50's rounded chain (LSTM slide only)

    @property
    def ok(self) -> bool:
        return not self.errors

    def saturated(self, t: int, gate: str) -> tuple[bool, ...]:
        """Per unit: is this gate saturated at step t?"""
        step = self.steps[t - 1]
        tr = step.gates[gate] if gate != "h" else step.update
        hit = {s.unit for s in self.saturations if s.t == t and s.gate == gate}
        return tuple(j + 1 in hit for j in range(len(tr.pre)))


def derivative(activation: str, act: float) -> float:
    """σ' = σ(1 - σ) and tanh' = 1 - tanh², from the activation's value."""
    return act * (1 - act) if activation == "sigmoid" else 1 - act * act


def saturations(steps) -> tuple[Saturation, ...]:
    """Every (step, gate, unit) with |pre-activation| > SATURATION under sigmoid or tanh."""
    out = []
    for s in steps:
        gates = [s.gates[g] for g in ("f", "i", "g", "o")] if hasattr(s, "gates") else [s.update]
        for tr in gates:
            if tr.activation == "relu":
                continue  # ReLU's derivative is 1 however large z is
            for j, (pre, act) in enumerate(zip(tr.pre, tr.act, strict=True)):
                if abs(pre) > SATURATION:
                    d = derivative(tr.activation, float(act))
                    out.append(Saturation(s.t, tr.name, j + 1, tr.activation, float(pre), d))
    return tuple(out)


def calculate(t: Tables) -> Calculation:
    """Grids -> errors, or the traces with everything the page explains from them."""
    parsed = parse_tables(t)
    if parsed.errors:
        return Calculation(parsed.errors)
    ex = parsed.example
    if t.kind == "lstm":
        steps = lstm_forward(ex.params, ex.X, ex.h0, ex.c0)
    else:
        steps = rnn_forward(ex.params, ex.X, ex.h0)
    cols, rows = trace_table(t.kind, steps)
    preset = match_preset(t)
    checks, rounding = (), None
    if preset == "lstm_slide":
        checks, rounding = lstm_slide_checks(steps[0])
    elif preset == "rnn_slide":
        checks = rnn_slide_checks(steps)
    return Calculation(
        errors=(),
        kind=t.kind,
        example=ex,
        steps=tuple(steps),
        saturations=saturations(steps),
        table_columns=cols,
        table_rows=rows,
        csv=to_csv(cols, rows),
        share_code=encode(t),
        preset=preset,
        slide_checks=checks,
        rounding=rounding,
    )


def calculate_head(calc: Calculation, head: HeadTables) -> LossCalculation:
    """An RNN's head on its last hidden state: errors, or the trace to the loss.

    The share code is the cell's with the head appended, so a link holds both; with the
    default head (and class 1) it is the cell's alone, as links were before the head.
    """
    h_T = calc.steps[-1].h  # (H,)
    W, b, errors = parse_head(head, len(h_T))
    code = calc.share_code
    if head != default_head(len(h_T)):
        code += encode_head(head)
    literal = literal_ce(h_T, head.y if head.y < len(h_T) else 0)
    if errors:
        return LossCalculation(errors, None, code, literal)
    return LossCalculation((), head_forward(W, b, h_T, head.y), code, literal)
