"""The counts tab: count tables, P(w|h) with its numbers, the chain rule, perplexity."""

from __future__ import annotations

import pandas as pd

from core.lm.ngram import Factor, product
from ui.format import significant
from ui.i18n import t
from ui.markdown import md_escape

EMPTY = "∅"  # the empty history of a unigram


def history_text(h: tuple[str, ...]) -> str:
    return " ".join(h) if h else EMPTY


def counts_text(f: Factor, tight: bool = False) -> str:
    """'1 / 2', or '(1 + 1) / (2 + 12)' with add-one ('(1+1) / (2+12)' tight, for a table
    column that must fit a phone beside two others)."""
    if f.add_one:
        plus = "+" if tight else " + "
        return f"({f.count_hw}{plus}1) / ({f.count_h}{plus}{f.V})"
    return f"{f.count_hw} / {f.count_h}"


def factor_name(f: Factor) -> str:
    """'P(school | i go to)', or 'P(i)' for a unigram."""
    return f"P({f.word} | {' '.join(f.history)})" if f.history else f"P({f.word})"


COUNTS_COLUMN = "count(h w) / count(h)"


def count_table(rows: list[Factor], lang: str) -> pd.DataFrame:
    """One row per n-gram: h, w, P(w|h), then the counts it is made of.

    P(w|h) sits next to the word, the column a student reads: on a phone's screen the
    table shows its first columns and scrolls sideways for the rest.
    """
    return pd.DataFrame(
        {
            t("lm.col.history", lang): [history_text(f.history) for f in rows],
            t("lm.col.word", lang): [f.word for f in rows],
            "P(w|h)": [significant(f.p) for f in rows],
            COUNTS_COLUMN: [counts_text(f, tight=True) for f in rows],
        }
    )


def chain_table(factors: list[Factor], model: str, lang: str) -> pd.DataFrame:
    """One model's chain-rule factors in the sentence's order, laid out like the count table:
    each factor, its value, then its counts (the page puts two models side by side)."""
    return pd.DataFrame(
        {
            model: [factor_name(f) for f in factors],
            "P(w|h)": [significant(f.p) for f in factors],
            COUNTS_COLUMN: [counts_text(f, tight=True) for f in factors],
        }
    )


def product_line(factors: list[Factor]) -> str:
    """'P(i go to school) = 0.1429 × 1 × 0.5 × 1 = 0.07143' as plain text (for st.code)."""
    words = " ".join(f.word for f in factors)
    terms = " × ".join(significant(f.p) for f in factors)
    return f"P({words}) = {terms} = {significant(product(factors))}"


def perplexity_line(factors: list[Factor], ppl: float) -> str:
    """'PP = (0.07143)^(-1/4) = 1.939' as plain text."""
    return f"PP = ({significant(product(factors))})^(-1/{len(factors)}) = {significant(ppl)}"


def zero_note(factors: list[Factor], lang: str) -> str | None:
    """Markdown naming the zero factors and why, or None when every factor is above 0."""
    zeros = [f for f in factors if f.p == 0]
    if not zeros:
        return None
    words = ", ".join(md_escape(factor_name(f)) for f in zeros)
    note = t("lm.counts.zero", lang, words=words)
    unseen = [f for f in zeros if f.unseen_history]
    if unseen:
        hs = ", ".join(md_escape(history_text(f.history)) for f in unseen)
        note += "\n\n" + t("lm.counts.unseen_history", lang, histories=hs)
    return note
