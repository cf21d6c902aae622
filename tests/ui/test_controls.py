"""The pages' shared control helpers: a page's catalog section, presets put into state."""

import math

import pytest

from ui.controls import apply_preset, held, section
from ui.i18n import CATALOG, LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_section_reads_the_pages_own_keys_in_the_readers_language(lang):
    say = section("race", lang)
    assert say("title") == CATALOG["race.title"][lang]
    assert say("progress", step=3, steps=12) == CATALOG["race.progress"][lang].format(
        step=3, steps=12
    )
    with pytest.raises(KeyError):
        say("no_such_key")


def test_a_preset_overwrites_every_value_it_names_and_nothing_else():
    state = {"a": 1, "b": 2, "other": "kept"}
    apply_preset(state, {"a": 10, "b": 20, "c": 30})
    assert state == {"a": 10, "b": 20, "c": 30, "other": "kept"}


def test_a_preset_on_only_unset_keeps_what_the_student_chose():
    state = {"a": 1}
    apply_preset(state, {"a": 10, "b": 20}, only_unset=True)
    assert state == {"a": 1, "b": 20}


def test_held_gives_a_widget_the_value_session_state_holds_unless_no_box_can_show_it():
    state = {"w": 0.5, "n": 50, "kind": "lstm", "inf": math.inf, "nan": math.nan}
    assert [held(state, k) for k in ("w", "n", "kind")] == [0.5, 50, "lstm"]
    assert held(state, "inf") is None and held(state, "nan") is None
