"""The race's two Plotly figures, pure functions of the race's history and a language.

Loss per training step and held-out accuracy per evaluation, one line per model (the RNN
dashed with circles, the LSTM solid with squares: never told apart by colour alone), with
guessing as a dotted line. Titles are short and left-aligned, legends sit below the plot
and the toolbar is off (CONFIG), so a phone's narrow chart cuts nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from core.race import KINDS, RaceStep
from ui.charts import readable
from ui.i18n import t

COLORS = {"RNN": "#d62728", "LSTM": "#1f77b4"}  # the gradients page's colours for each
DASH = {"RNN": "dash", "LSTM": "solid"}
SYMBOL = {"RNN": "circle", "LSTM": "square"}
CONFIG = {"displayModeBar": False}  # st.plotly_chart(fig, config=CONFIG)


def _chart(title: str, y_title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(title=dict(text=t("race.fig.step", lang)), automargin=True, nticks=6),
        yaxis=dict(title=dict(text=y_title), automargin=True),
        height=340,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, xanchor="left"),
    )
    return fig


def _guessing(fig: go.Figure, y: float, steps: int, lang: str) -> None:
    fig.add_trace(
        go.Scatter(
            x=[0, max(steps, 1)],
            y=[y, y],
            mode="lines",
            name=t("race.fig.chance", lang),
            line=dict(color="#888888", dash="dot", width=1.5),
            hoverinfo="skip",
        )
    )


def loss_figure(history: Sequence[RaceStep], steps: int, classes: int, lang: str) -> go.Figure:
    """Each model's training loss (batch cross-entropy) per step; guessing is ln K."""
    fig = _chart(t("race.fig.loss_title", lang), t("race.fig.loss_y", lang), lang)
    x = [s.step for s in history]
    for kind in KINDS:
        y = [s.records[kind].loss for s in history]
        line = dict(color=COLORS[kind], dash=DASH[kind], width=2)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=kind, line=line))
    _guessing(fig, math.log(classes), steps, lang)
    fig.update_xaxes(range=[0, max(steps, 1)])
    fig.update_yaxes(rangemode="tozero")
    return readable(fig)


def accuracy_figure(history: Sequence[RaceStep], steps: int, chance: float, lang: str) -> go.Figure:
    """Each model's accuracy on the fixed held-out batch, at every evaluation."""
    fig = _chart(t("race.fig.acc_title", lang), t("race.fig.acc_y", lang), lang)
    for kind in KINDS:
        done = [s.records[kind] for s in history if s.records[kind].eval_accuracy is not None]
        fig.add_trace(
            go.Scatter(
                x=[r.step for r in done],
                y=[r.eval_accuracy for r in done],
                mode="lines+markers",
                marker=dict(size=7, symbol=SYMBOL[kind]),
                name=kind,
                line=dict(color=COLORS[kind], dash=DASH[kind], width=2),
            )
        )
    _guessing(fig, chance, steps, lang)
    fig.update_xaxes(range=[0, max(steps, 1)])
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    return readable(fig)
