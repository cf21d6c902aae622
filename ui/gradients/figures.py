"""The gradient explorer's Plotly figures: pure functions from core's results and a language.

Log axes cannot show 0 nor inf, so vanished values (< 1e-300) are drawn as ▼ markers on
the floor and overflowed ones as ✕ markers on a ceiling above the data, each with a
label. Labels sit inside the plot, anchored at one edge, so a phone's narrow chart
never cuts them; titles are left-aligned and short; the toolbar is off (CONFIG) because
on a phone it covered the title. The RNN's curves carry circles, the LSTM's squares and
its cell state's diamonds (dotted), so no curve is told from another by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.gradients import VANISH_FLOOR
from core.gradients.explorer import ExplorerResult
from core.gradients.scalar import ScalarSeries
from ui.charts import readable
from ui.i18n import t

SLIDE_GREY = "#5f6673"  # slide 28's own curves behind the reader's: 5.9:1 on white
COLORS = {"RNN": "#d62728", "LSTM": "#1f77b4", "cell": "#17becf", "scalar": "#9467bd"}
# A curve's marker, by its short name; a few per curve (MARKS) mark it without crowding it.
SYMBOL = {"RNN": "circle", "LSTM": "square", "LSTM c_t": "diamond"}
MARKS = 12
CONFIG = {"displayModeBar": False}  # st.plotly_chart(fig, config=CONFIG)
_NOTE_STEP = 0.08  # paper height between stacked labels


def log_chart(title: str, x_title: str, lang: str) -> go.Figure:
    """An empty chart with a log y axis, its title left-aligned and the legend below."""
    fig = go.Figure()
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(title=dict(text=x_title), automargin=True),
        yaxis=dict(
            title=dict(text=t("gradients.fig.y_title", lang)),
            type="log",
            exponentformat="power",
            automargin=True,
        ),
        height=480,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0, xanchor="left"),
    )
    return fig


def _note(fig: go.Figure, text: str, color: str, top: bool, side: str) -> None:
    """A label inside the plot at its `side` edge, stacked under (top) or over (bottom) others.

    The side is the one away from the flagged markers: in the BPTT chart they sit at small t
    (far from the loss), in the scalar chart at large n.
    """
    i = sum(1 for a in fig.layout.annotations if (a.yanchor == "top") == top)
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.99 if side == "right" else 0.01,
        y=(0.98 - _NOTE_STEP * i) if top else (0.02 + _NOTE_STEP * i),
        xanchor=side,
        yanchor="top" if top else "bottom",
        showarrow=False,
        # dark words in a frame of the curve's colour: the cell state's cyan as text on
        # white was 2.3:1 (it names its curve in words anyway)
        bordercolor=color,
        borderwidth=1.5,
        bgcolor="rgba(255,255,255,0.85)",
    )


def add_curve(
    fig, x, y, vanished, name, short, color, lang, dash="solid", flags=True, side="right"
) -> None:
    """One log-axis line; vanished steps become ▼ markers on the floor with a label."""
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(y) & ~vanished
    symbol = SYMBOL.get(short)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=np.where(ok, y, np.nan),
            mode="lines+markers" if symbol else "lines",
            name=name,
            line=dict(color=color, dash=dash, width=2.5),
            marker=dict(symbol=symbol, size=8, maxdisplayed=MARKS) if symbol else None,
            hovertemplate="t=%{x}<br>%{y:.3e}<extra>" + name + "</extra>",
        )
    )
    if not flags or not vanished.any():
        return
    _flagged(fig, x, vanished, VANISH_FLOOR, short, color, "vanished", lang, side)


def _flagged(fig, x, mask, y, short, color, kind: str, lang: str, side: str) -> None:
    """Steps a log axis cannot show, as markers pinned at y, with a legend name and a label."""
    xs = np.asarray(x)[mask]
    symbol, size = ("x", 9) if kind == "exploded" else ("triangle-down", 7)
    hover = "t=%{x}<br>" + t(f"gradients.fig.{kind}_hover", lang) + "<extra></extra>"
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=np.full(xs.size, y),
            mode="markers",
            name=t(f"gradients.fig.{kind}_trace", lang, name=short),
            marker=dict(color=color, symbol=symbol, size=size),
            hovertemplate=hover,
        )
    )
    note = t(f"gradients.fig.{kind}_note", lang, name=short, count=xs.size)
    _note(fig, note, color, top=kind == "exploded", side=side)


def add_exploded(fig, x, exploded, short, color, ceiling, lang, side="right") -> None:
    """Overflowed steps as ✕ markers pinned to the ceiling, with a label."""
    if not exploded.any():
        return
    _flagged(fig, x, exploded, ceiling, short, color, "exploded", lang, side)


def ceiling_for(*arrays) -> float:
    """A y just above every finite value, where 'exploded' markers sit."""
    finite = np.concatenate([a[np.isfinite(a) & (a > 0)] for a in arrays if a is not None])
    if finite.size == 0:
        return 1e300
    return float(min(1e305, 10 ** (math.ceil(math.log10(finite.max())) + 1)))


def scalar_figure(s: ScalarSeries, lang: str, slide: Sequence[ScalarSeries] = ()) -> go.Figure:
    """|input · w^n| for n = 0..N on a log axis, overflow and underflow marked; slide:
    slide 28's other curves (core.gradients.with_slide), drawn thin and dotted behind it."""
    fig = log_chart(f"|input · w^n|, w = {s.w:g}", t("gradients.scalar.x_title", lang), lang)
    fig.update_xaxes(range=[0, max(s.n, 1)])
    for ref, dash in zip(slide, ("dot", "dashdot"), strict=False):
        name = t("gradients.scalar.slide_curve", lang, w=f"{ref.w:g}")
        fig.add_trace(
            go.Scatter(
                x=ref.steps,
                y=np.where(ref.exploded | ref.vanished, np.nan, np.abs(ref.values)),
                mode="lines",
                name=name,
                line=dict(color=SLIDE_GREY, dash=dash, width=1.5),
                hovertemplate="n=%{x}<br>%{y:.3e}<extra>" + name + "</extra>",
            )
        )
    mag = np.abs(s.values)
    name = "|input·wⁿ|"
    color, top = COLORS["scalar"], ceiling_for(mag)
    add_curve(fig, s.steps, mag, s.vanished, name, name, color, lang, side="left")
    add_exploded(fig, s.steps, s.exploded, name, color, top, lang, side="left")
    return readable(fig)


def bptt_figure(r: ExplorerResult, lang: str) -> go.Figure:
    """‖dL/dh_t‖ of the RNN and the LSTM and ‖dL/dc_t‖ of the LSTM, plus clipped curves."""
    fig = log_chart(
        f"‖∂L/∂h_t‖, T = {len(r.steps)}, H = {r.hidden_size}, RNN {r.activation}",
        t("gradients.fig.bptt_x_title", lang),
        lang,
    )
    # (y, exploded, vanished, name, short name, colour, dash)
    curves = [
        (
            r.rnn.norms,
            r.rnn.exploded,
            r.rnn.vanished,
            "RNN ‖∂L/∂h_t‖",
            "RNN",
            COLORS["RNN"],
            "solid",
        ),
        (
            r.lstm.norms,
            r.lstm.exploded,
            r.lstm.vanished,
            "LSTM ‖∂L/∂h_t‖",
            "LSTM",
            COLORS["LSTM"],
            "solid",
        ),
        (
            r.lstm.cell_norms,
            r.lstm.cell_exploded,
            r.lstm.cell_vanished,
            t("gradients.fig.cell_curve", lang),
            "LSTM c_t",
            COLORS["cell"],
            "dot",
        ),
    ]
    if r.config.clip:
        for cur in (r.rnn, r.lstm):
            if cur.clip_coef < 1.0:  # NaN (cannot repair) draws nothing; the page says so
                name = t(
                    "gradients.fig.clipped_curve", lang, name=cur.name, coef=f"{cur.clip_coef:.2g}"
                )
                curves.append(
                    (
                        cur.clipped_norms,
                        cur.exploded,
                        cur.vanished,
                        name,
                        cur.name,
                        COLORS[cur.name],
                        "dash",
                    )
                )
    fig.update_xaxes(range=[1, max(len(r.steps), 2)])  # markers must not pad it below t = 1
    ceiling = ceiling_for(*[c[0] for c in curves])
    for y, _ex, va, name, short, color, dash in curves:
        add_curve(fig, r.steps, y, va, name, short, color, lang, dash, flags=dash != "dash")
    for _y, ex, _va, _name, short, color, dash in curves:
        if dash != "dash":
            add_exploded(fig, r.steps, ex, short, color, ceiling, lang)
    return readable(fig)
