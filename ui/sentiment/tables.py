"""The sentiment page's tables as DataFrames, headed and valued in the reader's language.

The downloaded CSV is not made here: core.sentiment.classify.results_to_csv writes it
with stable English column names for programs.
"""

from __future__ import annotations

import pandas as pd

from core.sentiment.bulk import RESULT_FIELDS
from ui.i18n import CATALOG, t


def influence_table(rows: list[tuple[str, int, float]], lang: str) -> pd.DataFrame:
    """(token, position, ΔP) rows as 'token (#t)' and ΔP."""
    return pd.DataFrame([(f"{tok} (#{k})", v) for tok, k, v in rows], columns=["token", "ΔP"])


def phrase_table(rows: list[tuple[str, int, float]], lang: str) -> pd.DataFrame:
    """(phrase, times, vote) rows as 'phrase ×n' and the vote."""
    return pd.DataFrame(
        [(f"{text} ×{n}" if n > 1 else text, v) for text, n, v in rows],
        columns=[t("sentiment.col.phrase", lang), t("sentiment.col.vote", lang)],
    )


_RESULT_HEADERS = {
    "number": "sentiment.col.number",
    "text": "sentiment.col.review",
    "label": "sentiment.col.label",
    "p_positive": None,  # P(positive): the same in both languages
    "language": "sentiment.col.language",
    "status": "sentiment.col.status",
}


def result_header(field: str, lang: str) -> str:
    """The results table's heading of one core.sentiment.bulk.RESULT_FIELDS field."""
    key = _RESULT_HEADERS[field]
    return "P(positive)" if key is None else t(key, lang)


def results_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """core.sentiment.bulk.results_rows labelled: headings, labels and statuses in lang."""
    label = {k: t(f"sentiment.label.{k}", lang) for k in ("positive", "negative")}
    status = {k: t(f"sentiment.status.{k}", lang) for k in ("ok", "empty", "not_vietnamese")}
    df = pd.DataFrame(rows, columns=list(RESULT_FIELDS))
    df["label"] = [label.get(v, "—") for v in df["label"]]
    df["status"] = [status.get(v, v) for v in df["status"]]
    return df.rename(columns={f: result_header(f, lang) for f in RESULT_FIELDS})


def form_name(form: str, lang: str) -> str:
    """A validation text form's name in lang (an unknown form: its metadata key)."""
    key = f"sentiment.form.{form}"
    return t(key, lang) if key in CATALOG else form


def metrics_table(metrics: list[dict], lang: str) -> pd.DataFrame:
    """Validation metrics per text form, the forms named in lang."""
    cols = {"form": "sentiment.col.form", "n": "sentiment.col.n",
            "accuracy": "sentiment.col.accuracy", "f1": "sentiment.col.f1"}  # fmt: skip
    df = pd.DataFrame(metrics, columns=list(cols))
    df["form"] = [form_name(f, lang) for f in df["form"]]
    return df.rename(columns={k: t(v, lang) for k, v in cols.items()})
