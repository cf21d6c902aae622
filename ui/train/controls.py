"""The training page's controls and session: the settings, Train and Stop, and the student's
replay of a shared run (st.session_state keys train_replay and one per setting).

A run is deterministic (its settings include the seed), so the run of given settings is
computed once per process, in the shared pool (ui/pool.py, job key ("train", config)), and
each student replays its records at a pace of their own: a class pressing Train on the
defaults costs one training, and a run that nobody shares waits for a free worker in a
queue it can see. The replay shows the records as fast as they come, and a finished run
(someone else's) at POINTS_PER_S, so its curves still draw as if it trained.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from functools import partial

import streamlit as st

from core.classifier import (
    KINDS,
    Classifier,
    Point,
    TrainConfig,
    record,
    steps_per_epoch,
)
from core.jobs import Job
from ui.controls import apply_preset, section
from ui.i18n import t
from ui.page import LINK, choice
from ui.pool import Redraw, follow, playing, pool, replay_of, start_stop
from ui.train import words

ss = st.session_state
DEFAULTS = TrainConfig()
NUMBERS = {  # widget key: (TrainConfig field, the number box's step)
    "train_embed": ("embed_dim", 8),
    "train_hidden": ("hidden_size", 8),
    "train_lr": ("learning_rate", 1e-3),
    "train_epochs": ("epochs", 1),
    "train_reviews": ("reviews", 1000),
    "train_max_len": ("max_len", 8),
    "train_batch": ("batch_size", 8),
    "train_seed": ("seed", 1),
}
MAIN = ("train_embed", "train_hidden", "train_lr", "train_epochs", "train_reviews")
MORE = ("train_max_len", "train_batch", "train_seed")
POINTS_PER_S = 8.0  # how fast a finished run's points are shown again
FRAME_S = 0.5  # how often a playing replay redraws (two Plotly figures each time)


def init() -> None:
    """Every setting starts at the defaults, in session state (ui/controls.py says why)."""
    values = {key: getattr(DEFAULTS, f) for key, (f, _) in NUMBERS.items()}
    apply_preset(ss, values | {"train_kind": DEFAULTS.kind}, only_unset=True)


def _number(where, key: str, lang: str):
    name, step = NUMBERS[key]
    fmt = "%.4g" if isinstance(step, float) else None
    helptext = t("train.hidden_help", lang) if name == "hidden_size" else None
    return where.number_input(
        words.label(name, lang),
        value=getattr(DEFAULTS, name),
        step=step,
        format=fmt,
        key=key,
        help=helptext,
        **LINK,
    )


def settings(lang: str) -> TrainConfig:
    """The model and its settings; the run they describe (not yet validated).

    An emptied box becomes -1, which core's validation refuses with the field's limits.
    """
    say = section("train", lang)
    st.header(say("settings"))
    kind = choice(
        st.radio,
        say("kind"),
        KINDS,
        default=DEFAULTS.kind,
        key="train_kind",
        horizontal=True,
        format_func=lambda k: words.model_name(k, lang),
        help=say("kind_help"),
    )
    cols = st.columns(3) + st.columns(2)
    values = {key: _number(col, key, lang) for col, key in zip(cols, MAIN, strict=True)}
    with st.expander(say("more")):
        cols = st.columns(3)
        values |= {key: _number(col, key, lang) for col, key in zip(cols, MORE, strict=True)}
    given = {NUMBERS[k][0]: (v if v is not None else -1) for k, v in values.items()}
    return dataclasses.replace(DEFAULTS, kind=kind or DEFAULTS.kind, **given)


@dataclass
class Replay:
    """One student's view of a shared run: which run, and how far it has been shown."""

    config: TrainConfig
    job: Job
    started: float = field(default_factory=time.monotonic)
    stopped_at: int | None = None  # the records shown when Stop froze the replay

    def cursor(self, available: int) -> int:
        """How many records to show now: as many as have come, a finished run's at a pace."""
        if self.stopped_at is not None:
            return min(self.stopped_at, available)
        paced = 1 + int((time.monotonic() - self.started) * POINTS_PER_S)
        return available if not self.job.over else min(paced, available)


@dataclass(frozen=True)
class Frame:
    """What the board draws now: the points shown so far, the model once shown to its end."""

    config: TrainConfig
    points: tuple[Point, ...]
    model: Classifier | None  # the trained model, once the replay reached it
    position: int  # k >= 1: k-th in the queue for a worker; 0 otherwise
    error: BaseException | None
    stopped: bool

    @property
    def steps(self) -> int:
        return self.config.epochs * steps_per_epoch(self.config)

    @property
    def step(self) -> int:
        return self.points[-1].step if self.points else 0

    @property
    def over(self) -> bool:
        """Nothing more will be shown: finished, stopped, or the run failed."""
        return self.model is not None or self.stopped or self.error is not None


def _go(config: TrainConfig) -> None:
    """Start: follow the run of these settings from its beginning."""
    ss["train_replay"] = Replay(config, follow("train", config, (record, (config,))))


def look(config: TrainConfig) -> Frame | None:
    """This session's replay of these settings as it stands now (None before Train; a
    replay of other settings is forgotten: the student changed them since)."""
    replay: Replay | None = replay_of("train", config)
    return frame(replay) if replay is not None else None


def redraw(config: TrainConfig) -> Redraw:
    """How the board redraws until the page runs again: every FRAME_S while the run plays,
    slowly while it waits for a worker, not at all otherwise."""
    return Redraw.of(look(config), FRAME_S)


def buttons(config: TrainConfig, seen: Frame | None, lang: str) -> None:
    """Train and Stop (on while the replay seen plays), drawn with the board."""
    b1, b2 = st.columns(2)
    start_stop("train", partial(_go, config), playing(seen), section("train", lang), (b1, b2))


def frame(replay: Replay) -> Frame:
    """The replay as it stands now (the shared run may still be computing ahead of it)."""
    view = pool().view(replay.job)
    n = replay.cursor(len(view.records))
    shown = view.records[:n]
    model = shown[-1] if shown and isinstance(shown[-1], Classifier) else None
    points = tuple(r for r in shown if isinstance(r, Point))
    stopped = replay.stopped_at is not None and model is None
    return Frame(replay.config, points, model, view.position, view.error, stopped)
