"""Count-based language models (slides 3-5): counts, P(w|h) = count(h w) / count(h), perplexity.

Every sentence ends with </s>, so the counts of the words after a history h add up to
count(h) and P(.|h) is a distribution. Histories never cross a sentence's start: the
first words use the shorter histories of slide 5's chain rule, P(i) P(go|i) P(to|i,go).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.errors import CoreError
from core.lm.tokens import EOS, UNK

MAX_ORDER = 4


@dataclass(frozen=True)
class NgramCounts:
    order: int  # the largest N counted
    grams: tuple[Counter, ...]  # grams[n][(h..., w)]: count of each n-gram, n = 1..order
    contexts: tuple[Counter, ...]  # contexts[n][h]: times the (n-1)-gram h is followed by a token
    vocab: frozenset[str]  # every word a model may predict: the corpus's, </s> and <unk>
    total: int  # tokens counted (words and </s>): count() of the empty history

    @property
    def V(self) -> int:
        """Vocabulary size, the add-one denominator's term."""
        return len(self.vocab)


def count(corpus: Iterable[Sequence[str]], order: int = MAX_ORDER) -> NgramCounts:
    """Every n-gram of each sentence (n = 1..order), </s> appended, none across sentences."""
    if not 1 <= order <= MAX_ORDER:
        raise CoreError("lm_order", f"N must be between 1 and {MAX_ORDER}", order=order)
    grams = tuple(Counter() for _ in range(order + 1))
    contexts = tuple(Counter() for _ in range(order + 1))
    total = 0
    for sentence in corpus:
        seq = (*sentence, EOS)
        total += len(seq)
        for i, w in enumerate(seq):
            for n in range(1, min(order, i + 1) + 1):
                h = seq[i - n + 1 : i]
                grams[n][(*h, w)] += 1
                contexts[n][h] += 1
    vocab = frozenset(w for (w,) in grams[1]) | {EOS, UNK} if order else frozenset()
    return NgramCounts(order, grams, contexts, vocab, total)


@dataclass(frozen=True)
class Factor:
    """One P(w|h) with the numbers that make it."""

    history: tuple[str, ...]  # h, at most N-1 words, cut at the sentence's start
    word: str  # w
    count_hw: int  # count(h w)
    count_h: int  # count(h): the corpus's token total when h is empty
    V: int  # vocabulary size (used only with add-one)
    add_one: bool
    p: float  # count(h w) / count(h), or (count(h w) + 1) / (count(h) + V); 0 if count(h) = 0

    @property
    def unseen_history(self) -> bool:
        """count(h) = 0: without smoothing P(w|h) is 0/0, undefined (taken as 0 here)."""
        return self.count_h == 0 and not self.add_one


def prob(c: NgramCounts, history: Sequence[str], word: str, n: int, add_one: bool) -> Factor:
    """P(word | the last n-1 words of history) under the n-gram model."""
    if not 1 <= n <= c.order:
        raise CoreError("lm_order", f"N must be between 1 and {c.order}", order=n)
    h = tuple(history[max(0, len(history) - (n - 1)) :]) if n > 1 else ()
    k = len(h) + 1
    count_hw = c.grams[k].get((*h, word), 0)
    count_h = c.contexts[k].get(h, 0)
    p = (count_hw + 1) / (count_h + c.V) if add_one else (count_hw / count_h if count_h else 0.0)
    return Factor(h, word, count_hw, count_h, c.V, add_one, p)


def chain(
    c: NgramCounts, words: Sequence[str], n: int, add_one: bool, end: bool = False
) -> list[Factor]:
    """The chain rule, factor by factor: P(w_1) P(w_2|w_1) ... (and P(</s>|...) if end)."""
    seq = (*words, EOS) if end else tuple(words)
    return [prob(c, seq[:i], w, n, add_one) for i, w in enumerate(seq)]


def product(factors: Sequence[Factor]) -> float:
    """The sentence's probability: the factors multiplied."""
    return math.prod(f.p for f in factors)


def log_prob(factors: Sequence[Factor]) -> float:
    """Sum of ln P over the factors (-inf if any is 0)."""
    return sum(math.log(f.p) if f.p > 0 else -math.inf for f in factors)


def perplexity(factors: Sequence[Factor]) -> float:
    """(P(w_1..w_T))^(-1/T) = exp(-mean ln P); infinite when a factor is 0."""
    if not factors:
        raise CoreError("lm_empty_sentence", "perplexity needs at least one word")
    return math.exp(-log_prob(factors) / len(factors))


def table(c: NgramCounts, n: int, limit: int = 30, add_one: bool = False) -> list[Factor]:
    """The most frequent n-grams with count(h w), count(h) and P(w|h)."""
    if not 1 <= n <= c.order:
        raise CoreError("lm_order", f"N must be between 1 and {c.order}", order=n)
    rows = sorted(c.grams[n].items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [prob(c, g[:-1], g[-1], n, add_one) for g, _ in rows]


def corpus_perplexity(
    c: NgramCounts, corpus: Iterable[Sequence[str]], n: int, add_one: bool = True
) -> tuple[float, int]:
    """Perplexity over every token of a held-out corpus (each sentence's words and </s>).

    Returns (perplexity, tokens). Words outside the counts' vocabulary should have been
    mapped to <unk> by the caller (the LSTM LM's vocabulary does that).
    """
    nll, tokens = 0.0, 0
    for sentence in corpus:
        for f in chain(c, sentence, n, add_one, end=True):
            nll -= math.log(f.p) if f.p > 0 else -math.inf
            tokens += 1
    if not tokens:
        raise CoreError("lm_empty_sentence", "perplexity needs at least one word")
    return math.exp(nll / tokens), tokens
