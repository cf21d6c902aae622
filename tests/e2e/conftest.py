"""Fixtures for the browser tests: one `streamlit run` of the repo per session, Chromium per module.

Every test in this folder drives Chromium: it is marked e2e (and skipped without Chromium)
here, so a test file need not say so.

The browser (a sync Playwright) lives per module, not per session: a second sync
Playwright in the same thread fails while one is running, and other test files
(tests/e2e/test_sentiment_page_browser.py) start their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.harness import ROOT, SCREENSHOTS, TIMEOUT_MS, requires_chromium, warm_up
from tests.support.server import CHROMIUM, launch_chromium, streamlit_server

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before `-m e2e` / `-m "not e2e"` selects by the mark
def pytest_collection_modifyitems(items):
    """Mark every test of this folder e2e, skipped where Debian's Chromium is missing."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(requires_chromium)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The site as a visitor gets it: `streamlit run app.py` on a free localhost port."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    for old in SCREENSHOTS.glob("FAILED_*.png"):  # failures of an earlier run mislead
        old.unlink()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server(ROOT, log) as srv:
        yield srv


_warmed: set[str] = set()  # servers whose home page has run st.navigation once


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (an injected script ran)."""
    return []


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to fetch from anywhere but the app (an injected <img> loaded)."""
    return []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see a failure."""
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@pytest.fixture
def page(request, browser, server, dialogs, outside_requests):
    """A fresh visitor: own context (cookies, session), dialogs recorded and dismissed."""
    if server.url not in _warmed:
        warm_up(browser, server.url)
        _warmed.add(server.url)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    ctx.set_default_timeout(TIMEOUT_MS)

    def guard(route):
        if route.request.url.startswith(server.url):
            route.continue_()
        else:  # no network here anyway; record it and never let it leave
            outside_requests.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    pg = ctx.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_before = len(server.log())
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:  # what the visitor saw when it failed
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SCREENSHOTS / f"FAILED_{request.node.name}.png"), full_page=True)
    ctx.close()
    new_log = server.log()[log_before:]
    assert "Traceback" not in new_log, f"the server logged an exception:\n{new_log[-3000:]}"
