"""The training page's sentences: settings' labels with their limits, errors, verdicts."""

from __future__ import annotations

from core.classifier import LIMITS
from core.errors import CoreError
from ui.controls import out_of_range, with_limits
from ui.format import grouped
from ui.i18n import t


def percent(x: float, lang: str) -> str:
    """82.5% (en), 82,5% (vi)."""
    return grouped(100 * x, lang, 1) + "%"


def label(field: str, lang: str) -> str:
    """A setting's label with its limits, e.g. "Hidden size H (2–64)"."""
    return with_limits(f"train.{field}", LIMITS[field], lang)


def problem_text(err: CoreError, lang: str) -> str:
    """A refused setting in words: the field named in the reader's language, its limits."""
    return out_of_range(err, "train", lang)


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
