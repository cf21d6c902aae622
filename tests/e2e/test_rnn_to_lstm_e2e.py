"""From RNN to LSTM in a browser: the curves, the matrix product, the stepper (its phone check is
test_site.py's)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import t

PATH = "rnn-to-lstm"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_step_from_the_rnn_to_the_lstm(page, base_url, lang):
    harness.open_in(page, base_url, PATH, lang, "rnn_to_lstm.title")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 2
    assert main.locator(".js-plotly-plot .shapelayer path").count() >= 4  # saturated zones
    assert harness.metric_value(page, "h_t") == "0.9661"  # slide 30: tanh(2.03)
    harness.screenshot(page, f"rnn_to_lstm_{lang}")
    nxt = page.get_by_role("button", name=t("rnn_to_lstm.next", lang))
    seen = []
    for _ in range(7):  # one click too many: the last stage stays the last
        nxt.click()
        harness.settle(page)
        seen.append(harness.metric_value(page, "h_t"))
    assert seen == ["0.9528", "0.9528", "2.9528", "2.9476", "0.9945", "0.9862", "0.9862"]
    assert harness.metric_value(page, "c_t") == "2.9476"
    assert main.get_by_text("0.98623", exact=False).count() >= 1
    assert main.locator('[data-testid="stGraphVizChart"] svg').count() == 1
    page.get_by_role("button", name=t("rnn_to_lstm.prev", lang)).click()
    harness.settle(page)
    assert harness.metric_value(page, "h_t") == "0.9945"
    assert other_language(harness.main_text(page), lang) == []
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"rnn_to_lstm_last_{lang}")


def test_a_bad_matrix_is_explained_and_a_good_one_worked(page, base_url, dialogs):
    harness.open_in(page, base_url, PATH, "en", "rnn_to_lstm.title")
    box = page.get_by_role("textbox", name=t("rnn_to_lstm.mat.A", "en"))
    harness.enter_text(box, "<script>alert(1)</script>")
    error = t("error.matrix_parse", "en", rows=2, cols=2)
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 1
    harness.enter_text(box, "1 0; 0 -1")
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 0
    assert dialogs == [] and harness.exceptions_on(page) == []
