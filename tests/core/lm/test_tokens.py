"""Tokens, slide 6's pairs, the vocabulary and the shipped review sample."""

import pytest

from core.errors import CoreError
from core.lm.corpus import SAMPLE_EVERY, read_sample, write_sample
from core.lm.tokens import MAX_PAIR_WORDS, SPECIALS, Vocab, pairs, sentences, tokens
from tests.support.paths import MODELS


def test_slide_6s_pairs():
    got = pairs(tokens("trăm năm trong cõi người ta"))
    assert [(" ".join(s), t) for s, t in got] == [
        ("trăm", "năm"),
        ("trăm năm", "trong"),
        ("trăm năm trong", "cõi"),
        ("trăm năm trong cõi", "người"),
        ("trăm năm trong cõi người", "ta"),
    ]


def test_pairs_stop_at_a_bound():
    assert len(pairs([f"w{i}" for i in range(1000)])) == MAX_PAIR_WORDS - 1


def test_tokens_are_the_sentiment_pipelines_syllables():
    assert tokens("Nhân_viên  RẤT dễ thương!!! 10đ") == ["nhân", "viên", "rất", "dễ", "thương", "đ"]
    assert sentences("I go.\n\n  \nto School") == [["i", "go"], ["to", "school"]]


def test_vocab_orders_by_frequency_and_maps_the_rest_to_unk():
    v = Vocab.build([["b", "a", "b"], ["c", "b", "a"]], size=6)
    assert v.itos == (*SPECIALS, "b", "a")
    assert v.encode(["a", "zzz"]) == [5, 1]
    with pytest.raises(CoreError):
        Vocab(("a", "b"))


def test_the_sample_round_trips_and_is_byte_stable(tmp_path):
    texts = [f"Review số {i}, rất_ngon!" for i in range(40)]
    p1 = write_sample(texts, tmp_path).read_bytes()
    assert write_sample(texts, tmp_path).read_bytes() == p1  # no timestamp inside
    lines = read_sample(tmp_path).splitlines()
    assert len(lines) == len(texts[::SAMPLE_EVERY])
    assert lines[0] == "review số rất ngon"
    with pytest.raises(CoreError) as err:
        read_sample(tmp_path / "nowhere")
    assert err.value.code == "lm_sample_unavailable"


def test_the_shipped_sample_holds_two_thousand_cleaned_reviews():
    lines = read_sample(MODELS / "lm").splitlines()
    assert len(lines) == 2000
    assert all(line == " ".join(tokens(line)) for line in lines[:200])
