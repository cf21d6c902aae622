"""The Inside the LSTM page through the real app (AppTest), both languages: every widget
driven, and what the page shows held to core's own answer for the same inputs."""

from __future__ import annotations

import pytest

from core.inside.rank import CONTRAST, CRITERIA, NEGATION
from core.inside.run import Intervention, run
from core.inside.select import select_units
from core.inside.trace import read_review
from core.sentiment import load_model
from tests.support.apptest import open_page
from tests.support.lang import other_language, visible_text
from ui.i18n import t
from ui.inside.controls import FIRST, span_key
from ui.inside.tables import MEASURE

PAGE = "pages/inside.py"


@pytest.fixture(scope="module")
def lstm():
    return load_model(name="lstm")


def _texts(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "html"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def _healthy(at):
    assert not at.exception, at.exception
    return at


def _span(at, tokens):
    return at.select_slider(key=span_key(tokens))


def _selected_line(at, lang):
    """The markdown saying how many units the span selects, or None."""
    head = t("inside.selected", lang, n="{n}", state="{s}", threshold="{t}").split("{n}")[0]
    return next((m.value for m in at.markdown if m.value.startswith(head)), None)


def _allowed(at, text: str) -> str:
    """Review words the page quotes: the review, the validation reviews' windows (in HTML),
    the token options, the cue words and the intro's quoted examples."""
    html = "\n".join(str(h.value) for h in at.html)
    options = "\n".join(str(o) for w in at.select_slider for o in w.options)
    return "\n".join([text, html, options, *NEGATION, *CONTRAST, "không tệ nhưng"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_opens_on_the_first_contrast_word_and_selects_what_core_selects(lang, lstm):
    at = _healthy(open_page(PAGE, lang=lang))
    assert at.title[0].value == t("inside.title", lang)
    r = read_review(lstm, FIRST)
    k = r.tokens.index("nhưng")
    assert _span(at, r.tokens).value == (k, k + 1)
    sel = select_units(r.run.h, k, k + 2, 0.3)
    if len(sel.units):
        state = t("inside.state.h", lang)
        expect = t("inside.selected", lang, n=len(sel.units), state=state, threshold="0.30")
        assert _selected_line(at, lang) == expect
        assert at.multiselect(key="inside_units").value == sel.units[:6].tolist()
    assert len(at.get("plotly_chart")) == (2 if len(sel.units) else 0)
    assert [tab.label for tab in at.tabs] == [t(f"inside.rank.{c}", lang) for c in CRITERIA]
    assert other_language(visible_text(at), lang, allowed=_allowed(at, FIRST)) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_span_state_and_threshold_change_the_selection_as_core_does(lang, lstm):
    at = _healthy(open_page(PAGE, lang=lang))
    r = read_review(lstm, FIRST)
    k = r.tokens.index("không")
    _span(at, r.tokens).set_value((k, k + 1))
    at.radio(key="inside_state").set_value("c")
    at.slider(key="inside_threshold").set_value(0.1)
    _healthy(at.run())
    sel = select_units(r.run.c, k, k + 2, 0.1)
    state = t("inside.state.c", lang)
    if len(sel.units):
        expect = t("inside.selected", lang, n=len(sel.units), state=state, threshold="0.10")
        assert _selected_line(at, lang) == expect
    else:
        assert at.warning[0].value == t("inside.none_selected", lang, state=state, threshold="0.10")
    # A threshold nothing reaches: no unit, and the page says so and what to do.
    at.slider(key="inside_threshold").set_value(1.5)
    at.radio(key="inside_state").set_value("h")  # |h| < 1
    _healthy(at.run())
    assert t("inside.none_selected", lang, state=t("inside.state.h", lang), threshold="1.50") in [
        w.value for w in at.warning
    ]
    assert t("inside.match.need_units", lang) in [c.value for c in at.caption]
    assert other_language(visible_text(at), lang, allowed=_allowed(at, FIRST)) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["h", "c", "f1", "f0", "i0"])
def test_every_intervention_says_what_cores_run_gives(lang, kind, lstm):
    at = _healthy(open_page(PAGE, lang=lang))
    r = read_review(lstm, FIRST)
    units = [3, 17, 40]
    at.multiselect(key="inside_units").set_value(units)
    at.radio(key="inside_kind").set_value(kind)
    at.select_slider(key="inside_from").set_value(2)
    _healthy(at.run())
    value = {"f1": 1.0, "f0": 0.0, "i0": 0.0}.get(kind, 0.0)
    if kind in ("h", "c"):
        value = 0.5
        at.slider(key=f"inside_value_{kind}").set_value(value)
        _healthy(at.run())
    after = run(lstm.weights(), r.analysis.ids, Intervention(2, tuple(units), kind[0], value))
    before, end = float(r.run.p[-1]), float(after.p[-1])
    flipped = (before >= 0.5) != (end >= 0.5)
    key = "inside.intervene.flip" if flipped else "inside.intervene.same"
    expect = t(key, lang, before=f"{before:.3f}", after=f"{end:.3f}")
    assert expect in [m.value for m in at.markdown]
    assert len(at.get("plotly_chart")) >= 1
    # No unit chosen: no run, and the page asks for one.
    at.multiselect(key="inside_units").set_value([])
    _healthy(at.run())
    assert t("inside.intervene.no_units", lang) in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_review_moves_the_span_and_a_blank_one_asks_for_text(lang, lstm):
    at = _healthy(open_page(PAGE, lang=lang))
    text = "Phở ở đây ngon nhưng phục vụ chậm"
    at.text_area(key="inside_text").set_value(text)
    _healthy(at.run())
    r = read_review(lstm, text)
    k = r.tokens.index("nhưng")
    assert _span(at, r.tokens).value == (k, k + 1)
    assert _span(at, r.tokens).options[k] == f"{k + 1} · nhưng"
    at.text_area(key="inside_text").set_value("ngon")  # one token: a span of one
    _healthy(at.run())
    assert _span(at, ["ngon"]).value == (0, 0)
    at.text_area(key="inside_text").set_value("   ")
    _healthy(at.run())
    assert [i.value for i in at.info] == [t("inside.empty", lang)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rankings_show_five_units_per_question_and_say_whether_one_is_clean(lang):
    at = _healthy(open_page(PAGE, lang=lang))

    tables = list(at.dataframe)[-4:]  # after the selected units' table, one per tab
    for table, c in zip(tables, CRITERIA, strict=True):
        df = table.value
        assert len(df) == 5
        assert t(f"inside.col.{MEASURE[c]}", lang) in df.columns
    said = _texts(at)
    for c in CRITERIA:
        clean = t(f"inside.rank.{c}.clean", lang, unit="{u}", score="{s}").split("{u}")[0]
        none = t(f"inside.rank.{c}.not_clean", lang, score="{s}", bar="{b}").split("{s}")[0]
        assert clean in said or none in said, c


def test_the_sentiment_page_and_this_one_share_one_loaded_lstm(monkeypatch):
    """A class opens both pages: the LSTM's ONNX session is loaded once per process, not
    once per page (ui/pool.shipped_model)."""
    import streamlit as st

    import core.sentiment as sentiment

    real, loads = sentiment.load_model, []

    def counted(models_dir=None, *, name="lstm"):
        loads.append(name)
        return real(models_dir, name=name)

    st.cache_resource.clear()
    monkeypatch.setattr(sentiment, "load_model", counted)
    at = open_page("pages/sentiment.py", lang="en")
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert t("inside.title", "en") in [h.value for h in at.title]
    assert loads.count("lstm") == 1


def _query(at) -> dict[str, str]:
    """The address the browser shows, as a link copied from it gives it to a fresh browser."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def _charts(at) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_link_reopens_the_same_intervention_and_chart(lang, lstm):
    at = _healthy(open_page(PAGE, lang=lang))
    assert "inside_units" not in at.query_params  # the selection's own units: no need
    at.multiselect(key="inside_units").set_value([3, 17, 42])
    at.radio(key="inside_kind").set_value("f0")
    at.select_slider(key="inside_from").set_value(4)
    _healthy(at.run())
    query = _query(at)
    assert query["inside_units"] == "3,17,42" and query["inside_from"] == "5"  # as shown
    assert query["inside_kind"] == "f0"
    fresh = _healthy(open_page(PAGE, lang=lang, query=query))
    assert fresh.multiselect(key="inside_units").value == [3, 17, 42]
    assert fresh.select_slider(key="inside_from").value == 4
    assert fresh.radio(key="inside_kind").value == "f0"
    assert _charts(fresh) == _charts(at)
    assert _query(fresh) == query
    # No unit chosen is a state of its own, and a link keeps it too.
    at.multiselect(key="inside_units").set_value([])
    _healthy(at.run())
    assert _query(at)["inside_units"] == ""
    fresh = _healthy(open_page(PAGE, lang=lang, query=_query(at)))
    assert fresh.multiselect(key="inside_units").value == []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("units", ["3,x", "3,3", "9999", "-1"])
def test_a_broken_units_link_falls_back_to_the_selection(lang, units, lstm):
    plain = _healthy(open_page(PAGE, lang=lang))
    at = _healthy(open_page(PAGE, lang=lang, query={"inside_units": units, "inside_from": "99"}))
    assert at.multiselect(key="inside_units").value == plain.multiselect(key="inside_units").value
    assert at.select_slider(key="inside_from").value == plain.select_slider(key="inside_from").value
    assert "inside_units" not in at.query_params and "inside_from" not in at.query_params


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_span_is_in_the_link_by_its_token_positions(lang, lstm):
    """?inside_span=4-6: short, the same in both languages, and a fresh page opens it."""
    tokens = read_review(lstm, FIRST).tokens
    at = _healthy(open_page(PAGE, lang=lang))
    default = _span(at, tokens).value
    assert "inside_span" not in at.query_params  # the review's own span: no need
    _span(at, tokens).set_value((2, 4))
    _healthy(at.run())
    assert _query(at)["inside_span"] == "3-5"
    fresh = _healthy(open_page(PAGE, lang=lang, query=_query(at)))
    assert _span(fresh, tokens).value == (2, 4)
    assert _selected_line(fresh, lang) == _selected_line(at, lang)
    for broken in ("5-3", "0-2", f"1-{len(tokens) + 1}", "x"):
        odd = _healthy(open_page(PAGE, lang=lang, query={"inside_span": broken}))
        assert _span(odd, tokens).value == default
        assert "inside_span" not in odd.query_params
