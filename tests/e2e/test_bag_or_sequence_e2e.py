"""Bag or sequence in a browser: slide 24's indices, the three verdicts, typed markup, a phone."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    clipped_titles,
    exceptions_on,
    on_phone,
    open_page,
    requires_chromium,
    screenshot,
    settle,
    sideways_overflow,
)
from tests.support.lang import vietnamese_words
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]

PATH = "bag-or-sequence"


def _main(page):
    return page.locator('[data-testid="stMain"]')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_bag_forgets_the_order_the_others_do_not(page, base_url, lang):
    open_page(page, base_url, f"{PATH}?lang={lang}", t("bag.title", lang))
    main = _main(page)
    # slide 24: dog 2, bites 4, man 3 and the reverse order
    chips = main.locator("div").filter(has_text="dog → 2").last.inner_text()
    assert "bites → 4" in chips and "man → 3" in chips
    assert main.locator('[data-testid="stAlertContentSuccess"]').count() == 1  # the bag only
    assert main.locator('[data-testid="stAlertContentWarning"]').count() == 2
    assert main.get_by_text(t("bag.same", lang)).count() == 1
    assert main.locator('[data-testid="stDataFrame"]').count() >= 7
    if lang == "en":
        assert vietnamese_words(main.inner_text()) == []
    assert exceptions_on(page) == []
    screenshot(page, f"bag_or_sequence_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bag_or_sequence_fits_a_phone(page, base_url, lang):
    open_page(page, base_url, f"{PATH}?lang={lang}", t("bag.title", lang))
    on_phone(page)
    assert sideways_overflow(page) == 0
    assert clipped_titles(page) == []
    screenshot(page, f"bag_or_sequence_phone_{lang}")


def test_typed_markup_is_shown_as_text(page, base_url, dialogs):
    open_page(page, base_url, f"{PATH}?lang=en", t("bag.title", "en"))
    box = page.get_by_role("textbox", name=t("bag.a", "en"))
    box.fill("<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b>")
    box.press("Enter")
    settle(page)
    main = _main(page)
    assert main.get_by_text("<script>alert(1)</script> → 2", exact=False).count() >= 1
    assert (
        main.locator("img[src=x]").count() == 0 and main.locator("b", has_text="bold").count() == 0
    )
    assert dialogs == [] and exceptions_on(page) == []


def test_free_sentences_are_padded_and_the_cap_makes_unk(page, base_url):
    open_page(page, base_url, f"{PATH}?lang=en", t("bag.title", "en"))
    page.get_by_text(t("bag.mode.free", "en")).click()
    settle(page)
    main = _main(page)
    assert main.get_by_text("<pad> → 0", exact=False).count() >= 1
    assert main.get_by_text(t("bag.pad_note", "en", M=5).split("`")[0], exact=False).count() == 1
    page.get_by_text(t("bag.settings", "en")).click()
    page.get_by_text(t("bag.cap", "en")).click()
    settle(page)
    assert main.get_by_text("→ 1", exact=False).count() >= 1  # <unk>
    assert exceptions_on(page) == []
