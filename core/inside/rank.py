"""Units ranked by what they track over the validation subset, and whether any is clean.

Four questions, each asked of every unit's cell state c:
- label: how well its final c separates positive from negative reviews (ROC AUC; 0.5 is
  chance, 1 or 0 a perfect split);
- negation, contrast: how much more c moves at those words than at others (Cohen's d of
  c_t - c_(t-1) at the words against the rest);
- length: how its final c follows the number of tokens read (Pearson r).
A ranking is "clean" when its best unit clears a bar that one unit alone would need to
be read as a detector; no unit clearing it is a result, said as such.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.inside.states import ValidationStates

# Words as the cleaning step leaves them (lower case; typed with or without diacritics).
NEGATION = ("không", "khong", "ko", "k", "hông", "chẳng", "chả", "chưa")
CONTRAST = ("nhưng", "nhung", "tuy")
CRITERIA = ("label", "negation", "contrast", "length")
# What one unit must reach to count as clean: a near-perfect split, distributions of Δc
# about two standard deviations apart, a strong correlation.
CLEAN = {"label": 0.9, "negation": 2.0, "contrast": 2.0, "length": 0.7}
TOP = 5  # units shown per ranking
SPANS = 3  # strongest spans shown per unit
WINDOW = 3  # tokens shown either side of a span's strongest token


@dataclass(frozen=True)
class Spot:
    """A token of a validation review where a unit moves strongly, with tokens around it."""

    review: int
    start: int  # token positions within the review
    stop: int  # exclusive
    at: int  # the strongest token
    delta: float  # c_t - c_(t-1) of the unit there
    tokens: tuple[str, ...]  # tokens start..stop-1


@dataclass(frozen=True)
class Ranking:
    """The TOP units of one criterion, strongest first."""

    criterion: str  # one of CRITERIA
    units: np.ndarray  # (k,) unit numbers
    scores: np.ndarray  # (k,) AUC (label), Cohen's d (words), Pearson r (length)
    strength: np.ndarray  # (k,) how far from "tracks nothing": |AUC-0.5|*2, |d|, |r|
    clean: bool  # the best unit clears CLEAN[criterion]
    spots: list[list[Spot]]  # per unit, its strongest places
    count: int  # reviews (label, length) or word occurrences (negation, contrast) measured


def auc(x: np.ndarray, y: np.ndarray) -> float:
    """ROC AUC of score x (n,) for labels y (n,) in {0, 1}, ties counting one half."""
    _, inv, counts = np.unique(x, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    mid = ends - (counts - 1) / 2.0  # average 1-based rank of each distinct value
    ranks = mid[inv]
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if not n1 or not n0:
        return 0.5
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def cohen_d(d: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(mean_in - mean_out) / pooled sd per column of d (N, H), "in" the rows where mask
    (N,) is True; from float64 sums, so no float64 copy of d is made."""
    n1 = int(mask.sum())
    n0 = len(d) - n1
    if n1 < 2 or n0 < 2:
        return np.zeros(d.shape[1])
    s_all = d.sum(0, dtype=np.float64)
    q_all = np.einsum("nh,nh->h", d, d, dtype=np.float64)
    s1 = d[mask].sum(0, dtype=np.float64)
    q1 = np.einsum("nh,nh->h", d[mask], d[mask], dtype=np.float64)
    s0, q0 = s_all - s1, q_all - q1
    m1, m0 = s1 / n1, s0 / n0
    ss = (q1 - n1 * m1**2) + (q0 - n0 * m0**2)  # within-group sums of squares
    sd = np.sqrt(np.maximum(ss / (n1 + n0 - 2), 1e-12))
    return (m1 - m0) / sd


def pearson(x: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Pearson r of x (n,) with each column of Y (n, H); 0 where a column is constant."""
    xc = x - x.mean()
    Yc = Y - Y.mean(0)
    den = np.sqrt((xc**2).sum() * (Yc**2).sum(0))
    return np.where(den > 0, xc @ Yc / np.where(den > 0, den, 1.0), 0.0)


def deltas(s: ValidationStates) -> np.ndarray:
    """c_t - c_(t-1) at every flat row (c_0 = 0 at a review's first token), (N, H) float32."""
    c = s.c.astype(np.float32)
    prev = np.concatenate([np.zeros((1, c.shape[1]), np.float32), c[:-1]])
    prev[s.offsets[:-1][s.offsets[:-1] < len(c)]] = 0.0
    return c - prev


def final_c(s: ValidationStates) -> np.ndarray:
    """Each review's last c, (R, H) float64."""
    return s.c[s.offsets[1:] - 1].astype(np.float64)


def spots(
    s: ValidationStates, itos, d: np.ndarray, unit: int, sign: float, rows=None
) -> list[Spot]:
    """The SPANS rows (of `rows`, default all) where sign * Δc of unit is largest, one per
    review, each with WINDOW tokens either side."""
    rows = np.arange(len(d)) if rows is None else np.asarray(rows)
    if not rows.size:
        return []
    order = rows[np.argsort(-sign * d[rows, unit], kind="stable")]
    out, seen = [], set()
    for row in order[: 50 * SPANS]:
        r = s.review_of(int(row))
        if r in seen:
            continue
        seen.add(r)
        at = int(row - s.offsets[r])
        first, tokens = s.window(itos, r, at, at + 1, WINDOW)
        out.append(Spot(r, first, first + len(tokens), at, float(d[row, unit]), tokens))
        if len(out) == SPANS:
            break
    return out


def _ranking(criterion, scores, strength, s, itos, d, count, rows=None) -> Ranking:
    top = np.argsort(-strength, kind="stable")[:TOP]
    chance = 0.5 if criterion == "label" else 0.0
    spot_lists = [
        spots(s, itos, d, int(u), 1.0 if scores[u] >= chance else -1.0, rows) for u in top
    ]
    # Strength is |AUC - 0.5| * 2 for the label: compare the AUC itself with the bar.
    best = abs(scores[top[0]] - chance) + chance if len(top) else 0.0
    return Ranking(criterion, top, scores[top], strength[top], bool(best >= CLEAN[criterion]),
                   spot_lists, count)  # fmt: skip


def word_rows(s: ValidationStates, word_ids) -> np.ndarray:
    """Flat rows whose token is one of word_ids."""
    return np.flatnonzero(np.isin(s.ids, np.asarray(list(word_ids), dtype=np.int32)))


def rank_units(s: ValidationStates, itos: list[str]) -> dict[str, Ranking]:
    """Every criterion's ranking; itos is the vocabulary the states' ids index."""
    stoi = {w: k for k, w in enumerate(itos)}
    word_ids = {
        name: [stoi[w] for w in words if w in stoi]
        for name, words in (("negation", NEGATION), ("contrast", CONTRAST))
    }
    d = deltas(s)  # (N, H)
    last = final_c(s)  # (R, H)
    out = {}
    a = np.array([auc(last[:, u], s.labels) for u in range(last.shape[1])])
    out["label"] = _ranking("label", a, np.abs(a - 0.5) * 2, s, itos, d, len(s))
    for name in ("negation", "contrast"):
        rows = word_rows(s, word_ids.get(name, []))
        mask = np.zeros(len(d), bool)
        mask[rows] = True
        eff = cohen_d(d, mask)
        out[name] = _ranking(name, eff, np.abs(eff), s, itos, d, len(rows), rows)
    r = pearson(s.lengths.astype(np.float64), last)
    out["length"] = _ranking("length", r, np.abs(r), s, itos, d, len(s))
    return out
