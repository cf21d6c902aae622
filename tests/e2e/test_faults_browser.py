"""Faults a visitor could meet, injected into a COPY of the site (the repo stays intact)."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    CHROMIUM,
    copy_app,
    exceptions_on,
    open_page,
    requires_chromium,
    screenshot,
    streamlit_server,
    warm_up,
)

pytestmark = [pytest.mark.e2e, requires_chromium]

# A page that fails deep inside a helper, with a message a visitor must never see.
RAISING_PAGE = """
import streamlit as st

st.title("Sắp hỏng")


def _deep(n):
    return 1 / n if n else _deep_fail()


def _deep_fail():
    raise RuntimeError("SECRET-INTERNAL-DETAIL /srv/app/core.py line 42")


_deep(0)
"""


@pytest.fixture(scope="module")
def damaged(tmp_path_factory, browser):
    """The site copied to a tmp dir with the gradients page replaced by one that raises."""
    app = copy_app(tmp_path_factory.mktemp("damaged_app") / "site")
    (app / "pages" / "gradients.py").write_text(RAISING_PAGE, encoding="utf-8")
    with streamlit_server(app, app.parent / "streamlit.log") as srv:
        warm_up(browser, srv.url)
        yield srv


@pytest.fixture
def visitor(browser, damaged):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    yield ctx.new_page()
    ctx.close()


def test_a_raising_page_shows_a_message_not_a_traceback(visitor, damaged):
    assert CHROMIUM.exists()
    open_page(visitor, damaged.url, "gradients", "Trang này gặp lỗi không mong muốn")
    body = visitor.locator("body").inner_text()
    assert "This page hit an unexpected error" in body
    assert "SECRET-INTERNAL-DETAIL" not in body
    assert "Traceback" not in body and "line 42" not in body
    assert exceptions_on(visitor) == []
    screenshot(visitor, "fault_raising_page")
    # The same session carries on: the other pages still work.
    visitor.locator('[data-testid="stSidebarNav"]').get_by_text("Trang chủ · Home").click()
    visitor.get_by_role("heading", name="LSTM Lab").wait_for()
    assert exceptions_on(visitor) == []
