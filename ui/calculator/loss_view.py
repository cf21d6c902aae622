"""Slides 15-17 drawn with Streamlit: the head's controls, then its numbers, lines and diagram.

The page calls head_controls (widgets), core's calculate_head, then show. Typed text
reaches Markdown only through md_escape (the head's error messages quote it).
"""

from __future__ import annotations

import streamlit as st

from core.calculator.loss import (
    CLASS_LIMITS,
    DEFAULT_CLASSES,
    DEFAULT_SEED,
    HeadTables,
    LossCalculation,
)
from core.calculator.trace import Calculation
from ui.calculator import loss as head_ui  # the head's words, tables and diagram
from ui.calculator import state
from ui.calculator.markup import formula_html
from ui.format import slide
from ui.i18n import t
from ui.markdown import md_escape
from ui.page import hold


def head_controls(H: int, lang: str) -> HeadTables:
    """Heading, the number of classes, the true class, the head's editor: what was typed."""
    base = state.sync_head(H)
    st.header(t("calculator.loss_heading", lang))
    st.markdown(t("calculator.loss_intro", lang, C=DEFAULT_CLASSES, seed=DEFAULT_SEED))
    c = st.columns([1, 2.4, 1.4], vertical_alignment="bottom")
    c[0].number_input(
        t("calculator.loss_classes", lang),
        *CLASS_LIMITS,
        key="calc_classes",
        on_change=state.on_classes,
    )
    hold("calc_class", range(base.classes))
    y = c[1].radio(
        t("calculator.loss_target", lang),
        tuple(range(base.classes)),
        format_func=lambda k: t("calculator.loss_class", lang, k=k + 1),
        key="calc_class",
        horizontal=True,
    )
    c[2].button(
        t("calculator.loss_reset", lang),
        key="calc_head_reset",
        on_click=state.on_head_reset,
        width="stretch",
    )
    st.markdown(f"**{t('calculator.loss_head_title', lang)}**")
    st.space("small")  # room for the table's toolbar, which would cover the heading
    df = head_ui.head_frame(base)
    out = st.data_editor(
        df,
        key=state.HEAD_EDITOR,
        num_rows="fixed",
        column_config={c: st.column_config.TextColumn(c) for c in df.columns},
        width="stretch",
        height=35 * (len(df) + 1) + 3,
    )
    typed = HeadTables(tuple(tuple(r) for r in out.itertuples(index=False)), int(y))
    state.keep_head(typed)
    return typed


def show(calc: Calculation, loss: LossCalculation, head: HeadTables, lang: str) -> None:
    """Slides 15-17 read literally (CE on h_T), then the head's errors, or its logits,
    softmax and loss line by line; then the unrolled RNN."""
    if loss.literal is not None:
        st.markdown(f"**{t('calculator.loss_literal_heading', lang)}**")
        st.markdown(head_ui.literal_text(loss.literal, lang))
        st.markdown(f"**{t('calculator.loss_fc_heading', lang)}**")
    if not loss.ok:
        texts = head_ui.head_errors(loss, head, lang)
        st.error(
            "\n\n".join(
                [t("calculator.loss_errors", lang, n=len(texts))] + [md_escape(x) for x in texts]
            )
        )
    else:
        ht = loss.trace
        y = ht.y + 1
        st.markdown(f"**{t('calculator.loss_logits_heading', lang)}**")
        for line in head_ui.logit_lines(ht):
            st.html(formula_html(line))
        st.markdown(f"**{t('calculator.loss_softmax_heading', lang)}**")
        for line in head_ui.softmax_lines(ht):
            st.html(formula_html(line, 5))
        st.markdown(f"**{t('calculator.loss_ce_heading', lang, y=y)}**")
        for line in head_ui.loss_lines(ht):
            st.html(formula_html(line))
        if ht.p[ht.y] == 0:
            st.info(t("calculator.loss_underflow", lang, y=y))
        if ht.overflow:
            st.warning(t("calculator.loss_overflow", lang))
        left, right = st.columns([1, 2], vertical_alignment="center")
        left.metric(f"L = −log p_{y}", slide(ht.loss))
        right.table(head_ui.classes_frame(ht, lang), hide_index=True, border="horizontal")
    st.markdown(t("calculator.loss_shared", lang, line=head_ui.shared_line(calc)))
    diagram, _ = st.columns(2)  # half the width on a wide screen, all of it on a phone
    diagram.markdown(f"**{t('calculator.loss_diagram_heading', lang)}**")
    diagram.graphviz_chart(head_ui.unrolled_dot(calc, loss, lang), width="stretch")
