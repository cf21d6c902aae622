"""The sentiment page's models section: the models' table, accuracy by review length,
calibration and the challenge set, and a model card per model, drawn from core's Zoo."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.sentiment.zoo import Zoo
from ui.i18n import t
from ui.sentiment import figures, sections, tables
from ui.sentiment.errors import error_markdown
from ui.sentiment.sections import chart


def models_expander(figures_of: Callable[[], tuple[Zoo, dict]], errors: dict, lang: str) -> None:
    """The section in an expander drawn only while open: nine charts no rerun should pay
    for unseen. figures_of() is core's zoo_of for the loaded models.

    Streamlit counts the label in an expander's identity, so a language switch closes it;
    keeping it open by passing `expanded` from the last run changes that identity on the
    run after every click, and the next click is then lost."""
    box = st.expander(t("sentiment.zoo", lang), key="sentiment_zoo", on_change="rerun")
    if box.open:
        with box:
            zoo_section(*figures_of(), errors, lang)


def zoo_section(z: Zoo, cards: dict, errors: dict, lang: str) -> None:
    """Every part of the models section; cards: model -> ModelCard; errors: model ->
    the ModelUnavailable that kept it from loading (its card says so)."""
    st.markdown(t("sentiment.zoo.table", lang))
    n = next((r.challenge_n for r in z.rows if r.challenge_n), "?")
    for part, key, caption in (
        ("accuracy", "sentiment_zoo_table", {"n": n}),
        ("cost", "sentiment_zoo_cost_table", {"cpus": z.cpus or "?"}),
    ):
        df = tables.zoo_table(z.rows, lang, part)
        st.dataframe(df.style.format(tables.zoo_formats(lang, part), na_rep="—"), key=key)
        st.caption(t(f"sentiment.zoo.{part}_caption", lang, **caption))
    st.markdown(t("sentiment.zoo.length", lang))
    if z.gap is not None:
        a, gap_a, b, gap_b = z.gap
        st.caption(t("sentiment.zoo.length_gap", lang, a=a, gap_a=gap_a, b=b, gap_b=gap_b))
    else:
        st.caption(t("sentiment.zoo.length_look", lang))
    chart(st, figures.length_figure(z.by_length, lang), "sentiment_length_chart")
    st.markdown(t("sentiment.zoo.calibration", lang))
    st.caption(t("sentiment.zoo.calibration_caption", lang))
    c1, c2 = st.columns(2)
    chart(c1, figures.reliability_figure(z.reliability, lang), "sentiment_reliability_chart")
    chart(c2, figures.challenge_figure(z.challenge, lang), "sentiment_challenge_chart")
    st.markdown(t("sentiment.zoo.cards", lang))
    names = [*cards, *(m for m in errors if m not in cards)]
    for name, tab in zip(names, st.tabs([tables.model_name(m, lang) for m in names]), strict=True):
        with tab:
            if name in cards:
                sections.model_card(cards[name], lang, name)
            else:
                st.error(error_markdown(errors[name], lang))
