"""Slides 7-9 and 24: the same words through Embedding+Flatten, EmbeddingBag (mean) and an RNN.

Sentences become an N x M matrix of vocabulary indices (`<pad>` = 0, `<unk>` = 1, as on
slide 24), the lookup table is V x D, the looked-up batch N x M x D. Three encoders read
it with the same small, seeded weights:

- Embedding + Flatten (slide 7): the N x (M*D) rows of the batch, position by position;
- EmbeddingBag, mean (slide 8): the mean of each sentence's word vectors, padding left out;
- an RNN (slides 9-10, PyTorch's tanh cell from core/nn/cells.py): its last hidden state.

Conventions are PyTorch's (`nn.Embedding(padding_idx=0)`, `nn.EmbeddingBag(mode="mean",
padding_idx=0)`, `nn.RNN` read through a packed sequence), so the tests check each
encoder against torch with the same weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.errors import CoreError
from core.nn.cells import RNNParams, rnn_forward

PAD, UNK = 0, 1
SPECIALS = ("<pad>", "<unk>")
MAX_WORDS = 12  # per sentence: every number must stay readable
SIZES = {"D": (1, 4), "H": (1, 3)}  # embedding and hidden sizes a page may ask for
ENCODERS = ("flatten", "bag", "rnn")


def tokenize(text: str) -> tuple[str, ...]:
    """Lowercased words split on whitespace (slide 23 lowercases before indexing)."""
    return tuple(str(text).lower().split())


@dataclass(frozen=True)
class Vocab:
    """Tokens by index: `<pad>`, `<unk>`, then the words."""

    tokens: tuple[str, ...]

    def index(self, word: str) -> int:
        """The word's index, UNK for a word the vocabulary does not hold."""
        try:
            return self.tokens.index(word)
        except ValueError:
            return UNK

    def __len__(self) -> int:
        return len(self.tokens)


def build_vocab(sentences, max_size: int | None = None) -> Vocab:
    """The specials, then each word at its first appearance, read step by step down the batch.

    Reading column by column (first words of every sentence, then second words...) is
    how slide 24 numbers [dog, bites, man] and [man, bites, dog]: dog 2, man 3, bites 4.
    max_size caps V: the words that do not fit become `<unk>`.
    """
    words: list[str] = []
    for column in range(max((len(s) for s in sentences), default=0)):
        for s in sentences:
            if column < len(s) and s[column] not in words:
                words.append(s[column])
    tokens = (*SPECIALS, *words)
    if max_size is not None:
        if max_size < len(SPECIALS) + 1:
            raise CoreError("bag_vocab_size", f"V={max_size} leaves no room", least=3)
        tokens = tokens[:max_size]
    return Vocab(tokens)


def index_matrix(sentences, vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """(ids (N, M) padded with PAD at the end, lengths (N,)) for tokenized sentences."""
    lengths = np.array([len(s) for s in sentences], dtype=np.int64)
    ids = np.full((len(sentences), int(lengths.max())), PAD, dtype=np.int64)  # (N, M)
    for n, s in enumerate(sentences):
        ids[n, : len(s)] = [vocab.index(w) for w in s]
    return ids, lengths


def small_weights(V: int, D: int, H: int, seed: int) -> tuple[np.ndarray, RNNParams]:
    """A V x D lookup table and a tanh RNN (D -> H), one decimal each, from a seed.

    One decimal keeps every product on the page readable; the `<pad>` row is zero, as
    `nn.Embedding(padding_idx=0)` makes it.
    """
    rng = np.random.default_rng(seed)

    def draw(*shape):
        return np.round(rng.uniform(-1.0, 1.0, size=shape), 1) + 0.0  # +0.0: no "-0.0"

    E = draw(V, D)  # (V, D)
    E[PAD] = 0.0
    rnn = RNNParams(W_xh=draw(H, D), W_hh=draw(H, H), b_xh=draw(H), b_hh=draw(H))
    return E, rnn


def embed(ids: np.ndarray, E: np.ndarray) -> np.ndarray:
    """Row lookup: (N, M) indices -> (N, M, D) vectors."""
    return E[ids]


def flatten(X: np.ndarray) -> np.ndarray:
    """(N, M, D) -> (N, M*D): position 1's vector, then position 2's... order is kept."""
    return X.reshape(X.shape[0], -1)


def bag_mean(ids: np.ndarray, E: np.ndarray) -> np.ndarray:
    """(N, M) -> (N, D): mean of each row's non-padding vectors.

    math.fsum adds exactly, so the mean does not even depend on the order of the
    additions: a reordered sentence gives the very same bits.
    """
    out = np.zeros((ids.shape[0], E.shape[1]))
    for n, row in enumerate(ids):
        vectors = E[row[row != PAD]]  # (L, D)
        out[n] = [math.fsum(col) / len(vectors) for col in vectors.T]
    return out


def rnn_states(X: np.ndarray, lengths: np.ndarray, rnn: RNNParams) -> np.ndarray:
    """(N, M, D) -> (N, M, H) hidden states from h0 = 0; NaN after a sentence ends."""
    N, M, _ = X.shape
    states = np.full((N, M, rnn.hidden_size), np.nan)
    for n in range(N):
        steps = rnn_forward(rnn, X[n, : lengths[n]])
        states[n, : lengths[n]] = [s.h for s in steps]
    return states


@dataclass(frozen=True)
class BagOrSequence:
    """Two (or more) sentences, their indices, and what each encoder makes of them."""

    sentences: tuple[tuple[str, ...], ...]
    vocab: Vocab
    ids: np.ndarray  # (N, M) indices, PAD after each sentence's end
    lengths: np.ndarray  # (N,)
    E: np.ndarray  # (V, D) lookup table
    rnn: RNNParams  # D -> H, tanh
    embedded: np.ndarray  # (N, M, D)
    states: np.ndarray  # (N, M, H) RNN hidden states, NaN on padding
    outputs: dict  # encoder -> (N, K): flatten K = M*D, bag K = D, rnn K = H

    @property
    def shapes(self) -> dict[str, tuple[int, ...]]:
        """The slide's shapes: N x M, V x D, N x M x D, and each encoder's output."""
        return {
            "ids": self.ids.shape,
            "E": self.E.shape,
            "embedded": self.embedded.shape,
            **{name: out.shape for name, out in self.outputs.items()},
        }

    def same(self, encoder: str) -> bool:
        """Does the encoder give the first two sentences the same output?"""
        a, b = self.outputs[encoder][:2]
        return bool(np.array_equal(a, b))

    @property
    def reordered(self) -> bool:
        """Are the first two sentences the same words in another order?"""
        a, b = self.sentences[:2]
        return sorted(a) == sorted(b)


def bag_or_sequence(
    texts, D: int = 3, H: int = 2, seed: int = 0, max_vocab: int | None = None
) -> BagOrSequence:
    """Index, embed and encode the texts three ways with the same seeded weights."""
    for name, value in (("D", D), ("H", H)):
        lo, hi = SIZES[name]
        if not lo <= value <= hi:
            raise CoreError("bag_size", f"{name}={value}", name=name, lo=lo, hi=hi)
    sentences = tuple(tokenize(t) for t in texts)
    for n, s in enumerate(sentences, start=1):
        if not s:
            raise CoreError("bag_empty", f"sentence {n} has no word", n=n)
        if len(s) > MAX_WORDS:
            raise CoreError("bag_too_long", f"sentence {n}: {len(s)} words", n=n, most=MAX_WORDS)
    vocab = build_vocab(sentences, max_vocab)
    ids, lengths = index_matrix(sentences, vocab)
    E, rnn = small_weights(len(vocab), D, H, seed)
    X = embed(ids, E)  # (N, M, D)
    states = rnn_states(X, lengths, rnn)  # (N, M, H)
    last = states[np.arange(len(sentences)), lengths - 1]  # (N, H)
    outputs = {"flatten": flatten(X), "bag": bag_mean(ids, E), "rnn": last}
    return BagOrSequence(sentences, vocab, ids, lengths, E, rnn, X, states, outputs)
