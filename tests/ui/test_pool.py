"""How often a replay's board redraws, and when its page must run again (ui/pool.py)."""

from __future__ import annotations

import pytest

from ui.pool import QUEUED_S, outgrown, redraw_every

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
    ],
)
def test_the_page_runs_again_only_when_the_redraw_rate_or_stop_must_change(
    over, position, every, rerun
):
    assert outgrown(over, position, every) is rerun
