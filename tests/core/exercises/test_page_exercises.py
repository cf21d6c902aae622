"""The language model's, bag or sequence's and RNN-to-LSTM's exercises: seeded, and their
answers held to references computed another way than the page's."""

import math
from collections import Counter

import numpy as np
import pytest

from core.exercises.bag import CHANGES, OPTIONS, bag_exercise
from core.exercises.lm import lm_exercise
from core.exercises.rnn_to_lstm import ANSWER, why_exercise
from core.exercises.rnn_to_lstm import OPTIONS as WHY_OPTIONS

SEEDS = range(30)


@pytest.mark.parametrize("make", [lm_exercise, bag_exercise, why_exercise])
def test_a_seed_is_one_exercise(make):
    assert repr(make(11)) == repr(make(11))
    assert len({repr(make(s)) for s in range(10)}) > 1


def _bigrams(corpus):
    """Counts by hand: every sentence ends with </s>, histories do not cross sentences."""
    pairs, uni = Counter(), Counter()
    for s in corpus:
        seq = [*s, "</s>"]
        uni.update(seq)
        pairs.update(zip(seq, seq[1:], strict=False))
    return pairs, uni


@pytest.mark.parametrize("seed", SEEDS)
def test_lm_answers_match_counts_made_by_hand(seed):
    ex = lm_exercise(seed)
    pairs, uni = _bigrams(ex.corpus)
    h, w = ex.asked.history[0], ex.asked.word
    count_h = sum(n for (a, _), n in pairs.items() if a == h)
    assert ex.expected["p"] == pytest.approx(pairs[(h, w)] / count_h)
    assert 0 < ex.expected["p"] < 1  # count(h) is a sum to make, not read off
    # the table the page shows is the same counts, and its rows add up to count(h)
    for r, hist in enumerate(ex.rows):
        assert sum(ex.counts[r]) == sum(n for (a, _), n in pairs.items() if a == hist)
    total = sum(uni.values())
    s = ex.sentence
    probs = [uni[s[0]] / total] + [
        pairs[(a, b)] / sum(n for (x, _), n in pairs.items() if x == a)
        for a, b in zip(s, s[1:], strict=False)
    ]
    assert ex.expected["pp"] == pytest.approx(math.prod(probs) ** (-1 / len(s)))
    assert [f.p for f in ex.factors] == pytest.approx(probs)


def _mean(vectors):
    return np.mean(vectors, axis=0)


@pytest.mark.parametrize("seed", SEEDS)
def test_bag_answer_follows_the_encoders_recomputed(seed):
    ex = bag_exercise(seed)
    r = ex.result
    assert ex.change in CHANGES and ex.answer in OPTIONS
    vocab = list(r.vocab.tokens)
    bags = [_mean([r.E[vocab.index(w)] for w in s]) for s in (ex.a, ex.b)]
    bag_changes = not np.allclose(bags[0], bags[1], atol=1e-12)
    hs = []
    for s in (ex.a, ex.b):
        h = np.zeros(r.rnn.hidden_size)
        for w in s:
            x = r.E[vocab.index(w)]
            h = np.tanh(r.rnn.W_xh @ x + r.rnn.b_xh + r.rnn.W_hh @ h + r.rnn.b_hh)
        hs.append(h)
    rnn_changes = not np.allclose(hs[0], hs[1], atol=1e-12)
    want = {(True, True): "both", (True, False): "bag", (False, True): "rnn"}
    assert ex.answer == want.get((bag_changes, rnn_changes), "neither")
    assert ex.is_right(ex.answer) and not ex.is_right("bag" if ex.answer != "bag" else "rnn")


def test_bag_exercises_make_every_kind_of_change():
    seen = {bag_exercise(s).change: bag_exercise(s).answer for s in SEEDS}
    assert seen == {"swap": "rnn", "same_words": "neither", "replace": "both"}


@pytest.mark.parametrize("seed", SEEDS)
def test_why_shows_slide_28s_product_and_the_forget_gates(seed):
    ex = why_exercise(seed)
    assert sorted(ex.options) == sorted(WHY_OPTIONS) and ex.answer == ANSWER
    assert ex.product == pytest.approx(ex.weight**ex.n)
    assert (ex.product < 1e-3) if ex.problem == "vanish" else (ex.product > 1e3)
    assert ex.kept == pytest.approx(ex.forget**ex.n) and 0 < ex.kept < 1
    assert ex.is_right("cell_path") and not ex.is_right("output_gate") and not ex.is_right(None)
