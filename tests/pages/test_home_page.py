"""The home page and the language switch, through the real app (AppTest)."""

import pytest

from tests.support.apptest import open_page
from tests.support.lang import english_strings, vietnamese_words, visible_text
from ui.i18n import t

# The lecture's order: Part 1, Part 2, Part 3, each with its pages.
PARTS = {
    "part1": ("language_model", "bag", "calculator"),
    "part2": ("sentiment", "train"),
    "part3": ("gradients", "rnn_to_lstm", "inside", "race"),
}
CARDS = tuple(c for cards in PARTS.values() for c in cards)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_shows_the_three_parts_in_order_with_a_card_per_page(lang):
    at = open_page("pages/home.py", lang=lang)
    assert [h.value for h in at.header] == [
        *(t(f"home.{p}.title", lang) for p in PARTS),
        t("home.map.title", lang),
    ]
    assert [s.value.split(" ", 1)[1] for s in at.subheader] == [
        t(f"home.{c}.title", lang) for c in CARDS
    ]
    links = [p.proto.page for p in at.get("page_link")][: len(CARDS)]
    assert [x.split("/")[-1] for x in links] == [
        "language-model", "bag-or-sequence", "calculator", "sentiment", "train",
        "gradients", "rnn-to-lstm", "inside", "race",
    ]  # fmt: skip
    assert at.session_state["lang"] == lang and at.query_params["lang"] == lang


def test_english_home_has_no_vietnamese_word():
    text = visible_text(open_page("pages/home.py", lang="en"))
    assert "Every intermediate number" in text and "Part 3 · Why the LSTM fixes the RNN" in text
    assert vietnamese_words(text) == []


def test_vietnamese_home_has_no_english_sentence():
    text = visible_text(open_page("pages/home.py", lang="vi"))
    assert "Mọi con số trung gian" in text and "Phần 3 · Vì sao LSTM sửa được RNN" in text
    assert english_strings(text) == []


def test_a_link_without_lang_opens_in_vietnamese_and_a_foreign_one_too():
    assert open_page("pages/home.py").session_state["lang"] == "vi"
    assert open_page("pages/home.py", lang="fr").session_state["lang"] == "vi"


def test_the_switch_changes_the_language_and_the_url_and_survives_a_page_change():
    at = open_page("pages/home.py", lang="vi")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.subheader[0].value.endswith(t("home.language_model.title", "en"))
    assert at.query_params["lang"] == "en"
    at.switch_page("pages/calculator.py").run()
    at.switch_page("pages/home.py").run()
    assert at.session_state["lang"] == "en"
    assert at.subheader[0].value.endswith(t("home.language_model.title", "en"))
