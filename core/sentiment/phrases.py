"""The phrase bag in NumPy: the graph's n-gram hashing, its mean vote, and each phrase's share.

Every n-gram of 1..order token ids (no <pad> or <unk> in it) has the key
(..((w_1 V + w_2) V + ..) + w_n); key mod buckets picks its learned vote, and the bag's
vote is the mean of its phrases' votes (core/training/model.py's phrase_vote, which the
exported graph computes; tests hold the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PhraseBag:
    """The bag's weights as the shipped model holds them."""

    votes: np.ndarray  # (buckets,) float32 learned votes; empty when the model has no bag
    order: int  # phrases of 1..order tokens; 0 = no bag
    vocab_size: int  # V, the base of the n-gram keys


def phrase_keys(seqs: np.ndarray, V: int, order: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """For n = 1..order: the key of the n-gram ending at each token (N, L-n+1) and
    whether it votes (no <pad> or <unk> in it); the graph's hashing, in NumPy."""
    seqs = np.asarray(seqs, dtype=np.int64)
    known = seqs > 1
    key, ok, out = seqs, known, []
    for n in range(1, order + 1):
        if n > 1:  # the (n-1)-gram ending one token earlier, extended by this token
            key, ok = key[:, :-1] * V + seqs[:, n - 1 :], ok[:, :-1] & known[:, n - 1 :]
        out.append((key, ok))
    return out


def phrase_votes(bag: PhraseBag, seqs: np.ndarray) -> np.ndarray:
    """The phrase bag's mean vote over each whole row of ids (N, L): (N,), as in the graph."""
    seqs = np.asarray(seqs, dtype=np.int64)
    total = np.zeros(len(seqs), np.float32)
    count = np.zeros(len(seqs), np.float32)
    for key, ok in phrase_keys(seqs, bag.vocab_size, bag.order):
        total += np.where(ok, bag.votes[key % len(bag.votes)], 0.0).sum(axis=1, dtype=np.float32)
        count += ok.sum(axis=1)
    return total / np.maximum(count, 1.0)


def phrase_shares(bag: PhraseBag, ids: list[int]) -> list[tuple[int, int, float]]:
    """Each voting phrase of a review as (start, length, share), shares summing to the
    bag's vote: the vote is a mean, so a phrase's share is its weight / the phrase count."""
    found = []
    for n, (key, ok) in enumerate(phrase_keys(np.asarray([ids]), bag.vocab_size, bag.order), 1):
        found += [
            (int(t), n, float(bag.votes[key[0, t] % len(bag.votes)])) for t in np.flatnonzero(ok[0])
        ]
    return [(start, n, weight / len(found)) for start, n, weight in found]
