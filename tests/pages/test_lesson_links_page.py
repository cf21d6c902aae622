"""Lesson links through the real app (AppTest), in both languages: ?slide=N and its controls,
widgets opened from their address, projector mode."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import TIMEOUT, open_page
from tests.support.lang import other_language, visible_text
from tests.support.paths import APP
from ui.i18n import t

LANGS = ("vi", "en")


def _open(lang: str, **query: str) -> AppTest:
    """The app opened at an address (a link pasted into a fresh browser)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _slide_shown(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**Slide ")]


def _marked(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("👉")]


def _step(at, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_slide_44_opens_the_calculators_lstm_example_with_the_forget_gate_marked(lang):
    at = _open(lang, slide="44")
    assert at.title[0].value.endswith(t("calculator.title", lang))
    assert _slide_shown(at) == [f"**{t('slides.at', lang, n=44, last=50)}**"]
    assert at.radio(key="calc_mode").value == "lstm_slide"
    assert len(_marked(at)) == 1 and "f ·" in _marked(at)[0]
    assert other_language(visible_text(at), lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_next_and_previous_step_through_the_slides_and_across_pages(lang):
    at = _open(lang, slide="44")
    _step(at, "slide_next")
    assert _slide_shown(at) == [f"**{t('slides.at', lang, n=45, last=50)}**"]
    assert "i ·" in _marked(at)[0]
    _step(at, "slide_prev")
    _step(at, "slide_prev")
    assert _slide_shown(at) == [f"**{t('slides.at', lang, n=43, last=50)}**"]
    assert _marked(at) == []  # slide 43 gives the inputs: no line is its subject
    at = _open(lang, slide="36")
    assert at.title[0].value == t("rnn_to_lstm.title", lang)
    assert at.select_slider(key="rnn_to_lstm.stage").value == 6
    _step(at, "slide_next")  # slide 37: the forget gate's formula, on the calculator
    assert at.title[0].value.endswith(t("calculator.title", lang))
    assert "f ·" in _marked(at)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_the_walk_stops_at_either_end_of_the_lecture(lang):
    at = _open(lang, slide="3")
    assert at.button(key="slide_prev").disabled and not at.button(key="slide_next").disabled
    at = _open(lang, slide="50")
    assert at.button(key="slide_next").disabled and not at.button(key="slide_prev").disabled


@pytest.mark.parametrize("lang", LANGS)
def test_slide_3_counts_i_go_to_school_as_a_4_gram(lang):
    at = _open(lang, slide="3")
    assert at.title[0].value == t("lm.title", lang)
    assert at.radio(key="lm_n").value == 4
    assert at.text_input(key="lm_sentence").value == "i go to school"
    _step(at, "slide_next")  # slide 4: the same sentence, N = 2
    assert at.radio(key="lm_n").value == 2


@pytest.mark.parametrize("lang", LANGS)
def test_a_slides_link_copied_after_a_change_keeps_the_change(lang):
    at = _open(lang, slide="3", lm_n="3")
    assert at.radio(key="lm_n").value == 3
    assert at.text_input(key="lm_sentence").value == "i go to school"  # the rest: slide 3's
    _step(at, "slide_next")  # a step takes the next slide's own values
    assert at.radio(key="lm_n").value == 2


@pytest.mark.parametrize("lang", LANGS)
def test_slide_28_opens_the_explorer_at_half(lang):
    at = _open(lang, slide="28")
    assert at.number_input(key="scalar_w").value == 0.5


@pytest.mark.parametrize("lang", LANGS)
def test_a_demo_title_opens_its_nearest_page_with_a_note(lang):
    at = _open(lang, slide="20")
    assert [i.value for i in at.info if i.value == t("slides.note.demo_rnn", lang)]
    assert at.radio(key="calc_mode").value == "rnn_slide"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slide", ["2", "51", "abc"])
def test_a_slide_outside_the_lecture_is_ignored(lang, slide):
    at = _open(lang, slide=slide)
    assert _slide_shown(at) == [] and at.title[0].value == "LSTM Lab"


# A page's widget and a value its address may give it (not the default).
BOUND = [
    ("pages/bag-or-sequence.py", "text_input", "bag.a", "the cat sat", "the cat sat"),
    ("pages/language-model.py", "radio", "lm_n", "3", 3),
    ("pages/language-model.py", "slider", "lm_top_k", "7", 7),
    ("pages/gradients.py", "number_input", "scalar_w", "2.0", 2.0),
    ("pages/gradients.py", "slider", "bptt_scale", "1.5", 1.5),
    ("pages/rnn-to-lstm.py", "select_slider", "rnn_to_lstm.stage", "33", 3),
    ("pages/race.py", "number_input", "race_T", "20", 20),
    ("pages/train.py", "number_input", "train_seed", "3", 3),
    ("pages/sentiment.py", "text_area", "sentiment_text", "quán này ngon", "quán này ngon"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "kind", "key", "given", "value"), BOUND, ids=lambda v: str(v))
def test_a_widget_opens_with_the_value_its_address_gives(lang, page, kind, key, given, value):
    at = open_page(page, lang=lang, query={key: given})
    assert getattr(at, kind)(key=key).value == value


@pytest.mark.parametrize("lang", LANGS)
def test_a_reviews_link_is_classified_at_once(lang):
    at = open_page("pages/sentiment.py", lang=lang, query={"sentiment_text": "quán này ngon"})
    assert at.session_state["sentiment_submitted"] == "quán này ngon"  # the verdict's text
    assert all(w.value != t("sentiment.stale", lang) for w in at.warning)


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculators_rnn_example_link_is_kept(lang):
    at = open_page("pages/calculator.py", lang=lang, query={"mode": "rnn_slide"})
    assert at.radio(key="calc_mode").value == "rnn_slide"


def _styles(at) -> str:
    """The style sheets the page puts in (not the calculator's formulas, sized inline)."""
    return " ".join(h.proto.body for h in at.get("html") if h.proto.body.startswith("<style"))


@pytest.mark.parametrize("lang", LANGS)
def test_projector_mode_is_larger_and_holds_across_slides(lang):
    at = _open(lang, slide="44", present="1")
    assert "font-size:20.8px" in _styles(at)
    _step(at, "slide_next")
    assert "font-size:20.8px" in _styles(at) and at.query_params["present"] in ("1", ["1"])
    at = _open(lang, slide="44")
    assert "html{font-size" not in _styles(at)


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_too_long_for_a_link_says_so_on_its_label(lang):
    at = open_page("pages/language-model.py", lang=lang)
    box = at.text_area(key="lm_corpus")
    assert t("slides.too_long", lang) not in box.label
    box.set_value("trăm năm trong cõi người ta\n" * 100).run()
    assert at.text_area(key="lm_corpus").label.endswith(t("slides.too_long", lang))
    assert at.text_area(key="lm_corpus").value.startswith("trăm năm")  # kept all the same
