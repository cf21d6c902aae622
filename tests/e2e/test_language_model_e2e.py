"""The language-model page in a browser, in each language, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from core.lm.runtime import OnnxLM
from core.lm.tokens import tokens
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
from tests.support.lang import english_strings, vietnamese_words
from tests.support.paths import MODELS
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]

SLIDE6 = "trăm năm trong cõi người ta"
PROMPT = "món ăn"


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def model_words(prompt: str) -> str:
    """The page's own model output for the default settings (allowed in an English page)."""
    lm = OnnxLM(MODELS / "lm")
    words = tokens(prompt)
    cont = lm.generate(words, 25, 0.8, 10, 0)
    return " ".join([*cont.words, *(w for w, _ in lm.top_next(words))])


def type_into(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")
    settle(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_tab_works_in_its_language(page, base_url, lang):
    open_page(page, base_url, f"language-model?lang={lang}", t("lm.title", lang))
    assert page.get_by_role("heading", name=t("lm.title", lang)).first.is_visible()
    # Counts: the slides' corpus, then 2,000 reviews with one click, then back.
    assert "P(i go to school) = 0.125 × 0.6667 × 0.75 × 0.6667 = 0.04167" in main_text(page)
    if lang == "en":
        assert vietnamese_words(main_text(page)) == []
    else:
        assert english_strings(main_text(page)) == []
    page.get_by_role("button", name=t("lm.counts.load_reviews", lang)).click()
    settle(page)
    corpus = page.get_by_label(t("lm.counts.corpus", lang), exact=True).input_value()
    assert len(corpus.splitlines()) == 2000
    page.get_by_role("button", name=t("lm.counts.load_toy", lang)).click()
    settle(page)
    page.get_by_text(t("lm.counts.add_one", lang), exact=True).click()
    settle(page)
    assert page.get_by_text(t("lm.counts.smoothed", lang)).first.is_visible()
    screenshot(page, f"language_model_counts_{lang}")

    page.get_by_role("tab", name=t("lm.tab.neural", lang)).click()
    settle(page)
    type_into(page, t("lm.neural.prompt", lang), PROMPT)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.first.is_visible()
    assert page.get_by_text(t("lm.neural.bars", lang)).first.is_visible()
    text = main_text(page)
    assert t("lm.card.title", lang) in text
    if lang == "en":
        allowed = " ".join([SLIDE6, PROMPT, model_words(PROMPT)])
        assert vietnamese_words(text, allowed=allowed) == []
    else:
        assert english_strings(text) == []
    screenshot(page, f"language_model_lstm_{lang}")

    page.get_by_role("tab", name=t("lm.tab.loss", lang)).click()
    settle(page)
    assert page.get_by_text("L = CE_1 + CE_2 + CE_3").first.is_visible()
    assert exceptions_on(page) == []
    screenshot(page, f"language_model_loss_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(page, base_url, lang):
    open_page(page, base_url, f"language-model?lang={lang}", t("lm.title", lang))
    on_phone(page)
    for tab in ("lm.tab.counts", "lm.tab.neural", "lm.tab.loss"):
        page.get_by_role("tab", name=t(tab, lang)).click()
        settle(page)
        assert sideways_overflow(page) == 0, tab
        assert clipped_titles(page) == [], tab
        screenshot(page, f"language_model_phone_{tab.split('.')[-1]}_{lang}")
    assert exceptions_on(page) == []
