"""The exercises (predict, then reveal) through the real app, in both languages: a right
answer is counted right, a miss shows the worked line for that value only, the seed in the
address is the same exercise, text that is not a number is named."""

import html

import pytest

from core.exercises.bag import bag_exercise
from core.exercises.calculator import cell_exercise
from core.exercises.lm import lm_exercise
from core.exercises.rnn_to_lstm import why_exercise
from tests.pages.test_language_model_page import SLIDE6, model_text
from tests.support.apptest import open_page
from tests.support.lang import other_language, visible_text
from ui.exercises import lines
from ui.exercises.calculator_view import label, worked
from ui.format import slide
from ui.i18n import t

SEED = 5
LANGS = ["vi", "en"]


def _typed(x: float, lang: str) -> str:
    """The number as a student of that language writes it: 0,967 (vi), 0.967 (en)."""
    text = slide(x)
    return text.replace(".", ",") if lang == "vi" else text


def _tally(at, lang, right, tried):
    assert t("exercises.tally", lang, right=right, tried=tried) in [m.value for m in at.markdown]


def _formulas(at) -> list[str]:
    """The worked lines on the page (the calculator's formula markup), unescaped."""
    return [html.unescape(h.value.split("<code>")[1].split("</code>")[0]) for h in at.html
            if "<code>" in h.value]  # fmt: skip


def _answer(at, qid: str, typed: dict[str, str]):
    for name, text in typed.items():
        at.text_input(key=f"ex_{qid}_{name}").input(text)
    at.button(key=f"ex_check_{qid}").click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_calculator_lstm_right_answers_are_counted_right(lang):
    at = open_page("pages/calculator.py", lang=lang, query={"seed": str(SEED)})
    assert at.header[-1].value == t("exercises.heading", lang)
    ex = cell_exercise("lstm", SEED)
    before = _formulas(at)
    _answer(at, "calc_lstm", {n: _typed(v, lang) for n, v in ex.expected.items()})
    _tally(at, lang, 6, 6)
    shown = [m.value.replace("\\", "") for m in at.markdown]  # typed text is escaped
    for name, v in ex.expected.items():
        want = t("exercises.right", lang, name=label(name), typed=_typed(v, lang), exact=slide(v))
        assert want in shown
    assert _formulas(at) == before  # nothing revealed
    assert other_language(visible_text(at), lang) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("missed", ["f", "g", "c", "h"])
def test_calculator_lstm_a_miss_shows_that_values_line_only(lang, missed):
    at = open_page("pages/calculator.py", lang=lang, query={"seed": str(SEED)})
    ex = cell_exercise("lstm", SEED)
    typed = {n: _typed(v, lang) for n, v in ex.expected.items()}
    typed[missed] = _typed(ex.expected[missed] + 0.2, lang)
    before = _formulas(at)
    _answer(at, "calc_lstm", typed)
    _tally(at, lang, 5, 6)
    revealed = _formulas(at)[len(before) :]
    assert revealed == list(worked(ex, missed))
    others = {line for n in ex.expected if n != missed for line in worked(ex, n)}
    assert not others & set(revealed)
    wrong = t("exercises.wrong", lang, name=label(missed), typed=typed[missed])
    assert any(m.value.replace("\\", "") == wrong for m in at.markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_calculator_rnn_steps_a_miss_shows_that_steps_lines(lang):
    at = open_page("pages/calculator.py", lang=lang, query={"seed": str(SEED), "ex_cell": "RNN"})
    assert at.radio(key="ex_cell").value == "RNN"  # a link names the cell too
    ex = cell_exercise("rnn", SEED)
    assert list(ex.expected) == ["h_1", "h_2", "h_3"]
    typed = {n: _typed(v, lang) for n, v in ex.expected.items()}
    typed["h_2"] = "9"
    before = _formulas(at)
    _answer(at, "calc_rnn", typed)
    _tally(at, lang, 2, 3)
    assert _formulas(at)[len(before) :] == list(worked(ex, "h_2"))


@pytest.mark.parametrize("lang", LANGS)
def test_text_that_is_not_a_number_is_named_and_not_counted(lang):
    at = open_page("pages/calculator.py", lang=lang, query={"seed": str(SEED)})
    ex = cell_exercise("lstm", SEED)
    _answer(at, "calc_lstm", {"f": "zero point five", "i": _typed(ex.expected["i"], lang)})
    errors = [e.value.replace("\\", "") for e in at.error]  # what was typed is escaped
    why = t("error.exercise_not_a_number", lang, text="zeropointfive")
    assert t("exercises.not_a_number", lang, name="f_t", why=why) in errors
    _tally(at, lang, 1, 1)
    _answer(at, "calc_lstm", {})  # the same answers again: counted again, as a new try
    _tally(at, lang, 2, 2)


def _tables(at) -> list:
    return [tb.value.to_dict() for tb in at.table]


def test_the_seed_in_the_address_is_the_same_exercise_and_new_changes_it():
    one = open_page("pages/calculator.py", lang="en", query={"seed": "77"})
    two = open_page("pages/calculator.py", lang="en", query={"seed": "77"})
    other = open_page("pages/calculator.py", lang="en", query={"seed": "78"})
    assert one.number_input(key="seed").value == 77
    assert _tables(one) == _tables(two) != _tables(other)
    one.button(key="ex_new_calc").click().run()
    seed = one.number_input(key="seed").value
    assert seed != 77 and one.query_params["seed"] in (str(seed), [str(seed)])
    assert _tables(one) != _tables(two)
    # the exercise shown is the new seed's: its W_x, as the calculator writes it
    w_x = cell_exercise("lstm", seed).tables.grids["W_x"]
    assert [list(r) for r in one.table[-5].value.values.tolist()] == [list(r) for r in w_x]


@pytest.mark.parametrize("lang", LANGS)
def test_language_model_right_and_wrong(lang):
    at = open_page("pages/language-model.py", lang=lang, query={"seed": str(SEED)})
    ex = lm_exercise(SEED)
    assert at.table[0].value.values.tolist() == [list(r) for r in ex.counts]
    before = _formulas(at)
    _answer(at, "lm", {"p": _typed(ex.expected["p"], lang), "pp": "1000"})
    _tally(at, lang, 1, 2)
    assert _formulas(at)[len(before) :] == list(lines.pp_lines(ex))
    _answer(at, "lm", {"p": "2", "pp": _typed(ex.expected["pp"], lang)})
    _tally(at, lang, 2, 4)
    assert _formulas(at)[len(before) :] == list(lines.p_lines(ex))
    allowed = " ".join([SLIDE6, "quán này", model_text("quán này")])
    assert other_language(visible_text(at), lang, allowed=allowed) == []


def _pick(at, qid, option):
    at.radio(key=f"ex_{qid}_pick").set_value(option)
    at.button(key=f"ex_check_{qid}").click().run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("lang", LANGS)
def test_bag_or_sequence_pick_then_see(lang):
    at = open_page("pages/bag-or-sequence.py", lang=lang, query={"seed": str(SEED)})
    ex = bag_exercise(SEED)
    infos = len(at.info)
    at.button(key="ex_check_bag").click().run()  # nothing picked: said, not counted
    assert at.info[-1].value == t("exercises.pick_first", lang)
    _tally(at, lang, 0, 0)
    wrong = next(o for o in ("bag", "rnn", "both", "neither") if o != ex.answer)
    _pick(at, "bag", wrong)
    name = t(f"exercises.bag.opt_{ex.answer}", lang)
    picked = t(f"exercises.bag.opt_{wrong}", lang)
    assert at.error[-1].value == t("exercises.choice_wrong", lang, picked=picked, answer=name)
    assert t(f"exercises.bag.why_{ex.answer}", lang) in [m.value for m in at.markdown]
    _tally(at, lang, 0, 1)
    _pick(at, "bag", ex.answer)
    assert at.success[-1].value == t("exercises.choice_right", lang, answer=name)
    _tally(at, lang, 1, 2)
    assert len(at.info) == infos  # the page's own verdict stays the only note
    assert other_language(visible_text(at), lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_rnn_to_lstm_pick_then_the_why(lang):
    at = open_page("pages/rnn-to-lstm.py", lang=lang, query={"seed": str(SEED)})
    ex = why_exercise(SEED)
    assert list(at.radio(key="ex_why_pick").options) == [
        t(f"exercises.why.opt_{o}", lang) for o in ex.options
    ]
    _pick(at, "why", "tanh")
    assert at.error[-1].icon == "❌" and at.error[-1].value.startswith(
        t("exercises.choice_wrong", lang)[:8]
    )
    assert t("exercises.why.not_tanh", lang) in [m.value for m in at.markdown]
    assert at.info[-1].value.startswith(t("exercises.why.explain", lang).split(":")[0])
    _pick(at, "why", "cell_path")
    assert at.success[-1].icon == "✅"
    _tally(at, lang, 1, 2)
    assert other_language(visible_text(at), lang) == []


def test_typed_markup_is_shown_as_text():
    at = open_page("pages/calculator.py", lang="en", query={"seed": str(SEED)})
    htmls = len(at.html)
    _answer(at, "calc_lstm", {"f": "<img src=x onerror=alert(1)>", "i": "**1**"})
    assert len(at.html) == htmls  # no markup drawn from what was typed
    errors = " ".join(e.value for e in at.error)
    assert "\\<img" in errors and "\\*\\*1\\*\\*" in errors  # escaped for Markdown


def _section(at) -> list:
    """What the page shows in words and tables: only its exercise depends on the seed."""
    assert t("exercises.heading", "en") in [h.value for h in at.header]
    return [m.value for m in at.markdown] + [tb.value.to_dict() for tb in at.table]


PAGES = ["pages/language-model.py", "pages/bag-or-sequence.py", "pages/rnn-to-lstm.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_pages_seed_in_the_address_is_the_same_exercise(page):
    one = open_page(page, lang="en", query={"seed": "11"})
    two = open_page(page, lang="en", query={"seed": "11"})
    others = [open_page(page, lang="en", query={"seed": str(s)}) for s in (12, 13, 14)]
    assert one.number_input(key="seed").value == 11
    assert _section(one) == _section(two)
    assert any(_section(o) != _section(one) for o in others)
