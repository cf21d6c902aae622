"""Sentiment: one review through every stage of slides 21-26, or many reviews at once."""

import streamlit as st

from core.sentiment import bulk, zoo
from core.sentiment.classify import table_to_csv
from core.sentiment.review import review_trace, side_by_side
from ui.i18n import t
from ui.page import settings, start
from ui.pool import shipped_model as get_model
from ui.sentiment import controls, sections
from ui.sentiment.zoo_view import models_expander

lang = start()


@st.cache_data(max_entries=32, show_spinner=False)
def trace_of(name: str, text: str):
    """review_trace once per (model, text): widget reruns that keep both cost nothing."""
    return review_trace(get_model(name), text)


@st.cache_data(max_entries=96, show_spinner=False)
def verdict_of(name: str, text: str):
    """Another model's verdict on the text (the chosen one's comes with its trace)."""
    return zoo.verdict(get_model(name), text)


st.title(t("sentiment.title", lang))
st.caption(t("sentiment.caption", lang))
models, errors = controls.models(get_model, lang)
with settings(lang):  # projected, behind one button: the first screen is the review
    mode, name = controls.mode_and_model(errors, lang)

if mode == "one":
    text = controls.review(lang)
    if text is not None:
        v = trace_of(name, text) if name in models else None
        verdicts = side_by_side(text, v, errors, verdict_of)
        vocab = len(models[name].vocab) if v is not None else 0
        sections.one_review(v, verdicts, name, vocab, len(text), lang)
else:
    table, sig, run = controls.bulk_input(name in models, lang)
    sig = f"{name}:{sig}"  # the results are of this input through this model
    if run:
        with controls.progress(lang) as report:
            controls.keep_results(sig, models[name].classify(table.texts, progress=report))
    results = controls.kept_results(sig) if table is not None else None
    if results is not None:  # of the table shown: the download keeps its other columns
        csv = table_to_csv(table, results)
        sections.bulk_results(bulk.bulk_summary(results), csv, bulk.results_rows(results), lang)

st.divider()
models_expander(lambda: zoo.zoo_of(models), errors, lang)
