"""The training page in a browser, in each language: a tiny training set through the page's
own boxes, the curves drawn, the outcome, the student's model beside the shipped one on the
example review; then the finished page at a phone's width."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import t
from ui.train import words

TINY = {"embed_dim": "4", "hidden_size": "4", "epochs": "1", "reviews": "50"}


def fill(page, field: str, value: str, lang: str) -> None:
    box = page.get_by_role("spinbutton", name=words.label(field, lang), exact=True)
    box.fill(value)
    box.press("Enter")
    harness.settle(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_tiny_training_draws_its_curves_and_ends_with_two_verdicts(page, base_url, lang):
    harness.open_in(page, base_url, "train", lang, "train.title")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == 0
    for field, value in TINY.items():
        fill(page, field, value, lang)
    page.get_by_text(t("train.more", lang), exact=True).click()
    fill(page, "max_len", "10", lang)
    fill(page, "seed", "11" if lang == "vi" else "12", lang)  # a run of its own in each language
    page.get_by_role("button", name=t("train.start", lang)).click()
    charts.first.wait_for(timeout=harness.TIMEOUT_MS)
    done = t("train.done", lang, epochs=1, model="{}", acc="{}", valid="{}").split("{}")[0]
    page.get_by_text(done.strip()).first.wait_for(timeout=harness.TIMEOUT_MS)
    box = page.get_by_role("textbox", name=t("train.review", lang), exact=True)
    box.wait_for(timeout=harness.TIMEOUT_MS)
    harness.settle(page)
    text = harness.main_text(page)
    assert charts.count() == 2
    assert text.count("P(positive) = ") == 2, text[-800:]
    assert t("train.yours", lang, model="LSTM") in text
    assert t("train.shipped", lang, model="LSTM") in text
    assert page.get_by_role("button", name=t("train.stop", lang)).is_disabled()
    review = box.input_value()
    assert other_language(text, lang, allowed=review) == []
    # A review of one's own, with markup in it: read as text, never drawn.
    box.fill("<b>Ngon</b> quá, phục vụ rất nhanh")
    box.press("Control+Enter")  # a text area commits on Ctrl+Enter
    harness.settle(page)
    assert page.locator('[data-testid="stMain"] b', has_text="Ngon").count() == 0
    assert harness.main_text(page).count("P(positive) = ") == 2
    assert harness.exceptions_on(page) == []
    assert harness.assert_fits_phone(page, f"train_phone_{lang}")["charts"] == 2
