"""Bag or sequence's exercise: the words move; the student picks which output changes, then
sees both outputs."""

from __future__ import annotations

import streamlit as st

from core.exercises.bag import OPTIONS, BagExercise, bag_exercise
from ui.exercises import lines, view
from ui.i18n import t

PAGE = "bag"


def change_text(ex: BagExercise, lang: str) -> str:
    """How sentence B was made from A, positions counted from 1."""
    i, j = ex.moved
    if ex.change == "replace":
        return t("exercises.bag.replaced", lang, x=ex.a[i], i=i + 1, y=ex.b[i])
    return t("exercises.bag.moved", lang, x=ex.a[i], i=i + 1, y=ex.a[j], j=j + 1)


def show(lang: str) -> None:
    """The whole exercise section; the page calls it once."""
    seed = view.heading(PAGE, lang)
    ex = bag_exercise(seed)
    st.markdown(t("exercises.bag.intro", lang))
    st.markdown(f"A: `{' '.join(ex.a)}`  \nB: `{' '.join(ex.b)}`")
    st.markdown(change_text(ex, lang))

    def name_of(option: str) -> str:
        return t(f"exercises.bag.opt_{option}", lang)

    question = t("exercises.bag.question", lang)
    picked = view.choice_form(PAGE, "bag", (seed,), question, OPTIONS, name_of, ex.is_right, lang)
    if picked is not None:
        view.choice_verdict(picked, ex.answer, name_of, lang)
        st.markdown(t(f"exercises.bag.why_{ex.answer}", lang))
        for encoder, name in (("bag", "EmbeddingBag"), ("rnn", "RNN")):
            a, b = ex.result.outputs[encoder][:2]
            text = t("exercises.bag.outputs", lang, encoder=name, a=lines.vec(a), b=lines.vec(b))
            st.markdown(f"- {text}")
    view.tally(PAGE, lang)
