"""WCAG 2.2 AA by axe-core on every page, in both languages, on a projector's screen
(1280 x 720) and a phone's (390 x 844), and in the states a student reaches: a classified
review, many reviews classified at once, a finished race, an open model card.

A serious or critical violation fails the test unless tests/e2e/axe_known.py lists it as
Streamlit's own markup; the message names each node's rule, target and what axe asks for.
"""

from __future__ import annotations

import pytest

from core.calculator.tables import PRESETS
from tests.e2e import axe_known, harness
from tests.e2e.axe_known import Axe, control_names, describe, load_axe, run_axe, unexplained
from tests.support.lang import other_language
from ui.i18n import LANGS, t
from ui.site import PAGES, page_of

SCREENS = {"desktop": {"width": 1280, "height": 720}, "phone": harness.PHONE}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return load_axe()


@pytest.fixture(scope="module")
def visitor(browser, server):
    """One browser tab for the whole file: each test loads its page afresh (a new Streamlit
    session), but the site's scripts come from the tab's cache, not over again."""
    harness.warm_up(browser, server.url)
    ctx = browser.new_context(locale="vi-VN")
    ctx.set_default_timeout(harness.TIMEOUT_MS)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def page(visitor, server):
    """The shared tab; the server must log no exception while a test drives it."""
    before = len(server.log())
    yield visitor
    new_log = server.log()[before:]
    assert "Traceback" not in new_log, f"the server logged an exception:\n{new_log[-3000:]}"


def assert_no_new_violation(page, axe: Axe, lang: str, name: str) -> None:
    """axe finds nothing the site answers for, and every control has a name a screen reader
    reads, in the page's language (Streamlit's own English controls aside: axe_known)."""
    found = unexplained(run_axe(page, axe))
    if found:
        harness.screenshot(page, f"FAILED_axe_{name}")
    assert not found, f"axe on {name}: {len(found)} new violation(s)\n{describe(found)}"
    controls = control_names(page)
    assert controls, name
    unnamed = [role for role, label in controls if not label]
    assert unnamed == [], f"{name}: controls without a name: {unnamed}"
    labels = "\n".join(label for _role, label in controls)
    assert other_language(labels, lang) == [], f"{name}: {labels}"


def visit(page, base_url: str, url_path: str, lang: str, heading: str, screen: str) -> None:
    page.set_viewport_size(SCREENS[screen])
    harness.open_in(page, base_url, url_path, lang, heading)
    # Streamlit writes <html lang="en"> on every page; app.py corrects it to the reader's.
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.name)
def test_every_page_as_it_opens(page, base_url, axe, site_page, lang, screen):
    visit(page, base_url, site_page.url_path, lang, site_page.heading, screen)
    assert_no_new_violation(page, axe, lang, f"{site_page.name}_{lang}_{screen}")


CALCULATOR = page_of("pages/calculator.py")


@pytest.mark.parametrize("lang", LANGS)
def test_every_calculator_mode(page, base_url, axe, lang):
    """The RNN example (with its loss head) and the custom cell, beside the LSTM it opens on."""
    visit(page, base_url, CALCULATOR.url_path, lang, CALCULATOR.heading, "desktop")
    for mode in (*PRESETS, "custom"):
        radio = page.locator('[data-testid="stMain"] [data-testid="stRadio"]').first
        radio.get_by_text(t(f"calculator.mode_{mode}", lang), exact=True).click()
        harness.settle(page)
        assert_no_new_violation(page, axe, lang, f"calculator_{mode}_{lang}")


SENTIMENT = page_of("pages/sentiment.py")
NEGATIVE = "Đồ ăn dở tệ, phục vụ chậm và thô lỗ, quán bẩn, không bao giờ quay lại nữa."


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_classified_review(page, base_url, axe, lang, screen):
    visit(page, base_url, SENTIMENT.url_path, lang, SENTIMENT.heading, screen)
    box = page.get_by_role("textbox", name=t("sentiment.review", lang), exact=True)
    box.fill(NEGATIVE)
    page.locator(".st-key-sentiment_classify button").filter(visible=True).first.click()
    page.locator('[data-label="negative"]').first.wait_for()
    harness.settle(page)
    assert_no_new_violation(page, axe, lang, f"sentiment_classified_{lang}_{screen}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_pytorch_code_opened(page, base_url, axe, lang):
    """The calculator's snippets, opened: long code lines wrap rather than scroll sideways."""
    calculator = page_of("pages/calculator.py")
    visit(page, base_url, calculator.url_path, lang, calculator.heading, "phone")
    for summary in page.get_by_text(t("snippets.expander", lang), exact=True).all():
        summary.click()
    harness.settle(page)
    assert page.locator('[data-testid="stCode"]').count() >= 2
    assert_no_new_violation(page, axe, lang, f"calculator_code_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_many_reviews_classified(page, base_url, axe, lang):
    """The bulk mode: the paste box, the upload and a results table."""
    visit(page, base_url, SENTIMENT.url_path, lang, SENTIMENT.heading, "desktop")
    page.get_by_text(t("sentiment.mode.many", lang), exact=True).click()
    box = page.get_by_role("textbox", name=t("sentiment.paste_label", lang), exact=True)
    box.fill(f"{NEGATIVE}\nĐồ ăn rất ngon, nhân viên thân thiện.")
    page.locator(".st-key-sentiment_bulk_run button").filter(visible=True).first.click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    harness.settle(page)
    assert_no_new_violation(page, axe, lang, f"sentiment_bulk_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_every_open_model_card(page, base_url, axe, lang):
    visit(page, base_url, SENTIMENT.url_path, lang, SENTIMENT.heading, "desktop")
    zoo = page.locator('[data-testid="stExpander"]').filter(has_text=t("sentiment.zoo", lang)[2:])
    zoo.locator("summary").click()
    zoo.locator(".js-plotly-plot").nth(4).wait_for()
    harness.settle(page)
    tabs = zoo.get_by_role("tab")
    assert tabs.count() == 3
    for i in range(tabs.count()):
        tabs.nth(i).click()
        zoo.get_by_role("tabpanel").filter(visible=True).locator(".js-plotly-plot").last.wait_for()
        harness.settle(page)
        assert_no_new_violation(page, axe, lang, f"model_card_{i}_{lang}")


RACE = page_of("pages/race.py")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_finished_race(page, base_url, axe, lang, screen):
    visit(page, base_url, RACE.url_path, lang, RACE.heading, screen)
    page.get_by_role("button", name=t("race.preset_short", lang)).click()
    harness.settle(page)
    page.get_by_role("button", name=t("race.start", lang)).click()
    verdict = t("race.verdict", lang, step=100, steps=100, T=5, rnn="{}", lstm="{}")
    page.get_by_text(verdict.split("{}")[0].strip()).first.wait_for(timeout=harness.TIMEOUT_MS)
    harness.settle(page)
    assert_no_new_violation(page, axe, lang, f"race_finished_{lang}_{screen}")


def test_a_missing_axe_fails_and_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(axe_known, "AXE_JS", tmp_path / "axe.min.js")
    with pytest.raises(FileNotFoundError, match="npm ci"):
        load_axe()


def test_only_streamlits_own_markup_is_excused():
    nav = "stSidebar > stSidebarContent > stSidebarNav > stSidebarNavItems"
    node = {"rule": "listitem", "impact": "serious", "where": nav + " > stSidebarNavLink"}
    assert unexplained([node]) == []
    ours = {**node, "where": "stMain > stMainBlockContainer > stMarkdown"}
    assert unexplained([ours]) == [ours]
    minor = {"rule": "region", "impact": "moderate", "where": "stMain"}
    held = {"rule": "heading-order", "impact": "moderate", "where": "stMain > stHeading"}
    assert unexplained([minor, held]) == [held]


def test_control_names_leave_out_streamlits_own_words():
    snapshot = "\n".join(
        [
            '- button "Main menu"',
            '- button "Help for Mô hình"',
            '- button "Phân loại Shortcut Ctrl + Enter":',
            '- spinbutton "Độ dài chuỗi T (5–100)": "50"',
            "- textbox",
            '- heading "Tiêu đề" [level=1]',
        ]
    )

    class Snap:
        def locator(self, _selector):
            return self

        def aria_snapshot(self):
            return snapshot

    assert control_names(Snap()) == [
        ("button", "Mô hình"),
        ("button", "Phân loại"),
        ("spinbutton", "Độ dài chuỗi T (5–100)"),
        ("textbox", ""),
    ]
