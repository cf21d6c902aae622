"""The sentiment page's widgets and session state: what the visitor chose, handed to the page.

Keys: sentiment_mode, sentiment_model; one review: sentiment_example, sentiment_text,
sentiment_classify (the button), sentiment_submitted (the review last classified: the
verdict shown is of it); many reviews: sentiment_bulk_source, sentiment_bulk_form (the
paste box and its button: one click sends both), sentiment_bulk_text, sentiment_upload,
sentiment_csv_column, sentiment_bulk_run, sentiment_bulk (the last results, with the
input and model they are of). The modes, the model and the review are in the page's
address (ui/page.py's LINK); every box keeps its text while the other mode is shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import contextmanager

import streamlit as st

from core.errors import CoreError
from core.sentiment import DEFAULT_MODEL, MODEL_NAMES, Result, bulk, zoo
from core.sentiment.classify import ReviewTable
from core.sentiment.review import EXAMPLES, MAX_REVIEW_CHARS
from ui.i18n import t
from ui.page import arrived, choice, hold, text_link
from ui.sentiment.errors import error_markdown
from ui.streamlit_private import hide_input_hint, legible_shortcut

ss = st.session_state


def models(load: Callable, lang: str) -> tuple[dict, dict]:
    """Every model that loads, and why the others do not ({name: ModelUnavailable}); the
    page stops here, saying why, when none loads."""
    with st.spinner(t("sentiment.loading", lang)):
        loaded, errors = zoo.load_all(load)  # broken files take down their model only
    if not loaded:
        why = dict.fromkeys(error_markdown(e, lang) for e in errors.values())  # vocab: one
        st.error("\n\n".join([t("sentiment.unavailable", lang), *why]))
        st.stop()
    return loaded, errors


def mode_and_model(errors: dict, lang: str) -> tuple[str, str]:
    """The mode radio ("one" | "many") and the model radio; says so when the chosen model
    could not be loaded."""
    mode = choice(
        st.radio,
        t("sentiment.mode", lang),
        ["one", "many"],
        key="sentiment_mode",
        format_func=lambda m: t(f"sentiment.mode.{m}", lang),
        horizontal=True,
    )
    name = choice(
        st.radio,
        t("sentiment.model", lang),
        MODEL_NAMES,
        key="sentiment_model",
        default=DEFAULT_MODEL,
        horizontal=True,
        format_func=lambda m: t(f"sentiment.model.{m}", lang),
        help=t("sentiment.model_help", lang),
    )
    if name in errors:
        unavailable = t("sentiment.model_unavailable", lang, model=name)
        st.error(f"{unavailable}\n\n{error_markdown(errors[name], lang)}")
    return mode, name


def _fill() -> None:
    """The example chosen fills the text area and is classified at once (un-choosing one
    leaves the text).

    Not when it comes with a press of Classify: a student cannot press two things at once,
    so the example is what the browser still showed chosen. Typing clears the choice, but a
    click that comes before the browser has redrawn the examples sends the old choice back
    with it; taken for a choice, it put the example over the review just typed (seen under
    a class's load)."""
    chosen = ss.get("sentiment_example")
    if not chosen:
        return
    if ss.get("sentiment_classify"):
        ss["sentiment_example"] = None
        return
    ss["sentiment_text"] = ss["sentiment_submitted"] = EXAMPLES[chosen]


FIRST = "pos1"  # the example a first visit opens on


def review(lang: str) -> str | None:
    """The examples, the text area and the classify button; the review last classified
    (None, asking for one, when it is blank). While the box holds other text than that
    review, says that the verdict below is still the old one."""
    if "sentiment_text" not in ss:  # a first visit: the first slide example (a link's wins)
        ss["sentiment_example"], ss["sentiment_text"] = FIRST, EXAMPLES[FIRST]
    st.pills(
        t("sentiment.examples", lang),
        list(EXAMPLES),
        key="sentiment_example",
        default=FIRST,
        format_func=lambda k: t(f"sentiment.example.{k}", lang),
        on_change=_fill,
        persist_state="session",
    )
    text = st.text_area(
        value=EXAMPLES[FIRST],  # what a redrawn box falls back to, and a link leaves out
        height=140,
        key="sentiment_text",
        on_change=lambda: ss.update(sentiment_example=None),
        help=t("sentiment.review_help", lang, limit=MAX_REVIEW_CHARS),
        **text_link("sentiment_text", t("sentiment.review", lang), lang),
    )
    if arrived() or "sentiment_submitted" not in ss:  # a link's review is classified at once
        ss["sentiment_submitted"] = text
    # Streamlit's English "Press Ctrl+Enter to apply": the button below says it instead.
    hide_input_hint("sentiment_text")
    # Ctrl+Enter in the box both applies the text and presses the button.
    if st.button(
        t("sentiment.classify", lang),
        type="primary",
        key="sentiment_classify",
        shortcut="Ctrl+Enter",
        help=t("sentiment.classify_help", lang),
    ):
        ss["sentiment_submitted"] = text
    legible_shortcut("sentiment_classify")
    submitted = ss["sentiment_submitted"]
    if not submitted.strip():
        st.info(t("sentiment.ask", lang))
        return None
    if text != submitted:
        st.warning(t("sentiment.stale", lang), icon="⏳")
    return submitted


def _pasted(enabled: bool, lang: str) -> tuple[tuple[Callable, tuple] | None, bool]:
    """The paste box and its button in one form, so one click sends the text and classifies
    it: core's reader and its arguments (None while the box is blank), and whether the
    button was clicked on this run."""
    # enter_to_submit=False: no English "Press Ctrl+Enter to submit form" under the box
    with st.form("sentiment_bulk_form", border=False, enter_to_submit=False):
        label = t("sentiment.paste_label", lang)
        # Kept for the session, never in the address: a bulk paste outgrows any link.
        pasted = st.text_area(label, height=200, key="sentiment_bulk_text", persist_state="session")
        button = t("sentiment.classify", lang)
        clicked = st.form_submit_button(
            button, type="primary", key="sentiment_bulk_run", disabled=not enabled
        )
    return ((bulk.paste_table, (pasted,)) if pasted.strip() else None), clicked


def _uploaded(lang: str, limit_mb: int) -> tuple[Callable, tuple] | None:
    """The uploader (and a CSV's column chooser): core's reader and its arguments, or None
    before a file is chosen."""
    up = st.file_uploader(
        t("sentiment.upload_label", lang, mb=limit_mb),
        type=["csv", "txt"],
        key="sentiment_upload",
        max_upload_size=limit_mb,
    )
    if up is None:
        return None
    data, column = up.getvalue(), None
    bulk.check_size(len(data), up.name, limit_mb)
    if up.name.lower().endswith(".csv"):
        cols = bulk.upload_columns(data, up.name)
        index = cols.index("text") if "text" in cols else 0
        column = st.selectbox(
            t("sentiment.column", lang), cols, key="sentiment_csv_column", index=index
        )
    return bulk.bulk_table, (data, up.name, column)


def bulk_input(enabled: bool, lang: str) -> tuple[ReviewTable | None, str, bool]:
    """The source radio and the paste box or the uploader, read by core, with the classify
    button (enabled: the chosen model loaded): the reviews (None when there are none yet,
    or the input was refused, saying why), a fingerprint of the input they came from, and
    whether the button was clicked on this run."""
    limit_mb = int(st.get_option("server.maxUploadSize"))
    st.caption(t("sentiment.limits", lang, rows=bulk.MAX_ROWS, mb=limit_mb))
    hold("sentiment_bulk_source", ("paste", "upload"))
    source = st.radio(
        t("sentiment.source", lang),
        ["paste", "upload"],
        horizontal=True,
        format_func=lambda s: t(f"sentiment.source.{s}", lang),
        key="sentiment_bulk_source",
        persist_state="session",
    )
    table, sig, clicked = None, "", False
    try:
        if source == "paste":
            reader, clicked = _pasted(enabled, lang)
        else:
            reader = _uploaded(lang, limit_mb)
        if reader is not None:
            read, args = reader
            parts = (a if isinstance(a, bytes) else str(a).encode() for a in args)
            sig = hashlib.sha256(b"\0".join(parts)).hexdigest()
            table = read(*args)  # the reviews, and a CSV's other columns for the download
    except CoreError as exc:  # it may quote a file or column name: escaped
        st.error(error_markdown(exc, lang), icon="⚠️")
    else:
        if table is not None:
            st.caption(t("sentiment.ready", lang, n=len(table.texts)))
    if source == "upload":  # the file is sent as it is chosen: the button can wait for it
        label = t("sentiment.classify", lang)
        disabled = not (enabled and table is not None)
        clicked = st.button(label, type="primary", key="sentiment_bulk_run", disabled=disabled)
    return table, sig, clicked and table is not None


@contextmanager
def progress(lang: str):
    """A progress bar while the block runs; yields the callback classify reports to."""
    bar = st.progress(0.0, text=t("sentiment.classifying", lang))

    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{done:,} / {total:,}")

    yield report
    bar.empty()


def keep_results(sig: str, results: list[Result]) -> None:
    """Remember the results of the input and model sig names, across reruns."""
    ss["sentiment_bulk"] = (sig, results)


def kept_results(sig: str) -> list[Result] | None:
    """The results kept for this input through this model, if any."""
    last = ss.get("sentiment_bulk")
    return last[1] if last and last[0] == sig else None
