"""The training page's two Plotly figures, pure functions of the points shown and a language.

Loss per epoch (the training batches' mean between two points, solid with dots; validation
at each epoch's end, dashed with squares) and validation accuracy per epoch (solid with
diamonds) against guessing (grey dots). Every trace is told apart by its dash and marker
and named in the legend, never by colour alone. Titles are short and left-aligned, legends
sit below the plot and the toolbar is off (CONFIG), so a phone's narrow chart cuts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from core.classifier import Point
from ui.charts import curves
from ui.i18n import t

CONFIG = {"displayModeBar": False}  # st.plotly_chart(fig, config=CONFIG)
TRAIN_STYLE = dict(color="#1f77b4", dash="solid", width=2)
VALID_STYLE = dict(color="#ff7f0e", dash="dash", width=2)
CHANCE_STYLE = dict(color="#888888", dash="dot", width=1)


def _chart(traces: list[dict], title: str, y_title: str, epochs: int, lang: str, **y) -> go.Figure:
    x = dict(range=[0, max(epochs, 1)], dtick=1 if epochs <= 10 else None)
    return curves(traces, title, t("train.fig.epoch", lang), y_title, x, y)


def evaluated(points: Sequence[Point]) -> list[Point]:
    """The points that carry a validation measurement (step 0 and each epoch's end)."""
    return [p for p in points if p.val_accuracy is not None]


def loss_figure(points: Sequence[Point], epochs: int, lang: str) -> go.Figure:
    """Training loss between points and validation loss at epoch ends, against epochs."""
    trained = [p for p in points if p.train_loss is not None]
    val = evaluated(points)
    traces = [
        dict(
            type="scatter",
            x=[p.epoch for p in trained],
            y=[p.train_loss for p in trained],
            mode="lines+markers",
            marker=dict(symbol="circle", size=5),
            name=t("train.fig.train_loss", lang),
            line=TRAIN_STYLE,
        ),
        dict(
            type="scatter",
            x=[p.epoch for p in val],
            y=[p.val_loss for p in val],
            mode="lines+markers",
            marker=dict(symbol="square", size=8),
            name=t("train.fig.val_loss", lang),
            line=VALID_STYLE,
        ),
    ]
    title, y_title = t("train.fig.loss_title", lang), t("train.fig.loss_y", lang)
    return _chart(traces, title, y_title, epochs, lang, rangemode="tozero")


def accuracy_figure(points: Sequence[Point], epochs: int, lang: str) -> go.Figure:
    """Validation accuracy at step 0 and at each epoch's end; guessing is 50%."""
    val = evaluated(points)
    traces = [
        dict(
            type="scatter",
            x=[p.epoch for p in val],
            y=[p.val_accuracy for p in val],
            mode="lines+markers+text",
            marker=dict(symbol="diamond", size=9),
            text=[f"{100 * p.val_accuracy:.0f}%" for p in val],
            textposition="top center",
            cliponaxis=False,  # the first and last labels sit on the plot's edges
            name=t("train.fig.val_acc", lang),
            line=TRAIN_STYLE,
        ),
        dict(
            type="scatter",
            x=[0, max(epochs, 1)],
            y=[0.5, 0.5],
            mode="lines",
            name=t("train.fig.chance", lang),
            line=CHANCE_STYLE,
            hoverinfo="skip",
        ),
    ]
    low = min([0.3, *(p.val_accuracy - 0.05 for p in val)])
    title, y_title = t("train.fig.acc_title", lang), t("train.fig.acc_y", lang)
    return _chart(traces, title, y_title, epochs, lang, range=[low, 1.05], tickformat=".0%")
