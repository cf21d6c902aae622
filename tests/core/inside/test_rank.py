"""Rankings of units: AUC, Cohen's d and Pearson r against plain references, and "clean"
found on a planted unit and not on noise."""

from __future__ import annotations

import numpy as np
import pytest

from core.inside.rank import CLEAN, CRITERIA, auc, cohen_d, deltas, pearson, rank_units
from core.inside.states import ValidationStates


def _pairs_auc(x, y):
    """AUC as the share of (positive, negative) pairs the score orders, ties a half."""
    pos, neg = x[y == 1], x[y == 0]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return wins / (len(pos) * len(neg))


@pytest.mark.parametrize("seed", range(4))
def test_auc_is_the_share_of_pairs_in_order(seed):
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=60), 1)  # ties on purpose
    y = rng.integers(0, 2, 60)
    assert auc(x, y) == pytest.approx(_pairs_auc(x, y), abs=1e-12)


def test_cohen_d_and_pearson_match_their_definitions():
    rng = np.random.default_rng(1)
    d = rng.normal(size=(200, 3)).astype(np.float32)
    mask = rng.uniform(size=200) < 0.2
    a, b = d[mask].astype(np.float64), d[~mask].astype(np.float64)
    pooled = np.sqrt(
        ((len(a) - 1) * a.var(0, ddof=1) + (len(b) - 1) * b.var(0, ddof=1)) / (len(a) + len(b) - 2)
    )
    np.testing.assert_allclose(cohen_d(d, mask), (a.mean(0) - b.mean(0)) / pooled, atol=1e-6)
    x = rng.normal(size=200)
    Y = rng.normal(size=(200, 3)) + x[:, None] * [0, 1, -2]
    expect = [np.corrcoef(x, Y[:, k])[0, 1] for k in range(3)]
    np.testing.assert_allclose(pearson(x, Y), expect, atol=1e-12)


VOCAB = ["<pad>", "<unk>", "không", "nhưng", "ngon", "dở", "quán", "ăn"]


def _planted(rng, plant: bool):
    """40 reviews; if plant, unit 2 ends high in positive reviews, unit 1 jumps at "không",
    unit 0 grows with the review's length."""
    R, H = 40, 4
    lengths = rng.integers(5, 25, R)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    labels = (np.arange(R) % 2).astype(np.int8)
    ids = rng.integers(2, len(VOCAB), offsets[-1]).astype(np.int32)
    c = rng.normal(0, 0.3, (offsets[-1], H))
    if plant:
        for r in range(R):
            a, b = offsets[r], offsets[r + 1]
            c[b - 1, 2] = 2.0 if labels[r] else -2.0
            c[a:b, 0] = 0.1 * lengths[r]
            for t in range(a, b):
                if ids[t] == 2:  # "không": a jump up from the token before
                    c[t, 1] = (c[t - 1, 1] if t > a else 0.0) + 5.0
    return ValidationStates(
        h=np.tanh(c).astype(np.float16), c=c.astype(np.float16), ids=ids, offsets=offsets,
        labels=labels, p=np.full(R, 0.5, np.float32), build_s=0.0,
    )  # fmt: skip


def test_a_planted_unit_tops_its_ranking_and_is_clean():
    s = _planted(np.random.default_rng(0), plant=True)
    rank = rank_units(s, VOCAB)
    assert list(rank) == list(CRITERIA)
    assert rank["label"].units[0] == 2 and rank["label"].scores[0] == pytest.approx(1.0)
    assert rank["negation"].units[0] == 1 and rank["negation"].scores[0] > CLEAN["negation"]
    assert rank["length"].units[0] == 0 and rank["length"].scores[0] == pytest.approx(1.0, abs=1e-3)
    for name in ("label", "negation", "length"):
        assert rank[name].clean, name
    # The negation unit's strongest places are at "không", each shown with its neighbours.
    for spot in rank["negation"].spots[0]:
        assert spot.tokens[spot.at - spot.start] == "không"
        assert spot.delta == pytest.approx(float(deltas(s)[s.offsets[spot.review] + spot.at, 1]))
    assert rank["negation"].count == int((s.ids == 2).sum())


def test_noise_has_no_clean_unit_and_says_so():
    s = _planted(np.random.default_rng(0), plant=False)
    rank = rank_units(s, VOCAB)
    assert not any(r.clean for r in rank.values())
    assert all(len(r.units) == 4 for r in rank.values())  # ranked all the same


def test_deltas_start_from_zero_at_every_review():
    s = _planted(np.random.default_rng(2), plant=True)
    d = deltas(s)
    first = s.offsets[:-1]
    np.testing.assert_array_equal(d[first], s.c[first].astype(np.float32))
    c = s.c.astype(np.float32)
    np.testing.assert_array_equal(d[first[1] + 1], c[first[1] + 1] - c[first[1]])


def test_the_shipped_models_rankings_are_well_formed(lstm, few_states):
    """No number of today's model is assumed: only what a ranking must be."""
    rank = rank_units(few_states, lstm.vocab.itos)
    for r in rank.values():
        assert len(r.units) == len(set(r.units.tolist())) == 5
        assert np.all(np.diff(r.strength) <= 1e-12)
        for spots in r.spots:
            for spot in spots:
                assert (
                    spot.start <= spot.at < spot.stop and len(spot.tokens) == spot.stop - spot.start
                )
    assert np.all((rank["label"].scores >= 0) & (rank["label"].scores <= 1))
    assert np.all(np.abs(rank["length"].scores) <= 1)
