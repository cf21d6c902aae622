"""A hosted site sleeps when idle and wakes on the first visit, which is often a teacher's
link straight to one page. Each page, opened by its address as the very first request after
a server start, in either language, shows its own content under the site's navigation, with
no dialog over it (Streamlit's English "Page not found" covered three pages once)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.paths import ROOT
from tests.support.server import streamlit_server
from ui.i18n import LANGS, t
from ui.site import PAGES


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("site_page", PAGES, ids=lambda p: p.name)
def test_a_page_opened_first_after_a_restart_shows_itself(browser, tmp_path, site_page, lang):
    with streamlit_server(ROOT, tmp_path / "fresh.log") as fresh:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = ctx.new_page()
            heading = harness.title_words(t(site_page.heading, lang))
            harness.open_page(page, fresh.url, f"{site_page.url_path}?lang={lang}", heading)
            assert page.locator('[role="dialog"]').count() == 0, page.locator(
                '[role="dialog"]'
            ).all_inner_texts()
            nav = page.locator('[data-testid="stSidebarNav"]')
            assert nav.get_by_text(t("nav.home", lang), exact=True).count() == 1
            assert nav.get_by_text(t(f"nav.{site_page.name}", lang), exact=True).count() == 1
            # Its interface in the link's language (a page's examples may quote reviews in
            # Vietnamese whatever the language: the pages' own tests check their words).
            assert page.get_by_role("heading", name=heading).count() >= 1
            assert harness.exceptions_on(page) == []
            assert "Traceback" not in fresh.log()
        finally:
            ctx.close()
