"""What the process shares: its one pool of work (core/jobs.py) and this session's place in
it, and the shipped sentiment models.

Streamlit keeps one copy per server process (st.cache_resource), so every student's
Start on the same settings lands on the same run. A session is named once; when it ends
and Streamlit drops its state, it stops following whatever it followed, which cancels a
run nobody else watches and frees its worker.
"""

from __future__ import annotations

import time
import uuid
import weakref
from collections.abc import Callable, Hashable

import streamlit as st

from core import sentiment
from core.jobs import Job, JobPool


@st.cache_resource(show_spinner=False)
def shipped_model(name: str) -> sentiment.SentimentModel:
    """A shipped sentiment model (ONNX session, shared vocabulary, language detector), loaded
    once per process for every page that reads reviews (sentiment, inside, train). Raises
    ModelUnavailable, which is not cached: files put back are found on the next run."""
    return sentiment.load_model(name=name)


@st.cache_resource(show_spinner=False)
def pool() -> JobPool:
    """Workers for the whole process: as many as it has cores."""
    return JobPool()


class _SessionToken:
    """Lives exactly as long as the session's state does."""


def follower() -> str:
    """This session's name in the pool."""
    ss = st.session_state
    if "pool_follower" not in ss:
        name, token = uuid.uuid4().hex, _SessionToken()
        weakref.finalize(token, pool().leave_all, name)
        ss["pool_follower"], ss["pool_token"] = name, token
    return ss["pool_follower"]


# A page's replay of a shared run lives in session state under "<page>_replay" and follows
# the pool's job ("<page>", config). Each page's Replay has .config, .job, .stopped_at and
# .cursor(available); these four are the bookkeeping the race and the training page share.


def replay_of(page: str, config: Hashable):
    """This session's replay on page, or None; one of other settings is left and forgotten
    (the student changed them since)."""
    replay = st.session_state.get(f"{page}_replay")
    if replay is not None and replay.config != config:
        forget(page)
        return None
    return replay


def follow(page: str, config: Hashable, work) -> Job:
    """The run of config on page (computed once for everyone), this session following it
    instead of whatever it followed there before."""
    forget(page)
    return pool().follow((page, config), work, follower())


def stop(page: str) -> None:
    """Freeze the replay where it is shown; a run nobody else follows stops computing."""
    replay = st.session_state[f"{page}_replay"]
    replay.stopped_at = replay.cursor(len(replay.job.records))
    pool().leave((page, replay.config), follower())


def forget(page: str) -> None:
    """No replay on page any more: stop following its run."""
    replay = st.session_state.get(f"{page}_replay")
    if replay is not None:
        pool().leave((page, replay.config), follower())
    st.session_state[f"{page}_replay"] = None


# How often a replay's board redraws while its run waits for a worker: there is nothing to
# draw but the student's place in the queue, and in a class most runs wait (two run on two
# cores); each redraw holds the server's lock on Python that the other students' pages need.
QUEUED_S = 2.0


def playing(seen) -> bool:
    """Whether a replay seen now (a page's Frame, or None before Start) plays: Stop is on."""
    return seen is not None and not seen.over


def redraw_every(position: int, playing: bool, frame_s: float) -> float | None:
    """Seconds between a board's redraws: none once the replay is over, slow while it waits."""
    if not playing:
        return None
    return QUEUED_S if position else frame_s


# A board's redraw timer lives in the browser, and only a full run of its page sets or
# clears it (run_every). Streamlit 1.67 can lose a full run, whole or in part: a tick that
# reaches the server after the run's thread has ended, but before the server has sent all
# it drew, is given a new script runner, and the ended runner's messages are dropped
# (AppSession ignores events from a runner that is not its current one). So a board draws
# its own Start and Stop (whatever the browser missed, the next redraw it gets shows them
# as the board is), and ticks still arriving this long after a run that turned the timer
# off mean the browser missed that run: the page runs again. Ticks in flight come sooner.
STALE_TICK_S = 2.0


class Redraw:
    """How a board drawn in a fragment redraws, as this full run of its page decided:
    every (seconds, or None: not at all); and whether the page must run again."""

    def __init__(self, every: float | None):
        self.every = every
        self.runs = 0  # the fragment's runs since this full run registered it
        self.drawn_at = 0.0  # when the full run drew it (its first run)

    @classmethod
    def of(cls, seen, frame_s: float) -> Redraw:
        """How the board of a replay seen now (a page's Frame, or None) redraws until the
        page runs again: every frame_s while it plays, slowly while it waits, else not."""
        return cls(redraw_every(seen.position if seen else 0, playing(seen), frame_s))

    def outgrown(self, over: bool, position: int) -> bool:
        """Whether the whole page must run again to redraw at another rate: the replay
        started (the board's own Start), ended, left the queue or went back to it since the
        page chose; or a board without a timer is still ticked by a browser that missed the
        run that turned it off."""
        self.runs += 1
        now = time.monotonic()
        if self.runs == 1:
            self.drawn_at = now
        if self.every is None:
            return not over or (self.runs > 1 and now - self.drawn_at > STALE_TICK_S)
        return over or (self.every == QUEUED_S) != bool(position)


def start_stop(page: str, go: Callable[[], None], playing: bool, say, where: tuple) -> None:
    """A replay's Start (go: follow the run of the settings shown from its beginning) and
    Stop (on only while it plays), keyed "<page>_start" and "<page>_stop"; where: the two
    containers they sit in."""
    start_col, stop_col = where
    start_col.button(
        say("start"), key=f"{page}_start", on_click=go, type="primary", width="stretch"
    )
    stop_col.button(
        say("stop"),
        key=f"{page}_stop",
        on_click=stop,
        args=(page,),
        disabled=not playing,
        width="stretch",
    )
