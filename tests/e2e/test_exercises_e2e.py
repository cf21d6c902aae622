"""Exercises in Chromium: a teacher's link with ?seed= opened in a fresh browser gives that
exercise; an answer typed and checked gets its verdict, a miss its worked line."""

from __future__ import annotations

import pytest

from core.exercises.bag import bag_exercise
from core.exercises.calculator import cell_exercise
from tests.e2e import harness
from ui.exercises.calculator_view import worked
from ui.format import slide
from ui.i18n import t

SEED = 5


def _main(page):
    return page.locator('[data-testid="stMain"]')


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_seeded_link_gives_the_exercise_and_its_verdicts(page, base_url, lang):
    harness.open_page(
        page,
        base_url,
        f"calculator?seed={SEED}&lang={lang}",
        harness.title_words(t("calculator.title", lang)),
    )
    main = _main(page)
    ex = cell_exercise("lstm", SEED)
    seed_box = main.get_by_label(t("exercises.seed", lang), exact=True)
    assert seed_box.input_value() == str(SEED)
    # the exercise's own numbers are on the page: its input weights, as the link's seed makes them
    w_x = main.locator('[data-testid="stTable"]').nth(-5).inner_text()
    assert all(cell in w_x for row in ex.tables.grids["W_x"] for cell in row)
    f = slide(ex.expected["f"])
    right = f.replace(".", ",") if lang == "vi" else f  # the reader's decimal separator
    main.get_by_label("f_t", exact=True).fill(right)
    main.get_by_label("i_t", exact=True).fill("9")
    main.get_by_role("button", name=t("exercises.check", lang)).click()
    harness.settle(page)
    verdict = t("exercises.right", lang, name="f_t", typed=right, exact=f)
    assert main.get_by_text(verdict, exact=True).count() == 1
    assert main.get_by_text(t("exercises.wrong", lang, name="i_t", typed="9")).count() == 1
    for line in worked(ex, "i"):  # the miss's worked line, and no other value's
        assert main.locator("code", has_text=line).count() >= 1
    for line in worked(ex, "g"):
        assert main.locator("code", has_text=line).count() == 0
    assert main.get_by_text(t("exercises.tally", lang, right=1, tried=2)).count() == 1
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"exercises_calculator_{lang}")


def test_bag_or_sequence_pick_then_see(page, base_url):
    harness.open_page(
        page,
        base_url,
        f"bag-or-sequence?seed={SEED}&lang=en",
        harness.title_words(t("bag.title", "en")),
    )
    main = _main(page)
    ex = bag_exercise(SEED)
    assert main.get_by_text(" ".join(ex.b), exact=False).count() >= 1
    answer = t(f"exercises.bag.opt_{ex.answer}", "en")
    main.get_by_text(answer, exact=True).click()
    main.get_by_role("button", name=t("exercises.check", "en")).click()
    harness.settle(page)
    assert main.get_by_text(t("exercises.choice_right", "en", answer=answer)).count() == 1
    assert main.get_by_text(t(f"exercises.bag.why_{ex.answer}", "en")).count() == 1
    assert harness.exceptions_on(page) == []
