"""N-gram counts and probabilities against a count done by hand on the slides' toy corpus."""

import math

import pytest

from core.errors import CoreError
from core.lm import ngram
from core.lm.corpus import TOY_CORPUS
from core.lm.tokens import EOS, UNK, sentences

# The toy corpus, by hand (every sentence ends with </s>):
#   i go to school </s> | i go to the market </s> | you go to school </s>
#   they go home </s>   | i like school </s>
# 5 + 6 + 5 + 4 + 4 = 24 tokens.
HAND_UNIGRAMS = {
    "i": 3, "go": 4, "to": 3, "school": 3, "the": 1, "market": 1, "you": 1, "they": 1,
    "home": 1, "like": 1, EOS: 5,
}  # fmt: skip
HAND_BIGRAMS = {
    ("i", "go"): 2, ("go", "to"): 3, ("to", "school"): 2, ("school", EOS): 3, ("to", "the"): 1,
    ("the", "market"): 1, ("market", EOS): 1, ("you", "go"): 1, ("they", "go"): 1,
    ("go", "home"): 1, ("home", EOS): 1, ("i", "like"): 1, ("like", "school"): 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def toy():
    return ngram.count(sentences(TOY_CORPUS), 4)


def test_counts_match_the_hand_count(toy):
    assert toy.total == 24
    assert dict(toy.grams[1]) == {(w,): k for w, k in HAND_UNIGRAMS.items()}
    assert dict(toy.grams[2]) == HAND_BIGRAMS
    assert toy.grams[3][("i", "go", "to")] == 2
    assert toy.grams[4][("i", "go", "to", "school")] == 1
    assert toy.grams[4][("i", "go", "to", "the")] == 1
    assert toy.V == 12  # 11 types (</s> included) and <unk>
    assert toy.contexts[1][()] == 24
    assert toy.contexts[2][("go",)] == 4 and toy.contexts[4][("i", "go", "to")] == 2


def test_slide_3s_probability_is_count_over_count(toy):
    # P(school | i, go, to) = count(i go to school) / count(i go to) = 1 / 2
    f = ngram.prob(toy, ["i", "go", "to"], "school", 4, add_one=False)
    assert (f.count_hw, f.count_h, f.p) == (1, 2, 0.5)
    assert f.history == ("i", "go", "to")


def test_the_chain_rule_factor_by_factor(toy):
    words = ["i", "go", "to", "school"]
    uni = ngram.chain(toy, words, 1, add_one=False)
    assert [(f.count_hw, f.count_h) for f in uni] == [(3, 24), (4, 24), (3, 24), (3, 24)]
    assert ngram.product(uni) == pytest.approx(3 * 4 * 3 * 3 / 24**4)
    bi = ngram.chain(toy, words, 2, add_one=False)
    # P(i) P(go|i) P(to|go) P(school|to) = 3/24 * 2/3 * 3/4 * 2/3 = 1/24
    assert [f.history for f in bi] == [(), ("i",), ("go",), ("to",)]
    assert [f.p for f in bi] == pytest.approx([3 / 24, 2 / 3, 3 / 4, 2 / 3])
    assert ngram.product(bi) == pytest.approx(1 / 24)
    four = ngram.chain(toy, words, 4, add_one=False)
    # Slide 5: the first words use the shorter histories, P(i) P(go|i) P(to|i,go) ...
    assert [f.history for f in four] == [(), ("i",), ("i", "go"), ("i", "go", "to")]
    assert [f.p for f in four] == pytest.approx([3 / 24, 2 / 3, 2 / 2, 1 / 2])


def test_perplexity_by_hand(toy):
    bi = ngram.chain(toy, ["i", "go", "to", "school"], 2, add_one=False)
    assert ngram.perplexity(bi) == pytest.approx(24 ** (1 / 4))  # (1/24)^(-1/4)
    one = ngram.count([["a", "b"]], 1)  # a, b, </s>: each 1/3
    ppl, n = ngram.corpus_perplexity(one, [["a", "b"]], 1, add_one=False)
    assert (ppl, n) == (pytest.approx(3.0), 3)
    # add-one on the same: V = 4 (a, b, </s>, <unk>), each (1 + 1) / (3 + 4)
    ppl1, _ = ngram.corpus_perplexity(one, [["a", "b"]], 1, add_one=True)
    assert ppl1 == pytest.approx(7 / 2)


def test_a_zero_count_zeroes_the_sentence_and_add_one_repairs_it(toy):
    words = ["you", "like", "school"]
    raw = ngram.chain(toy, words, 2, add_one=False)
    assert raw[1].count_hw == 0 and raw[1].count_h == 1 and raw[1].p == 0
    assert ngram.product(raw) == 0 and math.isinf(ngram.perplexity(raw))
    smooth = ngram.chain(toy, words, 2, add_one=True)
    assert smooth[1].p == pytest.approx((0 + 1) / (1 + 12))
    assert smooth[0].p == pytest.approx((1 + 1) / (24 + 12))
    assert math.isfinite(ngram.perplexity(smooth))


def test_an_unseen_history_is_flagged_and_smoothing_still_gives_every_word_a_chance(toy):
    f = ngram.prob(toy, ["we"], "go", 2, add_one=False)
    assert f.count_h == 0 and f.unseen_history and f.p == 0
    g = ngram.prob(toy, ["we"], "go", 2, add_one=True)
    assert g.p == pytest.approx(1 / 12) and not g.unseen_history


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_add_one_makes_every_probability_positive(toy, n):
    for h in [(), ("i",), ("go", "to"), ("nobody", "said", "this")]:
        for w in [*toy.vocab, "zebra"]:
            assert ngram.prob(toy, h, w, n, add_one=True).p > 0


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("add_one", [False, True])
def test_next_word_probabilities_sum_to_one(toy, n, add_one):
    for h in toy.contexts[n]:
        total = sum(ngram.prob(toy, h, w, n, add_one).p for w in toy.vocab)
        assert total == pytest.approx(1.0), h


def test_the_count_table_is_most_frequent_first(toy):
    rows = ngram.table(toy, 2, limit=3)
    assert [(f.history, f.word, f.count_hw) for f in rows] == [
        (("go",), "to", 3),
        (("school",), EOS, 3),
        (("i",), "go", 2),
    ]


def test_orders_outside_one_to_four_are_refused(toy):
    with pytest.raises(CoreError) as err:
        ngram.count([["a"]], 5)
    assert err.value.code == "lm_order"
    with pytest.raises(CoreError):
        ngram.prob(toy, [], "i", 0, add_one=False)


def test_the_vocabulary_holds_unk_for_unseen_words(toy):
    assert UNK in toy.vocab and EOS in toy.vocab
