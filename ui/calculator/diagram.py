"""The cell at one step as Graphviz DOT, each box carrying its live value.

Laid out top to bottom, at most three boxes side by side, so the diagram stays narrow:
at 390 px the left-to-right drawing was shrunk until its text was about 4 px high.
"""

from __future__ import annotations

from core.calculator.slides import partial_sum
from core.calculator.trace import Calculation
from core.nn.cells import LSTMStep, RNNStep
from ui.calculator.lines import ACT_SYMBOL, SLIDE_ORDER, fmt_value
from ui.i18n import t as tr

SAT_FILL = "#f8c9c4"
GATE_FILL = "#dbe8f7"
IO_FILL = "#eeeeee"
OUT_FILL = "#d5efd8"

_HEAD = [
    '  rankdir=TB; bgcolor="transparent"; nodesep=0.15; ranksep=0.3;',
    '  node [fontname="Helvetica", fontsize=11, style="filled,rounded", shape=box,'
    ' margin="0.12,0.06"];',
    '  edge [color="#555555"];',
]


def dot_escape(s: str) -> str:
    """Text made safe inside a DOT double-quoted string."""
    return s.replace("\\", "\\\\").replace('"', '\\"')


def node(name: str, label: str, **attrs) -> str:
    """One DOT node line with an escaped label and attributes."""
    extra = "".join(f', {k}="{dot_escape(str(v))}"' for k, v in attrs.items())
    return f'  {name} [label="{dot_escape(label)}"{extra}];'


def lstm_dot(s: LSTMStep, saturated: dict[str, tuple[bool, ...]], lang: str) -> str:
    """Graphviz DOT of the LSTM cell at step t; saturated gates are red and say so."""
    v = fmt_value
    sat_word = "\n" + tr("calculator.diagram_saturated", lang)
    lines = [
        "digraph LSTM {",
        *_HEAD,
        node("x", f"x_t\n{v(s.x)}", fillcolor=IO_FILL, shape="ellipse"),
        node("hp", f"h_(t-1)\n{v(s.h_prev)}", fillcolor=IO_FILL, shape="ellipse"),
        node("cp", f"c_(t-1)\n{v(s.c_prev)}", fillcolor=IO_FILL, shape="ellipse"),
    ]
    for g in SLIDE_ORDER:
        gt = s.gates[g]
        hot = any(saturated.get(g, ()))
        # Three short lines, not one long one: narrow boxes keep the text large on a phone.
        label = f"{g}\n{ACT_SYMBOL[gt.activation]}({v(gt.pre)})\n= {v(gt.act)}"
        lines.append(
            node(g, label + (sat_word if hot else ""), fillcolor=SAT_FILL if hot else GATE_FILL)
        )
        lines += [f"  x -> {g};", f"  hp -> {g};"]
    lines += [
        node("fc", f"f⊙c_(t-1)\n{v(s.f_c_prev)}", shape="box", fillcolor="white"),
        node("ig", f"i⊙g\n{v(s.i_g)}", shape="box", fillcolor="white"),
        node("c", f"c_t = +\n{v(s.c)}", fillcolor=OUT_FILL),
        node("tc", f"tanh(c_t)\n{v(s.tanh_c)}", fillcolor=GATE_FILL),
        node("h", f"h_t = o⊙tanh(c_t)\n{v(s.h)}", fillcolor=OUT_FILL),
        "  cp -> fc; f -> fc; i -> ig; g -> ig; fc -> c; ig -> c;",
        "  c -> tc; tc -> h; o -> h;",
        # Rows top to bottom as the slides build the cell: inputs, gates two by two (four
        # side by side still shrank to 8 px at 390 px), c_(t-1) with the products, c_t, h_t.
        "  f -> g [style=invis]; i -> o [style=invis];",
        "  {rank=same; x; hp;}",
        "  {rank=same; f; i;}",
        "  {rank=same; g; o;}",
        "  {rank=same; cp; fc; ig;}",
        "}",
    ]
    return "\n".join(lines)


def rnn_dot(s: RNNStep, saturated: bool, lang: str) -> str:
    """Graphviz DOT of the RNN update at step t with its live values."""
    u, v = s.update, fmt_value
    sym = ACT_SYMBOL[u.activation]
    sat = "\n" + tr("calculator.diagram_saturated", lang) if saturated else ""
    return "\n".join(
        [
            "digraph RNN {",
            *_HEAD,
            node("x", f"x_t\n{v(s.x)}", fillcolor=IO_FILL, shape="ellipse"),
            node("hp", f"h_(t-1)\n{v(s.h_prev)}", fillcolor=IO_FILL, shape="ellipse"),
            node("ax", f"x_t W_xh^T + b_xh\n{v(partial_sum(u.Wx_x, u.b_x))}", fillcolor=GATE_FILL),
            node(
                "ah", f"h_(t-1) W_hh^T + b_hh\n{v(partial_sum(u.Wh_h, u.b_h))}", fillcolor=GATE_FILL
            ),
            node("s", f"+\n{v(u.pre)}", shape="circle", fillcolor="white"),
            node(
                "h",
                f"h_t = {sym}(·)\n{v(s.h)}{sat}",
                fillcolor=SAT_FILL if saturated else OUT_FILL,
            ),
            "  x -> ax; hp -> ah; ax -> s; ah -> s; s -> h;",
            "}",
        ]
    )


def cell_dot(calc: Calculation, t: int, lang: str) -> str:
    """The diagram of step t of a calculation."""
    s = calc.steps[t - 1]
    if calc.kind == "lstm":
        return lstm_dot(s, {g: calc.saturated(t, g) for g in SLIDE_ORDER}, lang)
    return rnn_dot(s, any(calc.saturated(t, "h")), lang)
