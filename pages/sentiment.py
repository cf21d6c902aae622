"""Sentiment: one review through every stage of slides 20-27, or many reviews at once."""

import hashlib

import streamlit as st

from core.errors import CoreError
from core.sentiment import DEFAULT_MODEL, MODEL_NAMES, bulk, load_model, zoo
from core.sentiment.classify import table_to_csv
from core.sentiment.review import EXAMPLES, MAX_REVIEW_CHARS, review_trace
from ui.i18n import t
from ui.page import start
from ui.sentiment import sections
from ui.sentiment.errors import error_markdown
from ui.sentiment.zoo import models_expander

lang = start()
UPLOAD_MB = int(st.get_option("server.maxUploadSize"))
ss = st.session_state


@st.cache_resource(show_spinner=False)
def get_model(name: str):
    """One model (ONNX session, shared vocabulary, language detector), once per process."""
    return load_model(name=name)


@st.cache_data(max_entries=32, show_spinner=False)
def trace_of(name: str, text: str):
    """review_trace once per (model, text): widget reruns that keep both cost nothing."""
    return review_trace(get_model(name), text)


@st.cache_data(max_entries=96, show_spinner=False)
def verdict_of(name: str, text: str):
    return zoo.verdict(get_model(name), text)


st.title(t("sentiment.title", lang))
st.caption(t("sentiment.caption", lang))
with st.spinner(t("sentiment.loading", lang)):
    models, errors = zoo.load_all(get_model)  # broken files take down their model only
if not models:
    why = dict.fromkeys(error_markdown(e, lang) for e in errors.values())  # vocab: one message
    st.error("\n\n".join([t("sentiment.unavailable", lang), *why]))
    st.stop()

mode = st.radio(t("sentiment.mode", lang), ["one", "many"], key="sentiment_mode",
                format_func=lambda m: t(f"sentiment.mode.{m}", lang), horizontal=True)  # fmt: skip
name = st.radio(t("sentiment.model", lang), MODEL_NAMES, key="sentiment_model",
                index=MODEL_NAMES.index(DEFAULT_MODEL), horizontal=True,
                format_func=lambda m: t(f"sentiment.model.{m}", lang),
                help=t("sentiment.model_help", lang))  # fmt: skip
if name in errors:
    st.error(f"{t('sentiment.model_unavailable', lang, model=name)}\n\n"
             f"{error_markdown(errors[name], lang)}")  # fmt: skip


def one_review():
    # Streamlit drops a widget's state while it is not drawn (the other mode is shown):
    # restore the last review and example, or on a first visit the first slide example.
    if "sentiment_text" not in ss:
        kept = ss.get("sentiment_kept", ("pos1", EXAMPLES["pos1"]))
        ss["sentiment_example"], ss["sentiment_text"] = kept

    def fill():
        if ss.get("sentiment_example"):
            ss["sentiment_text"] = EXAMPLES[ss["sentiment_example"]]

    st.pills(t("sentiment.examples", lang), list(EXAMPLES), key="sentiment_example",
             format_func=lambda k: t(f"sentiment.example.{k}", lang), on_change=fill)  # fmt: skip
    text = st.text_area(t("sentiment.review", lang), height=140, key="sentiment_text",
                        on_change=lambda: ss.update(sentiment_example=None),
                        help=t("sentiment.review_help", lang, limit=MAX_REVIEW_CHARS))  # fmt: skip
    ss["sentiment_kept"] = (ss.get("sentiment_example"), text)
    if not text.strip():
        st.info(t("sentiment.ask", lang))
        return
    v = trace_of(name, text) if name in models else None
    verdicts = [verdict_of(n, text) if n in models else zoo.unavailable(n, errors[n])
                for n in MODEL_NAMES]  # fmt: skip
    vocab = len(models[name].vocab) if v is not None else 0
    sections.one_review(v, verdicts, name, vocab, len(text), lang)


def read_bulk():
    """Draws the paste or upload widgets; returns core's reader and its arguments, or None."""
    source = st.radio(t("sentiment.source", lang), ["paste", "upload"], horizontal=True,
                      format_func=lambda s: t(f"sentiment.source.{s}", lang),
                      key="sentiment_bulk_source")  # fmt: skip
    if source == "paste":
        if "sentiment_bulk_text" not in ss:  # back from the other mode
            ss["sentiment_bulk_text"] = ss.get("sentiment_bulk_kept", "")
        pasted = st.text_area(t("sentiment.paste_label", lang), height=200,
                              key="sentiment_bulk_text")  # fmt: skip
        ss["sentiment_bulk_kept"] = pasted
        return (bulk.paste_table, (pasted,)) if pasted.strip() else (None, ())
    up = st.file_uploader(t("sentiment.upload_label", lang, mb=UPLOAD_MB), type=["csv", "txt"],
                          key="sentiment_upload", max_upload_size=UPLOAD_MB)  # fmt: skip
    if up is None:
        return None, ()
    data, column = up.getvalue(), None
    bulk.check_size(len(data), up.name, UPLOAD_MB)
    if up.name.lower().endswith(".csv"):
        cols = bulk.upload_columns(data, up.name)
        column = st.selectbox(t("sentiment.column", lang), cols, key="sentiment_csv_column",
                              index=cols.index("text") if "text" in cols else 0)  # fmt: skip
    return bulk.bulk_table, (data, up.name, column)


def many_reviews():
    st.caption(t("sentiment.limits", lang, rows=bulk.MAX_ROWS, mb=UPLOAD_MB))
    table, sig = None, None
    try:
        read, args = read_bulk()
        if read is not None:
            parts = (a if isinstance(a, bytes) else str(a).encode() for a in args)
            sig = hashlib.sha256(b"\0".join(parts)).hexdigest()  # which input the results are of
            table = read(*args)  # the reviews, and a CSV's other columns for the download
    except CoreError as exc:  # it may quote a file or column name: escaped
        st.error(error_markdown(exc, lang), icon="⚠️")
    else:
        if table is not None:
            st.caption(t("sentiment.ready", lang, n=len(table.texts)))
    run = st.button(t("sentiment.classify", lang), type="primary", key="sentiment_bulk_run",
                    disabled=table is None or name not in models)  # fmt: skip
    sig = f"{name}:{sig}"  # the results are of this input through this model
    if run:
        bar = st.progress(0.0, text=t("sentiment.classifying", lang))
        results = models[name].classify(table.texts, progress=lambda done, total: bar.progress(
            done / max(total, 1), text=f"{done:,} / {total:,}"))  # fmt: skip
        bar.empty()
        ss["sentiment_bulk"] = (sig, results)
    last = ss.get("sentiment_bulk")
    if last and last[0] == sig and table is not None:  # table: what was classified
        sections.bulk_summary(bulk.bulk_summary(last[1]), lang)
        st.download_button(t("sentiment.download", lang), table_to_csv(table, last[1]),
                           file_name="sentiment_results.csv", mime="text/csv",
                           key="sentiment_download", on_click="ignore")  # fmt: skip
        sections.bulk_table(bulk.results_rows(last[1]), lang)


if mode == "one":
    one_review()
else:
    many_reviews()
st.divider()
models_expander(lambda: zoo.zoo_of(models), errors, lang)
