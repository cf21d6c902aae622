"""Every page of the site opens in a real browser, from the sidebar, in either language, and
fits a phone as it opens (pages driven into a state first check that in their own file)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.lang import other_language
from tests.support.paths import ROOT
from tests.support.server import streamlit_server
from ui.i18n import LANGS, t
from ui.slide_map import CARDS
from ui.slide_map import PARTS as HOME_PARTS

# (url path, catalog key of its sidebar label, of its title) in the navigation's order (app.py).
PAGES = [
    ("", "nav.home", "home.calculator.title"),
    ("language-model", "nav.language_model", "lm.title"),
    ("bag-or-sequence", "nav.bag", "bag.title"),
    ("calculator", "nav.calculator", "calculator.title"),
    ("rnn-to-lstm", "nav.rnn_to_lstm", "rnn_to_lstm.title"),
    ("gradients", "nav.gradients", "gradients.title"),
    ("race", "nav.race", "race.title"),
    ("sentiment", "nav.sentiment", "sentiment.title"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_shows_the_three_parts_in_its_language(page, base_url, lang):
    harness.open_in(page, base_url, "", lang, "home.calculator.title")
    assert page.title() == "LSTM Lab"
    # The lecture's parts in order, then a card per page in the order the parts need them.
    keys = [part for part, *_ in HOME_PARTS] + [key for *_, key in CARDS]
    tops = []
    for key in keys:
        heading = page.get_by_role("heading", name=t(f"{key}.title", lang)).first
        assert heading.is_visible(), key
        tops.append(heading.bounding_box()["y"])
    assert tops[:3] == sorted(tops[:3])
    assert other_language(harness.main_text(page), lang) == []
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"home_{lang}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("url_path", "title"), [(p, title) for p, _, title in PAGES])
def test_every_page_fits_a_phone_as_it_opens(page, base_url, url_path, title, lang):
    harness.open_in(page, base_url, url_path, lang, title)
    harness.assert_fits_phone(page, f"{url_path.replace('-', '_') or 'home'}_phone_{lang}")
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize(("url_path", "key"), [(p, key) for p, key, _ in PAGES[1:]])
def test_home_links_open_each_page(page, base_url, url_path, key):
    harness.open_page(page, base_url, "", "LSTM Lab")
    main = page.locator('[data-testid="stMain"]')
    # Streamlit 1.67 draws a page link as <a data-testid="stPageLink-NavLink" href="calculator">.
    main.locator(f'a[data-testid="stPageLink-NavLink"][href="{url_path}"]').first.click()
    page.wait_for_url(f"{base_url}/{url_path}?lang=vi", timeout=60_000)
    harness.settle(page)
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sidebar_reaches_every_page_and_keeps_the_language(page, base_url, lang):
    harness.open_page(page, base_url, f"?lang={lang}", "LSTM Lab")
    sidebar = page.locator('[data-testid="stSidebarNav"]')
    for url_path, key, _ in PAGES:
        sidebar.get_by_text(t(key, lang), exact=True).click()
        # a page may add its own state after the language (the calculator's ?mode=&w=)
        page.wait_for_url(f"{base_url}/{url_path}?lang={lang}**", timeout=60_000)
        harness.settle(page)
        assert harness.exceptions_on(page) == [], key


def test_the_switch_changes_the_page_and_the_link(page, base_url):
    harness.open_page(page, base_url, "calculator", "LSTM")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(f"{base_url}/calculator?*lang=en*", timeout=60_000)
    harness.settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    page.reload(wait_until="domcontentloaded")  # a copied link opens in the same language
    nav.get_by_text(t("nav.home", "en"), exact=True).wait_for(timeout=harness.TIMEOUT_MS)


def test_a_deep_link_as_first_request_gets_the_sites_navigation(browser, tmp_path):
    with streamlit_server(ROOT, tmp_path / "fresh.log") as fresh:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.goto(f"{fresh.url}/calculator?lang=en", wait_until="domcontentloaded")
            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.wait_for(timeout=harness.TIMEOUT_MS)
            harness.settle(page)
            assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
            assert nav.get_by_text("app", exact=True).count() == 0
        finally:
            ctx.close()


def test_the_calculators_hand_off_keeps_the_language(page, base_url):
    harness.open_page(page, base_url, "calculator?lang=en", t("nav.calculator", "en"))
    page.get_by_role("button", name=t("calculator.to_explorer", "en")).click()
    page.wait_for_url(f"{base_url}/gradients?*lang=en*", timeout=60_000)
    harness.settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    assert harness.exceptions_on(page) == []
