"""The race on screen: its place in the queue, a progress bar, the two curves and, once it
is over, the verdict."""

from __future__ import annotations

import streamlit as st

from core.race import last_evaluation
from ui.i18n import t
from ui.page import projected
from ui.race import figures, words
from ui.race.controls import Frame


def show(frame: Frame, lang: str) -> None:
    """Everything the race shows now; drawn afresh on every redraw of the replay."""
    c, n = frame.config, len(frame.history)
    if frame.error is not None:
        st.error(t("common.page_error", lang, kind=type(frame.error).__name__))
        return
    if frame.position:  # nothing computed yet: the place in the queue is all there is
        st.info(t("race.queued", lang, ahead=frame.position - 1))
        return
    st.progress(n / c.steps, text=t("race.progress", lang, step=n, steps=c.steps))
    left, right = st.columns(2)
    loss = figures.loss_figure(frame.history, c.steps, c.symbols, lang)
    acc = figures.accuracy_figure(frame.history, c.steps, frame.chance, lang)
    left.plotly_chart(projected(loss), config=figures.CONFIG, key="race_loss")
    right.plotly_chart(projected(acc), config=figures.CONFIG, key="race_acc")
    if not frame.over or not n:
        return
    evaluation = last_evaluation(frame.history)
    if evaluation is not None:
        st.success(words.verdict(evaluation, c, lang))
    st.caption(words.reach(frame.history, lang))
    if not frame.finished:
        st.info(t("race.stopped", lang, step=n))
