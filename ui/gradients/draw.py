"""Draw the explorer's results on the page: Streamlit calls only, every word and figure from ui.

The page script calls these after its one core call; they read no session state.
"""

from __future__ import annotations

import streamlit as st

from core.gradients.explorer import ExplorerResult
from core.gradients.scalar import ScalarSeries
from ui.gradients import figures, tables, words
from ui.i18n import t
from ui.page import projected


def scalar(series: list[ScalarSeries], lang: str) -> None:
    """The scalar view's chart (the reader's w, then slide 28's others: with_slide), its
    metrics and the regime the reader's w is in."""
    s, slide = series[0], series[1:]
    if s.x0 == 0:
        st.warning(t("gradients.scalar.zero_input", lang))
    fig = figures.scalar_figure(s, lang, slide)
    st.plotly_chart(projected(fig), key="scalar_chart", config=figures.CONFIG)
    cols = st.columns(3)
    for col, (label, value) in zip(cols, words.scalar_metrics(s, lang), strict=False):
        col.metric(label, value)
    cols[1].markdown(words.regime(s, lang))
    if s.w < 0:
        st.caption(t("gradients.scalar.negative_w", lang))


def bptt(r: ExplorerResult, lang: str) -> None:
    """The real networks: where the inputs came from, the spans, the chart and the why."""
    st.caption(words.inputs_note(r, lang))
    for note in words.notes(r, lang):
        st.warning(note)
    for col, (label, value, verdict) in zip(
        st.columns(3), words.span_metrics(r, lang), strict=True
    ):
        col.metric(label, value)
        col.markdown(verdict)
    if (loss := words.lstm_loss_text(r, lang)) is not None:
        st.info(loss)
    chart_col, why_col = st.columns([3, 2], gap="large")
    with chart_col:
        st.plotly_chart(
            projected(figures.bptt_figure(r, lang)), key="bptt_chart", config=figures.CONFIG
        )
        st.caption(t("gradients.fig.log_caption", lang))
    with why_col:
        _why(r, lang)


def _why(r: ExplorerResult, lang: str) -> None:
    st.subheader(t("gradients.why.header", lang))
    st.markdown(words.rnn_why_text(r, lang))
    if len(r.rnn_why.ks):
        st.table(tables.rnn_why_table(r, lang))
        st.caption(t("gradients.why.rnn_caption", lang))
        if r.rnn.overflow_from is not None:
            st.caption(t("gradients.why.overflow_mark", lang, t=r.rnn.overflow_from))
    st.markdown(words.lstm_why_text(r, lang))
    if len(r.lstm_why.ks):
        st.table(tables.lstm_why_table(r, lang))
    if r.config.clip:
        st.markdown(t("gradients.clip.header", lang))
        for kind, text in words.clip_messages(r, lang):
            getattr(st, kind)(text)
        st.caption(t("gradients.clip.caption", lang))
