"""The training race in a browser, in each language: start, watch the curves draw, stop;
and a finished short race on a phone's width (no clipped chart title, no sideways scroll)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.harness import (
    TIMEOUT_MS,
    exceptions_on,
    open_page,
    phone_report,
    requires_chromium,
    screenshot,
    settle,
)
from tests.support.lang import english_strings, vietnamese_words
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]


def open_race(page, base_url, lang: str) -> None:
    open_page(page, base_url, f"race?lang={lang}", t("race.title", lang).split(" ", 1)[1])


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_start_watch_the_curves_draw_then_stop(page, base_url, lang):
    open_race(page, base_url, lang)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == 0
    page.get_by_role("button", name=t("race.start", lang)).click()  # the long default race
    charts.first.wait_for(timeout=TIMEOUT_MS)  # drawn while training, not after
    bar = page.locator('[data-testid="stProgress"]')
    bar.first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # a few more redraws
    page.get_by_role("button", name=t("race.stop", lang)).click()
    settle(page)
    stopped = t("race.stopped", lang, step="{}").split("{}")[0].strip()
    text = main_text(page)
    assert stopped in text, text[-800:]
    step = int(re.search(re.escape(stopped) + r"\s*(\d+)", text).group(1))
    assert 0 < step < 250  # stopped part-way through the 250 steps
    assert charts.count() == 2
    assert t("race.stop", lang) in text
    assert page.get_by_role("button", name=t("race.stop", lang)).is_disabled()
    assert exceptions_on(page) == []
    if lang == "en":
        assert vietnamese_words(text) == []
    else:
        assert english_strings(text) == []
    screenshot(page, f"race_stopped_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_short_race_finishes_with_a_verdict_and_fits_a_phone(page, base_url, lang):
    open_race(page, base_url, lang)
    page.get_by_role("button", name=t("race.preset_short", lang)).click()
    settle(page)
    page.get_by_role("button", name=t("race.start", lang)).click()
    verdict = t("race.verdict", lang, step=100, steps=100, T=5, rnn="{}", lstm="{}")
    page.get_by_text(verdict.split("{}")[0].strip()).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)
    assert phone_report(page) == {"charts": 2, "clipped": [], "sideways": 0, "toolbars": 0}
    assert exceptions_on(page) == []
    screenshot(page, f"race_phone_{lang}")
