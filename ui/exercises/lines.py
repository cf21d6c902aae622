"""The worked lines the exercises reveal, as plain text (no words, no markup), and their tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.exercises.lm import LMExercise
from core.lm.ngram import Factor
from ui.format import decimals, significant


def factor_name(f: Factor) -> str:
    """P(w) or P(w | h)."""
    return f"P({f.word} | {' '.join(f.history)})" if f.history else f"P({f.word})"


def factor_line(f: Factor) -> str:
    """P(to | go) = count(go to) / count(go) = 3 / 4 = 0.75; P(i) = count(i) / N = 2 / 22 = …"""
    if f.history:
        h = " ".join(f.history)
        counts = f"count({h} {f.word}) / count({h})"
    else:
        counts = f"count({f.word}) / N"
    return f"{factor_name(f)} = {counts} = {f.count_hw} / {f.count_h} = {significant(f.p)}"


def p_lines(ex: LMExercise) -> tuple[str, ...]:
    """Question 1's line: count(h) is the sum of h's row."""
    row = ex.rows.index(ex.asked.history[0])
    total = " + ".join(str(n) for n in ex.counts[row] if n)
    return (f"count({ex.asked.history[0]}) = {total} = {ex.asked.count_h}", factor_line(ex.asked))


def pp_lines(ex: LMExercise) -> tuple[str, ...]:
    """Question 2's lines: each factor, then the product to the power -1/T."""
    product = " × ".join(significant(f.p) for f in ex.factors)
    T = len(ex.factors)
    final = f"perplexity = ({product})^(-1/{T}) = {significant(ex.expected['pp'])}"
    return (*(factor_line(f) for f in ex.factors), final)


def counts_frame(ex: LMExercise) -> pd.DataFrame:
    """count(h w): a row per h, a column per w (</s> last)."""
    return pd.DataFrame(
        [list(r) for r in ex.counts],
        index=pd.Index(ex.rows, name="h \\ w"),
        columns=list(ex.columns),
    )


def unigram_frame(ex: LMExercise) -> pd.DataFrame:
    """count(w) of every word, one row."""
    # A named index: a blank header cell is one a screen reader announces as nothing.
    index = pd.Index(["count(w)"], name="w")
    return pd.DataFrame([list(ex.unigrams)], index=index, columns=list(ex.rows))


def vec(a) -> str:
    """[0.1234, -0.5]: an encoder's output, four decimals."""
    return "[" + ", ".join(decimals(v, 4) for v in np.ravel(a)) + "]"
