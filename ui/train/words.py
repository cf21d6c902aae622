"""The training page's sentences: settings' labels with their limits, errors, verdicts."""

from __future__ import annotations

from core.classifier import LIMITS
from core.errors import CoreError
from ui.format import grouped
from ui.i18n import error_text, t


def percent(x: float, lang: str) -> str:
    """82.5% (en), 82,5% (vi)."""
    return grouped(100 * x, lang, 1) + "%"


def limit(x: float, lang: str) -> str:
    """A setting's limit: a whole number grouped as the language writes it, a rate as it is."""
    return grouped(x, lang) if isinstance(x, int) else f"{x:g}"


def label(field: str, lang: str) -> str:
    """A setting's label with its limits, e.g. "Hidden size H (2–64)"."""
    low, high = LIMITS[field]
    return t(f"train.{field}", lang, low=limit(low, lang), high=limit(high, lang))


def problem_text(err: CoreError, lang: str) -> str:
    """A refused setting in words: the field named in the reader's language, its limits."""
    if err.code != "train_out_of_range":
        return error_text(err, lang)
    p = err.params
    return t(
        "error.train_out_of_range",
        lang,
        field=t(f"train.field.{p['field']}", lang),
        low=limit(p["low"], lang),
        high=limit(p["high"], lang),
        value=p["value"],
    )


def model_name(kind: str, lang: str) -> str:
    return t(f"train.kind.{kind}", lang)


def verdict(p: float | None, lang: str) -> str:
    """ "P(positive) = 0.873 → positive", or the empty review's sentence."""
    if p is None:
        return t("train.empty", lang)
    label = t("train.positive" if p >= 0.5 else "train.negative", lang)
    return t("train.verdict", lang, p=f"{p:.3f}", label=label)


def done(kind: str, epochs: int, accuracy: float, valid: int, lang: str) -> str:
    return t(
        "train.done",
        lang,
        epochs=epochs,
        model=model_name(kind, lang),
        acc=percent(accuracy, lang),
        valid=grouped(valid, lang),
    )
