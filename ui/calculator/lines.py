"""A calculation's numbers printed the way the slides write them: no words, no markup.

"1.63×1 + 0 + 2.7×1 + 1.62 = 5.95", "σ(5.95) = 0.997", "h_t = ReLU([2, 3]) = [2, 3]".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.calculator.slides import SlideCheck, SlideRounding, partial_sum
from core.calculator.trace import Calculation

SLIDE_ORDER = ("f", "i", "g", "o")  # the slides build the cell forget gate first
ACT_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}


def fmt(v: float, nd: int = 3) -> str:
    """A number the way the slides print it: nd decimals, no trailing zeros."""
    v = float(v)
    if v != 0 and (abs(v) >= 1e6 or abs(v) < 0.5 * 10**-nd):
        return f"{v:.3g}"
    s = f"{v:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_vec(a, nd: int = 3) -> str:
    """[2, 3]: a vector as the slides print it."""
    return "[" + ", ".join(fmt(v, nd) for v in np.ravel(a)) + "]"


def fmt_value(a, nd: int = 3) -> str:
    """0.997 for one unit, [0.1, 0.2] for several."""
    a = np.ravel(a)
    return fmt(a[0], nd) if a.size == 1 else fmt_vec(a, nd)


def _paren(s: str) -> str:
    return f"({s})" if s.startswith("-") else s


def sum_line(terms: list[str]) -> str:
    """Join terms with + and -, so '-0.32' reads '... - 0.32'."""
    out = terms[0]
    for t in terms[1:]:
        out += f" - {t[1:]}" if t.startswith("-") else f" + {t}"
    return out


@dataclass(frozen=True)
class GateLines:
    """One gate at one step: its substituted sums and activations, per hidden unit."""

    name: str  # GATES letter, or "h" for the RNN update
    symbol: str  # σ, tanh or ReLU
    lines: tuple[str, ...]  # "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95"
    act_lines: tuple[str, ...]  # "σ(5.95) = 0.997"
    act: tuple[float, ...]
    saturated: tuple[bool, ...]


def _unit(j: int, H: int) -> str:
    return f"[{j + 1}] " if H > 1 else ""


def _gate(name: str, W_x, W_h, tr, x, h_prev, saturated) -> GateLines:
    H = len(tr.pre)
    lines = []
    for j in range(H):
        terms = [f"{fmt(W_x[j, k])}×{_paren(fmt(x[k]))}" for k in range(len(x))]
        terms.append(fmt(tr.b_x[j]))
        terms += [f"{fmt(W_h[j, k])}×{_paren(fmt(h_prev[k]))}" for k in range(len(h_prev))]
        terms.append(fmt(tr.b_h[j]))
        lines.append(f"{_unit(j, H)}{sum_line(terms)} = {fmt(tr.pre[j])}")
    sym = ACT_SYMBOL[tr.activation]
    acts = tuple(f"{_unit(j, H)}{sym}({fmt(tr.pre[j])}) = {fmt(tr.act[j])}" for j in range(H))
    return GateLines(
        name, sym, tuple(lines), acts, tuple(float(v) for v in tr.act), tuple(saturated)
    )


def gate_lines(calc: Calculation, t: int) -> tuple[GateLines, ...]:
    """Step t's gates in the slides' order (f, i, g, o), or the RNN's one update."""
    s, p = calc.steps[t - 1], calc.example.params
    if calc.kind == "lstm":
        return tuple(
            _gate(g, *p.gate(g)[:2], s.gates[g], s.x, s.h_prev, calc.saturated(t, g))
            for g in SLIDE_ORDER
        )
    return (_gate("h", p.W_xh, p.W_hh, s.update, s.x, s.h_prev, calc.saturated(t, "h")),)


def state_lines(calc: Calculation, t: int) -> tuple[str, ...]:
    """c_t, tanh(c_t), h_t (LSTM) or the slides' three vector lines (RNN) at step t."""
    s = calc.steps[t - 1]
    if calc.kind != "lstm":
        tr = s.update
        return (
            f"x_t W_xh^T + b_xh = {fmt_vec(partial_sum(tr.Wx_x, tr.b_x))}",
            f"h_(t-1) W_hh^T + b_hh = {fmt_vec(partial_sum(tr.Wh_h, tr.b_h))}",
            f"h_t = {ACT_SYMBOL[tr.activation]}({fmt_vec(tr.pre)}) = {fmt_vec(s.h)}",
        )
    f, i, g, o = (s.gates[k].act for k in ("f", "i", "g", "o"))
    H = len(s.h)
    c_lines = [
        f"{_unit(j, H)}c_t = f⊙c_(t-1) + i⊙g = {fmt(f[j])}×{_paren(fmt(s.c_prev[j]))} + "
        f"{fmt(i[j])}×{_paren(fmt(g[j]))} = {sum_line([fmt(s.f_c_prev[j]), fmt(s.i_g[j])])}"
        f" = {fmt(s.c[j])}"
        for j in range(H)
    ]
    tanh_lines = [
        f"{_unit(j, H)}tanh(c_t) = tanh({fmt(s.c[j])}) = {fmt(s.tanh_c[j])}" for j in range(H)
    ]
    h_lines = [
        f"{_unit(j, H)}h_t = o⊙tanh(c_t) = {fmt(o[j])}×{_paren(fmt(s.tanh_c[j]))} = {fmt(s.h[j])}"
        for j in range(H)
    ]
    return tuple(c_lines + tanh_lines + h_lines)


def slide_c_line(r: SlideRounding) -> str:
    """Slide 48's arithmetic, each product rounded to 3 decimals before adding."""
    return (
        f"c_t = {fmt(r.f)}×{fmt(r.c_prev)} + {fmt(r.i)}×{fmt(r.g)} = "
        f"{fmt(r.fc)} + {fmt(r.ig)} = {fmt(r.c)}"
    )


def erratum(r: SlideRounding) -> tuple[str, str, str]:
    """(what slides 49-50 print, the product they mean, its exact value)."""
    return (
        f"{fmt(r.o)} + {fmt(r.tanh_c)} = {fmt(r.printed_h)}",
        f"{fmt(r.o)} × {fmt(r.tanh_c)} = {fmt(r.h)}",
        fmt(r.exact_h, 5),
    )


def check_cells(c: SlideCheck) -> tuple[str, str, str]:
    """(printed, app, exact) of a slide check as the table shows them."""
    if len(c.printed) == 1:
        return fmt(c.printed[0]), fmt(c.value[0]), fmt(c.exact[0], c.exact_decimals)
    return fmt_vec(c.printed), fmt_vec(c.value), fmt_vec(c.exact, c.exact_decimals)
