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
from ui.charts import curves
from ui.i18n import t

COLORS = {"RNN": "#d62728", "LSTM": "#1f77b4"}  # the gradients page's colours for each
DASH = {"RNN": "dash", "LSTM": "solid"}
SYMBOL = {"RNN": "circle", "LSTM": "square"}
CONFIG = {"displayModeBar": False}  # st.plotly_chart(fig, config=CONFIG)


def _chart(traces: list[dict], title: str, y_title: str, steps: int, lang: str, **y) -> go.Figure:
    x = dict(nticks=6, range=[0, max(steps, 1)])
    return curves(traces, title, t("race.fig.step", lang), y_title, x, y)


def _guessing(y: float, steps: int, lang: str) -> dict:
    return dict(
        type="scatter",
        x=[0, max(steps, 1)],
        y=[y, y],
        mode="lines",
        name=t("race.fig.chance", lang),
        line=dict(color="#888888", dash="dot", width=1.5),
        hoverinfo="skip",
    )


def loss_figure(history: Sequence[RaceStep], steps: int, classes: int, lang: str) -> go.Figure:
    """Each model's training loss (batch cross-entropy) per step; guessing is ln K."""
    x = [s.step for s in history]
    traces = [
        dict(
            type="scatter",
            x=x,
            y=[s.records[kind].loss for s in history],
            mode="lines",
            name=kind,
            line=dict(color=COLORS[kind], dash=DASH[kind], width=2),
        )
        for kind in KINDS
    ]
    traces.append(_guessing(math.log(classes), steps, lang))
    title, y_title = t("race.fig.loss_title", lang), t("race.fig.loss_y", lang)
    return _chart(traces, title, y_title, steps, lang, rangemode="tozero")


def accuracy_figure(history: Sequence[RaceStep], steps: int, chance: float, lang: str) -> go.Figure:
    """Each model's accuracy on the fixed held-out batch, at every evaluation."""
    traces = []
    for kind in KINDS:
        done = [s.records[kind] for s in history if s.records[kind].eval_accuracy is not None]
        traces.append(
            dict(
                type="scatter",
                x=[r.step for r in done],
                y=[r.eval_accuracy for r in done],
                mode="lines+markers",
                marker=dict(size=7, symbol=SYMBOL[kind]),
                name=kind,
                line=dict(color=COLORS[kind], dash=DASH[kind], width=2),
            )
        )
    traces.append(_guessing(chance, steps, lang))
    title, y_title = t("race.fig.acc_title", lang), t("race.fig.acc_y", lang)
    return _chart(traces, title, y_title, steps, lang, range=[0, 1.05], tickformat=".0%")
