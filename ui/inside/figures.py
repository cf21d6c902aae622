"""The page's Plotly figures: chosen units over a review, and P(positive) with and without an
intervention. Built as dicts through readable_layout (one go.Figure call each); series differ
by dash and marker, never by colour alone."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.charts import DASHES, SYMBOLS, readable_layout
from ui.i18n import t
from ui.sentiment.figures import token_axis

CONFIG = {"displayModeBar": False, "responsive": True}  # st.plotly_chart(config=CONFIG)
MAX_LINES = 6  # units drawn as lines: more would be a tangle on a phone
COLORS = ("#1c7ed6", "#e8590c", "#2a7f3b", "#ae3ec9", "#c92a2a", "#495057")
SPAN_FILL = "rgba(250, 176, 5, 0.25)"


def _layout(height: int, x_title: str, y_title: str, **kw) -> dict:
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "xaxis": {"type": "category", "tickangle": -60, "automargin": True,
                  "title": {"text": x_title}},
        "yaxis": {"automargin": True, "title": {"text": y_title}},
        "legend": {"orientation": "h", "y": -0.45, "yanchor": "top", "x": 0},
        "hovermode": "x unified",
        **kw,
    }  # fmt: skip


def _band(a: float, b: float, fill: str) -> dict:
    """A shaded stretch of a category axis from position a to b (token centres at 0, 1, …)."""
    return {"type": "rect", "xref": "x", "yref": "paper", "x0": a, "x1": b, "y0": 0, "y1": 1,
            "fillcolor": fill, "line": {"width": 0}, "layer": "below"}  # fmt: skip


def units_figure(
    tokens: list[str],
    state: np.ndarray,
    units: np.ndarray,
    span: tuple[int, int],
    threshold: float,
    which: str,
    lang: str,
) -> go.Figure:
    """The first MAX_LINES chosen units of state (T, H) token by token, the span shaded and
    the threshold drawn."""
    x = token_axis(tokens)
    traces = []
    for k, u in enumerate(np.asarray(units)[:MAX_LINES]):
        traces.append({
            "type": "scatter", "x": x, "y": state[:, int(u)].astype(np.float32),
            "mode": "lines+markers", "name": t("inside.fig.unit", lang, unit=int(u)),
            "line": {"color": COLORS[k % len(COLORS)], "dash": DASHES[k % len(DASHES)]},
            "marker": {"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 7},
        })  # fmt: skip
    shapes = [
        _band(span[0] - 0.5, span[1] - 0.5, SPAN_FILL),
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": threshold, "y1": threshold,
         "line": {"dash": "dash", "color": "#495057", "width": 2}},
    ]  # fmt: skip
    layout = _layout(
        360, t("inside.fig.tokens", lang), t(f"inside.fig.{which}", lang), shapes=shapes
    )
    return go.Figure(traces, readable_layout(layout, traces))


def intervention_figure(
    tokens: list[str], before: np.ndarray, after: np.ndarray, start: int, lang: str
) -> go.Figure:
    """P(positive) after each token without and with the intervention, which starts at
    token `start` (shaded from there on)."""
    x = token_axis(tokens)
    traces = [
        {"type": "scatter", "x": x, "y": np.asarray(before, np.float32), "mode": "lines+markers",
         "name": t("inside.fig.without", lang), "line": {"color": "#1c7ed6", "width": 3},
         "marker": {"symbol": "circle", "size": 7}},
        {"type": "scatter", "x": x, "y": np.asarray(after, np.float32), "mode": "lines+markers",
         "name": t("inside.fig.with", lang),
         "line": {"color": "#c92a2a", "width": 3, "dash": "dash"},
         "marker": {"symbol": "square", "size": 7}},
    ]  # fmt: skip
    shapes = [
        _band(start - 0.5, len(tokens) - 0.5, "rgba(201, 42, 42, 0.08)"),
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.5, "y1": 0.5,
         "line": {"dash": "dot", "color": "#868e96", "width": 2}},
    ]  # fmt: skip
    layout = _layout(360, t("inside.fig.tokens", lang), "P(positive)", shapes=shapes)
    layout["yaxis"].update(range=[0, 1], tickvals=[0, 0.5, 1])
    return go.Figure(traces, readable_layout(layout, traces))
