"""Bag or sequence's exercise: the words move; which encoder's output changes?

A sentence "the <noun> <verb> the <noun>" and a second one made from it in one of three
ways: two nouns swapped (the order changes, the words do not), the two "the" swapped (the
very same sentence), or a noun replaced (other words). The answer is read off the page's
own encoders (core.lecture.bag) with the exercise's seed, never from the way it was made.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.lecture.bag import BagOrSequence, bag_or_sequence

NOUNS = ("dog", "cat", "man", "bird")
VERBS = ("bites", "sees", "chases")
CHANGES = ("swap", "same_words", "replace")
CHANGE_ODDS = (0.5, 0.25, 0.25)
OPTIONS = ("bag", "rnn", "both", "neither")  # which output changes
D, H = 2, 2  # the page's smallest sizes: every number readable


@dataclass(frozen=True)
class BagExercise:
    seed: int
    change: str  # one of CHANGES: how b was made from a
    a: tuple[str, ...]
    b: tuple[str, ...]
    moved: tuple[int, int]  # the two positions swapped, or (k, k) for the replaced word
    result: BagOrSequence  # both sentences through the encoders, with the seed's weights
    answer: str  # one of OPTIONS

    def is_right(self, picked: str | None) -> bool:
        return picked == self.answer


def answer_of(result: BagOrSequence) -> str:
    """Which of the bag's mean and the RNN's last state differ between the two sentences."""
    bag, rnn = not result.same("bag"), not result.same("rnn")
    return "both" if bag and rnn else "bag" if bag else "rnn" if rnn else "neither"


def bag_exercise(seed: int) -> BagExercise:
    """The exercise of this seed: the same seed is the same sentences and weights."""
    rng = np.random.default_rng(int(seed))
    n1, n2, n3 = rng.choice(len(NOUNS), size=3, replace=False)
    verb = VERBS[rng.integers(len(VERBS))]
    a = ("the", NOUNS[n1], verb, "the", NOUNS[n2])
    change = CHANGES[rng.choice(len(CHANGES), p=CHANGE_ODDS)]
    b = list(a)
    if change == "replace":
        moved = (4, 4)
        b[4] = NOUNS[n3]
    else:
        moved = (1, 4) if change == "swap" else (0, 3)
        b[moved[0]], b[moved[1]] = a[moved[1]], a[moved[0]]
    result = bag_or_sequence([" ".join(a), " ".join(b)], D=D, H=H, seed=int(seed))
    return BagExercise(int(seed), change, a, tuple(b), moved, result, answer_of(result))
