"""Widgets a preset moves fall back to what they show, never to 0.

A browser that redraws such a widget before its value has arrived (a click right after the
page opened) sends back the widget's own default: the proto's `default`. These widgets keep
their value in session state, so that default must always be the value on screen; when it
was the widget's built-in 0, a race started that quickly ran with T = 0
(tests/e2e/test_race_e2e.py starts races that quickly).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import apptest

RACE = ["race_T", "race_hidden", "race_lr", "race_steps", "race_seed"]
TRAIN = ["train_embed", "train_hidden", "train_lr", "train_epochs", "train_reviews"]
TRAIN += ["train_max_len", "train_batch", "train_seed"]
GRADIENTS = ["scalar_w", "bptt_length", "bptt_scale", "bptt_forget_bias"]


def widget(at: AppTest, key: str):
    return next(w for kind in ("number_input", "slider") for w in at.get(kind) if w.key == key)


def fallback(at: AppTest, key: str) -> object:
    """What the browser would send for the widget before its value arrived."""
    el = widget(at, key)
    return el.proto.default[0] if el.type == "slider" else el.proto.default


def shown(at: AppTest, key: str) -> object:
    return widget(at, key).value


def check(at: AppTest, keys: list[str]) -> None:
    for key in keys:
        assert fallback(at, key) == pytest.approx(shown(at, key)), key


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_race_settings_fall_back_to_what_they_show(lang):
    at = apptest.open_page("pages/race.py", lang)
    check(at, RACE)
    assert shown(at, "race_T") == 50
    at.button(key="race_preset_short").click().run()
    assert shown(at, "race_T") == 5
    check(at, RACE)


def test_train_settings_fall_back_to_what_they_show():
    at = apptest.open_page("pages/train.py", "vi")
    check(at, TRAIN)
    radio = at.radio(key="train_kind")
    assert radio.proto.default == radio.index
    radio.set_value("rnn").run()
    radio = at.radio(key="train_kind")
    assert radio.value == "rnn" and radio.proto.default == radio.index


def test_gradient_settings_fall_back_to_what_they_show():
    at = apptest.open_page("pages/gradients.py", "en")
    check(at, GRADIENTS)
    before = shown(at, "bptt_scale")
    at.button(key="bptt_preset_explode").click().run()
    assert shown(at, "bptt_scale") != before
    check(at, GRADIENTS)
    radio = at.radio(key="bptt_activation")
    assert radio.value == "relu" and radio.proto.default == radio.index
