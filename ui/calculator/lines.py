"""A calculation's numbers printed the way the slides write them: no words, no markup.

"1.63×1 + 0 + 2.7×1 + 1.62 = 5.95", "σ(5.95) = 0.997", "h_t = ReLU([2, 3]) = [2, 3]".
Three decimals, as on the slides, unless a line needs more to add up as printed
(ui/calculator/precision.py): "0.9974×2 + 0.9862×0.9661 = 1.995 + 0.953 = 2.948".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.calculator.slides import SlideCheck, SlideRounding, partial_sum
from core.calculator.trace import Calculation
from ui.calculator import precision as pr
from ui.format import slide, worked

__all__ = ["fmt_value", "fmt_vec", "gate_lines", "state_lines"]

SLIDE_ORDER = ("f", "i", "g", "o")  # the slides build the cell forget gate first
ACT_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}


def fmt_vec(a, nd: int = 3) -> str:
    """[2, 3]: a vector as the slides print it."""
    return "[" + ", ".join(worked(v, nd) for v in np.ravel(a)) + "]"


def fmt_value(a, nd: int = 3) -> str:
    """0.997 for one unit, [0.1, 0.2] for several."""
    a = np.ravel(a)
    return slide(a[0], nd) if a.size == 1 else fmt_vec(a, nd)


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
    sym = ACT_SYMBOL[tr.activation]
    lines, acts = [], []
    for j in range(H):
        pre = worked(tr.pre[j], nd_pre := pr.argument_decimals(tr.activation, tr.pre[j], tr.act[j]))
        pairs = [(W_x[j, k], x[k]) for k in range(len(x))]
        pairs_h = [(W_h[j, k], h_prev[k]) for k in range(len(h_prev))]
        nd = pr.affine_decimals(pairs + pairs_h, (tr.b_x[j], tr.b_h[j]), tr.pre[j], nd_pre)
        terms = [f"{worked(w, nd)}×{_paren(worked(v, nd))}" for w, v in pairs]
        terms.append(worked(tr.b_x[j], nd))
        terms += [f"{worked(w, nd)}×{_paren(worked(v, nd))}" for w, v in pairs_h]
        terms.append(worked(tr.b_h[j], nd))
        lines.append(f"{_unit(j, H)}{sum_line(terms)} = {pre}")
        acts.append(f"{_unit(j, H)}{sym}({pre}) = {slide(tr.act[j])}")
    return GateLines(
        name, sym, tuple(lines), tuple(acts), tuple(float(v) for v in tr.act), tuple(saturated)
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


def _rnn_lines(calc: Calculation, t: int) -> tuple[str, ...]:
    """The slides' three vector lines; the two partial sums add up to the printed argument."""
    s = calc.steps[t - 1]
    tr = s.update
    a, b = partial_sum(tr.Wx_x, tr.b_x), partial_sum(tr.Wh_h, tr.b_h)
    units = range(len(s.h))
    nd_pre = max(pr.argument_decimals(tr.activation, tr.pre[j], s.h[j]) for j in units)
    nd = max(pr.sum_decimals((a[j], b[j]), tr.pre[j], nd_pre) for j in units)
    return (
        f"x_t W_xh^T + b_xh = {fmt_vec(a, nd)}",
        f"h_(t-1) W_hh^T + b_hh = {fmt_vec(b, nd)}",
        f"h_t = {ACT_SYMBOL[tr.activation]}({fmt_vec(tr.pre, nd_pre)}) = {fmt_vec(s.h)}",
    )


def _product(pairs, products, nd_products: int) -> int:
    """Decimals for the factors so that each printed pair multiplies to its printed product."""
    return pr.enough(
        lambda nd: all(
            pr.agrees(pr.shown(u, nd) * pr.shown(v, nd), p, nd_products)
            for (u, v), p in zip(pairs, products, strict=True)
        ),
        nd_products,
    )


def _lstm_lines(calc: Calculation, t: int) -> tuple[str, ...]:
    s = calc.steps[t - 1]
    f, i, g, o = (s.gates[k].act for k in ("f", "i", "g", "o"))
    H = len(s.h)
    c_lines, tanh_lines, h_lines = [], [], []
    for j in range(H):
        u = _unit(j, H)
        nd_c = pr.argument_decimals("tanh", s.c[j], s.tanh_c[j])
        prods = (s.f_c_prev[j], s.i_g[j])
        nd_p = pr.sum_decimals(prods, s.c[j], nd_c)
        nd = _product(((f[j], s.c_prev[j]), (i[j], g[j])), prods, nd_p)
        c_lines.append(
            f"{u}c_t = f⊙c_(t-1) + i⊙g = {worked(f[j], nd)}×{_paren(worked(s.c_prev[j], nd))} + "
            f"{worked(i[j], nd)}×{_paren(worked(g[j], nd))} = "
            f"{sum_line([worked(p, nd_p) for p in prods])} = {worked(s.c[j], nd_c)}"
        )
        tanh_lines.append(f"{u}tanh(c_t) = tanh({worked(s.c[j], nd_c)}) = {slide(s.tanh_c[j])}")
        nd_h = _product(((o[j], s.tanh_c[j]),), (s.h[j],), pr.LEAST)
        h_lines.append(
            f"{u}h_t = o⊙tanh(c_t) = {worked(o[j], nd_h)}×{_paren(worked(s.tanh_c[j], nd_h))}"
            f" = {slide(s.h[j])}"
        )
    return tuple(c_lines + tanh_lines + h_lines)


def state_lines(calc: Calculation, t: int) -> tuple[str, ...]:
    """c_t, tanh(c_t), h_t (LSTM) or the slides' three vector lines (RNN) at step t."""
    return _lstm_lines(calc, t) if calc.kind == "lstm" else _rnn_lines(calc, t)


def slide_c_line(r: SlideRounding) -> str:
    """Slide 48's arithmetic, each product rounded to 3 decimals before adding."""
    return (
        f"c_t = {slide(r.f)}×{slide(r.c_prev)} + {slide(r.i)}×{slide(r.g)} = "
        f"{slide(r.fc)} + {slide(r.ig)} = {slide(r.c)}"
    )


def erratum(r: SlideRounding) -> tuple[str, str, str]:
    """(what slides 49-50 print, the product they mean, its exact value)."""
    return (
        f"{slide(r.o)} + {slide(r.tanh_c)} = {slide(r.printed_h)}",
        f"{slide(r.o)} × {slide(r.tanh_c)} = {slide(r.h)}",
        slide(r.exact_h, 5),
    )


def check_cells(c: SlideCheck) -> tuple[str, str, str]:
    """(printed, app, exact) of a slide check as the table shows them."""
    if len(c.printed) == 1:
        return slide(c.printed[0]), slide(c.value[0]), slide(c.exact[0], c.exact_decimals)
    return fmt_vec(c.printed), fmt_vec(c.value), fmt_vec(c.exact, c.exact_decimals)
