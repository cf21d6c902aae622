"""Every page of the site opens in a real browser, from the sidebar, without an exception."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    ROOT,
    TIMEOUT_MS,
    exceptions_on,
    open_page,
    requires_chromium,
    screenshot,
    settle,
    streamlit_server,
)

pytestmark = [pytest.mark.e2e, requires_chromium]

# (url path, sidebar label) in the navigation's order (app.py).
PAGES = [
    ("", "Trang chủ · Home"),
    ("calculator", "Máy tính RNN/LSTM"),
    ("gradients", "Gradient qua thời gian"),
    ("sentiment", "Phân tích cảm xúc"),
]


def test_home_shows_the_three_pillars(page, base_url):
    open_page(page, base_url, "", "LSTM Lab")
    assert page.title() == "LSTM Lab"
    for heading in ("Máy tính RNN/LSTM", "Gradient qua thời gian", "Phân tích cảm xúc"):
        assert page.get_by_role("heading", name=heading).first.is_visible()
    assert exceptions_on(page) == []
    screenshot(page, "home")


@pytest.mark.parametrize(("url_path", "label"), PAGES[1:])
def test_home_links_open_each_page(page, base_url, url_path, label):
    open_page(page, base_url, "", "LSTM Lab")
    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stPageLink"] a').nth(PAGES.index((url_path, label)) - 1).click()
    page.wait_for_url(f"{base_url}/{url_path}", timeout=60_000)
    settle(page)
    assert exceptions_on(page) == []


def test_sidebar_reaches_every_page(page, base_url):
    open_page(page, base_url, "", "LSTM Lab")
    sidebar = page.locator('[data-testid="stSidebarNav"]')
    for url_path, label in PAGES:
        sidebar.get_by_text(label, exact=True).click()
        page.wait_for_url(f"{base_url}/{url_path}", timeout=60_000)
        settle(page)
        assert exceptions_on(page) == [], label


def test_a_deep_link_as_first_request_gets_the_sites_navigation(browser, tmp_path):
    with streamlit_server(ROOT, tmp_path / "fresh.log") as fresh:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            page.goto(f"{fresh.url}/calculator", wait_until="domcontentloaded")
            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.wait_for(timeout=TIMEOUT_MS)
            settle(page)
            assert nav.get_by_text("Trang chủ · Home", exact=True).count() == 1
            assert nav.get_by_text("app", exact=True).count() == 0
        finally:
            ctx.close()
