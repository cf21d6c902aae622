"""The training race page, driven through the real app by widget key, in both languages.

Every race here is tiny (T = 5, H = 4, a dozen steps), set through the page's own controls.
"""

import gc
import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from core.race import PRESETS, record
from tests.core.test_jobs import gated, open_gates, wait_for
from tests.support import apptest
from tests.support.lang import english_strings, vietnamese_words, visible_text
from ui.i18n import t
from ui.pool import pool
from ui.race.controls import PRESETS_FOLLOWER, Replay

PAGE = "pages/race.py"
TINY = {"race_T": 5, "race_hidden": 4, "race_steps": 12}


def open_page(lang: str = "en", state: dict | None = None) -> AppTest:
    return apptest.open_page(PAGE, lang, state=state)


def tiny_race(at: AppTest, pace: str = "fast") -> AppTest:
    """Set a tiny race, press Start and rerun (as the replay's redraws do) until it is over."""
    for key, value in TINY.items():
        at.number_input(key=key).set_value(value).run()
    at.segmented_control(key="race_pace").set_value(pace).run()
    at.button(key="race_start").click().run()
    return play_out(at)


def play_out(at: AppTest, timeout_s: float = 30) -> AppTest:
    deadline = time.monotonic() + timeout_s
    while not at.button(key="race_stop").disabled:
        assert time.monotonic() < deadline, "the replay never ended"
        time.sleep(0.05)
        at.run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart_words(at: AppTest) -> str:
    """The words inside the charts: titles, axis titles and trace names."""
    out = []
    for spec in figures(at):
        lay = spec["layout"]
        out += [lay["title"]["text"], lay["xaxis"]["title"]["text"], lay["yaxis"]["title"]["text"]]
        out += [d["name"] for d in spec["data"]]
    return "\n".join(out)


def test_the_page_opens_on_the_long_preset_and_waits_for_start():
    at = open_page()
    assert at.number_input(key="race_T").value == PRESETS["long"].T == 50
    assert at.number_input(key="race_hidden").value == 32
    assert "(5–100)" in at.number_input(key="race_T").label
    assert at.number_input(key="race_seed").label.endswith("(0–2,147,483,647)")
    assert at.button(key="race_stop").disabled
    assert t("race.ready", "en") in visible_text(at)
    assert figures(at) == []


def test_short_t_is_one_click_away():
    at = open_page()
    at.button(key="race_preset_short").click().run()
    assert at.number_input(key="race_T").value == PRESETS["short"].T == 5
    assert at.number_input(key="race_steps").value == PRESETS["short"].steps
    at.button(key="race_preset_long").click().run()
    assert at.number_input(key="race_T").value == 50


def test_a_tiny_race_draws_both_curves_a_full_progress_bar_and_a_verdict():
    at = tiny_race(open_page())
    loss, acc = figures(at)
    assert [d["name"] for d in loss["data"]][:2] == ["RNN", "LSTM"]
    assert loss["data"][0]["x"] == list(range(1, 13))
    assert len(acc["data"][1]["x"]) == 2  # evaluations at steps 10 and 12
    assert at.get("progress")[0].proto.value == 100
    verdict = at.success[0].value
    assert verdict.startswith("After 12 of 12 steps at T = 5")
    assert at.button(key="race_stop").disabled  # the race is over
    assert not at.info  # finished, not stopped


def test_a_replay_that_ends_while_the_page_draws_still_turns_stop_off(monkeypatch):
    """The replay's clock reaches the last step between Stop being drawn (still playing)
    and the board: the board must still rerun the page, or Stop stays on for good (three
    of ten students of the class benchmark waited for it)."""
    at = open_page()
    for key, value in TINY.items():
        at.number_input(key=key).set_value(value).run()
    at.segmented_control(key="race_pace").set_value("slow").run()
    at.button(key="race_start").click().run()
    job = at.session_state["race_replay"].job
    wait_for(lambda: len(pool().view(job).records) == TINY["race_steps"])
    looks = []

    def cursor(self, available):  # one step short when Stop is drawn, the end from then on
        looks.append(available)
        return available - 1 if len(looks) == 1 else available

    monkeypatch.setattr(Replay, "cursor", cursor)
    at.run()
    assert len(looks) >= 3  # Stop, the board, and the page once more after the board
    assert at.button(key="race_stop").disabled
    assert at.success and not at.exception


def test_a_run_is_reproducible_for_a_seed():
    first = tiny_race(open_page())
    again = tiny_race(open_page())
    assert figures(first) == figures(again)
    assert first.success[0].value == again.success[0].value
    again.number_input(key="race_seed").set_value(3).run()
    play_out(again.button(key="race_start").click().run())  # its first records may not be in yet
    assert figures(again)[0]["data"][0]["y"] != figures(first)[0]["data"][0]["y"]


def test_a_stopped_race_keeps_its_curves_and_says_where_it_stopped():
    """Stop part-way through a slow replay: the curves end where it stopped, the verdict is
    the last held-out measurement shown, and a second Start plays from step 0 again."""
    at = open_page()
    for key, value in {**TINY, "race_steps": 400}.items():
        at.number_input(key=key).set_value(value).run()
    at.segmented_control(key="race_pace").set_value("slow").run()
    at.button(key="race_start").click().run()
    deadline = time.monotonic() + 30
    while not figures(at) or len(figures(at)[0]["data"][0]["x"]) < 12:
        assert time.monotonic() < deadline
        time.sleep(0.1)
        at.run()
    at.button(key="race_stop").click().run()
    shown = figures(at)[0]["data"][0]["x"]
    n = len(shown)
    assert shown == list(range(1, n + 1)) and 12 <= n < 400
    assert t("race.stopped", "en", step=n) in [i.value for i in at.info]
    measured = n // 10 * 10  # measured every 10 steps: the last one shown
    assert at.success[0].value.startswith(f"After {measured} of 400 steps")
    assert at.button(key="race_stop").disabled  # nothing is playing
    time.sleep(0.3)
    at.run()
    assert len(figures(at)[0]["data"][0]["x"]) == n  # frozen where it stopped
    at.button(key="race_start").click().run()
    assert len(figures(at)[0]["data"][0]["x"]) < n  # from the start again


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [("race_T", 500, "T"), ("race_T", 2, "T"), ("race_hidden", 128, "hidden_size"),
     ("race_lr", 2.0, "learning_rate"), ("race_steps", 0, "steps")],
)  # fmt: skip
def test_out_of_range_settings_are_explained_with_their_limits(key, value, field):
    at = open_page()
    at.number_input(key=key).set_value(value).run()
    text = " ".join(e.value for e in at.error)
    assert t(f"race.field.{field}", "en") in text and "between" in text
    assert t("race.fix", "en") in [i.value for i in at.info]
    assert not at.exception and figures(at) == []


def test_changing_a_setting_after_a_race_clears_it():
    at = tiny_race(open_page())
    at.number_input(key="race_T").set_value(6).run()
    assert figures(at) == [] and t("race.ready", "en") in visible_text(at)


def _drive(at: AppTest) -> str:
    """Every main control used; what the reader saw along the way."""
    seen = [visible_text(at)]
    at.button(key="race_preset_short").click().run()
    seen.append(visible_text(at))
    at.number_input(key="race_T").set_value(1000).run()
    seen.append(visible_text(at))
    tiny_race(at)
    seen += [visible_text(at), chart_words(at)]
    return "\n".join(seen)


def test_english_page_shows_no_vietnamese_word():
    text = _drive(open_page("en"))
    assert vietnamese_words(text) == []
    assert "RNN vs LSTM race" in text and "guessing" in text


def test_vietnamese_page_shows_no_english_sentence():
    text = _drive(open_page("vi"))
    assert english_strings(text) == []
    assert "Cuộc đua" in text and "đoán mò" in text


def test_students_on_the_same_settings_share_one_run():
    """Thirty students pressing Start on one preset cost one race: each replays it."""
    unique = {"race_seed": 9_111}  # a run no other test has computed in this process
    first, second = open_page("en"), open_page("vi")
    for at in (first, second):
        for key, value in unique.items():
            at.number_input(key=key).set_value(value).run()
        tiny_race(at)
    # One job, so one computation (tests/core/test_jobs.py: a job runs once), seen by both.
    assert first.session_state["race_replay"].job is second.session_state["race_replay"].job
    assert pool().view(first.session_state["race_replay"].job).state == "done"
    assert figures(first)[0]["data"][0]["y"] == figures(second)[0]["data"][0]["y"]


def test_a_race_waits_in_a_visible_queue_while_every_worker_is_busy(tmp_path):
    busy = pool()
    work = (gated, (str(tmp_path), 1))
    blockers = [busy.follow(("test-busy", i), work, "test") for i in range(busy.workers)]
    try:
        at = open_page("en")
        at.number_input(key="race_seed").set_value(9_222).run()
        for key, value in TINY.items():
            at.number_input(key=key).set_value(value).run()
        at.button(key="race_start").click().run()
        # Other tests' runs may still hold a place too: the page says the pool's own count.
        place = pool().view(at.session_state["race_replay"].job).position
        assert place >= 1
        assert t("race.queued", "en", ahead=place - 1) in [i.value for i in at.info]
        assert not at.button(key="race_stop").disabled  # leaving the queue is one click
        assert figures(at) == [] and not at.get("progress")  # nothing to draw but the place
    finally:
        open_gates(tmp_path, 1)
    play_out(at)
    assert at.success and not any("waiting" in i.value for i in at.info)
    wait_for(lambda: all(b.state == "done" for b in blockers))  # none left for later tests


def test_a_session_that_ends_stops_the_run_nobody_else_follows():
    at = open_page("en")
    at.number_input(key="race_seed").set_value(9_333).run()
    at.number_input(key="race_steps").set_value(5000).run()
    at.segmented_control(key="race_pace").set_value("slow").run()
    at.button(key="race_start").click().run()
    job = at.session_state["race_replay"].job
    assert job.state in ("queued", "running")
    del at
    gc.collect()
    deadline = time.monotonic() + 10
    while job.state != "cancelled":
        assert time.monotonic() < deadline, job.state
        time.sleep(0.05)
    assert len(job.records) < 5000


def test_opening_the_page_starts_the_presets_runs_so_a_class_replays_them_at_once():
    open_page("en")
    for config in PRESETS.values():
        job = pool().follow(("race", config), (record, (config,)), "test-preset")
        assert PRESETS_FOLLOWER in job.followers
        wait_for(lambda job=job: job.over, timeout=120)
        assert pool().view(job).state == "done"
        assert len(job.records) == config.steps
        pool().leave(("race", config), "test-preset")
        assert job.state == "done"  # the server still follows it: kept
