"""The sentiment page's Plotly figures: traces, axis types, titles in the reader's language."""

from __future__ import annotations

import numpy as np
import pytest

from core.sentiment.card import model_card
from core.sentiment.review import EXAMPLES, review_trace
from tests.support.lang import english_strings, vietnamese_words
from ui.sentiment import figures


def _words(fig) -> str:
    """Every title, axis title, subplot title, legend name and category label of a figure."""
    lay = fig.layout
    parts = [lay.title.text or ""]
    for ax in [k for k in lay if k.startswith(("xaxis", "yaxis"))]:
        axis = lay[ax]
        parts.append(axis.title.text or "")
    parts += [a.text or "" for a in lay.annotations]
    for tr in fig.data:
        parts.append(tr.name or "")
        if tr.type == "bar" or (tr.type == "heatmap" and tr.x is not None and len(tr.x) == 2):
            parts += [str(x) for x in tr.x if isinstance(x, str)]
            parts += [str(y) for y in tr.y] if tr.type == "heatmap" else []
    return "\n".join(parts)


def _one_language(fig, lang: str) -> None:
    words = _words(fig)
    if lang == "en":
        assert vietnamese_words(words) == [], words
    else:
        assert english_strings(words, min_words=2) == [], words


@pytest.fixture(scope="module")
def trace(model):
    return review_trace(model, EXAMPLES["neg1"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_prefix_figure_is_one_line_over_a_token_category_axis(trace, lang):
    a = trace.analysis
    fig = figures.prefix_figure(trace.read_tokens, a.p_prefix, lang)
    (line,) = fig.data
    assert line.type == "scatter" and list(line.y) == a.p_prefix
    assert fig.layout.xaxis.type == "category"  # Plotly thins the labels to the width
    assert list(line.x) == [f"{k} {tok}" for k, tok in enumerate(trace.read_tokens, 1)]
    assert len(set(line.x)) == len(line.x)  # repeated tokens stay apart
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text == "P(positive)"
    assert tuple(fig.layout.yaxis.range) == (0, 1)
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin
    _one_language(fig, lang)


MAPS = ("i", "f", "g", "o", "c")  # PyTorch's gate order, then the cell state


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_gates_figure_has_a_heat_map_per_gate_each_with_its_own_bar(trace, lang):
    inside = trace.inside
    fig = figures.gates_figure(trace.read_tokens, inside.maps, inside.unit, lang)
    assert [tr.type for tr in fig.data] == ["heatmap"] * 5
    for tr, g in zip(fig.data, MAPS, strict=True):
        np.testing.assert_allclose(tr.z, inside.maps[g].astype(np.float32))
        assert tr.colorbar.x == 1.0  # one narrow column of bars, not three side by side
    assert [tr.zmin for tr in fig.data[:4]] == [0, 0, -1, 0]
    assert fig.data[4].zmax == -fig.data[4].zmin > 0
    assert [a.text for a in fig.layout.annotations][:5] == [
        figures.t(f"sentiment.gate.{g}", lang) for g in MAPS
    ]
    # the bars sit level with their rows, top to bottom, without overlapping
    ys = [tr.colorbar.y for tr in fig.data]
    assert ys == sorted(ys, reverse=True)
    assert all(
        a.colorbar.y - a.colorbar.len / 2 >= b.colorbar.y + b.colorbar.len / 2 - 1e-9
        for a, b in zip(fig.data, fig.data[1:], strict=False)
    )
    assert all(fig.layout[f"xaxis{k}"].type == "category" for k in ("", "2", "3", "4", "5"))
    _one_language(fig, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bulk_figures_count_what_they_are_given(lang):
    fig = figures.split_figure({"positive": 3, "negative": 1, None: 2}, lang)
    (bar,) = fig.data
    assert list(bar.y) == [3, 1, 2] and len(bar.x) == 3 and fig.layout.title.text
    _one_language(fig, lang)
    edges = np.linspace(0, 1, 11)
    counts = np.arange(10)
    fig = figures.histogram_figure(edges, counts, lang)
    (bar,) = fig.data
    assert list(bar.y) == list(counts) and fig.layout.xaxis.title.text == "P(positive)"
    assert fig.layout.title.text and fig.layout.yaxis.title.text
    _one_language(fig, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_card_figures_draw_the_shipped_metadata(zoo, lang):
    card = model_card(zoo.metadata, zoo.models_dir, zoo.name)
    fig = figures.confusion_figure(card.confusion, lang)
    (heat,) = fig.data
    assert heat.type == "heatmap" and np.array_equal(heat.z, card.confusion)
    assert fig.layout.title.text and fig.layout.yaxis.autorange == "reversed"
    _one_language(fig, lang)
    fig = figures.curves_figure(card.curves, card.best_epoch, lang)
    logged = [k for k, *_ in figures.CURVES if any(k in c for c in card.curves)]
    assert len(fig.data) == 1 + len(logged)  # loss + every accuracy the run logged
    assert [list(tr.x) for tr in fig.data][0] == [c["epoch"] for c in card.curves]
    assert fig.layout.xaxis.title.text == "epoch" and fig.layout.yaxis2.title.text
    # percent ticks on the right, not Plotly's "0.89449": long ticks pushed its title out
    assert fig.layout.yaxis2.tickformat == ".1%" and fig.layout.yaxis2.automargin
    assert fig.layout.legend.orientation == "h"
    assert "val_accuracy" not in _words(fig)  # metadata keys never reach the legend
    _one_language(fig, lang)


def test_charts_are_drawn_without_the_mode_bar():
    """The toolbar covered chart titles at phone width."""
    assert figures.CONFIG["displayModeBar"] is False


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_gates_focus_draws_the_chosen_units_named_by_unit_and_outlines_the_words(trace, lang):
    inside = trace.inside
    f = inside.focus
    fig = figures.gates_figure(trace.read_tokens, inside.maps, inside.unit, lang, f.rows, f.words)
    ids = [str(u) for u in f.units]
    unit = figures.t("sentiment.fig.unit", lang)
    for tr, g in zip(fig.data, MAPS, strict=True):
        np.testing.assert_allclose(tr.z, inside.maps[g][f.rows].astype(np.float32))
        assert list(tr.y) == ids  # rows are the model's unit numbers, not 0..7
        assert f"{unit} %{{y}}" in tr.hovertemplate and "%{y}" in tr.hovertemplate
    for k in ("", "2", "3", "4", "5"):
        ax = fig.layout[f"yaxis{k}"]
        assert ax.type == "category" and ax.showticklabels and ax.autorange == "reversed"
    # every map outlines the decisive words' columns
    shapes = fig.layout.shapes
    assert len(shapes) == 5 * len(f.words)
    assert sorted({(s.x0 + s.x1) / 2 for s in shapes}) == sorted(f.words)
    assert {s.yref for s in shapes} == {f"y{k} domain" for k in ("", "2", "3", "4", "5")}
    _one_language(fig, lang)
    whole = figures.gates_figure(trace.read_tokens, inside.maps, inside.unit, lang)
    assert fig.layout.height < whole.layout.height == 1100
    # all units: every row, still named by unit (hover), ticks hidden
    assert list(whole.data[0].y) == [str(u) for u in inside.unit]
    assert not whole.layout.yaxis.showticklabels and whole.layout.shapes == ()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rnn_map_is_its_hidden_state_alone(lang):
    from core.sentiment import load_model

    v = review_trace(load_model(name="rnn"), EXAMPLES["neg2"])
    inside, f = v.inside, v.inside.focus
    fig = figures.gates_figure(v.read_tokens, inside.maps, inside.unit, lang, f.rows, f.words)
    (heat,) = fig.data  # no gates, no cell state: one map
    assert heat.zmin == -1 and heat.zmax == 1 and heat.colorbar.title.text == "h"
    np.testing.assert_allclose(heat.z, inside.h[f.rows], atol=1e-6)
    assert list(heat.y) == [str(u) for u in f.units]
    assert len(fig.layout.shapes) == len(f.words)
    assert fig.layout.annotations[0].text == figures.t("sentiment.gate.h", lang)
    _one_language(fig, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_bag_shares_are_one_bar_per_token_coloured_by_sign(lang):
    fig = figures.shares_figure(["ngon", "chan", "ngon"], [0.4, -0.3, 0.4], lang)
    (bar,) = fig.data
    assert list(bar.x) == ["1 ngon", "2 chan", "3 ngon"] and list(bar.y) == [0.4, -0.3, 0.4]
    assert bar.marker.color[0] == bar.marker.color[2] != bar.marker.color[1]
    assert fig.layout.xaxis.type == "category"
    _one_language(fig, lang)


LENGTH = {m: [{"bucket": "11-25", "lo": 11, "hi": 25, "n": 900, "accuracy": a},
              {"bucket": "200+", "lo": 201, "hi": None, "n": 0, "accuracy": None}]
          for m, a in (("bag", 0.81), ("rnn", 0.77), ("lstm", 0.82))}  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_zoo_figures_draw_one_trace_per_model(lang):
    fig = figures.length_figure(LENGTH, lang)
    assert [tr.name for tr in fig.data] == [figures.t(f"sentiment.name.{m}", lang) for m in LENGTH]
    assert [list(tr.y) for tr in fig.data] == [[0.81], [0.77], [0.82]]  # empty buckets left out
    _one_language(fig, lang)
    rel = {m: [{"lo": 0.0, "hi": 0.1, "n": 10, "mean_p": 0.05, "positive_share": 0.1},
               {"lo": 0.1, "hi": 0.2, "n": 0, "mean_p": None, "positive_share": None}]
           for m in LENGTH}  # fmt: skip
    fig = figures.reliability_figure(rel, lang)
    assert len(fig.data) == 1 + 3 and list(fig.data[0].x) == [0, 1]  # the diagonal first
    assert list(fig.data[1].x) == [0.05] and list(fig.data[1].y) == [0.1]
    _one_language(fig, lang)
    ch = {m: {"negation": {"n": 28, "accuracy": a}, "plain": {"n": 20, "accuracy": 1.0}}
          for m, a in (("bag", 0.5), ("lstm", 0.46))}  # fmt: skip
    fig = figures.challenge_figure(ch, lang)
    assert [list(tr.x) for tr in fig.data] == [[0.5, 1.0], [0.46, 1.0]]
    assert list(fig.data[0].y) == [figures.t("sentiment.challenge.negation", lang),
                                   figures.t("sentiment.challenge.plain", lang)]  # fmt: skip
    _one_language(fig, lang)


HALF_WIDTH_TITLE = 24  # characters: what a half-width chart's plot area holds at 800 px


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_half_width_charts_have_titles_their_plot_area_holds(zoo, lang):
    """The calibration chart's x title ("P(positive) trung bình của nhóm") was wider than
    its plot area at 800-900 px and ran off both edges; a chart title aligned on the plot
    area was pushed off the right edge by long tick labels."""
    card = model_card(zoo.metadata, zoo.models_dir, zoo.name)
    rel = {"lstm": [{"n": 10, "mean_p": 0.05, "positive_share": 0.1}]}
    ch = {"lstm": {"negation": {"n": 28, "accuracy": 0.5}}}
    half = [figures.reliability_figure(rel, lang), figures.challenge_figure(ch, lang),
            figures.confusion_figure(card.confusion, lang),
            figures.curves_figure(card.curves, card.best_epoch, lang)]  # fmt: skip
    for fig in half:
        for ax in [k for k in fig.layout if k.startswith(("xaxis", "yaxis"))]:
            title = fig.layout[ax].title.text or ""
            assert len(title) <= HALF_WIDTH_TITLE, (ax, title)
            assert fig.layout[ax].automargin, ax
    title = figures.confusion_figure(card.confusion, lang).layout.title
    assert (title.xref, title.x, title.xanchor) == ("container", 0, "left")
