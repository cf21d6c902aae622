"""The language-model page in a browser, in each language, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from core.lm.runtime import OnnxLM
from core.lm.tokens import tokens
from tests.e2e import harness
from tests.e2e.snippets import open_snippet
from tests.support.lang import other_language
from tests.support.paths import MODELS
from ui.i18n import t

SLIDE6 = "trăm năm trong cõi người ta"
PROMPT = "món ăn"


def model_words(prompt: str) -> str:
    """The page's own model output for the default settings (allowed in an English page)."""
    lm = OnnxLM(MODELS / "lm")
    words = tokens(prompt)
    cont = lm.generate(words, 25, 0.8, 10, 0)
    return " ".join([*cont.words, *(w for w, _ in lm.top_next(words))])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_tab_works_in_its_language(page, base_url, lang):
    harness.open_in(page, base_url, "language-model", lang, "lm.title")
    assert page.get_by_role("heading", name=t("lm.title", lang)).first.is_visible()
    # Counts: the slides' corpus, then 2,000 reviews with one click, then back.
    assert "P(i go to school) = 0.125 × 0.6667 × 0.75 × 0.6667 = 0.04167" in harness.main_text(page)
    assert other_language(harness.main_text(page), lang) == []
    page.get_by_role("button", name=t("lm.counts.load_reviews", lang)).click()
    harness.settle(page)
    # 2,000 reviews are too long for a link: the box's label says so after its own words
    corpus = page.get_by_label(t("lm.counts.corpus", lang), exact=False).input_value()
    assert len(corpus.splitlines()) == 2000
    assert t("slides.too_long", lang) in harness.main_text(page)
    page.get_by_role("button", name=t("lm.counts.load_toy", lang)).click()
    harness.settle(page)
    page.get_by_text(t("lm.counts.add_one", lang), exact=True).click()
    harness.settle(page)
    assert page.get_by_text(t("lm.counts.smoothed", lang)).first.is_visible()
    harness.screenshot(page, f"language_model_counts_{lang}")

    page.get_by_role("tab", name=t("lm.tab.neural", lang)).click()
    harness.settle(page)
    harness.enter_text(page.get_by_label(t("lm.neural.prompt", lang), exact=True), PROMPT)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.first.is_visible()
    assert page.get_by_text(t("lm.neural.bars", lang)).first.is_visible()
    text = harness.main_text(page)
    assert t("lm.card.title", lang) in text
    allowed = " ".join([SLIDE6, PROMPT, model_words(PROMPT)]) if lang == "en" else ""
    assert other_language(text, lang, allowed=allowed) == []
    harness.screenshot(page, f"language_model_lstm_{lang}")

    page.get_by_role("tab", name=t("lm.tab.loss", lang)).click()
    harness.settle(page)
    assert page.get_by_text("L = CE_1 + CE_2 + CE_3").first.is_visible()
    assert "F.cross_entropy(Z, Y" in open_snippet(page, lang)
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"language_model_loss_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(page, base_url, lang):
    harness.open_in(page, base_url, "language-model", lang, "lm.title")
    for tab in ("lm.tab.counts", "lm.tab.neural", "lm.tab.loss"):
        page.get_by_role("tab", name=t(tab, lang)).click()
        harness.settle(page)
        harness.assert_fits_phone(page, f"language_model_phone_{tab.split('.')[-1]}_{lang}")
    assert harness.exceptions_on(page) == []


# How far each visible table scrolls sideways inside itself (0: every column on screen).
_TABLE_SCROLL_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(d => d.offsetParent !== null)
    .map(d => { const s = d.querySelector('.dvn-scroller'); return s.scrollWidth - s.clientWidth; })
"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_count_tables_show_p_w_h_on_a_phone_without_scrolling(page, base_url, lang):
    """On a phone every column of the count table and of the two chain-rule tables, P(w|h)
    above all, is on screen: nothing hides past a table's right edge."""
    harness.open_in(page, base_url, "language-model", lang, "lm.title")
    harness.on_phone(page)
    assert page.evaluate(_TABLE_SCROLL_JS) == [0, 0, 0]
    # The widest the table gets: reviews' words, trigrams, add-one's (a + 1) / (b + V).
    page.get_by_role("button", name=t("lm.counts.load_reviews", lang)).click()
    harness.settle(page)
    page.get_by_text("3", exact=True).first.click()
    page.get_by_text(t("lm.counts.add_one", lang), exact=True).click()
    harness.settle(page)
    assert page.evaluate(_TABLE_SCROLL_JS) == [0, 0, 0]
    harness.screenshot(page, f"language_model_phone_count_table_{lang}")
