"""The phrase bag: the graph's vectorised n-gram hashing equals a plain enumeration."""

import numpy as np
import pytest
import torch

from core.sentiment.phrases import PhraseBag, phrase_votes
from core.training.model import ModelConfig, SentimentLSTM

V, BUCKETS, ORDER = 50, 101, 3


def tiny(**kw) -> SentimentLSTM:
    cfg = dict(vocab_size=V, embed_dim=4, hidden_size=3, ngram_order=ORDER, ngram_buckets=BUCKETS)
    return SentimentLSTM(ModelConfig(**{**cfg, **kw})).eval()


@pytest.fixture(scope="module")
def net():
    torch.manual_seed(0)
    m = tiny()
    with torch.no_grad():
        m.ngram.weight.normal_()
    return m


def reference_votes(weights: np.ndarray, ids: list[int]) -> list[float]:
    """Mean weight of the n-grams ending at or before t, by listing them one by one."""
    out, total, count = [], 0.0, 0
    for t in range(len(ids)):
        for n in range(1, ORDER + 1):
            gram = ids[t - n + 1 : t + 1] if t - n + 1 >= 0 else []
            if len(gram) == n and all(i > 1 for i in gram):  # <pad>/<unk> vote not
                key = 0
                for i in gram:
                    key = key * V + i
                total += float(weights[key % BUCKETS])
                count += 1
        out.append(total / max(count, 1))
    return out


@pytest.mark.parametrize("T", [1, 2, 3, 8, 40])
def test_graph_vote_equals_enumeration(net, T):
    rng = np.random.default_rng(T)
    ids = rng.integers(0, V, (4, T))
    ids[0, T // 2] = 1  # an <unk> silences every phrase through it
    got = net.phrase_vote(torch.from_numpy(ids)).detach().numpy()  # (4, T)
    w = net.ngram.weight.detach().numpy()[:, 0]
    for b in range(4):
        np.testing.assert_allclose(got[b], reference_votes(w, list(ids[b])), atol=1e-6)


def test_numpy_mirror_equals_graph(net):
    rng = np.random.default_rng(7)
    ids = rng.integers(0, V, (6, 25))
    bag = PhraseBag(net.ngram.weight.detach().numpy()[:, 0], ORDER, V)
    expected = net.phrase_vote(torch.from_numpy(ids)).detach().numpy()[:, -1]
    np.testing.assert_allclose(phrase_votes(bag, ids), expected, atol=1e-6)


def test_bag_starts_silent_and_unknown_words_cast_no_vote(net):
    fresh = tiny()
    assert torch.count_nonzero(fresh.phrase_vote(torch.tensor([[5, 6, 7]]))) == 0
    only_unknown = torch.tensor([[1, 1, 0, 0]])
    assert torch.count_nonzero(net.phrase_vote(only_unknown)) == 0


def test_phrase_shares_list_every_voting_phrase_and_sum_to_the_vote(net):
    from core.sentiment.phrases import phrase_shares

    ids = [5, 6, 1, 7, 8, 9, 5, 6]  # one <unk> in the middle; "5 6" twice
    bag = PhraseBag(net.ngram.weight.detach().numpy()[:, 0], ORDER, V)
    shares = phrase_shares(bag, ids)
    # 7 known unigrams, 5 bigrams and 3 trigrams: none reaches through the <unk>
    assert sorted((s, n) for s, n, _ in shares) == sorted(
        [(t, 1) for t in (0, 1, 3, 4, 5, 6, 7)]
        + [(t, 2) for t in (0, 3, 4, 5, 6)]
        + [(t, 3) for t in (3, 4, 5)]
    )
    assert sum(v for *_, v in shares) == pytest.approx(reference_votes(bag.votes, ids)[-1])
