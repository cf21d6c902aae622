"""Select (units on over a span, off before it) and match (runs where they turn on together)
on hand-built states, the match against a plain loop over every run."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import CoreError
from core.inside.match import PAD, runs, search
from core.inside.select import select_units
from core.inside.states import ValidationStates


def test_select_keeps_the_units_on_over_the_span_and_off_just_before():
    state = np.array(
        [  # T=4 tokens, H=5 units
            [0.0, 0.6, 0.1, 0.9, 0.0],
            [0.5, 0.7, 0.6, 0.9, 0.4],
            [0.8, 0.9, 0.2, 0.9, 0.6],
            [0.0, 0.0, 0.0, 0.0, 0.0],
        ]
    )
    sel = select_units(state, 1, 3, 0.3)
    # unit 0: on at 1, 2, off at 0; unit 1: already on at 0; unit 2: off at 2;
    # unit 3: on before; unit 4: on at 1 and 2, off before
    assert sel.units.tolist() == [0, 4]  # margin 0.2 then 0.1
    np.testing.assert_allclose(sel.margin, [0.2, 0.1])
    assert select_units(state, 1, 3, 0.45).units.tolist() == [0]  # 0.4 is not above 0.45
    # At 0.15, unit 2 (0.1 before, at least 0.2 over the span) joins, by its margin 0.05.
    assert select_units(state, 1, 3, 0.15).units.tolist() == [0, 4, 2]
    # At the first token the state before is 0: any unit on over the span is selected.
    assert set(select_units(state, 0, 2, 0.3).units.tolist()) == {1, 3}


@pytest.mark.parametrize(("start", "stop"), [(-1, 2), (2, 2), (3, 1), (0, 5)])
def test_a_span_outside_the_review_is_refused(start, stop):
    with pytest.raises(CoreError) as err:
        select_units(np.zeros((4, 2)), start, stop, 0.1)
    assert err.value.code == "inside_span"


def _states(rng, lengths, H=6):
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    N = int(offsets[-1])
    h = rng.uniform(-1, 1, (N, H)).astype(np.float16)
    c = rng.normal(0, 1, (N, H)).astype(np.float16)
    R = len(lengths)
    return ValidationStates(
        h=h, c=c, ids=rng.integers(2, 30, N).astype(np.int32), offsets=offsets,
        labels=(np.arange(R) % 2).astype(np.int8), p=rng.uniform(0, 1, R).astype(np.float32),
        build_s=0.0,
    )  # fmt: skip


def _loop_matches(s, which, units, threshold, length):
    """Every maximal run inside a review, by plain loops: (review, start, stop, margin)."""
    out = []
    for r in range(len(s)):
        a, b = s.offsets[r], s.offsets[r + 1]
        low = s.state(which)[a:b][:, units].astype(np.float32).min(axis=1)
        t = 0
        while t < len(low):
            if low[t] > threshold:
                u = t
                while u < len(low) and low[u] > threshold:
                    u += 1
                out.append((r, t, u, float(np.mean(low[t:u] - threshold))))
                t = u
            else:
                t += 1
    return out


@pytest.mark.parametrize("seed", range(5))
def test_search_finds_the_runs_a_plain_loop_finds_best_first_one_per_review(seed):
    rng = np.random.default_rng(seed)
    s = _states(rng, rng.integers(1, 30, 25))
    itos = [f"w{k}" for k in range(30)]
    units, threshold, length = [1, 4], -0.2, 3
    every = _loop_matches(s, "h", units, threshold, length)
    got = search(s, "h", units, threshold, length, itos, top=1000)
    # The best run of each review that has one, by |length - 3| then widest margin.
    best = {}
    for r, a, b, m in every:
        key = (abs((b - a) - length), -m)
        if r not in best or key < best[r][0]:
            best[r] = (key, a, b, m)
    assert len(got) == len(best)
    keys = [(abs((m.stop - m.start) - length), -m.margin) for m in got]
    assert keys == sorted(keys)
    for m in got:
        key, a, b, margin = best[m.review]
        assert (m.start, m.stop) == (a, b) and m.margin == pytest.approx(margin, abs=1e-6)
        assert m.label == s.labels[m.review] and m.p == pytest.approx(float(s.p[m.review]))
        row = s.offsets[m.review]
        ids = s.ids[row + m.first : row + m.first + len(m.window)]
        assert list(m.window) == [itos[i] for i in ids]
        assert m.first == max(0, m.start - PAD)
    assert len(search(s, "h", units, threshold, length, itos, top=3)) == min(3, len(best))


def test_runs_stop_at_a_reviews_boundary():
    on = np.array([True, True, True, False, True, True])
    starts, stops = runs(on, np.array([0, 2, 6]))
    assert list(zip(starts.tolist(), stops.tolist(), strict=True)) == [(0, 2), (2, 3), (4, 6)]


def test_no_unit_no_match():
    s = _states(np.random.default_rng(0), [5, 5])
    assert search(s, "c", [], 0.0, 2, ["w"] * 30) == []
    assert search(s, "c", [0], 99.0, 2, ["w"] * 30) == []
