"""From RNN to LSTM in a browser: the curves, the matrix product, the stepper, a phone."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    clipped_titles,
    exceptions_on,
    on_phone,
    open_page,
    requires_chromium,
    screenshot,
    settle,
    sideways_overflow,
)
from tests.support.lang import vietnamese_words
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]

PATH = "rnn-to-lstm"


def metric_value(page, label: str) -> str:
    m = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_step_from_the_rnn_to_the_lstm(page, base_url, lang):
    open_page(page, base_url, f"{PATH}?lang={lang}", t("rnn_to_lstm.title", lang))
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 2
    assert main.locator(".js-plotly-plot .shapelayer path").count() >= 4  # saturated zones
    assert metric_value(page, "h_t") == "0.9661"  # slide 30: tanh(2.03)
    screenshot(page, f"rnn_to_lstm_{lang}")
    nxt = page.get_by_role("button", name=t("rnn_to_lstm.next", lang))
    seen = []
    for _ in range(7):  # one click too many: the last stage stays the last
        nxt.click()
        settle(page)
        seen.append(metric_value(page, "h_t"))
    assert seen == ["0.9528", "0.9528", "2.9528", "2.9476", "0.9945", "0.9862", "0.9862"]
    assert metric_value(page, "c_t") == "2.9476"
    assert main.get_by_text("0.98623", exact=False).count() >= 1
    assert main.locator('[data-testid="stGraphVizChart"] svg').count() == 1
    page.get_by_role("button", name=t("rnn_to_lstm.prev", lang)).click()
    settle(page)
    assert metric_value(page, "h_t") == "0.9945"
    if lang == "en":
        assert vietnamese_words(main.inner_text()) == []
    assert exceptions_on(page) == []
    screenshot(page, f"rnn_to_lstm_last_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rnn_to_lstm_fits_a_phone(page, base_url, lang):
    open_page(page, base_url, f"{PATH}?lang={lang}", t("rnn_to_lstm.title", lang))
    on_phone(page)
    assert sideways_overflow(page) == 0
    assert clipped_titles(page) == []
    screenshot(page, f"rnn_to_lstm_phone_{lang}")


def test_a_bad_matrix_is_explained_and_a_good_one_worked(page, base_url, dialogs):
    open_page(page, base_url, f"{PATH}?lang=en", t("rnn_to_lstm.title", "en"))
    box = page.get_by_role("textbox", name=t("rnn_to_lstm.mat.A", "en"))
    box.fill("<script>alert(1)</script>")
    box.press("Enter")
    settle(page)
    error = t("error.matrix_parse", "en", rows=2, cols=2)
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 1
    box.fill("1 0; 0 -1")
    box.press("Enter")
    settle(page)
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 0
    assert dialogs == [] and exceptions_on(page) == []
