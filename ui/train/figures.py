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
from ui.charts import readable
from ui.i18n import t

CONFIG = {"displayModeBar": False}  # st.plotly_chart(fig, config=CONFIG)
TRAIN_STYLE = dict(color="#1f77b4", dash="solid", width=2)
VALID_STYLE = dict(color="#ff7f0e", dash="dash", width=2)
CHANCE_STYLE = dict(color="#888888", dash="dot", width=1)


def _chart(title: str, y_title: str, epochs: int, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(
            title=dict(text=t("train.fig.epoch", lang)),
            automargin=True,
            range=[0, max(epochs, 1)],
            dtick=1 if epochs <= 10 else None,
        ),
        yaxis=dict(title=dict(text=y_title), automargin=True),
        height=340,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, xanchor="left"),
    )
    return fig


def evaluated(points: Sequence[Point]) -> list[Point]:
    """The points that carry a validation measurement (step 0 and each epoch's end)."""
    return [p for p in points if p.val_accuracy is not None]


def loss_figure(points: Sequence[Point], epochs: int, lang: str) -> go.Figure:
    """Training loss between points and validation loss at epoch ends, against epochs."""
    fig = _chart(t("train.fig.loss_title", lang), t("train.fig.loss_y", lang), epochs, lang)
    trained = [p for p in points if p.train_loss is not None]
    fig.add_trace(
        go.Scatter(
            x=[p.epoch for p in trained],
            y=[p.train_loss for p in trained],
            mode="lines+markers",
            marker=dict(symbol="circle", size=5),
            name=t("train.fig.train_loss", lang),
            line=TRAIN_STYLE,
        )
    )
    val = evaluated(points)
    fig.add_trace(
        go.Scatter(
            x=[p.epoch for p in val],
            y=[p.val_loss for p in val],
            mode="lines+markers",
            marker=dict(symbol="square", size=8),
            name=t("train.fig.val_loss", lang),
            line=VALID_STYLE,
        )
    )
    fig.update_yaxes(rangemode="tozero")
    return readable(fig)


def accuracy_figure(points: Sequence[Point], epochs: int, lang: str) -> go.Figure:
    """Validation accuracy at step 0 and at each epoch's end; guessing is 50%."""
    fig = _chart(t("train.fig.acc_title", lang), t("train.fig.acc_y", lang), epochs, lang)
    val = evaluated(points)
    fig.add_trace(
        go.Scatter(
            x=[p.epoch for p in val],
            y=[p.val_accuracy for p in val],
            mode="lines+markers+text",
            marker=dict(symbol="diamond", size=9),
            text=[f"{100 * p.val_accuracy:.0f}%" for p in val],
            textposition="top center",
            cliponaxis=False,  # the first and last labels sit on the plot's edges
            name=t("train.fig.val_acc", lang),
            line=TRAIN_STYLE,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0, max(epochs, 1)],
            y=[0.5, 0.5],
            mode="lines",
            name=t("train.fig.chance", lang),
            line=CHANCE_STYLE,
            hoverinfo="skip",
        )
    )
    low = min([0.3, *(p.val_accuracy - 0.05 for p in val)])
    fig.update_yaxes(range=[low, 1.05], tickformat=".0%")
    return readable(fig)
