"""The language model's exercise: P(w|h) from a bigram count table, a sentence's perplexity."""

from __future__ import annotations

import streamlit as st

from core.exercises.lm import lm_exercise
from ui.exercises import lines, view
from ui.i18n import t

PAGE = "lm"


def show(lang: str) -> None:
    """The whole exercise section; the page calls it once."""
    seed = view.heading(PAGE, lang)
    ex = lm_exercise(seed)
    st.markdown(t("exercises.lm.intro", lang))
    st.markdown(f"**{t('exercises.lm.corpus', lang)}**")
    st.markdown("\n".join(f"{k}. `{' '.join(s)} </s>`" for k, s in enumerate(ex.corpus, 1)))
    st.markdown(f"**{t('exercises.lm.counts', lang)}**")
    st.table(lines.counts_frame(ex), border="horizontal")
    st.markdown(f"**{t('exercises.lm.unigrams', lang, total=ex.total)}**")
    st.table(lines.unigram_frame(ex), border="horizontal")
    h, w = ex.asked.history[0], ex.asked.word
    st.markdown(t("exercises.lm.q_p", lang, w=w, h=h))
    st.markdown(t("exercises.lm.q_pp", lang, sentence=" ".join(ex.sentence)))
    labels = {"p": f"P({w} | {h})", "pp": t("exercises.lm.name_pp", lang)}
    worked = {"p": lines.p_lines(ex), "pp": lines.pp_lines(ex)}
    view.number_form(PAGE, "lm", (seed,), labels, ex.expected, worked.__getitem__, lang)
    view.tally(PAGE, lang)
