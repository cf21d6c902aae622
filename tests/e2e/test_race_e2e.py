"""The training race in a browser, in each language: start, watch the curves draw, stop;
and a finished short race on a phone's width (no clipped chart title, no sideways scroll)."""

from __future__ import annotations

import re
import time

import pytest

from core.race import PRESETS
from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import t
from ui.pool import STALE_TICK_S
from ui.race import words
from ui.race.controls import FRAME_S


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_start_watch_the_curves_draw_then_stop(page, base_url, lang):
    harness.open_in(page, base_url, "race", lang, "race.title")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == 0
    # The long default race, made long enough (3,000 steps) that Stop always lands mid-race,
    # however busy the machine is.
    page.get_by_text(t("race.more", lang), exact=True).click()
    steps = page.get_by_label(words.label("steps", "steps", lang))
    steps.fill("3000")
    steps.press("Enter")
    harness.settle(page)
    page.get_by_role("button", name=t("race.start", lang)).click()
    charts.first.wait_for(timeout=harness.TIMEOUT_MS)  # drawn while training, not after
    bar = page.locator('[data-testid="stProgress"]')
    bar.first.wait_for(timeout=harness.TIMEOUT_MS)
    page.wait_for_timeout(1500)  # a few more redraws
    page.get_by_role("button", name=t("race.stop", lang)).click()
    harness.settle(page)
    stopped = t("race.stopped", lang, step="{}").split("{}")[0].strip()
    text = harness.main_text(page)
    assert stopped in text, text[-800:]
    step = int(re.search(re.escape(stopped) + r"\s*(\d+)", text).group(1))
    assert 0 < step < 3000  # stopped part-way through
    assert charts.count() == 2
    assert t("race.stop", lang) in text
    assert page.get_by_role("button", name=t("race.stop", lang)).is_disabled()
    assert harness.exceptions_on(page) == []
    assert other_language(text, lang) == []
    harness.screenshot(page, f"race_stopped_{lang}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_short_race_finishes_with_a_verdict_and_fits_a_phone(page, base_url, lang):
    harness.open_in(page, base_url, "race", lang, "race.title")
    page.get_by_role("button", name=t("race.preset_short", lang)).click()
    harness.settle(page)
    page.get_by_role("button", name=t("race.start", lang)).click()
    verdict = t("race.verdict", lang, step=100, steps=100, T=5, rnn="{}", lstm="{}")
    page.get_by_text(verdict.split("{}")[0].strip()).first.wait_for(timeout=harness.TIMEOUT_MS)
    harness.settle(page)
    assert harness.assert_fits_phone(page, f"race_phone_{lang}")["charts"] == 2
    assert harness.exceptions_on(page) == []


def test_start_pressed_the_moment_the_page_opens_races_the_settings_shown(browser, base_url):
    """Four students arrive through the sidebar at once and press Start as soon as it shows.

    The settings start in session state; a browser that redraws them before their values
    arrive falls back to each widget's default, which was 0 (T = 0, refused) in about half
    of such arrivals until the widgets were given value= too (ui/controls.py: apply_preset).
    """
    lang, c = "vi", PRESETS["long"]
    pages = []
    for _ in range(4):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(harness.TIMEOUT_MS)
        pages.append(ctx.new_page())
    try:
        for pg in pages:  # from the calculator, as in scripts/bench_class.py
            harness.open_in(pg, base_url, "calculator", lang, "calculator.title")
        for pg in pages:
            nav = pg.locator('[data-testid="stSidebarNav"]')
            nav.get_by_text(t("nav.race", lang), exact=True).click()
            pg.get_by_role("button", name=t("race.start", lang), exact=True).click()
        for pg in pages:
            harness.settle(pg)
            boxes = pg.locator('input[type="number"]')
            shown = [float(v) for v in boxes.evaluate_all("els => els.map(e => e.value)")]
            assert shown[:4] == [c.T, c.hidden_size, c.learning_rate, c.steps]
            assert t("race.fix", lang) not in harness.main_text(pg)
            charts = pg.locator('[data-testid="stPlotlyChart"]')
            charts.first.wait_for()  # drawn once the shared run left the queue
            assert charts.count() == 2
    finally:
        for pg in pages:
            pg.context.close()


class LoseTheRunThatEndsTheRace:
    """Between server and page: holds back each full run's messages until the run ends, and
    drops, whole, the first one that draws the verdict (the run that turns the board's timer
    and Stop off), as Streamlit 1.67 itself loses it when a tick of that timer lands just as
    the run ends (ui/pool.py: Redraw). Fragment runs pass straight through."""

    def __init__(self, verdict: str):
        self.verdict = verdict.encode()
        self.held: list = []  # the full run's messages so far, while one is being held
        self.holding, self.dropped = False, 0
        self.runs = 0  # runs of the page or its board the server has started

    def __call__(self, ws) -> None:
        server = ws.connect_to_server()
        server.on_message(lambda message: self.relay(ws, message))

    def relay(self, ws, message) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        msg.ParseFromString(message)
        kind = msg.WhichOneof("type")
        self.runs += kind == "new_session"
        if kind == "new_session" and not msg.metadata.run.fragment_ids:
            self.holding = True
        if not self.holding:
            ws.send(message)
            return
        self.held.append(message)
        if kind != "script_finished":
            return
        run, self.held, self.holding = self.held, [], False
        if not self.dropped and any(self.verdict in m for m in run):
            self.dropped = len(run)
            return
        for m in run:
            ws.send(m)


def test_a_browser_that_never_gets_the_run_ending_the_race_sees_stop_off_and_stops_ticking(
    page, base_url
):
    """Without the page's own remedy (ui/pool.py: Redraw) this browser keeps Stop on and its
    board's timer ticks on for good, each tick a redraw of two charts on the server."""
    lang = "en"
    verdict = t("race.verdict", lang, step=100, steps=100, T=5, rnn="{}", lstm="{}")
    lose = LoseTheRunThatEndsTheRace(verdict.split("{}")[0].strip())
    page.route_web_socket(re.compile(r".*/_stcore/stream"), lose)
    harness.open_in(page, base_url, "race", lang, "race.title")
    page.get_by_role("button", name=t("race.preset_short", lang)).click()
    harness.settle(page)
    page.get_by_role("button", name=t("race.start", lang)).click()
    page.get_by_text(verdict.split("{}")[0].strip()).first.wait_for(timeout=harness.TIMEOUT_MS)
    stop = page.get_by_role("button", name=t("race.stop", lang))
    deadline = time.monotonic() + 30
    while not stop.is_disabled() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert lose.dropped > 2  # that run was lost, whole
    assert stop.is_disabled()
    page.wait_for_timeout(2 * STALE_TICK_S * 1000)  # the page ran again; ticks in flight landed
    runs = lose.runs
    page.wait_for_timeout(5 * FRAME_S * 1000)
    assert lose.runs == runs  # no more ticks
    assert harness.exceptions_on(page) == []
