"""The calculator and the browser's own Back and Forward buttons (issue 12): switching the cell
kind in custom mode, Back brings the edited LSTM again, Forward the RNN."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.test_calculator_e2e import edit_cell, grid_texts, open_custom
from ui.i18n import LANGS, t

CHECKED_JS = """() => [...document.querySelectorAll('[role=radiogroup] input:checked')]
    .map(i => i.closest('label').innerText.trim())"""
EDITED_LINE = "-5×1 + 0 + 4.38×1 + 0.59 = -0.03"  # the output gate with W_xo = -5


def checked(page) -> list[str]:
    """The labels of every chosen radio option: language, mode, cell kind (and class)."""
    return page.evaluate(CHECKED_JS)


def history_move(page, move) -> None:
    """Press Back or Forward (page.go_back / page.go_forward) and wait for the rerun to end."""
    move(wait_until="commit")
    harness.settle(page)


@pytest.mark.parametrize("lang", LANGS)
def test_back_brings_the_edited_lstm_and_forward_the_rnn(page, base_url, lang):
    lstm, rnn = t("calculator.kind_lstm", lang), t("calculator.kind_rnn_relu", lang)
    custom = t("calculator.mode_custom", lang)
    open_custom(page, base_url, lang)
    W_X = t("calculator.field_W_x", lang)
    edit_cell(page, W_X, row=3, text="-5")
    page.get_by_text(EDITED_LINE, exact=True).first.wait_for()
    harness.settle(page)
    page.get_by_text(rnn, exact=True).click()
    page.get_by_text(t("calculator.loss_heading", lang)).first.wait_for()
    harness.settle(page)
    assert checked(page)[1:3] == [custom, rnn]
    entries = page.evaluate("history.length")

    history_move(page, page.go_back)
    page.get_by_text(EDITED_LINE, exact=True).first.wait_for()
    harness.settle(page)
    assert checked(page)[1:3] == [custom, lstm]
    assert grid_texts(page, W_X)[1::2] == ["1.65", "1.63", "0.94", "-5"]
    assert f"lang={lang}" in page.url and "mode=custom" in page.url and "_-5_" in page.url
    harness.screenshot(page, f"calculator_back_{lang}")

    history_move(page, page.go_forward)
    page.get_by_text(t("calculator.loss_heading", lang)).first.wait_for()
    harness.settle(page)
    assert checked(page)[1:3] == [custom, rnn]
    assert page.get_by_text(EDITED_LINE, exact=True).count() == 0
    # Back and Forward moved through the entries; they added none.
    assert page.evaluate("history.length") == entries
    assert harness.exceptions_on(page) == []


def test_back_from_another_page_finds_the_custom_cell_left(page, base_url):
    """Streamlit dropped the mode radio's state while the other page ran: Back showed the
    LSTM slide example instead of the custom RNN the student had left."""
    lang = "en"
    custom, tanh = t("calculator.mode_custom", lang), t("calculator.kind_rnn_tanh", lang)
    open_custom(page, base_url, lang)
    page.get_by_text(tanh, exact=True).click()
    page.get_by_text(t("calculator.loss_heading", lang)).first.wait_for()
    harness.settle(page)
    sidebar = page.locator('[data-testid="stSidebarNav"]')
    sidebar.get_by_text(t("nav.home", lang), exact=True).click()
    page.wait_for_url(f"{base_url}/?lang={lang}", timeout=60_000)
    harness.settle(page)

    history_move(page, page.go_back)
    page.get_by_text(t("calculator.loss_heading", lang)).first.wait_for()
    harness.settle(page)
    assert "/calculator" in page.url
    assert checked(page)[1:3] == [custom, tanh]
    assert harness.exceptions_on(page) == []
