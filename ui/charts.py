"""What every Plotly chart of the site shares, so it reads from the back of a room on a
projected 1280 x 720 page and on a phone: the smallest size of each kind of text, and the
marks that tell series apart besides their colour.

A figure builder ends with `return readable(fig)`; `text_sizes(fig)` is what the tests read.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import plotly.graph_objects as go

# The smallest size, in px, of each kind of chart text. Plotly's own default is 12 px for
# everything; a projected tick label needs more, a chart's title more still.
TITLE_PX = 17
AXIS_TITLE_PX = 15
TEXT_PX = 14  # tick labels, legend entries, notes in the plot, colour bars, numbers on bars
PLOTLY_DEFAULT_PX = 12
# Tick labels and axis titles: Streamlit's chart theme draws them in #808495, 3.7:1 on white
# (WCAG AA asks 4.5:1 of text this size). The same grey, darker: 5.5:1.
AXIS_TEXT = "#646877"

# Per series of one chart, in this order: a dash and a marker each, so a reader who cannot
# tell the colours apart still can tell the lines (and the legend names them).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")
PATTERNS = ("", "/", ".", "x", "\\")  # bars: a fill pattern does what a dash does for lines
# Points a drawn line keeps at most: about a chart's width in pixels at 1280 px, so a line
# of 5,000 training steps looks the same and its replay does not send every step each redraw.
LINE_POINTS = 600


def _axes(layout: go.Layout) -> list:
    """Every x and y axis of a layout (xaxis, xaxis2, yaxis, ...), the first two always."""
    names = {k for k in layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))}
    return [layout[k] for k in sorted(names | {"xaxis", "yaxis"})]


def _at_least(current, floor: int) -> int:
    return floor if current is None or current < floor else current


def readable(fig: go.Figure) -> go.Figure:
    """Raise every text of fig below its kind's smallest size to that size; returns fig."""
    lay = fig.layout
    lay.font.size = _at_least(lay.font.size, TEXT_PX)
    if lay.title.text:
        lay.title.font.size = _at_least(lay.title.font.size, TITLE_PX)
    for ax in _axes(lay):
        ax.tickfont.size = _at_least(ax.tickfont.size, TEXT_PX)
        ax.title.font.size = _at_least(ax.title.font.size, AXIS_TITLE_PX)
        ax.tickfont.color = ax.tickfont.color or AXIS_TEXT
        ax.title.font.color = ax.title.font.color or AXIS_TEXT
    lay.legend.font.size = _at_least(lay.legend.font.size, TEXT_PX)
    for note in lay.annotations:
        note.font.size = _at_least(note.font.size, TEXT_PX)
    for trace in fig.data:
        if "textfont" in trace and trace.textfont.size is not None:
            trace.textfont.size = _at_least(trace.textfont.size, TEXT_PX)
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = _at_least(trace.colorbar.tickfont.size, TEXT_PX)
            trace.colorbar.tickfont.color = trace.colorbar.tickfont.color or AXIS_TEXT
            trace.colorbar.title.font.color = trace.colorbar.title.font.color or AXIS_TEXT
    return fig


def _get(d: object, *path: str) -> object:
    for key in path:
        d = d.get(key) if isinstance(d, dict) else None
    return d


def _floor(d: dict, key: str, floor: int) -> None:
    """d[key]["size"] raised to floor (set when unset)."""
    font = d.setdefault(key, {})
    font["size"] = _at_least(font.get("size"), floor)


def readable_layout(layout: dict, traces: list[dict]) -> dict:
    """readable() for a figure still written as dicts, before its one go.Figure call: the
    same floors and colours, set on plain dicts (readable() assigns each through Plotly's
    validators, the largest part of a page's redraw for a big figure). Returns layout."""
    _floor(layout, "font", TEXT_PX)
    if _get(layout, "title", "text"):
        _floor(layout["title"], "font", TITLE_PX)
    for name in {k for k in layout if k.startswith(("xaxis", "yaxis"))} | {"xaxis", "yaxis"}:
        ax = layout.setdefault(name, {})
        _floor(ax, "tickfont", TEXT_PX)
        ax["tickfont"].setdefault("color", AXIS_TEXT)
        title = ax.setdefault("title", {})
        _floor(title, "font", AXIS_TITLE_PX)
        title["font"].setdefault("color", AXIS_TEXT)
    _floor(layout.setdefault("legend", {}), "font", TEXT_PX)
    for note in layout.get("annotations", []):
        _floor(note, "font", TEXT_PX)
    for trace in traces:
        if _get(trace, "textfont", "size") is not None:
            _floor(trace, "textfont", TEXT_PX)
        if "colorbar" in trace:
            bar = trace["colorbar"]
            _floor(bar, "tickfont", TEXT_PX)
            bar["tickfont"].setdefault("color", AXIS_TEXT)
            bar.setdefault("title", {}).setdefault("font", {}).setdefault("color", AXIS_TEXT)
    return layout


def thinned(x: list, y: list, at_most: int = LINE_POINTS) -> tuple[list, list]:
    """x, y with at most `at_most` points, drawn the same: the points, in order, split into
    runs, each kept as its lowest and highest point (a loss spike stays a spike), the first
    and the last point always kept. Short lines come back unchanged; None is a gap's NaN."""
    n = len(x)
    if n <= at_most:
        return list(x), list(y)
    yy = np.asarray(y, dtype=float)
    keep = {0, n - 1}
    for run in np.array_split(np.arange(n), at_most // 2 - 1):  # first and last: 2 places
        seg = yy[run]
        if np.isnan(seg).all():  # a run of gaps stays a gap
            keep.add(int(run[0]))
            continue
        keep.update((int(run[np.nanargmin(seg)]), int(run[np.nanargmax(seg)])))
    kept = sorted(keep)
    return [x[k] for k in kept], [y[k] for k in kept]


def _thin_trace(trace: dict) -> dict:
    """A line trace (no markers: each marker is a reading to keep) thinned; others as given."""
    if trace.get("mode") != "lines" or len(trace.get("x", ())) <= LINE_POINTS:
        return trace
    x, y = thinned(trace["x"], trace["y"])
    return {**trace, "x": x, "y": y}


def curves(
    traces: list[dict], title: str, x_title: str, y_title: str, x: dict, y: dict
) -> go.Figure:
    """A chart of curves against a step or an epoch, built readable in one go.Figure call:
    a replay redraws two such charts per student several times a second.
    x and y: more settings of each axis (its range, ticks). A line of more than
    LINE_POINTS points is drawn thinned()."""
    traces = [_thin_trace(tr) for tr in traces]
    layout = dict(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(title=dict(text=x_title), automargin=True, **x),
        yaxis=dict(title=dict(text=y_title), automargin=True, **y),
        height=340,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, xanchor="left"),
    )
    return go.Figure(data=traces, layout=readable_layout(layout, traces))


def text_sizes(fig: go.Figure) -> dict[str, list[float]]:
    """The size in px each kind of text of fig is drawn at, as Plotly resolves it: an unset
    size falls back on the layout's font, and that on Plotly's 12 px."""
    lay = fig.layout
    base = lay.font.size or PLOTLY_DEFAULT_PX
    out: dict[str, list[float]] = defaultdict(list)
    if lay.title.text:
        out["title"].append(lay.title.font.size or base)
    for ax in _axes(lay):
        if ax.showticklabels is not False:
            out["tick"].append(ax.tickfont.size or base)
        if ax.title.text:
            out["axis_title"].append(ax.title.font.size or base)
    if any(tr.showlegend is not False and tr.name for tr in fig.data):
        out["legend"].append(lay.legend.font.size or base)
    for note in lay.annotations:
        out["annotation"].append(note.font.size or base)
    for trace in fig.data:
        if "colorbar" in trace and trace.showscale is not False and trace.type == "heatmap":
            out["colorbar"].append(trace.colorbar.tickfont.size or base)
        if "textfont" in trace and (getattr(trace, "text", None) is not None):
            out["trace_text"].append(trace.textfont.size or base)
    return dict(out)


def axis_colours(fig: go.Figure) -> set[str | None]:
    """The colours fig sets for its tick labels, axis titles and colour bars (None: unset,
    which Streamlit's theme draws in its light grey)."""
    out = set()
    for ax in _axes(fig.layout):
        out |= {ax.tickfont.color, ax.title.font.color}
    for trace in fig.data:
        if "colorbar" in trace and trace.type == "heatmap":
            out |= {trace.colorbar.tickfont.color, trace.colorbar.title.font.color}
    return out


def smallest(fig: go.Figure) -> dict[str, float]:
    """Per kind of text, the smallest size fig draws it at."""
    return {kind: min(sizes) for kind, sizes in text_sizes(fig).items()}
