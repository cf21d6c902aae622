"""Widgets a preset moves fall back to the page's default state, never to 0.

A browser that redraws such a widget before its value has arrived (a click right after the
page opened) sends back the widget's own default: the proto's `default`. These widgets keep
their value in session state, so that default must be the page's first state; when it was
the widget's built-in 0, a race started that quickly ran with T = 0
(tests/e2e/test_race_e2e.py starts races that quickly). The same default is what a lesson
link leaves out, so a link carries only what the teacher changed.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.race import PRESETS
from core.sentiment.review import EXAMPLES
from tests.support import apptest
from ui.gradients.controls import DEFAULTS as GRADIENT_DEFAULTS
from ui.race.controls import FIELDS as RACE_FIELDS
from ui.train.controls import DEFAULTS as TRAIN_DEFAULTS
from ui.train.controls import NUMBERS as TRAIN_NUMBERS


def widget(at: AppTest, key: str):
    return next(w for kind in ("number_input", "slider") for w in at.get(kind) if w.key == key)


def fallback(at: AppTest, key: str) -> object:
    """What the browser would send for the widget before its value arrived."""
    el = widget(at, key)
    return el.proto.default[0] if el.type == "slider" else el.proto.default


def check(at: AppTest, defaults: dict[str, object]) -> None:
    for key, value in defaults.items():
        assert fallback(at, key) == pytest.approx(value), key


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_race_settings_fall_back_to_the_long_preset(lang):
    at = apptest.open_page("pages/race.py", lang)
    long = {k: getattr(PRESETS["long"], field) for k, (field, _, _) in RACE_FIELDS.items()}
    assert long["race_T"] == 50
    check(at, long)
    assert [widget(at, k).value for k in long] == pytest.approx(list(long.values()))
    at.button(key="race_preset_short").click().run()
    assert widget(at, "race_T").value == 5
    check(at, long)


def test_train_settings_fall_back_to_the_defaults():
    at = apptest.open_page("pages/train.py", "vi")
    check(at, {k: getattr(TRAIN_DEFAULTS, f) for k, (f, _) in TRAIN_NUMBERS.items()})
    radio = at.radio(key="train_kind")
    assert radio.proto.default == radio.index == ["bag", "rnn", "lstm"].index(TRAIN_DEFAULTS.kind)


def test_gradient_settings_fall_back_to_the_first_state():
    at = apptest.open_page("pages/gradients.py", "en")
    numbers = {k: v for k, v in GRADIENT_DEFAULTS.items() if k != "bptt_activation"}
    check(at, numbers)
    assert [widget(at, k).value for k in numbers] == pytest.approx(list(numbers.values()))
    at.button(key="bptt_preset_explode").click().run()
    assert widget(at, "bptt_scale").value == 2.0
    check(at, numbers)
    radio = at.radio(key="bptt_activation")
    assert radio.value == "relu" and radio.options[radio.proto.default] == "tanh"


def test_the_review_box_falls_back_to_the_first_example():
    at = apptest.open_page("pages/sentiment.py", "vi")
    box = at.text_area(key="sentiment_text")
    assert box.proto.default == box.value == EXAMPLES["pos1"]
    box.set_value("quán này dở").run()
    assert at.text_area(key="sentiment_text").proto.default == EXAMPLES["pos1"]
