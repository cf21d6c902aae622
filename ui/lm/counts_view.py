"""The counts tab drawn with Streamlit: the count table and the two models' chain rules."""

from __future__ import annotations

import streamlit as st

from core.lm.ngram import Factor, perplexity
from ui.format import significant
from ui.i18n import t
from ui.lm import counts as cv


def count_table(rows: list[Factor], lang: str) -> None:
    """The most frequent n-grams, P(w|h) beside the word so a phone shows it unscrolled."""
    st.dataframe(cv.count_table(rows, lang), hide_index=True, height=250)


def chains(models: tuple[tuple[str, list[Factor]], ...], add_one: bool, lang: str) -> None:
    """Each model's factors, product and perplexity side by side (stacked on phones); then
    which factor is 0 and why, or that add-one left none at 0."""
    for col, (name, fs) in zip(st.columns(len(models)), models, strict=True):
        col.dataframe(cv.chain_table(fs, name, lang), hide_index=True)
        ppl = perplexity(fs)
        col.metric(
            t("lm.counts.ppl", lang, model=name),
            significant(ppl),
            help=t("lm.counts.ppl_help", lang),
        )
        col.code(
            cv.product_line(fs) + "\n" + cv.perplexity_line(fs, ppl),
            language=None,
            wrap_lines=True,
        )
    # The n-gram model's zeros first: they are the ones the slides' example runs into.
    notes = [cv.zero_note(fs, lang) for _, fs in reversed(models)]
    if note := next((x for x in notes if x), None):
        st.warning(note)
    elif add_one:
        st.success(t("lm.counts.smoothed", lang))
