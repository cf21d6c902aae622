"""Every chart of the site, built from small real inputs without a page: its text at least
ui.charts' sizes (read from the back of a room at 1280 x 720), and its series told apart
by more than colour (a dash, a marker or a bar pattern, and a name in the legend)."""

from __future__ import annotations

import copy
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from core.classifier import Point
from core.gradients import ExplorerConfig, explore, scalar_series
from core.lecture import activations as act
from core.race import Race, RaceConfig
from ui import charts
from ui.gradients import figures as gradients
from ui.inside import figures as inside
from ui.lecture import activations as lecture
from ui.lm import neural
from ui.race import figures as race
from ui.sentiment import figures as sentiment
from ui.train import figures as train

MODELS = ("bag", "rnn", "lstm")


@pytest.fixture(scope="module")
def race_history():
    r = Race(RaceConfig(T=5, hidden_size=4, steps=6, eval_every=2, seed=1))
    list(r.run())
    return r.history


@pytest.fixture(scope="module")
def explored():
    return explore(ExplorerConfig(hidden_size=8, seq_len=40, clip=True, max_norm=0.5))


POINTS = (Point(0, 0.0, None, 0.69, 0.5), Point(10, 1.0, 0.6, 0.58, 0.71))
LM_META = {
    "epochs": [
        {"epoch": 1, "train_perplexity": 90.0, "val_perplexity_curve": 95.0},
        {"epoch": 2, "train_perplexity": 60.0, "val_perplexity_curve": 70.0},
    ],
    "config": {"training": {"curve_reviews": 500}},
    "data": {"validation_reviews": 2000},
}
TOKENS = ["quán", "ngon", "nhưng", "đắt"]
RNG = np.random.default_rng(0)
MAPS = {g: RNG.uniform(-1, 1, (8, len(TOKENS))) for g in "ifgoc"}
BY_LENGTH = {
    m: [{"bucket": b, "accuracy": 0.8, "n": 10} for b in ("1-20", "21-50")] for m in MODELS
}
RELIABILITY = {m: [{"mean_p": p, "positive_share": p, "n": 5} for p in (0.2, 0.8)] for m in MODELS}
CHALLENGE = {m: {"negation": {"accuracy": 0.7, "n": 10}} for m in MODELS}
CURVES = [
    {"epoch": e, "train_loss": 0.6 / e, "val_accuracy": 0.8, "val_accuracy_no_diacritics": 0.7}
    for e in (1, 2, 3)
]


def every_figure(lang: str, race_history, explored) -> dict[str, go.Figure]:
    """One figure from every builder of the site, by name."""
    return {
        "race.loss": race.loss_figure(race_history, 6, 4, lang),
        "race.accuracy": race.accuracy_figure(race_history, 6, 0.25, lang),
        "gradients.scalar": gradients.scalar_figure(scalar_series(1.0, 2.0, 2000), lang),
        "gradients.bptt": gradients.bptt_figure(explored, lang),
        "train.loss": train.loss_figure(POINTS, 2, lang),
        "train.accuracy": train.accuracy_figure(POINTS, 2, lang),
        "lecture.sigmoid": lecture.activation_figure(
            act.curve("sigmoid"), act.slide_markers(), lang
        ),
        "lm.next_word": neural.next_word_figure([("đi", 0.5), ("học", 0.3)], lang),
        "lm.curve": neural.curve_figure(LM_META, lang),
        "sentiment.prefix": sentiment.prefix_figure(TOKENS, [0.5, 0.7, 0.4, 0.3], lang),
        "sentiment.gates": sentiment.gates_figure(TOKENS, MAPS, np.arange(8), lang, rows=[0, 1]),
        "sentiment.split": sentiment.split_figure({"positive": 3, "negative": 2}, lang),
        "sentiment.histogram": sentiment.histogram_figure(
            np.linspace(0, 1, 5), np.array([1, 2, 3, 4]), lang
        ),
        "sentiment.confusion": sentiment.confusion_figure(np.array([[5, 1], [2, 6]]), lang),
        "sentiment.curves": sentiment.curves_figure(CURVES, 2, lang),
        "sentiment.shares": sentiment.shares_figure(TOKENS, [0.2, 0.5, -0.3, -0.1], lang),
        "sentiment.length": sentiment.length_figure(BY_LENGTH, lang),
        "sentiment.reliability": sentiment.reliability_figure(RELIABILITY, lang),
        "sentiment.challenge": sentiment.challenge_figure(CHALLENGE, lang),
        "inside.units": inside.units_figure(
            TOKENS, MAPS["c"].T, np.array([3, 0, 5]), (1, 3), 0.3, "c", lang
        ),
        "inside.intervention": inside.intervention_figure(
            TOKENS, np.array([0.5, 0.6, 0.4, 0.3]), np.array([0.5, 0.6, 0.7, 0.8]), 2, lang
        ),
    }


FLOORS = {
    "title": charts.TITLE_PX,
    "axis_title": charts.AXIS_TITLE_PX,
    "tick": charts.TEXT_PX,
    "legend": charts.TEXT_PX,
    "annotation": charts.TEXT_PX,
    "colorbar": charts.TEXT_PX,
    "trace_text": charts.TEXT_PX,
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_text_is_at_least_its_kinds_size(lang, race_history, explored):
    too_small = {}
    for name, fig in every_figure(lang, race_history, explored).items():
        sizes = charts.smallest(fig)
        assert "tick" in sizes, name  # every chart has tick labels to read
        low = {k: v for k, v in sizes.items() if v < FLOORS[k]}
        if low:
            too_small[name] = low
    assert too_small == {}


def _contrast(a: str, b: str) -> float:
    """WCAG 2.2's contrast ratio of two #rrggbb colours, from its definition."""

    def luminance(colour: str) -> float:
        c = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axis_text_is_dark_enough_on_white_and_on_the_sidebars_grey(lang, race_history, explored):
    assert _contrast("#808495", "#ffffff") < 4.5  # Streamlit's chart grey, which this replaces
    assert _contrast(charts.AXIS_TEXT, "#ffffff") >= 4.5
    assert _contrast(charts.AXIS_TEXT, "#f8f8f7") >= 4.5
    for name, fig in every_figure(lang, race_history, explored).items():
        assert charts.axis_colours(fig) == {charts.AXIS_TEXT}, name


def _look(trace) -> tuple:
    """What tells a series apart besides its colour: its dash, marker and bar pattern."""
    if trace.type == "bar":
        return ("bar", trace.marker.pattern.shape)
    marker = trace.marker.symbol if "markers" in (trace.mode or "") else None
    return (trace.line.dash or "solid", marker)


# Per chart, the series (by legend name) that stand for different things.
SERIES = {
    "race.loss": 3,
    "race.accuracy": 3,
    "train.loss": 2,
    "train.accuracy": 2,
    "lm.curve": 2,
    "sentiment.curves": 3,
    "sentiment.length": 3,
    "sentiment.reliability": 4,
    "sentiment.challenge": 3,
    "inside.units": 3,
    "inside.intervention": 2,
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_two_series_of_a_chart_differ_by_colour_alone(lang, race_history, explored):
    figs = every_figure(lang, race_history, explored)
    for name, n in SERIES.items():
        named = [tr for tr in figs[name].data if tr.name and tr.showlegend is not False]
        assert len(named) == n, name
        assert len({tr.name for tr in named}) == n, name
        looks = [_look(tr) for tr in named]
        assert len(set(looks)) == n, (name, looks)
    # the gradient explorer: the RNN's, the LSTM's and the cell state's curves, clipped or not
    curves = [tr for tr in figs["gradients.bptt"].data if tr.mode and "lines" in tr.mode]
    assert len(curves) >= 3
    assert len({_look(tr) for tr in curves}) == len(curves), [_look(tr) for tr in curves]


def test_positive_and_negative_bars_differ_by_pattern_as_well_as_colour():
    for fig in (
        sentiment.split_figure({"positive": 3, "negative": 2}, "en"),
        sentiment.histogram_figure(np.linspace(0, 1, 5), np.array([1, 2, 3, 4]), "en"),
        sentiment.shares_figure(TOKENS, [0.2, 0.5, -0.3, -0.1], "en"),
    ):
        bar = fig.data[0]
        colours, shapes = list(bar.marker.color), list(bar.marker.pattern.shape)
        pos = {s for c, s in zip(colours, shapes, strict=True) if c == sentiment.POS}
        neg = {s for c, s in zip(colours, shapes, strict=True) if c == sentiment.NEG}
        assert pos and neg and pos.isdisjoint(neg)


def test_readable_raises_small_text_and_keeps_larger_text():
    fig = go.Figure(go.Scatter(x=[1], y=[1], name="a"))
    fig.update_layout(
        title={"text": "t", "font": {"size": 30}},
        xaxis={"title": {"text": "x"}, "tickfont": {"size": 9}},
        annotations=[{"text": "n", "font": {"size": 10}, "x": 0, "y": 0}],
    )
    sizes = charts.smallest(charts.readable(fig))
    assert sizes["title"] == 30  # larger than the floor: left alone
    assert sizes["tick"] == charts.TEXT_PX and sizes["annotation"] == charts.TEXT_PX
    assert sizes["axis_title"] == charts.AXIS_TITLE_PX
    # and what text_sizes resolves for an unset size is Plotly's default, 12 px
    assert charts.smallest(go.Figure(layout={"title": {"text": "t"}}))["title"] == 12


def test_readable_layout_on_dicts_is_readable_on_the_figure():
    """The dict form (for a figure built in one call) sets exactly what readable() sets."""
    traces = [
        {"type": "heatmap", "z": [[0.1, 0.2]], "colorbar": {"title": {"text": "f"}}},
        {"type": "bar", "x": [1, 2], "y": [3, 4], "text": ["a", "b"], "textfont": {"size": 9},
         "xaxis": "x2", "yaxis": "y2"},
        {"type": "scatter", "x": [1], "y": [1], "name": "RNN"},
    ]  # fmt: skip
    layout = {
        "title": {"text": "T", "font": {"size": 12}},
        "xaxis2": {"anchor": "y2", "title": {"text": "x"}},
        "yaxis2": {"anchor": "x2", "tickfont": {"size": 20}},
        "annotations": [{"text": "note", "x": 0, "y": 1, "font": {"size": 11}}],
        "legend": {"font": {"size": 16}},
    }
    by_figure = charts.readable(go.Figure(data=copy.deepcopy(traces), layout=copy.deepcopy(layout)))
    by_dicts = go.Figure(data=traces, layout=charts.readable_layout(layout, traces))

    def spec(fig):
        return json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)

    assert spec(by_dicts) == spec(by_figure)
    assert by_dicts.layout.yaxis2.tickfont.size == 20  # a larger size is kept


def test_a_long_line_is_thinned_to_its_runs_extremes_and_keeps_its_ends():
    """5,000 noisy steps with one spike: at most LINE_POINTS points, in order, the first and
    the last kept, the spike and the lowest point kept; a short line is left as it is."""
    rng = np.random.default_rng(0)
    n = 5000
    x = list(range(1, n + 1))
    y = list(np.exp(-np.arange(n) / 800) + rng.normal(0, 0.02, n))
    y[3217] = 9.0  # one spike, as a recurrent net's loss sometimes has
    tx, ty = charts.thinned(x, y)
    assert len(tx) <= charts.LINE_POINTS and len(tx) == len(ty)
    assert tx == sorted(tx) and (tx[0], tx[-1]) == (1, n)
    assert 3218 in tx and min(ty) == min(y)
    assert all(y[k - 1] == v for k, v in zip(tx, ty, strict=True))  # kept points are real ones
    assert charts.thinned(x[:50], y[:50]) == (x[:50], y[:50])
    # a run that is all gaps stays a gap, and does not stop the line
    gaps = [None] * 2000 + [0.5] * 3000
    gx, gy = charts.thinned(list(range(5000)), gaps)
    assert gy[0] is None and gy[-1] == 0.5 and len(gx) <= charts.LINE_POINTS


def test_curves_thins_lines_but_not_marked_readings():
    n = 3000
    line = {"type": "scatter", "mode": "lines", "x": list(range(n)), "y": [1.0] * n}
    marked = {**line, "mode": "lines+markers"}
    fig = charts.curves([line, marked], "t", "x", "y", {}, {})
    assert len(fig.data[0].x) <= charts.LINE_POINTS and len(fig.data[1].x) == n
