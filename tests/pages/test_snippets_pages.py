"""Every page that computes a lecture number holds, in an expander, the PyTorch snippet of
its current inputs (AppTest, both languages); a change of inputs changes the code."""

from __future__ import annotations

import pytest

from core.calculator.loss import default_head
from core.calculator.tables import preset_tables, random_tables
from core.calculator.trace import calculate, calculate_head
from core.lecture import activations as act
from core.lecture.bag import bag_or_sequence
from core.lm import generation_loss as gl
from tests.support.apptest import open_page
from tests.support.lang import other_language
from ui.i18n import t
from ui.snippets.calculator import cell_snippet, head_snippet
from ui.snippets.lecture import activation_snippet, bag_snippet, product_snippet
from ui.snippets.lm import generation_snippet

LANGS = ["vi", "en"]


def _snippets(at, lang: str) -> list[str]:
    """The code in every snippet expander, in page order; each expander holds one."""
    boxes = [e for e in at.expander if e.label == t("snippets.expander", lang)]
    assert all(len(b.code) == 1 for b in boxes)
    assert all(b.caption[0].value == t("snippets.caption", lang) for b in boxes)
    return [b.code[0].value + "\n" for b in boxes]  # st.code drops the final newline


def _one_language(at, lang: str) -> None:
    """What the snippets add (label, caption, code) is in the page's language only (the rest
    of each page is its own test file's)."""
    assert not at.exception, at.exception
    boxes = [e for e in at.expander if e.label == t("snippets.expander", lang)]
    assert boxes
    for b in boxes:
        text = "\n".join([b.label, b.caption[0].value, b.code[0].value])
        assert other_language(text, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculator_shows_the_code_of_its_cell_and_head(lang):
    at = open_page("pages/calculator.py", lang=lang)
    lstm = calculate(preset_tables("lstm_slide"))
    assert _snippets(at, lang) == [cell_snippet(lstm)]
    _one_language(at, lang)
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    rnn = calculate(preset_tables("rnn_slide"))
    head = head_snippet(calculate_head(rnn, default_head(2)))
    assert _snippets(at, lang) == [cell_snippet(rnn), head]
    _one_language(at, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculators_code_follows_a_random_custom_cell(lang):
    at = open_page("pages/calculator.py", lang=lang)
    at.radio(key="calc_mode").set_value("custom").run()
    at.radio(key="calc_kind").set_value("rnn_tanh").run()
    at.number_input(key="calc_seed").set_value(5).run()
    at.button(key="calc_random").click().run()
    assert not at.exception, at.exception
    I, H, T = (at.session_state[f"calc_{k}"] for k in "IHT")
    calc = calculate(random_tables("rnn", I, H, T, 5, "tanh"))
    code = _snippets(at, lang)
    assert code[0] == cell_snippet(calc) and 'nonlinearity="tanh"' in code[0]
    at.number_input(key="calc_seed").set_value(6).run()
    at.button(key="calc_random").click().run()
    assert _snippets(at, lang)[0] == cell_snippet(
        calculate(random_tables("rnn", I, H, T, 6, "tanh"))
    )
    assert _snippets(at, lang)[0] != code[0]
    _one_language(at, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_bag_or_sequence_shows_the_code_of_its_sentences(lang):
    at = open_page("pages/bag-or-sequence.py", lang=lang)
    assert _snippets(at, lang) == [bag_snippet(bag_or_sequence(["dog bites man", "man bites dog"]))]
    _one_language(at, lang)
    at.text_input(key="bag.a").set_value("the cat sat").run()
    expected = bag_snippet(bag_or_sequence(["the cat sat", "sat cat the"]))
    assert _snippets(at, lang) == [expected]


@pytest.mark.parametrize("lang", LANGS)
def test_the_generation_loss_tab_shows_the_code_of_its_targets(lang):
    at = open_page("pages/language-model.py", lang=lang)
    hs = gl.slide_hidden_states()
    assert _snippets(at, lang) == [generation_snippet(gl.generation_loss(hs))]
    at.selectbox(key="lm_y2").set_value(0).run()
    targets = (gl.TARGETS[0], 0, gl.TARGETS[2])
    assert _snippets(at, lang) == [generation_snippet(gl.generation_loss(hs, targets=targets))]
    _one_language(at, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_slide_29_shows_the_code_of_its_marks_and_its_product(lang):
    at = open_page("pages/rnn-to-lstm.py", lang=lang)
    marks = activation_snippet(act.slide_markers())
    product = act.worked_product([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    assert _snippets(at, lang) == [marks, product_snippet(product)]
    at.text_input(key="rnn_to_lstm.A").set_value("0.5 -1; 2 3").run()
    product = act.worked_product([[0.5, -1], [2, 3]], [[5, 6], [7, 8]])
    assert _snippets(at, lang) == [marks, product_snippet(product)]
    at.text_input(key="rnn_to_lstm.A").set_value("1 2 3").run()  # not a 2x2: no product
    assert _snippets(at, lang) == [marks]
    _one_language(at, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_model_card_shows_its_nn_module_as_trained(lang):
    from core.sentiment import MODEL_NAMES, load_model
    from ui.snippets.model_source import model_listing

    at = open_page("pages/sentiment.py", lang=lang)
    at.session_state["sentiment_zoo"] = True  # open the models' section, as a click would
    at.run()
    assert not at.exception, at.exception
    (zoo,) = [e for e in at.expander if e.label == t("sentiment.zoo", lang)]
    for name, tab in zip(MODEL_NAMES, zoo.tabs, strict=True):
        config = load_model(name=name).metadata["config"]
        assert [c.value + "\n" for c in tab.code] == [model_listing(config["kind"], config)]
        assert t("snippets.model", lang) in [m.value for m in tab.markdown]
