"""Slide 29 drawn: σ and tanh with their derivatives, saturated zones, the slide example's marks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.lecture.activations import SLOPE_FRACTION, Curve, Marker, Product
from ui.charts import readable
from ui.format import decimals
from ui.i18n import t

SYMBOL = {"sigmoid": "σ", "tanh": "tanh"}
COLOR = {"value": "#1c7ed6", "slope": "#e8590c", "mark": "#2b8a3e"}
ZONE = "#adb5bd"
# Plotly's modebar would cover the title on a phone; nothing on it is needed here.
CONFIG = {"displayModeBar": False}


def activation_figure(c: Curve, marks: list[Marker], lang: str) -> go.Figure:
    """The curve and its derivative, saturated zones shaded, the example's z values marked."""
    sym = SYMBOL[c.name]
    lo, hi = float(c.z.min()), float(c.z.max())
    fig = go.Figure()
    for x0, x1 in ((lo, -c.edge), (c.edge, hi)):
        fig.add_vrect(x0=x0, x1=x1, fillcolor=ZONE, opacity=0.25, line_width=0, layer="below")
    fig.add_annotation(
        x=(c.edge + hi) / 2,
        y=0.5 if c.name == "sigmoid" else -0.5,
        text=t("rnn_to_lstm.fig.saturated", lang),
        showarrow=False,
        font=dict(color="#495057"),
    )
    fig.add_trace(
        go.Scatter(
            x=c.z, y=c.value, mode="lines", name=f"{sym}(z)", line=dict(color=COLOR["value"])
        )
    )
    fig.add_trace(
        go.Scatter(
            x=c.z,
            y=c.slope,
            mode="lines",
            name=f"{sym}′(z)",
            line=dict(color=COLOR["slope"], dash="dash"),
        )
    )
    mine = [m for m in marks if m.function == c.name]
    if mine:
        hover = [
            f"{m.name}: z = {decimals(m.z)}, {sym} = {decimals(m.value)}, ′ = {decimals(m.slope)}"
            for m in mine
        ]
        fig.add_trace(
            go.Scatter(
                x=[m.z for m in mine],
                y=[m.value for m in mine],
                mode="markers",
                text=[m.name for m in mine],
                hovertext=hover,
                hoverinfo="text",
                name=t("rnn_to_lstm.fig.marks", lang),
                marker=dict(color=COLOR["mark"], size=9),
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[m.z for m in mine],
                y=[m.slope for m in mine],
                mode="markers",
                hovertext=hover,
                hoverinfo="text",
                showlegend=False,
                marker=dict(color=COLOR["mark"], size=8, symbol="circle-open"),
            )
        )
        for m, (ax, ay) in zip(mine, label_offsets([m.z for m in mine]), strict=True):
            fig.add_annotation(
                x=m.z,
                y=m.value,
                text=m.name,
                ax=ax,
                ay=ay,
                showarrow=True,
                arrowhead=0,
                arrowwidth=1,
                arrowcolor=COLOR["mark"],
                font=dict(size=13, color=COLOR["mark"]),
                bgcolor="rgba(255, 255, 255, 0.85)",
            )
    fig.update_layout(
        title=dict(text=t(f"rnn_to_lstm.fig.{c.name}", lang), x=0, xanchor="left"),
        xaxis_title=t("rnn_to_lstm.fig.x", lang),
        yaxis_title=t("rnn_to_lstm.fig.y", lang),
        height=380,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0),
        xaxis=dict(range=[lo, hi], nticks=9, automargin=True),
        yaxis=dict(automargin=True, nticks=6),
    )
    return readable(fig)


LABEL_STEP = 22  # px between stacked labels: more than a 13 px letter's height


def label_offsets(zs: list[float]) -> list[tuple[int, int]]:
    """(ax, ay) in px from each mark to its label: below the curve (the marks sit near its
    top), one row deeper per mark from left to right, so marks a phone draws a few px
    apart (f, i, o at z = 4.3-6) get labels on rows of their own."""
    order = sorted(range(len(zs)), key=lambda k: zs[k])
    out = [(0, 0)] * len(zs)
    for row, k in enumerate(order):
        out[k] = (-10, 26 + LABEL_STEP * row)
    return out


def markers_table(marks: list[Marker], lang: str) -> pd.DataFrame:
    """One column per marked quantity (f, i, g, o, c_t), one row per fact: narrow for phones."""
    yes, no = t("rnn_to_lstm.yes", lang), t("rnn_to_lstm.no", lang)
    rows = {
        "slide": [str(m.slide) for m in marks],
        "z": [decimals(m.z) for m in marks],
        "slide_z": [decimals(m.slide_z, 3) for m in marks],
        "value": [decimals(m.value) for m in marks],
        "slope": [decimals(m.slope) for m in marks],
        "saturated": [yes if m.saturated else no for m in marks],
    }
    columns = [f"{m.name}_t" if m.name == "c" else m.name for m in marks]
    df = pd.DataFrame(list(rows.values()), columns=columns)
    df.insert(
        0, t("rnn_to_lstm.col.quantity", lang), [t(f"rnn_to_lstm.col.{r}", lang) for r in rows]
    )
    return df


def markers_legend(marks: list[Marker], lang: str) -> str:
    """What each column of the markers table is: 'f: forget gate f (σ) · ...'."""
    return " · ".join(
        f"{t(f'rnn_to_lstm.mark.{m.name}', lang)} ({SYMBOL[m.function]})" for m in marks
    )


def share_percent() -> int:
    """The saturation threshold as a percentage, for the prose."""
    return round(SLOPE_FRACTION * 100)


# ------------------------------------------------------------------ slide 29's product


def _tex_num(x: float) -> str:
    s = decimals(x)
    return f"({s})" if s.startswith("-") else s


def _bmatrix(rows) -> str:
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(r) for r in rows) + r"\end{bmatrix}"


# Two lines, so that each fits a phone's width.
SYMBOLIC_PRODUCT = [
    _bmatrix([["a_1", "b_1"], ["c_1", "d_1"]])
    + r" \cdot "
    + _bmatrix([["a_2", "b_2"], ["c_2", "d_2"]]),
    "= "
    + _bmatrix([["a_1a_2 + b_1c_2", "a_1b_2 + b_1d_2"], ["c_1a_2 + d_1c_2", "c_1b_2 + d_1d_2"]]),
]


def product_latex(p: Product) -> list[str]:
    """Slide 29's product with numbers: the factors, every term, the result (three lines)."""

    def mat(a):
        return _bmatrix([[decimals(v) for v in row] for row in np.atleast_2d(a)])

    terms = [
        [
            " + ".join(rf"{_tex_num(a)} \cdot {_tex_num(b)}" for a, b in _pairs(p, r, c))
            for c in range(p.C.shape[1])
        ]
        for r in range(p.C.shape[0])
    ]
    return [
        f"{mat(p.A)} \\cdot {mat(p.B)}",
        "= " + _bmatrix(terms),
        "= " + mat(p.C),
    ]


def _pairs(p: Product, r: int, c: int):
    return [(p.A[r, k], p.B[k, c]) for k in range(p.A.shape[1])]
