"""The race page's controls and session: its settings, Start and Stop, and the race kept
between runs (st.session_state keys race, race_running and one per setting)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.race import PRESETS, Race, RaceConfig
from ui.controls import apply_preset, section
from ui.race import words

ss = st.session_state
FIELDS = {  # widget key: (RaceConfig field, label key, the number box's step)
    "race_T": ("T", "T", 5),
    "race_hidden": ("hidden_size", "hidden", 8),
    "race_lr": ("learning_rate", "lr", 1e-3),
    "race_steps": ("steps", "steps", 50),
    "race_seed": ("seed", "seed", 1),
}
MAIN, MORE = ("race_T", "race_hidden", "race_lr"), ("race_steps", "race_seed")


def preset(name: str) -> dict[str, object]:
    """A preset as widget values."""
    return {key: getattr(PRESETS[name], field) for key, (field, _, _) in FIELDS.items()}


def init() -> None:
    """Presets set the settings, so they start from session state, never from value=."""
    apply_preset(ss, preset("long"), only_unset=True)


def _number(where, key: str, lang: str):
    """One setting's number box in `where`, labelled with its limits."""
    field, label, step = FIELDS[key]
    fmt = "%.4g" if isinstance(step, float) else None
    return where.number_input(words.label(label, field, lang), step=step, format=fmt, key=key)


def settings(lang: str) -> RaceConfig:
    """The preset buttons and the settings; the race they describe (not yet validated).

    An emptied box becomes -1, which core's validation refuses with the field's limits.
    """
    say = section("race", lang)
    for col, (name, c) in zip(st.columns(2), PRESETS.items(), strict=True):
        tip = say("preset_help", T=c.T, H=c.hidden_size, lr=f"{c.learning_rate:g}", steps=c.steps)
        col.button(
            say(f"preset_{name}"),
            key=f"race_preset_{name}",
            width="stretch",
            on_click=apply_preset,
            args=(ss, preset(name)),
            help=tip,
        )
    values = {key: _number(col, key, lang) for col, key in zip(st.columns(3), MAIN, strict=True)}
    with st.expander(say("more")):
        values |= {
            key: _number(col, key, lang) for col, key in zip(st.columns(2), MORE, strict=True)
        }
    given = {FIELDS[k][0]: (v if v is not None else -1) for k, v in values.items()}
    return dataclasses.replace(PRESETS["long"], **given)


def _go() -> None:
    """Start a new race from step 0."""
    ss["race_running"] = True
    ss.pop("race", None)


def _stop() -> None:
    """Clicking Stop makes Streamlit interrupt the running loop at its next redraw and
    rerun the page, which then finds the race no longer running."""
    ss["race_running"] = False


def current(config: RaceConfig, lang: str) -> tuple[Race | None, bool]:
    """Start and Stop, and the race of these settings (None before Start) and whether it runs.

    A race run on other settings is over: the student changed them since.
    """
    race: Race | None = ss.get("race")
    if race is not None and race.config != config:
        race, ss["race_running"] = None, False
        ss.pop("race", None)
    running = bool(ss.get("race_running"))
    if running and race is None:
        race = ss["race"] = Race(config)
    say = section("race", lang)
    b1, b2 = st.columns(2)
    b1.button(say("start"), key="race_start", on_click=_go, type="primary", width="stretch")
    b2.button(say("stop"), key="race_stop", on_click=_stop, disabled=not running, width="stretch")
    return race, running


def finished() -> None:
    """No race runs any more: it went to its end, or core refused the settings."""
    ss["race_running"] = False
