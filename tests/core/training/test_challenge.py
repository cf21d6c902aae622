"""The hand-written challenge set: big enough, every category, honest labels, never trained on."""

import csv
from collections import Counter

import pytest

from core.training.report import CHALLENGE, read_challenge
from tests.support.paths import DATA

CATEGORIES = {"negation", "contrast", "dish_names", "intensifiers", "teencode", "no_diacritics",
              "emoji", "plain"}  # fmt: skip


def test_the_set_has_200_labelled_reviews_in_every_category():
    texts, labels, cats = read_challenge()
    assert len(texts) >= 200 and len(set(texts)) == len(texts)  # no repeats
    assert set(cats) == CATEGORIES
    assert min(Counter(cats).values()) >= 20
    assert set(labels.tolist()) == {0, 1} and 0.4 < labels.mean() < 0.6  # both verdicts, balanced
    with open(CHALLENGE, encoding="utf-8", newline="") as f:
        assert csv.DictReader(f).fieldnames == ["text", "label", "category"]


def test_the_cases_the_issue_names_are_in_it():
    texts = set(read_challenge()[0])
    for case in ("Không tệ", "Không tệ như mình nghĩ, khá ổn đấy.", "Bún chả ở đây ngon.",
                 "Chả ngon gì cả.", "Ngon."):  # fmt: skip
        assert case in texts


@pytest.mark.slow
@pytest.mark.skipif(not DATA.is_dir(), reason="NTC-SCV data folder absent")
def test_no_challenge_review_is_a_training_or_validation_review():
    from core.sentiment.text import preprocess
    from core.training.data import read_split

    seen = set()
    for split in ("train", "test"):
        seen |= {" ".join(preprocess(t)) for t in read_split(DATA, split)[0]}
    assert not [t for t in read_challenge()[0] if " ".join(preprocess(t)) in seen]
