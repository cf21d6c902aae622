"""Slides 30-36 drawn: each stage's formula (new part coloured), its numbers, a diagram, tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.lecture.buildup import Stage
from ui.format import decimals
from ui.i18n import t

NEW = "#b5400c"  # the site's primary colour: what this stage adds
NEW_BG = "background-color: #fff4e6"


def stage_label(s: Stage, lang: str) -> str:
    """'Slide 31 · Filter the RNN's output'."""
    return t(
        "rnn_to_lstm.stage_label", lang, slide=s.slide, name=t(f"rnn_to_lstm.stage.{s.name}", lang)
    )


def vec(a) -> str:
    """A (H,) quantity as the slides write it: a scalar if H = 1, else [a, b]."""
    a = np.atleast_1d(a)
    return decimals(a[0]) if a.size == 1 else "[" + ", ".join(decimals(v) for v in a) + "]"


def _new(tex: str) -> str:
    return r"{\color{" + NEW + "}" + tex + "}"


# The cell's formulas at each stage, new parts wrapped by _new (LaTeX, no words).
_CELL = {
    "rnn": [r"h_t = " + _new(r"g_t")],
    "filter_input": [r"h_t = " + _new(r"i_t \odot") + r" g_t"],
    "memory": [r"c_t = " + _new(r"c_{t-1}"), r"h_t = i_t \odot g_t"],
    "add": [r"c_t = c_{t-1} " + _new(r"+\; i_t \odot g_t"), r"h_t = " + _new("c_t")],
    "forget": [r"c_t = " + _new(r"f_t \odot") + r" c_{t-1} + i_t \odot g_t", r"h_t = c_t"],
    "normalise": [r"h_t = " + _new(r"\tanh(") + "c_t" + _new(")")],
    "filter_output": [r"h_t = " + _new(r"o_t \odot") + r" \tanh(c_t)"],
}
# The gate each stage introduces, with its activation (slides 37-40's names).
_GATE = {"rnn": ("g", r"\tanh"), "filter_input": ("i", r"\sigma"), "forget": ("f", r"\sigma"),
         "filter_output": ("o", r"\sigma")}  # fmt: skip


def gate_latex(s: Stage) -> list[str]:
    """The gate this stage adds: its formula, then its four terms summed and activated."""
    if s.name not in _GATE:
        return []
    g, act = _GATE[s.name]
    gate = s.gates[g]
    terms = (gate.Wx_x, gate.b_x, gate.Wh_h, gate.b_h)
    formula = rf"{g}_t = {act}(W_{{i{g}}} x_t + b_{{i{g}}} + W_{{h{g}}} h_{{t-1}} + b_{{h{g}}})"
    parts = " + ".join(_paren(vec(v)) for v in terms)
    pre, value = vec(s.values[g + "_pre"]), vec(s.values[g])
    # Two lines: the terms, then their sum and activation (each fits a phone's width).
    return [_new(formula), rf"{g}_t = {act}({parts})", rf"= {act}({pre}) = {value}"]


def _paren(s: str) -> str:
    return f"({s})" if s.startswith("-") else s


def cell_latex(s: Stage) -> list[str]:
    """The cell's formulas at this stage, new parts coloured, then with numbers."""
    v, h, c = s.values, vec(s.h), vec(s.c) if s.c is not None else ""
    if s.name == "rnn":
        numbers = [rf"h_t = {h}"]
    elif s.name == "filter_input":
        numbers = [rf"h_t = {vec(v['i'])} \times {vec(v['g'])} = {h}"]
    elif s.name == "memory":
        numbers = [rf"c_t = {c}", rf"h_t = {h}"]
    elif s.name == "add":
        numbers = [rf"c_t = {vec(v['c_prev'])} + {vec(v['i_g'])} = {c}", rf"h_t = {h}"]
    elif s.name == "forget":
        numbers = [
            rf"c_t = {vec(v['f'])} \times {vec(v['c_prev'])} + {vec(v['i_g'])}",
            rf"= {vec(v['f_c_prev'])} + {vec(v['i_g'])} = {c}",
            rf"h_t = {h}",
        ]
    elif s.name == "normalise":
        numbers = [rf"h_t = \tanh({c}) = {h}"]
    else:
        numbers = [rf"h_t = {vec(v['o'])} \times {vec(v['tanh_c'])} = {h}"]
    return _CELL[s.name] + numbers


# ------------------------------------------------------------------ the diagram

# Parts of the cell: (id, label, first stage index). Labels are symbols, not words.
_NODES = [
    ("inp", "x_t, h_t-1", 0), ("g", "tanh → g", 0), ("h", "h_t", 0),
    ("i", "σ → i", 1), ("mul_i", "×", 1),
    ("cp", "c_t-1", 2), ("c", "c_t", 2),
    ("plus", "+", 3),
    ("f", "σ → f", 4), ("mul_f", "×", 4),
    ("tanh_c", "tanh", 5),
    ("o", "σ → o", 6), ("mul_o", "×", 6),
]  # fmt: skip
# Wires: (from, to, first stage, last stage).
_EDGES = [
    ("inp", "g", 0, 6), ("g", "h", 0, 0),
    ("inp", "i", 1, 6), ("g", "mul_i", 1, 6), ("i", "mul_i", 1, 6), ("mul_i", "h", 1, 2),
    ("cp", "c", 2, 2),
    ("cp", "plus", 3, 3), ("mul_i", "plus", 3, 6), ("plus", "c", 3, 6), ("plus", "h", 3, 4),
    ("inp", "f", 4, 6), ("cp", "mul_f", 4, 6), ("f", "mul_f", 4, 6), ("mul_f", "plus", 4, 6),
    ("plus", "tanh_c", 5, 6), ("tanh_c", "h", 5, 5),
    ("inp", "o", 6, 6), ("tanh_c", "mul_o", 6, 6), ("o", "mul_o", 6, 6), ("mul_o", "h", 6, 6),
]  # fmt: skip
_VALUE = {"g": "g", "i": "i", "f": "f", "o": "o", "mul_i": "i_g", "mul_f": "f_c_prev",
          "tanh_c": "tanh_c", "cp": "c_prev"}  # fmt: skip


def diagram(stages: list[Stage], k: int, lang: str) -> str:
    """Graphviz DOT of the cell at stage k: parts added at k in the new colour, with values."""
    s = stages[k]
    lines = [
        "digraph {",
        '  rankdir=TB; bgcolor="transparent"; nodesep=0.2; ranksep=0.3;',
        '  node [shape=box, style="rounded,filled", fillcolor="#f8f9fa", fontsize=14, '
        'fontname="Helvetica", color="#868e96"];',
        '  edge [color="#868e96", arrowsize=0.6];',
    ]
    for node, label, first in _NODES:
        if first > k:
            continue
        text = label.replace("x_t, h_t-1", f"x_t, h_t-1 ({t('rnn_to_lstm.diagram.input', lang)})")
        value = _node_value(s, node)
        if value:
            text += f"\\n{value}"
        style = f'color="{NEW}", fontcolor="{NEW}", penwidth=2' if first == k else ""
        shape = ", shape=ellipse, margin=0.02" if label in ("×", "+") else ""
        lines.append(f'  {node} [label="{text}"{shape}{", " + style if style else ""}];')
    for a, b, first, last in _EDGES:
        if first <= k <= last:
            style = f' [color="{NEW}", penwidth=2]' if first == k else ""
            lines.append(f"  {a} -> {b}{style};")
    lines.append("  { rank=same; cp; mul_f; } " if k >= 4 else "")
    lines.append("}")
    return "\n".join(line for line in lines if line)


def _node_value(s: Stage, node: str) -> str:
    if node == "h":
        return vec(s.h)
    if node == "c":
        return vec(s.c) if s.c is not None else ""
    key = _VALUE.get(node)
    return vec(s.values[key]) if key in s.values else ""


# ------------------------------------------------------------------ tables

_SYMBOLS = {
    "g_pre": "z_g", "g": "g_t", "i_pre": "z_i", "i": "i_t", "i_g": "i_t ⊙ g_t",
    "c_prev": "c_t-1", "c": "c_t", "f_pre": "z_f", "f": "f_t", "f_c_prev": "f_t ⊙ c_t-1",
    "tanh_c": "tanh(c_t)", "o_pre": "z_o", "o": "o_t", "h": "h_t",
}  # fmt: skip


def values_table(s: Stage, lang: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Every quantity the cell has at this stage, and which rows are new (a mask)."""
    names = list(s.values)
    new = np.array([n in s.new for n in names])
    label = {True: t("rnn_to_lstm.new", lang), False: ""}
    if s.name == "forget":  # slide 34 changes c_t rather than adding it
        label_of = [
            t("rnn_to_lstm.changed", lang) if n == "c" else label[n in s.new] for n in names
        ]
    else:
        label_of = [label[n in s.new] for n in names]
    df = pd.DataFrame(
        {
            t("rnn_to_lstm.col.quantity", lang): [_SYMBOLS[n] for n in names],
            t("rnn_to_lstm.col.value", lang): [vec(s.values[n]) for n in names],
            t("rnn_to_lstm.col.new", lang): label_of,
        }
    )
    return df, new


def values_styler(s: Stage, lang: str):
    """The stage's numbers, new rows tinted in the new colour."""
    df, new = values_table(s, lang)
    colors = np.where(new, NEW_BG, "")[:, None].repeat(df.shape[1], axis=1)
    return df.style.apply(lambda _: colors, axis=None)


def summary_table(stages: list[Stage], lang: str) -> pd.DataFrame:
    """h_t and c_t after every stage: what each slide changes at a glance."""
    return pd.DataFrame(
        {
            t("rnn_to_lstm.col.slide", lang): [s.slide for s in stages],
            t("rnn_to_lstm.col.step", lang): [
                t(f"rnn_to_lstm.stage.{s.name}", lang) for s in stages
            ],
            "h_t": [vec(s.h) for s in stages],
            "c_t": [vec(s.c) if s.c is not None else "–" for s in stages],
        }
    )


def outputs(stages: list[Stage], k: int) -> dict[str, tuple[str, str | None]]:
    """h_t and c_t at stage k, each with its change since stage k-1 (None: nothing to compare)."""
    out = {}
    for name in ("h", "c"):
        now = getattr(stages[k], name)
        before = getattr(stages[k - 1], name) if k else None
        if now is None:
            out[name] = ("", None)
            continue
        delta = None if before is None else vec(np.asarray(now) - np.asarray(before))
        out[name] = (vec(now), delta)
    return out
