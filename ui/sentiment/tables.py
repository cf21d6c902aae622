"""The sentiment page's tables as DataFrames, headed and valued in the reader's language.

The downloaded CSV is not made here: core.sentiment.classify.table_to_csv writes it
with stable English column names for programs.
"""

from __future__ import annotations

import pandas as pd

from core.sentiment.bulk import RESULT_FIELDS
from ui.i18n import CATALOG, t
from ui.markdown import md_escape

MISSING = "—"  # a number a table has not got


def influence_table(rows: list[tuple[str, int, float]], lang: str) -> pd.DataFrame:
    """(token, position, ΔP) rows as 'token (#t)' (Markdown-escaped: st.table renders its
    cells as Markdown) and ΔP signed to 3 decimals.

    Written as text here, not by a pandas Styler: a Styler renders the whole table to HTML
    on every rerun, and the page's three small tables cost more than its figures."""
    shown = [(md_escape(f"{tok} (#{k})"), f"{v:+.3f}") for tok, k, v in rows]
    return pd.DataFrame(shown, columns=["token", "ΔP"])


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
    cols = {
        "form": "sentiment.col.form",
        "n": "sentiment.col.n",
        "accuracy": "sentiment.col.accuracy",
        "f1": "sentiment.col.f1",
    }
    df = pd.DataFrame(metrics, columns=list(cols))
    df["form"] = [form_name(f, lang) for f in df["form"]]
    return df.rename(columns={k: t(v, lang) for k, v in cols.items()})


def model_name(model: str, lang: str) -> str:
    """A model's short name in lang: Bag of words / Túi từ, RNN, LSTM."""
    return t(f"sentiment.name.{model}", lang)


def comparison_table(verdicts: list, chosen: str, lang: str) -> pd.DataFrame:
    """core.sentiment.zoo.Verdict rows: model (◀ the one shown), verdict, P(positive), ms;
    the numbers written out as text (see influence_table)."""
    rows = []
    for v in verdicts:
        name = model_name(v.model, lang) + (" ◀" if v.model == chosen else "")
        if v.error is not None:
            verdict = t("sentiment.verdict.unavailable", lang)
        else:
            verdict = t(f"sentiment.label.{v.label or 'none'}", lang)
        p = MISSING if v.p_positive is None else f"{v.p_positive:.1%}"
        rows.append((name, verdict, p, MISSING if v.ms is None else f"{v.ms:.1f}"))
    cols = [
        t("sentiment.col.model", lang),
        t("sentiment.col.verdict", lang),
        "P(positive)",
        t("sentiment.col.ms", lang),
    ]
    return pd.DataFrame(rows, columns=cols)


# The models' table in two parts, each narrow enough for the expander at 1280 px: a single
# ten-column table hid its last column behind a sideways scroll.
ZOO_PARTS = {
    "accuracy": ("typed", "underscore", "no_diacritics", "challenge", "sure_wrong"),
    "cost": ("parameters", "size", "ms", "rate"),
}
ZOO_COLUMNS = (*ZOO_PARTS["accuracy"], *ZOO_PARTS["cost"])
_ZOO_FORMATS = {
    "typed": "{:.1%}",
    "underscore": "{:.1%}",
    "no_diacritics": "{:.1%}",
    "challenge": "{:.1%}",
    "sure_wrong": "{:,.0f}",
    "parameters": "{:,.0f}",
    "size": "{:.1f}",
    "ms": "{:.2f}",
    "rate": "{:,.0f}",
}


def zoo_table(rows: list, lang: str, part: str | None = None) -> pd.DataFrame:
    """core.sentiment.zoo.ZooRow per model, indexed by the model's name; None stays None.
    part: "accuracy" or "cost" (ZOO_PARTS) for that part's columns only; None: all."""
    data = [
        (
            *(r.accuracy.get(f) for f in ("typed", "underscore", "no_diacritics")),
            r.challenge,
            r.sure_wrong,
            r.parameters,
            None if r.file_bytes is None else r.file_bytes / 2**20,
            r.one_review_ms,
            r.reviews_per_s,
        )
        for r in rows
    ]
    index = pd.Index([model_name(r.model, lang) for r in rows], name=t("sentiment.col.model", lang))
    df = pd.DataFrame(data, columns=list(ZOO_COLUMNS), index=index)
    df = df[list(ZOO_PARTS[part] if part else ZOO_COLUMNS)]
    return df.rename(columns=lambda c: t(f"sentiment.zoo.col.{c}", lang))


def zoo_formats(lang: str, part: str | None = None) -> dict[str, str]:
    """The zoo table's number formats by column heading (for a Styler), of part or all."""
    cols = ZOO_PARTS[part] if part else ZOO_COLUMNS
    return {t(f"sentiment.zoo.col.{c}", lang): _ZOO_FORMATS[c] for c in cols}
