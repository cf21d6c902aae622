"""The language model's exercise: P(w|h) from a bigram count table, and a sentence's perplexity.

A small corpus is drawn from slide 3's kind of sentence ("i go to school"), counted by the
page's own n-gram code (core.lm.ngram), so the expected values are the ones the page's
counts tab shows for the same corpus and N = 2.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from core.lm import ngram
from core.lm.tokens import EOS

N = 2  # bigrams: a count table a student reads in one look
SUBJECTS = ("i", "you", "we")
VERBS = ("go", "walk")
PLACES = (("to", "school"), ("home",), ("to", "work"))
SENTENCES = 5  # in the corpus


@dataclass(frozen=True)
class LMExercise:
    """A corpus, its bigram counts, and the two questions with their numbers."""

    seed: int
    corpus: tuple[tuple[str, ...], ...]
    rows: tuple[str, ...]  # histories h: the corpus's words in first-seen order
    columns: tuple[str, ...]  # words w: the same, then </s>
    counts: tuple[tuple[int, ...], ...]  # counts[r][c] = count(rows[r] columns[c])
    unigrams: tuple[int, ...]  # count(w) for each of rows
    total: int  # tokens counted (words and </s>)
    asked: ngram.Factor  # question 1: P(asked.word | asked.history)
    sentence: tuple[str, ...]  # question 2: its perplexity under the bigram model
    factors: tuple[ngram.Factor, ...]  # the chain rule's factors of the sentence
    expected: dict[str, float]  # "p": P(w|h), "pp": perplexity


def _sentence(rng: np.random.Generator) -> tuple[str, ...]:
    s, v, p = (rng.integers(len(x)) for x in (SUBJECTS, VERBS, PLACES))
    return (SUBJECTS[s], VERBS[v], *PLACES[p])


def lm_exercise(seed: int) -> LMExercise:
    """The exercise of this seed: the same seed is the same corpus and questions."""
    rng = np.random.default_rng(int(seed))
    corpus = tuple(_sentence(rng) for _ in range(SENTENCES))
    c = ngram.count(corpus, N)
    rows = tuple(dict.fromkeys(w for s in corpus for w in s))
    columns = (*rows, EOS)
    counts = tuple(tuple(c.grams[2].get((h, w), 0) for w in columns) for h in rows)
    unigrams = tuple(c.grams[1][(w,)] for w in rows)
    # A history followed by more than one word, so that count(h) is a sum a student makes
    # and P(w|h) is not 1.
    pairs = [(h, w) for h in rows for w in columns if c.grams[2].get((h, w), 0)]
    busy = [(h, w) for h, w in pairs if c.grams[2][(h, w)] < c.contexts[2][(h,)]] or pairs
    h, w = busy[rng.integers(len(busy))]
    asked = ngram.prob(c, (h,), w, N, add_one=False)
    # Every sentence the grammar makes whose factors are all seen (none is 0): the corpus's
    # own sentences at least.
    grammar = [(s, v, *p) for s, v, p in itertools.product(SUBJECTS, VERBS, PLACES)]
    scored = [s for s in grammar if all(f.p > 0 for f in ngram.chain(c, s, N, False))]
    sentence = scored[rng.integers(len(scored))]
    factors = tuple(ngram.chain(c, sentence, N, False))
    expected = {"p": asked.p, "pp": ngram.perplexity(factors)}
    return LMExercise(
        int(seed), corpus, rows, columns, counts, unigrams, c.total, asked, sentence,
        factors, expected,
    )  # fmt: skip
