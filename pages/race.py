"""Training race (the consequence of slide 28): an RNN and an LSTM learn a long memory task live."""

import dataclasses

import streamlit as st

from core.errors import CoreError
from core.race import PRESETS, Race, validate
from ui.i18n import t
from ui.page import start
from ui.race import figures, words

lang = start()
ss = st.session_state
EVERY = 5  # redraw the curves every few steps: each redraw is a Plotly figure sent to the browser
FIELDS = {  # widget key: (RaceConfig field, label key)
    "race_T": ("T", "T"),
    "race_hidden": ("hidden_size", "hidden"),
    "race_lr": ("learning_rate", "lr"),
    "race_steps": ("steps", "steps"),
    "race_seed": ("seed", "seed"),
}


def T(key: str, **params) -> str:
    """This page's catalog text in the reader's language."""
    return t(f"race.{key}", lang, **params)


def preset(name: str, put=ss.__setitem__) -> None:
    """Set the controls to a preset (put=ss.setdefault: only those still unset)."""
    for key, (field, _) in FIELDS.items():
        put(key, getattr(PRESETS[name], field))


def go() -> None:
    """Start a new race from step 0 (the Start button's callback)."""
    ss["race_running"] = True
    ss.pop("race", None)


def stop() -> None:
    """The Stop button: clicking it makes Streamlit interrupt the running loop at its next
    redraw and rerun the page, which then finds the race no longer running."""
    ss["race_running"] = False


# Preset buttons set these, so they start from session state, never from value=.
preset("long", ss.setdefault)

st.title(T("title"))
st.caption(T("caption"))
st.markdown(T("intro"))

for col, name in zip(st.columns(2), PRESETS, strict=True):
    c = PRESETS[name]
    col.button(T(f"preset_{name}"), key=f"race_preset_{name}", width="stretch",
               on_click=preset, args=(name,), help=T("preset_help", T=c.T, H=c.hidden_size,
               lr=f"{c.learning_rate:g}", steps=c.steps))  # fmt: skip
c1, c2, c3 = st.columns(3)
values = {
    "race_T": c1.number_input(words.label("T", "T", lang), step=5, key="race_T"),
    "race_hidden": c2.number_input(
        words.label("hidden", "hidden_size", lang), step=8, key="race_hidden"
    ),  # fmt: skip
    "race_lr": c3.number_input(
        words.label("lr", "learning_rate", lang), step=1e-3, format="%.4g", key="race_lr"
    ),  # fmt: skip
}
with st.expander(T("more")):
    e1, e2 = st.columns(2)
    values["race_steps"] = e1.number_input(words.label("steps", "steps", lang), step=50,
                                           key="race_steps")  # fmt: skip
    values["race_seed"] = e2.number_input(words.label("seed", "seed", lang), step=1,
                                          key="race_seed")  # fmt: skip

config = dataclasses.replace(
    PRESETS["long"],
    **{FIELDS[k][0]: (v if v is not None else -1) for k, v in values.items()},
)
try:
    validate(config)
except CoreError as e:
    st.error(words.problem_text(e, lang))
    st.info(T("fix"))
    ss["race_running"] = False
    st.stop()

race: Race | None = ss.get("race")
if race is not None and race.config != config:  # the settings changed: that run is over
    race, ss["race_running"] = None, False
    ss.pop("race", None)
running = bool(ss.get("race_running"))
if running and race is None:
    race = ss["race"] = Race(config)

b1, b2 = st.columns(2)
b1.button(T("start"), key="race_start", on_click=go, type="primary", width="stretch")
b2.button(T("stop"), key="race_stop", on_click=stop, disabled=not running, width="stretch")

if race is None:
    st.info(T("ready"))
    st.stop()

progress = st.progress(0.0)
left, right = st.columns(2)
loss_box, acc_box = left.empty(), right.empty()
verdict_box = st.empty()


def draw() -> None:
    """The progress bar and both curves as they are now."""
    c = race.config
    progress.progress(race.step_count / c.steps, text=T("progress", step=race.step_count,
                                                         steps=c.steps))  # fmt: skip
    # Keyed by the step: between two evaluations the accuracy figure is the same, and two
    # identical unkeyed charts in one run are one element id twice.
    loss_box.plotly_chart(figures.loss_figure(race.history, c.steps, c.symbols, lang),
                          config=figures.CONFIG, key=f"race_loss_{race.step_count}")  # fmt: skip
    acc_box.plotly_chart(figures.accuracy_figure(race.history, c.steps, race.chance, lang),
                         config=figures.CONFIG, key=f"race_acc_{race.step_count}")  # fmt: skip


if running:
    for step in race.run():  # a Stop click interrupts this loop at the next draw()
        if step.step % EVERY == 0 and not race.done:
            draw()
    ss["race_running"] = False
    st.rerun()  # once more, so that the Stop button shows the race is over
if race.step_count:
    draw()
    with verdict_box.container():
        st.success(words.verdict(race, lang))
        st.caption(words.reach(race, lang))
        if not race.done:
            st.info(T("stopped", step=race.step_count))
