"""From RNN to LSTM's exercise: which part of the cell fixes slide 28's problem, and why."""

from __future__ import annotations

import streamlit as st

from core.exercises.rnn_to_lstm import why_exercise
from ui.exercises import view
from ui.format import decimals, significant
from ui.i18n import t

PAGE = "why"


def show(lang: str) -> None:
    """The whole exercise section; the page calls it once."""
    seed = view.heading(PAGE, lang)
    ex = why_exercise(seed)
    product = significant(ex.product)
    w = decimals(ex.weight, 1)
    st.markdown(t(f"exercises.why.problem_{ex.problem}", lang, n=ex.n, w=w, product=product))

    def name_of(option: str) -> str:
        return t(f"exercises.why.opt_{option}", lang)

    question = t("exercises.why.question", lang)
    picked = view.choice_form(
        PAGE, "why", (seed,), question, ex.options, name_of, ex.is_right, lang
    )
    if picked is not None:
        view.choice_verdict(picked, ex.answer, name_of, lang)
        kept = significant(ex.kept)
        f = decimals(ex.forget, 2)
        st.info(t("exercises.why.explain", lang, f=f, n=ex.n, kept=kept, product=product))
        if picked != ex.answer:
            st.markdown(t(f"exercises.why.not_{picked}", lang))
    view.tally(PAGE, lang)
