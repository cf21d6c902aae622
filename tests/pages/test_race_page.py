"""The training race page, driven through the real app by widget key, in both languages.

Every race here is tiny (T = 5, H = 4, a dozen steps), set through the page's own controls.
"""

import json

import pytest
from streamlit.testing.v1 import AppTest

from core.race import PRESETS, Race, RaceConfig
from tests.support import apptest
from tests.support.lang import english_strings, vietnamese_words, visible_text
from ui.i18n import t

PAGE = "pages/race.py"
TINY = {"race_T": 5, "race_hidden": 4, "race_steps": 12}


def open_page(lang: str = "en", state: dict | None = None) -> AppTest:
    return apptest.open_page(PAGE, lang, state=state)


def tiny_race(at: AppTest) -> AppTest:
    for key, value in TINY.items():
        at.number_input(key=key).set_value(value).run()
    at.button(key="race_start").click().run()
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


def test_a_run_is_reproducible_for_a_seed():
    first = tiny_race(open_page())
    again = tiny_race(open_page())
    assert figures(first) == figures(again)
    assert first.success[0].value == again.success[0].value
    again.number_input(key="race_seed").set_value(3).run()
    again.button(key="race_start").click().run()
    assert figures(again)[0]["data"][0]["y"] != figures(first)[0]["data"][0]["y"]


def test_a_stopped_race_keeps_its_curves_and_says_where_it_stopped():
    """The state a Stop click leaves: a race part-way, no longer running (the browser test
    clicks Stop during a real run)."""
    race = Race(RaceConfig(T=5, hidden_size=4, steps=12))
    for _ in range(4):
        race.step()
    state = {"race": race, "race_running": False, **TINY}
    at = open_page(state=state)
    assert t("race.stopped", "en", step=4) in [i.value for i in at.info]
    assert figures(at)[0]["data"][0]["x"] == [1, 2, 3, 4]
    assert at.success[0].value.startswith("After 4 of 12 steps")
    assert at.button(key="race_stop").disabled  # nothing is running


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
