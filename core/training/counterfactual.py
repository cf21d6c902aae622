"""Counterfactual pairs for negation, built by one rule from the training reviews.

Students test negation first ("không tệ"), and a review corpus holds few negated opinion
words whose negation decides the label. The rule writes such pairs from real clauses:

    a clause of a training review (the text between . , ! ? ; : or a line break), of
    MIN_TOKENS to MAX_TOKENS cleaned tokens, holding exactly one opinion word of OPINION
    (one occurrence, whatever its polarity) that agrees with the review's label, and no
    negator of NEGATORS, gives two short reviews: the clause with the review's label, and
    the clause with "không" put right before that word (in place of an intensifier
    such as "rất" right before it) with the other label: "đồ ăn ngon" (positive) and
    "đồ ăn không ngon" (negative), "phục vụ rất chậm" (negative) and "phục vụ không
    chậm" (positive).

A clause, not the review: a whole review holds other opinions the flip would not touch,
so its flipped label would be wrong. One opinion word, so the flipped word is the one
that carries the clause; no negator, so no double negation; the pair, so the only
difference the model can learn from is "không". The first such clause of each review is
used. The pairs join the training reviews (never the validation split); the typed and the
accent-free form are made from the same clause.
"""

from __future__ import annotations

import re

from core.sentiment.text import preprocess

# Single-syllable opinion words of restaurant reviews (cleaned, lowercase), by polarity.
OPINION: dict[str, int] = {
    **dict.fromkeys(("ngon", "tốt", "thích", "ổn", "rẻ", "sạch", "đẹp", "tuyệt", "tươi"), 1),
    **dict.fromkeys(("dở", "tệ", "chán", "đắt", "bẩn", "dơ", "chậm", "nhạt", "tanh", "kém"), 0),
}
NEGATORS = frozenset(("không", "chẳng", "chả", "chưa", "đừng", "chớ"))
NEGATOR = "không"  # the one put before the flipped word
# "rất ngon" negated is "không ngon", not "rất không ngon": an intensifier right before the
# word is replaced by the negator instead.
INTENSIFIERS = frozenset(("rất", "khá", "hơi", "quá", "cực", "siêu", "thật", "thực", "vô"))
MIN_TOKENS, MAX_TOKENS = 3, 12  # a clause long enough to be a sentence, short enough to be one
CLAUSE = re.compile(r"[.,!?;:\n]+")


def counterfactual(tokens: list[str], label: int) -> tuple[list[str], int] | None:
    """The rule above on one review's tokens: the flipped copy and its label, or None."""
    if any(t in NEGATORS for t in tokens):
        return None
    where = [k for k, t in enumerate(tokens) if t in OPINION]
    if len(where) != 1 or OPINION[tokens[where[0]]] != label:
        return None
    k = where[0]
    before = tokens[: k - 1] if k and tokens[k - 1] in INTENSIFIERS else tokens[:k]
    return [*before, NEGATOR, *tokens[k:]], 1 - label


def pair_of(text: str, label: int) -> list[tuple[list[str], int]]:
    """The rule on one review (typed form): [(clause, label), (negated clause, other
    label)] for its first clause the rule applies to, or []."""
    for clause in CLAUSE.split(text):
        tokens = preprocess(clause)
        if not MIN_TOKENS <= len(tokens) <= MAX_TOKENS:
            continue
        made = counterfactual(tokens, label)
        if made is not None:
            return [(tokens, label), made]
    return []


def counterfactual_pairs(texts: list[str], labels) -> tuple[list[list[str]], list[int]]:
    """Every pair the rule makes from the training reviews: tokens and labels, in order."""
    tokens, out = [], []
    for text, label in zip(texts, labels, strict=True):
        for t, y in pair_of(text, int(label)):
            tokens.append(t)
            out.append(y)
    return tokens, out
