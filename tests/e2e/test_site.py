"""Every page of the site opens in a real browser, from the sidebar, in either language."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    ROOT,
    TIMEOUT_MS,
    clipped_titles,
    exceptions_on,
    on_phone,
    open_page,
    requires_chromium,
    screenshot,
    settle,
    sideways_overflow,
    streamlit_server,
)
from tests.support.lang import vietnamese_words
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]

# (url path, catalog key of its sidebar label) in the navigation's order (app.py).
PAGES = [
    ("", "nav.home"),
    ("language-model", "nav.language_model"),
    ("bag-or-sequence", "nav.bag"),
    ("calculator", "nav.calculator"),
    ("rnn-to-lstm", "nav.rnn_to_lstm"),
    ("gradients", "nav.gradients"),
    ("race", "nav.race"),
    ("sentiment", "nav.sentiment"),
]
PARTS = ("calculator", "gradients", "race", "sentiment")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_shows_the_three_parts_in_its_language(page, base_url, lang):
    open_page(page, base_url, f"?lang={lang}", t("home.calculator.title", lang))
    assert page.title() == "LSTM Lab"
    for part in PARTS:
        heading = t(f"home.{part}.title", lang)
        assert page.get_by_role("heading", name=heading).first.is_visible()
    if lang == "en":
        shown = page.locator('[data-testid="stMain"]').inner_text()
        assert vietnamese_words(shown) == []
    assert exceptions_on(page) == []
    screenshot(page, f"home_{lang}")


def test_home_fits_a_phone(page, base_url):
    open_page(page, base_url, "", "LSTM Lab")
    on_phone(page)
    assert sideways_overflow(page) == 0
    assert clipped_titles(page) == []
    screenshot(page, "home_phone")


@pytest.mark.parametrize(("url_path", "key"), PAGES[1:])
def test_home_links_open_each_page(page, base_url, url_path, key):
    open_page(page, base_url, "", "LSTM Lab")
    main = page.locator('[data-testid="stMain"]')
    main.locator(f'[data-testid="stPageLink"] a[href="{url_path}"]').first.click()
    page.wait_for_url(f"{base_url}/{url_path}?lang=vi", timeout=60_000)
    settle(page)
    assert exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sidebar_reaches_every_page_and_keeps_the_language(page, base_url, lang):
    open_page(page, base_url, f"?lang={lang}", "LSTM Lab")
    sidebar = page.locator('[data-testid="stSidebarNav"]')
    for url_path, key in PAGES:
        sidebar.get_by_text(t(key, lang), exact=True).click()
        page.wait_for_url(f"{base_url}/{url_path}?lang={lang}", timeout=60_000)
        settle(page)
        assert exceptions_on(page) == [], key


def test_the_switch_changes_the_page_and_the_link(page, base_url):
    open_page(page, base_url, "calculator", "LSTM")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(f"{base_url}/calculator?*lang=en*", timeout=60_000)
    settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    page.reload(wait_until="domcontentloaded")  # a copied link opens in the same language
    nav.get_by_text(t("nav.home", "en"), exact=True).wait_for(timeout=TIMEOUT_MS)


def test_a_deep_link_as_first_request_gets_the_sites_navigation(browser, tmp_path):
    with streamlit_server(ROOT, tmp_path / "fresh.log") as fresh:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.goto(f"{fresh.url}/calculator?lang=en", wait_until="domcontentloaded")
            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.wait_for(timeout=TIMEOUT_MS)
            settle(page)
            assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
            assert nav.get_by_text("app", exact=True).count() == 0
        finally:
            ctx.close()


def test_the_calculators_hand_off_keeps_the_language(page, base_url):
    open_page(page, base_url, "calculator?lang=en", t("nav.calculator", "en"))
    page.get_by_role("button", name=t("calculator.to_explorer", "en")).click()
    page.wait_for_url(f"{base_url}/gradients?*lang=en*", timeout=60_000)
    settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    assert exceptions_on(page) == []
