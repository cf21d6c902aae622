"""The run on screen: its place in the queue, a progress bar, the two curves, the outcome;
then the student's model and the shipped one on the same review."""

from __future__ import annotations

import streamlit as st

from core.classifier.data import counts, examples
from ui.i18n import t
from ui.page import projected
from ui.train import figures, words
from ui.train.controls import Frame


def show(frame: Frame, lang: str) -> None:
    """Everything the run shows now; drawn afresh on every redraw of the replay."""
    c = frame.config
    if frame.error is not None:
        st.error(t("common.page_error", lang, kind=type(frame.error).__name__))
        return
    if frame.position:  # nothing computed yet: the place in the queue is all there is
        st.info(t("train.queued", lang, ahead=frame.position - 1))
        return
    epoch = min(c.epochs, int(frame.points[-1].epoch) + 1) if frame.points else 1
    steps = dict(step=frame.step, steps=frame.steps, epoch=epoch, epochs=c.epochs)
    text = t("train.progress", lang, **steps)
    st.progress(min(1.0, frame.step / frame.steps), text=text)
    left, right = st.columns(2)
    left.plotly_chart(
        projected(figures.loss_figure(frame.points, c.epochs, lang)),
        config=figures.CONFIG,
        key="train_loss",
    )
    right.plotly_chart(
        projected(figures.accuracy_figure(frame.points, c.epochs, lang)),
        config=figures.CONFIG,
        key="train_acc",
    )
    if frame.model is not None:
        last = figures.evaluated(frame.points)[-1]
        st.success(words.done(c.kind, c.epochs, last.val_accuracy, counts()[1], lang))
    elif frame.stopped:
        st.info(t("train.stopped", lang, step=frame.step))


def review_box(lang: str) -> str:
    """The review to try, starting on a validation review of the subset (its label said)."""
    example = examples()[0]
    text = st.text_area(t("train.review", lang), value=example.text, key="train_review")
    if text == example.text:
        label = t("train.positive" if example.label else "train.negative", lang)
        st.caption(t("train.review_label", lang, label=label))
    return text


def compare(kind: str, yours: float | None, shipped, lang: str) -> None:
    """The student's P(positive) beside the shipped model's verdict (a core.sentiment.zoo
    Verdict, or None when the shipped model could not be loaded)."""
    name = words.model_name(kind, lang)
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown(f"**{t('train.yours', lang, model=name)}**")
        st.markdown(words.verdict(yours, lang))
    with right.container(border=True):
        st.markdown(f"**{t('train.shipped', lang, model=name)}**")
        if shipped is None or shipped.error is not None:
            st.warning(t("train.shipped_missing", lang))
        else:
            st.markdown(words.verdict(shipped.p_positive, lang))
