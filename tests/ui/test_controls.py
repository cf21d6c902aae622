"""The pages' shared control helpers: a page's catalog section, presets put into state."""

import pytest

from ui.controls import apply_preset, section
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
