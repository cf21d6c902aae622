"""Faults a visitor could meet, injected into a COPY of the site (the repo stays intact)."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.harness import (
    ROOT,
    TIMEOUT_MS,
    copy_app,
    exceptions_on,
    open_page,
    screenshot,
    warm_up,
)
from tests.support.faults import MODEL_FAULTS, MODEL_FILES
from tests.support.server import CHROMIUM, streamlit_server
from ui.i18n import t

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
    message = t("common.page_error", "vi", kind="RuntimeError")
    open_page(visitor, damaged.url, "gradients", message.split(".")[0])
    body = visitor.locator("body").inner_text()
    assert message in body
    assert "SECRET-INTERNAL-DETAIL" not in body
    assert "Traceback" not in body and "line 42" not in body
    assert exceptions_on(visitor) == []
    screenshot(visitor, "fault_raising_page")
    # The same session carries on: the other pages still work.
    visitor.locator('[data-testid="stSidebarNav"]').get_by_text(
        t("nav.home", "vi"), exact=True
    ).click()
    visitor.get_by_role("heading", name="LSTM Lab").wait_for()
    assert exceptions_on(visitor) == []


# ---------------------------------------------------------------- the model's files


@pytest.fixture(scope="module")
def modelless(tmp_path_factory, browser):
    """A healthy copy of the site whose models/ each test damages in its own way."""
    if not (ROOT / "models" / MODEL_FILES[0]).exists():
        pytest.skip("no shipped model in models/ to damage")
    app = copy_app(tmp_path_factory.mktemp("modelless_app") / "site")
    with streamlit_server(app, app.parent / "streamlit.log") as srv:
        warm_up(browser, srv.url)
        yield app, srv


def _damage(app, name, damage):
    for f in MODEL_FILES:  # undo the previous test's damage
        (app / "models" / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "models" / f, app / "models" / f)
    damage(app / "models" / name)


def _sentiment_message(page, base_url) -> str:
    open_page(page, base_url, "sentiment", "Chưa có mô hình")
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Chưa có mô hình")
    return alert.inner_text()


@pytest.mark.parametrize(
    ("fault", "name", "damage"), MODEL_FAULTS, ids=[f[0] for f in MODEL_FAULTS]
)
def test_a_broken_model_stops_only_the_sentiment_page(browser, modelless, fault, name, damage):
    app, srv = modelless
    _damage(app, name, damage)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = ctx.new_page()
        message = _sentiment_message(page, srv.url)
        assert "make train" in message  # how to rebuild it
        assert name in message  # and which file
        assert "Traceback" not in page.locator("body").inner_text()
        assert (
            page.get_by_role("button", name=t("sentiment.classify", "vi"), exact=True).count() == 0
        )
        assert exceptions_on(page) == []
        if fault == "onnx_missing":
            screenshot(page, "fault_model_missing")
        # Every other page keeps working in the same session.
        nav = page.locator('[data-testid="stSidebarNav"]')
        for label, text in (
            (t("nav.calculator", "vi"), "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95"),
            (t("nav.gradients", "vi"), "Hình ảnh vô hướng"),
            (t("nav.home", "vi"), "LSTM Lab"),
        ):
            nav.get_by_text(label, exact=True).click()
            page.get_by_text(text).first.wait_for()
            assert exceptions_on(page) == [], label
    finally:
        ctx.close()
    assert "Traceback" not in srv.log()
