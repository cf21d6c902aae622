"""Every page of the site opens in a real browser, from the sidebar, in either language, and
fits a phone as it opens (pages driven into a state first check that in their own file)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import LANGS, t
from ui.site import PAGES, PARTS
from ui.streamlit_private import STATUS_TESTID

# How the page would show Streamlit's corner status: one placed as its front end names it.
STATUS_DISPLAY = f"""() => {{
    const d = document.createElement("div");
    d.dataset.testid = "{STATUS_TESTID}";
    document.body.appendChild(d);
    const shown = getComputedStyle(d).display;
    d.remove();
    return shown;
}}"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_shows_the_three_parts_in_its_language(page, base_url, lang):
    harness.open_in(page, base_url, "", lang, "home.calculator.title")
    assert page.title() == "LSTM Lab"
    # The lecture's parts in order, then a card per page in the order the parts need them.
    keys = [f"home.{part.name}" for part in PARTS]
    keys += [f"home.{p.name}" for part in PARTS for p in part.pages]
    tops = []
    for key in keys:
        heading = page.get_by_role("heading", name=t(f"{key}.title", lang)).first
        assert heading.is_visible(), key
        tops.append(heading.bounding_box()["y"])
    assert tops[:3] == sorted(tops[:3])
    assert other_language(harness.main_text(page), lang) == []
    assert harness.exceptions_on(page) == []
    # Streamlit's English "Running... Stop" corner would be hidden on a Vietnamese page
    shown = page.evaluate(STATUS_DISPLAY)
    assert (shown == "none") == (lang == "vi"), shown
    harness.screenshot(page, f"home_{lang}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.name)
def test_every_page_fits_a_phone_as_it_opens(page, base_url, site_page, lang):
    harness.open_in(page, base_url, site_page.url_path, lang, site_page.heading)
    harness.assert_fits_phone(page, f"{site_page.name}_phone_{lang}")
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize("url_path", [p.url_path for p in PAGES[1:]])
def test_home_links_open_each_page(page, base_url, url_path):
    harness.open_page(page, base_url, "", "LSTM Lab")
    main = page.locator('[data-testid="stMain"]')
    # Streamlit 1.67 draws a page link as <a data-testid="stPageLink-NavLink" href="calculator">.
    main.locator(f'a[data-testid="stPageLink-NavLink"][href="{url_path}"]').first.click()
    # a page may add its own state after the language (the calculator's ?mode=&w=)
    page.wait_for_url(f"{base_url}/{url_path}?lang=vi**", timeout=60_000)
    harness.settle(page)
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sidebar_reaches_every_page_and_keeps_the_language(page, base_url, lang):
    harness.open_page(page, base_url, f"?lang={lang}", "LSTM Lab")
    sidebar = page.locator('[data-testid="stSidebarNav"]')
    for p in PAGES:
        sidebar.get_by_text(t(f"nav.{p.name}", lang), exact=True).click()
        # a page may add its own state after the language (the calculator's ?mode=&w=)
        page.wait_for_url(f"{base_url}/{p.url_path}?lang={lang}**", timeout=60_000)
        harness.settle(page)
        assert harness.exceptions_on(page) == [], p.name


def test_the_switch_changes_the_page_and_the_link(page, base_url):
    harness.open_page(page, base_url, "calculator", "LSTM")
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(f"{base_url}/calculator?*lang=en*", timeout=60_000)
    harness.settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    page.reload(wait_until="domcontentloaded")  # a copied link opens in the same language
    nav.get_by_text(t("nav.home", "en"), exact=True).wait_for(timeout=harness.TIMEOUT_MS)


def test_the_calculators_hand_off_keeps_the_language(page, base_url):
    harness.open_page(page, base_url, "calculator?lang=en", t("nav.calculator", "en"))
    page.get_by_role("button", name=t("calculator.to_explorer", "en")).click()
    page.wait_for_url(f"{base_url}/gradients?*lang=en*", timeout=60_000)
    harness.settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(t("nav.home", "en"), exact=True).count() == 1
    assert harness.exceptions_on(page) == []
