"""The language models' tokens: the sentiment pipeline's syllables, and a vocabulary of them.

The n-gram counts and the LSTM LM read text exactly as the sentiment model does
(core/sentiment/text.py: clean, then split on spaces and underscores), so a review
typed with spaces and the data's `nhân_viên` give the same syllables.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.errors import CoreError
from core.sentiment.text import CLEANING_STEPS, preprocess

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<s>", "</s>"
SPECIALS = (PAD, UNK, BOS, EOS)  # ids 0..3 in every LM vocabulary


# The language model's cleaning: slide 23's steps as the shipped LM was trained on them,
# before the sentiment models' teencode step (issue 22) existed; retraining it with the
# step is what would change this.
LM_STEPS = tuple(step for step in CLEANING_STEPS if step[0] != "teencode")


def tokens(text: str) -> list[str]:
    """The syllables of raw text, cleaned as on slide 23 (lowercase, no punctuation)."""
    return preprocess(text, LM_STEPS)


def sentences(text: str) -> list[list[str]]:
    """One token list per non-empty line of a corpus box (a line is a sentence)."""
    return [tok for line in text.splitlines() if (tok := tokens(line))]


MAX_PAIR_WORDS = 40  # a pasted page would make a table of quadratic size


def pairs(words: list[str]) -> list[tuple[list[str], str]]:
    """Slide 6's training pairs: every prefix (source) and the word that follows (target).

    Only the first MAX_PAIR_WORDS words are paired."""
    words = words[:MAX_PAIR_WORDS]
    return [(words[:t], words[t]) for t in range(1, len(words))]


@dataclass(frozen=True)
class Vocab:
    """Syllables by id; ids 0..3 are <pad>, <unk>, <s>, </s>."""

    itos: tuple[str, ...]

    def __post_init__(self):
        if tuple(self.itos[: len(SPECIALS)]) != SPECIALS:
            raise CoreError("lm_vocab_bad", "the vocabulary must start with the four specials")
        object.__setattr__(self, "_stoi", {w: i for i, w in enumerate(self.itos)})

    def __len__(self) -> int:
        return len(self.itos)

    def id(self, word: str) -> int:
        """The word's id, or <unk>'s."""
        return self._stoi.get(word, 1)

    def encode(self, words: Iterable[str]) -> list[int]:
        return [self.id(w) for w in words]

    def itos_of(self, ids: Iterable[int]) -> list[str]:
        return [self.itos[i] for i in ids]

    def known(self, word: str) -> bool:
        return word in self._stoi

    @classmethod
    def build(cls, corpus: Iterable[list[str]], size: int) -> Vocab:
        """The size-4 most frequent syllables after the specials (ties: alphabetical)."""
        counts = Counter(w for sent in corpus for w in sent)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return cls(SPECIALS + tuple(w for w, _ in ranked[: size - len(SPECIALS)]))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"itos": list(self.itos)}, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, path: Path) -> Vocab:
        try:
            return cls(tuple(json.loads(Path(path).read_text("utf-8"))["itos"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CoreError("lm_model_unavailable", f"cannot read {path.name}: {exc}") from exc
