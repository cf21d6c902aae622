"""The race page's controls and session: its settings, Start, Stop and the pace, and the
student's replay of a shared run (st.session_state keys race_replay, race_pace and one per
setting).

A race is deterministic (its settings include the seed), so the run of given settings is
computed once per process, in the shared pool (ui/pool.py), and each student replays its
records at a pace of their own: thirty students pressing Start on the default race cost
one race, and a run that nobody shares waits for a free worker in a queue it can see.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from functools import partial

import streamlit as st

from core.jobs import Job
from core.race import PRESETS, RaceConfig, RaceStep, record
from ui.controls import apply_preset, section
from ui.page import LINK
from ui.pool import Redraw, follow, playing, pool, replay_of, start_stop
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
    """The settings start at the long preset; a preset button moves them (ui/controls.py)."""
    apply_preset(ss, preset("long"), only_unset=True)
    _start_presets()


@st.cache_resource(show_spinner=False)
def _start_presets() -> bool:
    """The presets' runs, started once per process when the page is first opened, so that a
    class's Start on a preset replays a run that is already there."""
    for config in PRESETS.values():
        pool().follow(("race", config), (record, (config,)), PRESETS_FOLLOWER)
    return True


def _number(where, key: str, lang: str):
    """One setting's number box in `where`, labelled with its limits."""
    field, label, step = FIELDS[key]
    fmt = "%.4g" if isinstance(step, float) else None
    return where.number_input(
        words.label(label, field, lang),
        value=getattr(PRESETS["long"], field),
        step=step,
        format=fmt,
        key=key,
        **LINK,
    )


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
            wrap=True,  # a label cut off is unreadable on a projector
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


PACES = {"slow": 10.0, "live": 40.0, "fast": 160.0}  # steps shown per second
# How often a playing replay redraws. Each redraw sends two Plotly figures: a class of thirty
# watching at 0.4 s spent more of the server on redraws than the shared run needed to compute.
FRAME_S = 0.8
PRESETS_FOLLOWER = "server: the presets"  # keeps the presets' runs in the pool for good


@dataclass
class Replay:
    """One student's view of a shared run: which run, how far it has been shown, how fast."""

    config: RaceConfig
    job: Job
    pace: float  # steps per second
    anchor_step: float = 0.0  # steps shown at anchor_time
    anchor_time: float = field(default_factory=time.monotonic)
    stopped_at: int | None = None  # the step Stop froze the replay at

    def cursor(self, available: int) -> int:
        """How many steps to show now: as far as the pace has come, never past the run."""
        if self.stopped_at is not None:
            return min(self.stopped_at, available)
        shown = self.anchor_step + (time.monotonic() - self.anchor_time) * self.pace
        return min(int(shown), available)

    def set_pace(self, pace: float, available: int) -> None:
        """Go on from where the replay is now, at another pace."""
        self.anchor_step, self.anchor_time = self.cursor(available), time.monotonic()
        self.pace = pace


@dataclass(frozen=True)
class Frame:
    """What the board draws now: the steps shown so far and where the run stands."""

    config: RaceConfig
    history: tuple[RaceStep, ...]
    position: int  # k >= 1: k-th in the queue for a worker; 0 otherwise
    error: BaseException | None
    stopped: bool

    @property
    def chance(self) -> float:
        return 1.0 / self.config.symbols

    @property
    def finished(self) -> bool:
        """Shown to its last step."""
        return len(self.history) >= self.config.steps

    @property
    def over(self) -> bool:
        """Nothing more will be shown: finished, stopped, or the run failed."""
        return self.finished or self.stopped or self.error is not None


def _pace() -> None:
    replay: Replay | None = ss.get("race_replay")
    if replay is not None:
        replay.set_pace(PACES[ss.get("race_pace") or "live"], len(replay.job.records))


def _go(config: RaceConfig) -> None:
    """Start: follow the run of these settings from its beginning."""
    ss["race_replay"] = Replay(
        config, follow("race", config, (record, (config,))), PACES[ss.get("race_pace") or "live"]
    )


def look(config: RaceConfig) -> Frame | None:
    """This session's replay of these settings as it stands now (None before Start; a
    replay of other settings is forgotten: the student changed them since)."""
    replay: Replay | None = replay_of("race", config)
    return frame(replay) if replay is not None else None


def redraw(config: RaceConfig) -> Redraw:
    """How the board redraws until the page runs again: at the pace while the replay plays
    (Stop on), slowly while it waits for a worker, not at all otherwise."""
    return Redraw.of(look(config), FRAME_S)


def buttons(config: RaceConfig, seen: Frame | None, lang: str) -> None:
    """Start, Stop (on while the replay seen plays) and the pace, drawn with the board from
    the same look at the replay, so Stop is never on beside a verdict (ui/pool.py: Redraw)."""
    say = section("race", lang)
    b1, b2, b3 = st.columns([1, 1, 2], vertical_alignment="bottom")
    start_stop("race", partial(_go, config), playing(seen), say, (b1, b2))
    b3.segmented_control(
        say("pace"),
        list(PACES),
        format_func=lambda p: say(f"pace_{p}"),
        default="live",
        key="race_pace",
        on_change=_pace,
    )


def frame(replay: Replay) -> Frame:
    """The replay as it stands now (the shared run may still be computing ahead of it)."""
    view = pool().view(replay.job)
    n = replay.cursor(len(view.records))
    return Frame(
        replay.config, view.records[:n], view.position, view.error, replay.stopped_at is not None
    )
