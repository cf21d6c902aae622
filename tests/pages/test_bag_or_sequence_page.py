"""The bag-or-sequence page through the real app (AppTest): every control, in both languages."""

import pytest

from core.lecture.bag import MAX_WORDS
from tests.support.apptest import open_page
from tests.support.lang import other_language, visible_text
from ui.i18n import t

PAGE = "pages/bag-or-sequence.py"
# The page's tables in the order it draws them (AppTest finds dataframes by position).
FRAMES = ("vocab", "ids", "shapes", "embedding", "flatten", "bag", "rnn", "states")


def _frame(at, name: str):
    return at.dataframe[FRAMES.index(name)].value


def _verdicts(at):
    return [s.value for s in at.success], [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_slide_example_shows_only_the_bag_as_equal(lang):
    at = open_page(PAGE, lang=lang)
    assert at.title[0].value == t("bag.title", lang)
    assert [h.value for h in at.header] == [
        t("bag.index.title", lang),
        t("bag.embed.title", lang),
        t("bag.enc.title", lang),
        t("exercises.heading", lang),  # predict, then reveal
    ]
    success, warning = _verdicts(at)
    assert success == [t("bag.same", lang)]
    assert warning == [
        t("bag.differ", lang, count=6, total=9),
        t("bag.differ", lang, count=2, total=2),
    ]
    ids = _frame(at, "ids")
    assert ids.values.tolist() == [[2, 4, 3], [3, 4, 2]]  # slide 24
    assert at.info[0].value == t("bag.verdict.reordered", lang)
    assert other_language(visible_text(at), lang) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_control(lang):
    at = open_page(PAGE, lang=lang)
    typed = "the old dog bites the man"
    at.text_input(key="bag.a").set_value(typed).run()
    success, warning = _verdicts(at)
    assert len(success) == 1 and len(warning) == 2  # reversed: still the same words
    assert _frame(at, "ids").shape == (2, 6)

    at.radio(key="bag.mode").set_value("free").run()
    at.text_input(key="bag.b").set_value("a man bites").run()
    assert not at.exception
    assert at.info[0].value == t("bag.verdict.other", lang)
    assert _frame(at, "ids").iloc[1].tolist()[-3:] == [0, 0, 0]  # <pad>
    captions = [c.value for c in at.caption]
    assert t("bag.pad_note", lang, M=6) in captions

    at.number_input(key="bag.seed").set_value(42).run()
    at.select_slider(key="bag.D").set_value(2).run()
    at.select_slider(key="bag.H").set_value(3).run()
    assert _frame(at, "embedding").shape[1] == 2
    assert len(_frame(at, "rnn")) == 3
    assert len(_frame(at, "flatten")) == 6 * 2

    at.toggle(key="bag.cap").set_value(True).run()
    at.number_input(key="bag.V").set_value(4).run()
    vocab = _frame(at, "vocab")
    assert len(vocab) == 4
    # V = 4 keeps the, a: old, dog, bites, man in A and man, bites in B become <unk>
    assert t("bag.unk_note", lang, count=6) in [c.value for c in at.caption]
    assert not at.exception
    assert other_language(visible_text(at), lang, allowed=typed + " a man bites") == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bad_sentences_are_explained_in_the_readers_language(lang):
    at = open_page(PAGE, lang=lang)
    at.text_input(key="bag.a").set_value("   ").run()
    assert [e.value for e in at.error] == [t("error.bag_empty", lang, n=1)]
    at.text_input(key="bag.a").set_value("w " * (MAX_WORDS + 1)).run()
    assert [e.value for e in at.error] == [t("error.bag_too_long", lang, n=1, most=MAX_WORDS)]
    assert not at.exception
    assert other_language(visible_text(at), lang) == []


def test_typed_markup_stays_text_in_the_chips():
    at = open_page(PAGE, lang="en")
    typed = "<script>alert(1)</script> ![x](http://127.0.0.1:9/x.png) [a](javascript:alert(1)) dog"
    at.text_input(key="bag.a").set_value(typed).run()
    # The chips go through st.html (no Markdown parsing), never st.markdown with raw HTML.
    chips = [h.proto.body for h in at.get("html") if "→" in h.proto.body]
    assert chips and all("<script>" not in c for c in chips)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in c for c in chips)
    assert not [m.value for m in at.markdown if "→" in m.value]
