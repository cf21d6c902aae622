"""What the slides print, next to what the app computes from the same weights.

Slide numbers are the seed's page numbers (tests/core/calculator/test_slide_labels.py
ties every one to the slide text). Each check carries numbers and a note code only;
the presentation layer prints and words them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.nn.cells import FLOAT_MAX, LSTMStep, RNNStep

# Slides 44-47 work one gate each: (slide, quantity, gate, part, printed).
LSTM_SLIDE_VALUES = (
    ("44", "z_f", "f", "pre", "5.95"),
    ("45", "z_i", "i", "pre", "4.27"),
    ("46", "z_g", "g", "pre", "2.03"),
    ("47", "z_o", "o", "pre", "4.78"),
    ("44", "f = σ(z_f)", "f", "act", "0.997"),
    ("45", "i = σ(z_i)", "i", "act", "0.986"),
    ("46", "g = tanh(z_g)", "g", "act", "0.966"),
    ("47", "o = σ(z_o)", "o", "act", "0.992"),
)
# Slides 11-13 work step t = 1, 2, 3 (slide 14 is the general formula):
# x_t W_xh^T + b_xh, h_(t-1) W_hh^T + b_hh, h_t.
RNN_SLIDE_VALUES = {
    1: ([2, 2], [0, 1], [2, 3]),
    2: ([2, 2], [2, 4], [4, 6]),
    3: ([1, 1], [4, 7], [5, 8]),
}
RNN_FIRST_SLIDE = 11  # step t is worked on slide RNN_FIRST_SLIDE + t - 1
C_SLIDE, TANH_SLIDE = "48", "49"
ERRATUM_SLIDES = ("49", "50")  # 49 works h_t = 0.992 + 0.994 = 1.986; 50 repeats the 1.986


@dataclass(frozen=True)
class SlideCheck:
    """One number (or vector) printed on a slide next to what the app computes."""

    slide: str  # "44", or "49-50" for a value two slides print
    quantity: str  # the quantity in the lecture's notation
    printed: tuple[float, ...]  # as on the slide
    value: tuple[float, ...]  # the app's value (the slides' rounded chain where they round)
    exact: tuple[float, ...]  # full precision
    agrees: bool
    note: str = ""  # "", "rounded_sum", "tanh_of_rounded" or "erratum": the ui words it
    exact_decimals: int = 5


@dataclass(frozen=True)
class SlideRounding:
    """Slides 48-50 carry 3-decimal roundings forward; this is their chain, redone."""

    f: float
    i: float
    g: float
    o: float
    c_prev: float
    fc: float  # round(f * c_prev, 3)
    ig: float  # round(i * g, 3)
    c: float  # round(fc + ig, 3): slide 48's 2.946
    tanh_c: float  # slide 49's 0.994
    h: float  # o × tanh(c_t), what slides 49-50 mean (they print o + tanh(c_t))
    printed_h: float  # what they print: o + tanh(c_t)
    exact_c: float
    exact_tanh_c: float
    exact_h: float


def partial_sum(a, b) -> np.ndarray:
    """a + b as the slides group it (x·W + b), clamped like the cells so it is never inf."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.add(a, b)
    return np.nan_to_num(out, nan=0.0, posinf=FLOAT_MAX, neginf=-FLOAT_MAX)


def _decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


def check(slide: str, quantity: str, printed: str, value: float) -> SlideCheck:
    """value against a number the slide prints, compared at the slide's precision."""
    nd = _decimals(printed)
    agrees = f"{value:.{nd}f}" == f"{float(printed):.{nd}f}"
    return SlideCheck(slide, quantity, (float(printed),), (value,), (value,), agrees)


def lstm_rounding(s: LSTMStep) -> SlideRounding:
    """The slides' rounded chain from the gates' 3-decimal values, as slides 48-50 do it."""
    f, i, g, o = (round(float(s.gates[k].act[0]), 3) for k in ("f", "i", "g", "o"))
    c_prev = float(s.c_prev[0])
    fc, ig = round(f * c_prev, 3), round(i * g, 3)
    c = round(fc + ig, 3)
    tanh_c = round(math.tanh(c), 3)
    h = round(o * tanh_c, 3)
    exact = (float(s.c[0]), float(s.tanh_c[0]), float(s.h[0]))
    return SlideRounding(f, i, g, o, c_prev, fc, ig, c, tanh_c, h, round(o + tanh_c, 3), *exact)


def lstm_slide_checks(s: LSTMStep) -> tuple[tuple[SlideCheck, ...], SlideRounding]:
    """Slides 44-50 against the trace, and the slides' rounded chain (slides 48-50)."""
    checks = [
        check(sl, q, printed, float(getattr(s.gates[g], part)[0]))
        for sl, q, g, part, printed in LSTM_SLIDE_VALUES
    ]
    r = lstm_rounding(s)
    rounded = [
        (C_SLIDE, "c_t = f⊙c_(t-1) + i⊙g", 2.946, r.c, r.exact_c, "rounded_sum", 4),
        (TANH_SLIDE, "tanh(c_t)", 0.994, r.tanh_c, r.exact_tanh_c, "tanh_of_rounded", 5),
        # The slides print 1.986 (o + tanh(c_t), a sum): the row shows it beside the product
        # they mean, so it does not agree, and its note names the erratum.
        ("-".join(ERRATUM_SLIDES), "h_t = o⊙tanh(c_t)", 1.986, r.h, r.exact_h, "erratum", 5),
    ]
    for sl, q, printed, app, exact, note, nd in rounded:
        agrees = round(app, 3) == round(printed, 3)
        checks.append(SlideCheck(sl, q, (printed,), (app,), (exact,), agrees, note, nd))
    return tuple(checks), r


def rnn_slide_checks(steps: list[RNNStep]) -> tuple[SlideCheck, ...]:
    """Slides 11-13, every per-step vector against the trace."""
    out = []
    for s in steps:
        ax, ah, h = RNN_SLIDE_VALUES[s.t]
        tr = s.update
        for q, printed, val in (
            ("x_t W_xh^T + b_xh", ax, partial_sum(tr.Wx_x, tr.b_x)),
            ("h_(t-1) W_hh^T + b_hh", ah, partial_sum(tr.Wh_h, tr.b_h)),
            (f"h{s.t}", h, s.h),
        ):
            vals = tuple(float(v) for v in val)
            out.append(
                SlideCheck(
                    str(RNN_FIRST_SLIDE + s.t - 1),
                    f"t={s.t}: {q}",
                    tuple(float(v) for v in printed),
                    vals,
                    vals,
                    bool(np.allclose(val, printed, atol=1e-12)),
                )
            )
    return tuple(out)
