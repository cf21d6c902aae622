"""Bag or sequence in a browser: slide 24's indices, the three verdicts, typed markup (its phone
check is test_site.py's)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.snippets import open_snippet
from tests.support.lang import other_language
from ui.i18n import t

PATH = "bag-or-sequence"


def _main(page):
    return page.locator('[data-testid="stMain"]')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_bag_forgets_the_order_the_others_do_not(page, base_url, lang):
    harness.open_in(page, base_url, PATH, lang, "bag.title")
    main = _main(page)
    # slide 24: dog 2, bites 4, man 3 and the reverse order
    chips = main.locator("div").filter(has_text="dog → 2").last.inner_text()
    assert "bites → 4" in chips and "man → 3" in chips
    assert main.locator('[data-testid="stAlertContentSuccess"]').count() == 1  # the bag only
    assert main.locator('[data-testid="stAlertContentWarning"]').count() == 2
    assert main.get_by_text(t("bag.same", lang)).count() == 1
    assert main.locator('[data-testid="stDataFrame"]').count() >= 7
    assert other_language(harness.main_text(page), lang) == []
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"bag_or_sequence_{lang}")
    code = open_snippet(page, lang)
    assert "nn.EmbeddingBag(" in code and "[[2, 4, 3], [3, 4, 2]]" in code  # slide 24's ids


def test_typed_markup_is_shown_as_text(page, base_url, dialogs, outside_requests):
    harness.open_in(page, base_url, PATH, "en", "bag.title")
    payload = " ".join([*harness.PAYLOADS, "<b>bold</b>"])
    harness.enter_text(page.get_by_role("textbox", name=t("bag.a", "en")), payload)
    main = _main(page)
    assert main.get_by_text("<script>alert(1)</script> → ", exact=False).count() >= 1
    assert main.get_by_text("![x](http://127.0.0.1:9/x.png) → ", exact=False).count() >= 1
    assert main.locator("img, svg[onload], script").count() == 0
    assert main.locator("b", has_text="bold").count() == 0
    assert main.locator('a[href^="javascript"]').count() == 0
    assert dialogs == [] and outside_requests == [] and harness.exceptions_on(page) == []


def test_free_sentences_are_padded_and_the_cap_makes_unk(page, base_url):
    harness.open_in(page, base_url, PATH, "en", "bag.title")
    page.get_by_text(t("bag.mode.free", "en")).click()
    harness.settle(page)
    main = _main(page)
    assert main.get_by_text("<pad> → 0", exact=False).count() >= 1
    assert main.get_by_text(t("bag.pad_note", "en", M=5).split("`")[0], exact=False).count() == 1
    page.get_by_text(t("bag.settings", "en")).click()
    page.get_by_text(t("bag.cap", "en")).click()
    harness.settle(page)
    assert main.get_by_text("→ 1", exact=False).count() >= 1  # <unk>
    assert harness.exceptions_on(page) == []
