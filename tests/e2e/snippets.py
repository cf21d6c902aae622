"""The PyTorch snippet expanders in a browser: open one and read its code."""

from __future__ import annotations

from tests.e2e import harness
from ui.i18n import t


def open_snippet(where, lang: str, nth: int = 0) -> str:
    """Open the nth snippet expander inside `where` (a page or a locator); its code's text."""
    label = t("snippets.expander", lang)
    box = where.locator('[data-testid="stExpander"]').filter(has_text=label).nth(nth)
    box.locator("summary").click()
    code = box.locator('[data-testid="stCode"]').first
    code.wait_for()
    harness.settle(box.page)
    return code.inner_text()
