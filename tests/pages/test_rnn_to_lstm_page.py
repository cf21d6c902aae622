"""The RNN-to-LSTM page through the real app (AppTest): stepper and matrix, both languages."""

import pytest

from core.calculator.presets import slide_lstm
from core.lecture.buildup import STAGES
from core.nn.cells import lstm_step
from tests.support.apptest import open_page
from tests.support.lang import other_language, visible_text
from ui.i18n import t

PAGE = "pages/rnn-to-lstm.py"
H_T = ["0.9661", "0.9528", "0.9528", "2.9528", "2.9476", "0.9945", "0.9862"]


def _metric(at, key: str) -> str:
    label = t(f"rnn_to_lstm.{key}", at.session_state["lang"])
    return next(m.value for m in at.metric if m.label == label)


def _has_latex(at, line: str) -> bool:
    """Is line one of the page's formulas (st.latex wraps each in $$ ... $$)?"""
    return f"$$\n{line}\n$$" in [x.value for x in at.latex]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_opens_on_slide_29_and_slide_30(lang):
    at = open_page(PAGE, lang=lang)
    assert at.title[0].value == t("rnn_to_lstm.title", lang)
    assert len(at.get("plotly_chart")) == 2
    assert len(at.get("graphviz_chart")) == 1
    marks = at.dataframe[0].value
    assert list(marks.columns)[1:] == ["f", "i", "g", "o", "c_t"]
    assert at.subheader[-1].value.startswith("Slide 30")
    assert _metric(at, "h") == "0.9661"
    assert _metric(at, "c") == t("rnn_to_lstm.no_c", lang)
    assert _has_latex(at, r"= \begin{bmatrix}19 & 22 \\ 43 & 50\end{bmatrix}")
    assert other_language(visible_text(at), lang) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_stepper_walks_slides_30_to_36_and_ends_on_the_lstm_step(lang):
    at = open_page(PAGE, lang=lang)
    seen = [_metric(at, "h")]
    # At slide 30 there is nothing before: "previous" is off, "next" on.
    assert at.button(key="rnn_to_lstm.prev").disabled
    assert not at.button(key="rnn_to_lstm.next").disabled
    for _ in range(len(STAGES) - 1):
        at.button(key="rnn_to_lstm.next").click().run()
        assert not at.exception
        seen.append(_metric(at, "h"))
        assert other_language(visible_text(at), lang) == []
        assert not at.button(key="rnn_to_lstm.prev").disabled
    assert seen == H_T
    # At slide 36, the last step, "next" would do nothing: it is off (issue 20).
    assert at.button(key="rnn_to_lstm.next").disabled
    ex = slide_lstm()
    step = lstm_step(ex.params, ex.X[0], ex.h0, ex.c0)
    assert _metric(at, "c") == f"{step.c[0]:.4f}"
    assert at.success[0].value == t("rnn_to_lstm.done", lang, h="0.9862", c="2.9476")
    assert t("rnn_to_lstm.erratum", lang, h="0.98623") in [c.value for c in at.caption]
    assert len(at.dataframe[1].value) == 14
    at.button(key="rnn_to_lstm.prev").click().run()
    assert _metric(at, "h") == "0.9945"
    assert not at.button(key="rnn_to_lstm.next").disabled  # one step back, next is on again
    at.select_slider(key="rnn_to_lstm.stage").set_value(3).run()
    assert _metric(at, "h") == "2.9528" and _metric(at, "c") == "2.9528"
    assert at.subheader[-1].value == "Slide 33 · " + t("rnn_to_lstm.stage.add", lang)
    for _ in range(3):
        at.button(key="rnn_to_lstm.prev").click().run()
    assert _metric(at, "h") == "0.9661" and at.button(key="rnn_to_lstm.prev").disabled


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_matrix_product_takes_typed_matrices(lang):
    at = open_page(PAGE, lang=lang)
    at.text_input(key="rnn_to_lstm.A").set_value("0.5 -1; 2 0").run()
    at.text_input(key="rnn_to_lstm.B").set_value("2 0; 0 2").run()
    assert _has_latex(at, r"= \begin{bmatrix}1 & -2 \\ 4 & 0\end{bmatrix}")
    at.text_input(key="rnn_to_lstm.B").set_value("<script>alert(1)</script>").run()
    assert [e.value for e in at.error] == [t("error.matrix_parse", lang, rows=2, cols=2)]
    assert not at.exception
    assert other_language(visible_text(at), lang) == []
