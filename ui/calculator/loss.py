"""Slides 15-17 on the page: the head's lines, its tables, the unrolled RNN, its words.

Lines are numbers the way the gates' are ("z_1 = 0.3×5 - 0.3×8 - 0.1 = -1"): no words,
no markup, and as many decimals as it takes for the printed numbers to give the printed
result (ui/calculator/precision.py). Editor labels are notation only (z_1, × h[1], + b),
the same in both languages, so a language switch keeps the head's edits.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.calculator.loss import HEAD_FIELD, HeadTables, HeadTrace, LossCalculation
from core.calculator.parse import FieldError
from core.calculator.trace import Calculation
from ui.calculator import precision as pr
from ui.calculator.diagram import _HEAD, GATE_FILL, IO_FILL, OUT_FILL, node
from ui.calculator.lines import ACT_SYMBOL, _paren, fmt_value, fmt_vec, sum_line
from ui.format import significant, slide, worked
from ui.i18n import error_text
from ui.i18n import t as tr

LOSS_FILL = "#f7e3c4"
TARGET_MARK = "◀"


def head_labels(C: int, H: int) -> tuple[list[str], list[str]]:
    """(row labels z_1..z_C, column labels × h[1]..× h[H], + b) of the head's editor."""
    return [f"z_{c}" for c in range(1, C + 1)], [f"× h[{j}]" for j in range(1, H + 1)] + ["+ b"]


def head_frame(head: HeadTables) -> pd.DataFrame:
    """The head's grid as a text DataFrame for st.data_editor."""
    rows, cols = head_labels(head.classes, head.hidden)
    index = pd.Index(rows, name="z")  # a header over z_1..z_C, not a blank cell
    return pd.DataFrame([list(r) for r in head.grid], index=index, columns=cols, dtype=object)


def head_error(e: FieldError, head: HeadTables, lang: str) -> str:
    """'z_2, × h[1]: empty cell: ...' (plain text: the page escapes it)."""
    rows, cols = head_labels(head.classes, max(head.hidden, 0))
    at = ", ".join(
        x
        for x in (
            rows[e.row] if e.row is not None and e.row < len(rows) else "",
            cols[e.col] if e.col is not None and e.col < len(cols) else "",
        )
        if x
    )
    text = error_text(e, lang)
    return f"{at}: {text}" if at else text


def head_errors(loss: LossCalculation, head: HeadTables, lang: str) -> list[str]:
    """Every bad cell of the head, worded."""
    return [head_error(e, head, lang) for e in loss.errors if e.field == HEAD_FIELD]


# ------------------------------------------------------------------- lines


def logit_lines(ht: HeadTrace) -> tuple[str, ...]:
    """z_k = W_k1×h_1 + ... + b_k = z_k, one line per class."""
    out = []
    for k in range(len(ht.z)):
        pairs = [(ht.W[k, j], ht.h[j]) for j in range(len(ht.h))]
        nd = pr.affine_decimals(pairs, (ht.b[k],), ht.z[k], pr.LEAST)
        terms = [f"{worked(w, nd)}×{_paren(worked(v, nd))}" for w, v in pairs]
        terms.append(worked(ht.b[k], nd))
        out.append(f"z_{k + 1} = {sum_line(terms)} = {slide(ht.z[k])}")
    return tuple(out)


def _log(v: float) -> float:
    return math.log(v) if v > 0 else -math.inf


def _holds(value, target: float) -> int:
    """Decimals at which value(the printed numbers at nd) prints as target."""
    return pr.enough(lambda nd: pr.agrees(value(nd), target, pr.LEAST))


def softmax_lines(ht: HeadTrace) -> tuple[str, ...]:
    """m = max(z), each e^(z_k − m), their sum, then softmax(z)_k, with every number."""
    C, s = len(ht.z), pr.shown
    lines = [f"m = max(z) = max({', '.join(slide(v) for v in ht.z)}) = {slide(ht.m)}"]
    for k in range(C):
        nd = _holds(lambda nd, k=k: math.exp(s(ht.shifted[k], nd)), ht.e[k])
        lines.append(f"e^(z_{k + 1} − m) = e^({worked(ht.shifted[k], nd)}) = {slide(ht.e[k])}")
    nd = pr.sum_decimals(ht.e, ht.sum_e, pr.LEAST)
    lines.append(f"Σ e^(z_j − m) = {' + '.join(worked(v, nd) for v in ht.e)} = {slide(ht.sum_e)}")
    for k in range(C):
        nd = _holds(lambda nd, k=k: s(ht.e[k], nd) / s(ht.sum_e, nd), ht.p[k])
        lines.append(
            f"softmax(z)_{k + 1} = e^(z_{k + 1}) / Σ e^(z_j) = e^(z_{k + 1} − m) / Σ e^(z_j − m)"
            f" = {worked(ht.e[k], nd)} / {worked(ht.sum_e, nd)} = {slide(ht.p[k])}"
        )
    return tuple(lines)


def loss_lines(ht: HeadTrace) -> tuple[str, ...]:
    """log Σ e^(z_j) and L = −log p_y, both ways (the second never overflows)."""
    y, s = ht.y + 1, pr.shown
    nd = _holds(lambda nd: s(ht.m, nd) + _log(s(ht.sum_e, nd)), ht.lse)
    terms = sum_line([worked(ht.m, nd), f"log({worked(ht.sum_e, nd)})"])
    lines = [f"log Σ e^(z_j) = m + log Σ e^(z_j − m) = {terms} = {slide(ht.lse)}"]
    p = ht.p[ht.y]
    if p > 0:  # −log of a p that underflowed to 0 would read ∞
        nd = _holds(lambda nd: -_log(s(p, nd)), ht.loss)
        lines.append(f"L = −log p_{y} = −log({worked(p, nd)}) = {slide(ht.loss)}")
    nd = _holds(lambda nd: s(ht.lse, nd) - s(ht.z[ht.y], nd), ht.loss)
    lines.append(
        f"L = log Σ e^(z_j) − z_{y} = {worked(ht.lse, nd)} − {_paren(worked(ht.z[ht.y], nd))}"
        f" = {slide(ht.loss)}"
    )
    return tuple(lines)


def classes_frame(ht: HeadTrace, lang: str) -> pd.DataFrame:
    """One row per class: z_k, e^(z_k − m), p_k, −log p_k; the target class marked."""
    cols = [tr("calculator.loss_col_class", lang), "z_k", "e^(z_k − m)", "p_k", "−log p_k"]
    rows = []
    for k in range(len(ht.z)):
        name = tr("calculator.loss_class", lang, k=k + 1)
        if k == ht.y:
            name += f" {TARGET_MARK} y"
        rows.append((name, slide(ht.z[k]), slide(ht.e[k]), slide(ht.p[k]), slide(-ht.log_p[k])))
    return pd.DataFrame(rows, columns=cols)


def shared_line(calc: Calculation) -> str:
    """W_xh = [[..]], W_hh = [[..]]: the one pair of matrices every step multiplies by."""
    p = calc.example.params

    def mat(a) -> str:
        return "[" + ", ".join(fmt_vec(r) for r in np.atleast_2d(a)) + "]"

    return f"W_xh = {mat(p.W_xh)}, W_hh = {mat(p.W_hh)}"


# ------------------------------------------------------------------- diagram


def unrolled_dot(calc: Calculation, loss: LossCalculation, lang: str) -> str:
    """The RNN unrolled over its steps, each naming the same W_xh and W_hh, then the head.

    Top to bottom, two boxes a row (x_t beside h_t), so it stays legible on a phone.
    """
    v = fmt_value
    sym = ACT_SYMBOL[calc.example.params.nonlinearity]
    s0 = calc.steps[0]
    lines = [
        "digraph Unrolled {",
        *_HEAD,
        '  edge [fontname="Helvetica", fontsize=10, fontcolor="#1f4e8c"];',
        node("h0", f"h_0\n{v(s0.h_prev)}", fillcolor=IO_FILL, shape="ellipse"),
    ]
    prev = "h0"
    for s in calc.steps:
        x, h = f"x{s.t}", f"h{s.t}"
        lines += [
            node(x, f"x_{s.t}\n{v(s.x)}", fillcolor=IO_FILL, shape="ellipse"),
            node(h, f"h_{s.t} = {sym}(·)\n{v(s.h)}", fillcolor=GATE_FILL),
            f'  {x} -> {h} [label=" W_xh"];',
            f'  {prev} -> {h} [label=" W_hh"];',
            f"  {{rank=same; {x}; {h};}}",
        ]
        prev = h
    if loss.ok and loss.trace is not None:
        t_ = loss.trace
        y = t_.y + 1
        lines += [
            node("z", f"z = W h_{len(calc.steps)} + b\n{fmt_vec(t_.z)}", fillcolor=OUT_FILL),
            node("p", f"softmax(z)\n{fmt_vec(t_.p)}", fillcolor=OUT_FILL),
            node(
                "L",
                f"{tr('calculator.loss_dot_ce', lang)}\nL = −log p_{y} = {slide(t_.loss)}",
                fillcolor=LOSS_FILL,
            ),
            f'  {prev} -> z [label=" FC"]; z -> p; p -> L;',
        ]
    lines.append("}")
    return "\n".join(lines)


def literal_text(ht: HeadTrace, lang: str) -> str:
    """Slides 15-17 read literally: softmax of h_T itself and the CE of every class, to 4
    significant digits (the loss of the class holding 8 is 0.0486, far below 3 decimals)."""
    losses = " · ".join(
        f"{tr('calculator.loss_class', lang, k=k + 1)}: {significant(-lp)}"
        for k, lp in enumerate(ht.log_p)
    )
    p = "[" + ", ".join(significant(v) for v in ht.p) + "]"
    return tr("calculator.loss_literal", lang, h=fmt_vec(ht.h), p=p, losses=losses)
