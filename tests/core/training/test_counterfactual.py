"""The negation rule (core/training/counterfactual.py) on hand-made reviews."""

import pytest

from core.training.counterfactual import (
    MAX_TOKENS,
    NEGATORS,
    OPINION,
    counterfactual,
    counterfactual_pairs,
    pair_of,
)


def test_one_opinion_word_agreeing_with_the_label_is_negated_and_the_label_flips():
    assert counterfactual(["đồ", "ăn", "ngon"], 1) == (["đồ", "ăn", "không", "ngon"], 0)
    assert counterfactual(["phục", "vụ", "chậm"], 0) == (["phục", "vụ", "không", "chậm"], 1)


def test_an_intensifier_before_the_word_gives_way_to_the_negator():
    assert counterfactual(["phục", "vụ", "rất", "chậm"], 0) == (["phục", "vụ", "không", "chậm"], 1)


@pytest.mark.parametrize(
    ("tokens", "label"),
    [
        (["đồ", "ăn", "ngon", "nhưng", "đắt"], 1),  # two opinion words: which one decided?
        (["ngon", "ngon", "quá"], 1),  # the same word twice
        (["đồ", "ăn", "ngon"], 0),  # the word disagrees with the review's label
        (["không", "gian", "đẹp"], 1),  # a negator already there (even as a syllable)
        (["quán", "rộng", "rãi"], 1),  # no opinion word at all
    ],
)
def test_the_rule_declines_what_it_cannot_flip_safely(tokens, label):
    assert counterfactual(tokens, label) is None


def test_a_pair_comes_from_the_first_short_clause_the_rule_applies_to():
    text = "Hôm qua mình đi ăn với bạn bè ở quận một, đồ ăn ngon! nhân viên rất dễ thương"
    assert pair_of(text, 1) == [(["đồ", "ăn", "ngon"], 1), (["đồ", "ăn", "không", "ngon"], 0)]
    long_clause = " ".join(["quán"] * MAX_TOKENS) + " ngon"
    assert pair_of(long_clause, 1) == []
    assert pair_of("ngon", 1) == []  # too short to be a sentence


def test_pairs_are_whole_and_balanced_in_order():
    texts = ["Quán rất sạch, giá ổn", "Giá ổn", "Phục vụ rất chậm.", "Bình thường thôi"]
    tokens, labels = counterfactual_pairs(texts, [1, 1, 0, 1])
    assert labels == [1, 0, 0, 1]
    assert tokens == [
        ["quán", "rất", "sạch"],
        ["quán", "không", "sạch"],
        ["phục", "vụ", "rất", "chậm"],
        ["phục", "vụ", "không", "chậm"],
    ]


def test_the_lists_are_cleaned_lowercase_syllables_and_disjoint():
    from core.sentiment.text import preprocess

    for word in [*OPINION, *NEGATORS]:
        assert preprocess(word) == [word]
    assert not set(OPINION) & NEGATORS
    assert set(OPINION.values()) == {0, 1}
