"""The sentiment page's Plotly figures, from core's numbers and the reader's language.

Readable at 390 px: the page draws them with CONFIG (no mode bar over the titles),
titles sit in a top margin of their own, axis titles get automargin, and per-token
axes are categories that Plotly thins out to the width it has. Every text is at least
ui.charts' size, and the models (and positive against negative) differ by a dash, a
marker or a bar pattern as well as by colour.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts import TEXT_PX, readable, readable_layout
from ui.i18n import CATALOG, t
from ui.sentiment.markup import NEG, POS

CONFIG = {"displayModeBar": False, "responsive": True}  # st.plotly_chart(config=CONFIG)
FONT = TEXT_PX
_COLOR = {  # gate -> (colorscale, colour bar title); σ gates share one scale
    "i": ("Viridis", "σ"),
    "f": ("Viridis", "σ"),
    "g": ("RdBu", "tanh"),
    "o": ("Viridis", "σ"),
    "c": ("PuOr", "c"),
    "h": ("RdBu", "h"),  # the RNN's hidden state, tanh's range
}
MODEL_COLORS = {"bag": "#ae3ec9", "rnn": "#e8590c", "lstm": "#1c7ed6"}
# Each model's line dash, marker and bar pattern, so the three differ without their colours.
MODEL_DASH = {"bag": "dot", "rnn": "dash", "lstm": "solid"}
MODEL_SYMBOL = {"bag": "diamond", "rnn": "circle", "lstm": "square"}
MODEL_PATTERN = {"bag": ".", "rnn": "/", "lstm": ""}
NEG_PATTERN = "/"  # negative bars are hatched: the sign shows without the red


def token_axis(tokens: list[str]) -> list[str]:
    """Per-token category labels, numbered so repeated tokens stay apart: '3 ngon'."""
    return [f"{k} {tok}" for k, tok in enumerate(tokens, start=1)]


def _title(text: str) -> dict:
    """A chart title kept inside the figure's own top margin, left-aligned on the figure's
    edge (on the plot area's, long tick labels pushed it off the right edge at 800 px)."""
    return {
        "text": text,
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1,
        "yanchor": "top",
        "yref": "container",
        "pad": {"t": 8, "l": 10},
    }


def _layout(fig: go.Figure, height: int, top: int = 40, **kw) -> go.Figure:
    """Height, font and tight margins; axis titles and tick labels push the margins out."""
    margin = {"l": 10, "r": 10, "t": top, "b": 10}
    fig.update_layout(height=height, font_size=FONT, margin=margin, **kw)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def prefix_figure(tokens: list[str], p_prefix: list[float], lang: str) -> go.Figure:
    """P(positive) after each token read, with the 0.5 decision line; built in one
    go.Figure call (every new review redraws it)."""
    line = dict(
        type="scatter",
        x=token_axis(tokens),
        y=p_prefix,
        mode="lines+markers",
        line={"color": "#1c7ed6", "width": 3},
        hovertemplate="%{x}<br>P(positive) = %{y:.3f}<extra></extra>",
    )
    layout = dict(
        height=340,
        font={"size": FONT},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        # A category axis: Plotly shows as many token labels as the width allows, tilted.
        xaxis={
            "type": "category",
            "title": {"text": t("sentiment.fig.tokens_read", lang)},
            "tickangle": -60,
            "automargin": True,
        },
        yaxis={
            "title": {"text": "P(positive)"},
            "range": [0, 1],
            "tickvals": [0, 0.5, 1],
            "automargin": True,
        },
        shapes=[
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": 0.5,
                "y1": 0.5,
                "line": {"dash": "dash", "color": "#868e96"},
            }
        ],
    )
    return go.Figure(data=[line], layout=readable_layout(layout, [line]))


def _heat_row(
    g: str,
    z: np.ndarray,
    x: list[str],
    y: list[str],
    k: int,
    top: float,
    row_h: float,
    zrange: tuple[float, float],
    unit: str,
) -> dict:
    """Map g (rows, T) as the k-th heat map, its colour bar level with it."""
    scale, bar = _COLOR[g]
    return dict(
        type="heatmap",
        z=z.astype(np.float32),  # float32 halves the bytes sent
        x=x,
        y=y,
        xaxis=f"x{k}",
        yaxis=f"y{k}",
        colorscale=scale,
        zmin=zrange[0],
        zmax=zrange[1],
        # one colour bar per row, level with it: one narrow column, none side by side
        colorbar={
            "title": {"text": bar},
            "len": row_h,
            "y": top - row_h / 2,
            "thickness": 10,
            "x": 1.0,
            "xpad": 4,
        },
        hovertemplate=f"{g} = %{{z:.3f}}<br>token %{{x}} · {unit} %{{y}}<extra></extra>",
    )


def gates_figure(
    tokens: list[str],
    maps: dict[str, np.ndarray],
    unit: np.ndarray,
    lang: str,
    rows: np.ndarray | None = None,
    words: list[int] | None = None,
) -> go.Figure:
    """Heat maps (units x T tokens), one row each, in the order of maps: an LSTM's i, f, g,
    o and cell state c, or an RNN's hidden state h alone (it has no gates).

    unit: the model's unit number of each row of the maps. rows: only these rows, top to
    bottom, each labelled with its unit number (None: all H, in the maps' order). words:
    token positions outlined in every map. The layout is written out as one dict (rows
    stacked by hand, x axes shared): Plotly's make_subplots and per-row updates cost more
    than the 5 x H x T numbers themselves.
    """
    n, gap = len(maps), 0.045
    row_h = (1 - gap * (n - 1)) / n
    x = token_axis(tokens)
    focus = rows is not None
    rows = np.arange(len(unit)) if rows is None else np.asarray(rows)
    y = [str(u) for u in np.asarray(unit)[rows]]  # hover and ticks name the unit, not the row
    # c is unbounded: scale to its 98th percentile so a few large units do not wash out the rest
    c_max = float(np.percentile(np.abs(maps["c"]), 98)) or 1.0 if "c" in maps else 1.0
    limits = {**dict.fromkeys("ifo", (0, 1)), "g": (-1, 1), "h": (-1, 1), "c": (-c_max, c_max)}
    unit_word = t("sentiment.fig.unit", lang)
    traces, layout = [], {"annotations": [], "shapes": []}
    for k, (g, z) in enumerate(maps.items(), start=1):
        top = 1 - (k - 1) * (row_h + gap)  # the row's top edge, in paper coordinates
        traces.append(_heat_row(g, z[rows], x, y, k, top, row_h, limits[g], unit_word))
        suffix = "" if k == 1 else str(k)
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{k}",
            "type": "category",
            "matches": None if k == 1 else "x",
            "showticklabels": k == n,
            "tickangle": -60,
            "automargin": True,
        }
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{k}",
            "domain": [max(0.0, top - row_h), min(1.0, top)],  # rounding must not leave [0, 1]
            "type": "category",
            "title": {"text": unit_word},
            "showticklabels": focus,
            "automargin": True,
            "dtick": 1,  # every unit named: Plotly skips some
            "autorange": "reversed" if focus else True,
        }
        for w in words or []:  # the decisive words: an outline on every map
            layout["shapes"].append(
                {
                    "type": "rect",
                    "xref": f"x{suffix}",
                    "yref": f"y{suffix} domain",
                    "x0": w - 0.5,
                    "x1": w + 0.5,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "black", "width": 2},
                }
            )
        layout["annotations"].append(
            {
                "text": t(f"sentiment.gate.{g}", lang),
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                "y": top,
                "yanchor": "bottom",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": FONT},
            }
        )
    # a unit's row as tall as its 14 px label; LSTM, 8 units: 880 px; all 128: 1100 px
    height = min(1100, 200 + n * 17 * len(rows))
    layout.update(height=height, font={"size": FONT}, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return go.Figure(data=traces, layout=readable_layout(layout, traces))


def split_figure(by_label: dict, lang: str) -> go.Figure:
    """How many reviews got each label, and how many none."""
    keys = ["positive", "negative", None]
    names = [t(f"sentiment.label.{k or 'none'}", lang) for k in keys]
    counts = [by_label.get(k, 0) for k in keys]
    bars = go.Bar(x=names, y=counts, text=counts, marker_color=[POS, NEG, "#adb5bd"])
    bars.marker.pattern.shape = ["", NEG_PATTERN, ""]
    fig = go.Figure(bars)
    return readable(_layout(fig, 330, title=_title(t("sentiment.fig.split", lang))))


def histogram_figure(bin_edges: np.ndarray, bin_counts: np.ndarray, lang: str) -> go.Figure:
    """Bars of P(positive) over the classified reviews, green past the 0.5 line."""
    mids = (bin_edges[:-1] + bin_edges[1:]) / 2
    fig = go.Figure(
        go.Bar(
            x=mids,
            y=bin_counts,
            width=np.diff(bin_edges) * 0.95,
            marker_color=[POS if m >= 0.5 else NEG for m in mids],
            marker_pattern_shape=["" if m >= 0.5 else NEG_PATTERN for m in mids],
        )
    )
    _layout(fig, 330, title=_title(t("sentiment.fig.dist", lang)))
    fig.update_xaxes(range=[0, 1], title_text="P(positive)")
    fig.update_yaxes(title_text=t("sentiment.fig.reviews", lang))
    return readable(fig)


def confusion_figure(confusion: np.ndarray, lang: str) -> go.Figure:
    """The 2x2 validation confusion matrix, counts written in the cells."""
    fig = go.Figure(
        go.Heatmap(
            z=confusion,
            x=[t("sentiment.fig.pred_neg", lang), t("sentiment.fig.pred_pos", lang)],
            y=[t("sentiment.fig.true_neg", lang), t("sentiment.fig.true_pos", lang)],
            text=[[f"{v:,}" for v in row] for row in confusion],
            texttemplate="%{text}",
            textfont={"size": 20},
            colorscale="Blues",
            showscale=False,
        )
    )
    return readable(
        _layout(
            fig, 330, title=_title(t("sentiment.fig.confusion", lang)), yaxis_autorange="reversed"
        )
    )


CURVES = (  # metadata curve key, colour, dash, marker; train_loss goes on the left axis
    ("val_accuracy", "#1c7ed6", "solid", "square"),
    ("val_accuracy_no_diacritics", "#74c0fc", "dash", "diamond"),
)


def curves_figure(curves: list[dict], best_epoch: int | None, lang: str) -> go.Figure:
    """Training loss (left axis) and validation accuracies (right axis) per epoch."""
    ep = [c.get("epoch") for c in curves]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Scatter(
            x=ep,
            y=[c.get("train_loss") for c in curves],
            name=t("sentiment.curve.train_loss", lang),
            mode="lines+markers",
            line={"color": "#e8590c", "width": 3, "dash": "dot"},
            marker={"symbol": "circle", "size": 8},
        ),
        secondary_y=False,
    )
    for k, color, dash, symbol in CURVES:
        if any(c.get(k) is not None for c in curves):
            fig.add_trace(
                go.Scatter(
                    x=ep,
                    y=[c.get(k) for c in curves],
                    name=t(f"sentiment.curve.{k}", lang),
                    mode="lines+markers",
                    line={"color": color, "width": 3, "dash": dash},
                    marker={"symbol": symbol, "size": 8},
                ),
                secondary_y=True,
            )
    if best_epoch is not None:
        fig.add_vline(x=best_epoch, line_dash="dash", annotation_text=t("sentiment.fig.best", lang))
    _layout(fig, 420, top=20, legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0})
    fig.update_xaxes(title_text="epoch", dtick=1)
    fig.update_yaxes(title_text="loss", secondary_y=False)
    # A short right-hand title (the legend says which accuracy) and percent ticks, not
    # Plotly's "0.89449": "độ chính xác (validation)" beside long ticks ran off the edge.
    fig.update_yaxes(
        title_text=t("sentiment.col.accuracy", lang), tickformat=".1%", secondary_y=True
    )
    return readable(fig)


def shares_figure(tokens: list[str], shares: list[float], lang: str) -> go.Figure:
    """The bag's logit, token by token: each read token's exact share (term / T)."""
    x = token_axis(tokens)
    fig = go.Figure(
        go.Bar(
            x=x,
            y=shares,
            marker_color=[POS if v >= 0 else NEG for v in shares],
            marker_pattern_shape=["" if v >= 0 else NEG_PATTERN for v in shares],
            hovertemplate="%{x}<br>%{y:+.3f}<extra></extra>",
        )
    )
    _layout(fig, 320, top=10)
    fig.update_xaxes(
        type="category",
        title_text=t("sentiment.fig.tokens_read", lang),
        tickangle=-60,
    )
    fig.update_yaxes(title_text=t("sentiment.fig.share", lang), zeroline=True)
    return readable(fig)


def _name(model: str, lang: str) -> str:
    return t(f"sentiment.name.{model}", lang)


def length_figure(by_length: dict[str, list[dict]], lang: str) -> go.Figure:
    """Validation accuracy per review-length bucket, one line per model."""
    fig = go.Figure()
    for model, rows in by_length.items():
        rows = [r for r in rows if r.get("accuracy") is not None]
        fig.add_trace(
            go.Scatter(
                x=[r["bucket"] for r in rows],
                y=[r["accuracy"] for r in rows],
                customdata=[r["n"] for r in rows],
                mode="lines+markers",
                name=_name(model, lang),
                line={"color": MODEL_COLORS.get(model), "width": 3, "dash": MODEL_DASH.get(model)},
                marker={"symbol": MODEL_SYMBOL.get(model), "size": 9},
                hovertemplate="%{x}: %{y:.1%} (n = %{customdata:,})<extra></extra>",
            )
        )
    _layout(fig, 360, top=10, legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    fig.update_xaxes(type="category", title_text=t("sentiment.fig.length_bucket", lang))
    fig.update_yaxes(title_text=t("sentiment.fig.accuracy", lang), tickformat=".0%")
    return readable(fig)


def reliability_figure(reliability: dict[str, list[dict]], lang: str) -> go.Figure:
    """Per bin of P(positive): the share truly positive against the mean P, per model."""
    fig = go.Figure(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name=t("sentiment.fig.ideal", lang),
            line={"color": "#868e96", "dash": "longdash"},
            hoverinfo="skip",
        )
    )
    for model, rows in reliability.items():
        rows = [r for r in rows if r.get("n")]
        fig.add_trace(
            go.Scatter(
                x=[r["mean_p"] for r in rows],
                y=[r["positive_share"] for r in rows],
                customdata=[r["n"] for r in rows],
                mode="lines+markers",
                name=_name(model, lang),
                line={"color": MODEL_COLORS.get(model), "width": 2, "dash": MODEL_DASH.get(model)},
                marker={"symbol": MODEL_SYMBOL.get(model), "size": 9},
                hovertemplate="P = %{x:.2f} → %{y:.1%} (n = %{customdata:,})<extra></extra>",
            )
        )
    _layout(fig, 380, top=10, legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    fig.update_xaxes(range=[0, 1], title_text=t("sentiment.fig.mean_p", lang))
    fig.update_yaxes(
        range=[0, 1], title_text=t("sentiment.fig.positive_share", lang), tickformat=".0%"
    )
    return readable(fig)


def challenge_figure(challenge: dict[str, dict[str, dict]], lang: str) -> go.Figure:
    """Challenge-set accuracy per category (rows), one bar per model."""
    fig = go.Figure()
    for model, per in challenge.items():
        cats = list(per)
        names = [
            t(f"sentiment.challenge.{c}", lang) if f"sentiment.challenge.{c}" in CATALOG else c
            for c in cats
        ]
        fig.add_trace(
            go.Bar(
                y=names,
                x=[per[c]["accuracy"] for c in cats],
                orientation="h",
                customdata=[per[c]["n"] for c in cats],
                name=_name(model, lang),
                marker_color=MODEL_COLORS.get(model),
                marker_pattern_shape=MODEL_PATTERN.get(model),
                hovertemplate="%{y}: %{x:.0%} (n = %{customdata})<extra></extra>",
            )
        )
    _layout(
        fig,
        420,
        top=10,
        barmode="group",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title_text=t("sentiment.col.accuracy", lang))
    fig.update_yaxes(autorange="reversed")
    return readable(fig)
