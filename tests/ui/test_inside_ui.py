"""The Inside page's figures, markup and tables without a page: what they draw, escaping,
both languages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from core.inside.match import Match
from core.inside.rank import CRITERIA, Ranking, Spot
from core.inside.select import Selection
from ui.i18n import t
from ui.inside import figures, markup, tables

TOKENS = ["quán", "ngon", "<b>nhưng</b>", "đắt", "quá"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_units_figure_draws_each_chosen_unit_with_the_span_and_threshold(lang):
    state = np.arange(5 * 8, dtype=float).reshape(5, 8) / 40  # (T, H)
    fig = figures.units_figure(TOKENS, state, np.array([6, 2]), (2, 4), 0.35, "h", lang)
    assert [tr.name for tr in fig.data] == [t("inside.fig.unit", lang, unit=u) for u in (6, 2)]
    np.testing.assert_allclose(fig.data[0].y, state[:, 6], rtol=1e-6)
    assert list(fig.data[0].x) == ["1 quán", "2 ngon", "3 <b>nhưng</b>", "4 đắt", "5 quá"]
    band, line = fig.layout.shapes
    assert (band.x0, band.x1) == (1.5, 3.5)  # tokens 3 and 4, centred on 2 and 3
    assert line.y0 == line.y1 == 0.35
    assert fig.layout.yaxis.title.text == t("inside.fig.h", lang)
    many = figures.units_figure(TOKENS, state, np.arange(8), (0, 1), 0.1, "c", lang)
    assert len(many.data) == figures.MAX_LINES


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_intervention_figure_has_both_runs_and_shades_from_the_start(lang):
    fig = figures.intervention_figure(TOKENS, np.full(5, 0.2), np.full(5, 0.9), 3, lang)
    assert [tr.name for tr in fig.data] == [
        t("inside.fig.without", lang),
        t("inside.fig.with", lang),
    ]
    assert fig.data[0].line.dash != fig.data[1].line.dash
    assert fig.layout.shapes[0].x0 == 2.5 and fig.layout.shapes[0].x1 == 4.5
    assert tuple(fig.layout.yaxis.range) == (0, 1)


def test_span_markup_escapes_every_token_and_marks_the_span():
    out = markup.span_html(TOKENS, 2, 3, before=True)
    assert "<b>" not in out and "&lt;b&gt;nhưng&lt;/b&gt;" in out
    assert out.startswith("… ")
    assert out.count("<mark") == 1 and "font-weight:700" in out  # not by colour alone
    assert markup.span_html(['"x"'], 0, 0).count("&quot;") == 2


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_match_says_label_and_verdict_and_marks_its_run(lang):
    m = Match(review=4, start=7, stop=9, label=1, p=0.2, margin=0.1, first=5, window=tuple(TOKENS))
    out = markup.match_html(m, length=30, lang=lang)
    assert t("inside.label.positive", lang) in out and t("inside.label.negative", lang) in out
    assert "P(positive) = 0.20" in out
    assert out.count("<mark") == 2  # tokens 7 and 8 of the review: window positions 2, 3
    assert "&lt;b&gt;" in out and out.rstrip("</div>").endswith("…")


def test_a_spot_marks_its_token_and_shows_the_change():
    spot = Spot(review=0, start=0, stop=5, at=1, delta=-1.25, tokens=tuple(TOKENS))
    out = markup.spot_html(spot, length=5)
    assert out.count("<mark") == 1 and ">ngon</mark>" in out and "−" not in out
    assert "Δc = -1.25" in out and "…" not in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tables_in_both_languages(lang):
    sel = Selection(0, 2, 0.3, np.array([5, 1]), np.array([0.4, 0.1]))
    df = tables.selection_table(sel, lang)
    assert list(df.columns) == [t("inside.col.unit", lang), t("inside.col.margin", lang)]
    assert df.iloc[:, 0].tolist() == [5, 1] and df.iloc[0, 1] == "0.400"
    for c in CRITERIA:
        chance = 0.5 if c == "label" else 0.0
        r = Ranking(c, np.array([3, 9]), np.array([chance + 0.3, chance - 0.2]),
                    np.array([0.6, 0.4]), False, [[], []], 10)  # fmt: skip
        df = tables.ranking_table(r, lang)
        assert df.iloc[:, 0].tolist() == [3, 9]
        ways = df.iloc[:, 2].tolist()
        assert ways == [t(f"inside.way.{c}.up", lang), t(f"inside.way.{c}.down", lang)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_view_has_its_how_to_read_it(lang):
    for view in ("select", "match", "intervene", "rank"):
        text = t(f"inside.read.{view}", lang, n=600, hidden=128)
        assert len(re.findall(r"[.!?](?:\s|$)", text)) <= 2 and len(text) > 80, text
