"""How often a replay's board redraws, and when its page must run again (ui/pool.py)."""

from __future__ import annotations

import pytest

from ui import pool
from ui.pool import QUEUED_S, STALE_TICK_S, Redraw, redraw_every

FRAME_S = 0.8


def test_a_board_redraws_at_its_pace_while_running_slowly_while_queued_and_not_when_over():
    assert redraw_every(position=0, playing=True, frame_s=FRAME_S) == FRAME_S
    assert redraw_every(position=3, playing=True, frame_s=FRAME_S) == QUEUED_S > FRAME_S
    assert redraw_every(position=0, playing=False, frame_s=FRAME_S) is None
    assert redraw_every(position=2, playing=False, frame_s=FRAME_S) is None


@pytest.mark.parametrize(
    ("over", "position", "every", "rerun"),
    [
        (False, 0, FRAME_S, False),  # running, redrawn at its pace: nothing to change
        (True, 0, FRAME_S, True),  # over: the page runs again, so Stop turns off
        (False, 2, QUEUED_S, False),  # still waiting
        (False, 0, QUEUED_S, True),  # out of the queue: redraw at the pace from now on
        (False, 1, FRAME_S, True),  # back in a queue (its run was requeued): slow down
        (True, 0, None, False),  # not playing: the page already knows it is over
        (False, 0, None, True),  # started from the board's own Start: redraw from now on
        (False, 2, None, True),  # started, and waits for a worker: redraw slowly
    ],
)
def test_the_page_runs_again_only_when_the_redraw_rate_or_stop_must_change(
    over, position, every, rerun
):
    assert Redraw(every).outgrown(over, position) is rerun


class Clock:
    """time.monotonic as ui.pool sees it, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(pool.time, "monotonic", c)
    return c


def test_ticks_that_keep_coming_after_the_timer_was_turned_off_run_the_page_again(clock):
    """The browser missed the full run that turned its timer off: it still ticks, Stop still
    on. The ticks in flight when that run went out are let be; the ones after are not."""
    redraw = Redraw(None)
    assert redraw.outgrown(True, 0) is False  # drawn by the full run itself
    clock.now += 0.5
    assert redraw.outgrown(True, 0) is False  # a tick sent before the browser saw the run
    clock.now += STALE_TICK_S
    assert redraw.outgrown(True, 0) is True  # still ticking: it never saw it
    assert redraw.outgrown(True, 0) is True  # and at every tick after


def test_a_slow_full_run_is_not_taken_for_a_stale_tick(clock):
    """The full run's own call of the board comes first, however long the run took to get
    there; only runs after it are ticks."""
    redraw = Redraw(None)
    clock.now += 10 * STALE_TICK_S
    assert redraw.outgrown(True, 0) is False
    clock.now += STALE_TICK_S / 2
    assert redraw.outgrown(True, 0) is False


def test_a_playing_board_is_judged_by_its_state_not_by_time(clock):
    redraw = Redraw(FRAME_S)
    for _ in range(5):
        assert redraw.outgrown(False, 0) is False
        clock.now += 10 * STALE_TICK_S
    assert redraw.outgrown(True, 0) is True


class Seen:
    """A replay as a page's Frame shows it: only what Redraw.of reads."""

    def __init__(self, over: bool, position: int):
        self.over, self.position = over, position


def test_a_pages_redraw_follows_the_replay_it_has_seen():
    assert Redraw.of(None, FRAME_S).every is None  # before Start
    assert Redraw.of(Seen(False, 0), FRAME_S).every == FRAME_S
    assert Redraw.of(Seen(False, 2), FRAME_S).every == QUEUED_S
    assert Redraw.of(Seen(True, 0), FRAME_S).every is None
