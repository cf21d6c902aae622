"""Diacritics put back into a review typed without them (issue 22): `do an ngon` -> `đồ ăn ngon`.

Without its accents a syllable can stand for several words ("do" is "do", "đó", "đồ", "dở"...),
and a bag of words cannot tell them apart. The training reviews show which form people
write where: for each syllable without accents, the form most often written with the same
syllable before and after it (trigram), else with the same one before or the same one after
(the context seen more often wins), else the form most often written at all. Only contexts
seen at least `min_count` times are kept, and only where they choose differently from the
level below them, so the table stays small (models/sentiment/accents.json, built by
`python -m core.training.accents`).

It is applied to a whole review only when none of its letters carry a diacritic and most of
its syllables are ones the training reviews write: a review typed with accents, or one in
English, is read as it is. Built from the training split only; how well it restores is
measured on the validation split (its record).
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.sentiment.files import ModelUnavailable
from core.sentiment.language import SYLLABLE
from core.sentiment.text import preprocess, strip_diacritics

# Every token of a restored review is looked up plain: a few thousand syllables make up
# nearly all reviews, so each is stripped once, not at every occurrence.
plain = functools.lru_cache(maxsize=1 << 16)(strip_diacritics)

EDGE = "<s>"  # the context before a review's first syllable and after its last
MIN_SHARE = 0.6  # share of a review's syllables the table must know before it restores


@dataclass(frozen=True)
class AccentTable:
    """Which written form a syllable without accents stands for, by its context."""

    # Plain Vietnamese-shaped syllables (language.SYLLABLE) seen at least min_count times.
    # Reviews borrow enough English that counting alone would call "the" or "food" known,
    # and "the food" would come back as "thề food"; most English words fail the shape.
    known: frozenset[str]
    unigram: dict[str, str]  # plain -> its most written form, where that form has accents
    left: dict[tuple[str, str], tuple[str, int]]  # (plain before, plain) -> (form, times seen)
    right: dict[tuple[str, str], tuple[str, int]]  # (plain, plain after) -> (form, times seen)
    trigram: dict[tuple[str, str, str], str]  # (before, plain, after) -> form
    record: dict = field(default_factory=dict)  # how the table was built (saved with it)

    def form(self, before: str, s: str, after: str) -> str:
        """The written form of plain syllable s between `before` and `after` (plain too)."""
        w = self.trigram.get((before, s, after))
        if w is not None:
            return w
        lt, rt = self.left.get((before, s)), self.right.get((s, after))
        if lt and rt:
            return lt[0] if lt[1] >= rt[1] else rt[0]
        if lt or rt:
            return (lt or rt)[0]
        return self.unigram.get(s, s)

    def applies(self, text: str, tokens: list[str]) -> bool:
        """Whether a review is Vietnamese typed without accents: no letter of its text carries
        one, and most of its tokens are syllables the training reviews write."""
        if not tokens or not (text.isascii() or all(c.isascii() for c in text if c.isalpha())):
            return False
        return sum(plain(t) in self.known for t in tokens) >= MIN_SHARE * len(tokens)

    def restore(self, text: str, tokens: list[str]) -> list[str]:
        """The review's tokens with their diacritics put back (those teencode wrote, such as
        "không", stay), or the tokens as they are if the table does not apply to it."""
        if not self.applies(text, tokens):
            return list(tokens)
        ctx = [EDGE, *map(plain, tokens), EDGE]
        form = self.form
        return [
            form(ctx[i], ctx[i + 1], ctx[i + 2]) if t.isascii() else t for i, t in enumerate(tokens)
        ]

    @classmethod
    def build(cls, token_lists: Iterable[list[str]], min_count: int = 2) -> AccentTable:
        """Count which form is written in which context in token_lists (as typed)."""
        uni: dict[str, Counter] = defaultdict(Counter)
        left: dict[tuple, Counter] = defaultdict(Counter)
        right: dict[tuple, Counter] = defaultdict(Counter)
        tri: dict[tuple, Counter] = defaultdict(Counter)
        for tokens in token_lists:
            ctx = [EDGE, *(plain(t) for t in tokens), EDGE]
            for i, w in enumerate(tokens):
                b, s, a = ctx[i], ctx[i + 1], ctx[i + 2]
                uni[s][w] += 1
                left[b, s][w] += 1
                right[s, a][w] += 1
                tri[b, s, a][w] += 1

        def top(c: Counter) -> tuple[str, int]:  # most written form (ties: first seen), total
            return c.most_common(1)[0][0], sum(c.values())

        ambiguous = {s for s, c in uni.items() if len(c) > 1}
        known = frozenset(
            s for s, c in uni.items() if sum(c.values()) >= min_count and SYLLABLE.fullmatch(s)
        )
        unigram = {s: top(c)[0] for s, c in uni.items() if s in known and top(c)[0] != s}

        def kept(counts: dict, s_at: int) -> dict:
            out = {}
            for key, c in counts.items():
                s = key[s_at]
                if s in ambiguous:
                    w, n = top(c)
                    if n >= min_count and w != unigram.get(s, s):
                        out[key] = (w, n)
            return out

        table = cls(known, unigram, kept(left, 1), kept(right, 0), {}, {"min_count": min_count})
        for key, c in tri.items():
            if key[1] in ambiguous:
                w, n = top(c)
                if n >= min_count and w != table.form(*key):
                    table.trigram[key] = w
        return table

    def save(self, path: Path | str) -> None:
        """One JSON file: contexts joined by spaces, sorted, so a rebuild diffs cleanly."""

        def flat(d: dict) -> dict:
            return {" ".join(k): v for k, v in sorted(d.items())}

        body = {
            "record": self.record,
            "known": sorted(self.known),
            "unigram": dict(sorted(self.unigram.items())),
            "left": flat(self.left),
            "right": flat(self.right),
            "trigram": flat(self.trigram),
        }
        Path(path).write_text(json.dumps(body, ensure_ascii=False, indent=0), "utf-8")

    @classmethod
    def load(cls, path: Path | str) -> AccentTable:
        body = json.loads(Path(path).read_text("utf-8"))

        def split(d: dict, pair: bool) -> dict:
            return {tuple(k.split(" ")): (tuple(v) if pair else v) for k, v in d.items()}

        return cls(
            frozenset(body["known"]),
            dict(body["unigram"]),
            split(body["left"], True),
            split(body["right"], True),
            split(body["trigram"], False),
            dict(body.get("record", {})),
        )


def restored_pairs(before: list[str], after: list[str]) -> tuple[str, ...]:
    """What restoring changed, in order, each as 'do → đồ' (the page lists them)."""
    return tuple(f"{b} → {a}" for b, a in zip(before, after, strict=True) if a != b)


def read(text: str, table: AccentTable | None) -> list[str]:
    """A review's tokens as the models read them: cleaned and split (core.sentiment.text),
    then, where the table applies, with their diacritics put back."""
    tokens = preprocess(text)
    return table.restore(text, tokens) if table is not None else tokens


def table_at(path: Path) -> AccentTable | None:
    """The accents table in a file, read once per version of it (None if there is none:
    reviews are then read as typed)."""
    path = Path(path).resolve()  # one copy per file, however the caller spells its path
    try:
        return _table_at(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=4)
def _table_at(path: Path, _mtime_ns: int) -> AccentTable:
    try:
        return AccentTable.load(path)
    except Exception as e:  # not JSON, keys missing...
        raise ModelUnavailable.broken(path, e) from e
