"""The sentiment page in a real browser: injected HTML stays text, both modes render.

Uses the session's server and Chromium from conftest.py: a second sync Playwright in the
same process fails ("Sync API inside the asyncio loop").
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    TIMEOUT_MS,
    exceptions_on,
    open_page,
    screenshot,
    settle,
)

pytestmark = pytest.mark.e2e

PAYLOAD = (
    "<script>alert('xss')</script> <img src=\"http://evil.example/x.png\" "
    'onerror="alert(1)"> Quán ngon 😀 https://foody.vn'
)


@pytest.fixture
def visit(browser, server):
    """A fresh visitor on the sentiment page; records dialogs and outside requests."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    ctx.set_default_timeout(TIMEOUT_MS)
    seen = {"dialogs": [], "outside": []}

    def guard(route):
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            seen["outside"].append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    page = ctx.new_page()
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    log_before = len(server.log())
    open_page(page, server.url, "sentiment", "Phân tích cảm xúc")
    yield page, seen
    ctx.close()
    assert "Traceback" not in server.log()[log_before:]


def test_first_example_shows_verdict_and_every_stage(visit):
    page, seen = visit
    main = page.locator('[data-testid="stMain"]')
    for text in ("P(positive) =", "Làm sạch", "Token và chỉ số", "Vì sao", "Bên trong LSTM"):
        main.get_by_text(text, exact=False).first.wait_for()
    assert main.locator(".js-plotly-plot").count() >= 2  # P(positive) line and gate maps
    assert exceptions_on(page) == []
    assert seen == {"dialogs": [], "outside": []}
    screenshot(page, "sentiment_one_review")


def test_html_typed_into_the_review_stays_text(visit):
    page, seen = visit
    box = page.get_by_role("textbox", name="Bình luận", exact=True)
    box.fill(PAYLOAD)
    box.press("Control+Enter")
    settle(page)
    page.get_by_text("P(positive) =", exact=False).first.wait_for()
    main = page.locator('[data-testid="stMain"]')
    assert seen == {"dialogs": [], "outside": []}
    assert main.locator("script, img[src*='evil'], img[onerror]").count() == 0
    # cleaning step 1 shows the tags as text, struck through
    assert main.get_by_text("<script>", exact=True).count() >= 1
    assert exceptions_on(page) == []
    screenshot(page, "sentiment_injection")


def test_bulk_paste_classifies_every_line(visit):
    page, seen = visit
    page.get_by_text("Nhiều bình luận", exact=False).first.click()
    settle(page)
    box = page.get_by_role("textbox", name="Mỗi dòng một bình luận", exact=True)
    box.fill("Đồ ăn ngon, phục vụ nhanh.\n\nQuán bẩn, nhân viên thô lỗ.\n" + PAYLOAD)
    page.get_by_role("button", name="Phân loại", exact=True).click()
    settle(page)
    page.get_by_text("Tải kết quả CSV", exact=False).first.wait_for()
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "4"
    assert seen == {"dialogs": [], "outside": []}
    assert exceptions_on(page) == []
    screenshot(page, "sentiment_bulk")


def test_switching_modes_keeps_what_was_typed(visit):
    """A real browser drops an undrawn widget's state (AppTest does not): the page restores it."""
    page, _ = visit
    review = "Cà phê thơm, bánh ngọt vừa phải, sẽ quay lại."
    box = page.get_by_role("textbox", name="Bình luận", exact=True)
    box.fill(review)
    box.press("Control+Enter")
    settle(page)
    page.get_by_text("Nhiều bình luận", exact=False).first.click()
    settle(page)
    bulk = page.get_by_role("textbox", name="Mỗi dòng một bình luận", exact=True)
    bulk.fill("ngon\ndở")
    page.get_by_role("button", name="Phân loại", exact=True).click()  # sends the pasted text
    settle(page)
    page.get_by_text("Một bình luận", exact=False).first.click()
    settle(page)
    assert page.get_by_role("textbox", name="Bình luận", exact=True).input_value() == review
    page.get_by_text("Nhiều bình luận", exact=False).first.click()
    settle(page)
    assert bulk.input_value() == "ngon\ndở"
    assert exceptions_on(page) == []
