"""The race's sentences: the verdict, the gradient's reach, the settings' labels and errors."""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.errors import CoreError
from core.race import LIMITS, Evaluation, RaceConfig, RaceStep, standing
from ui.controls import out_of_range, with_limits
from ui.i18n import t


def percent(x: float) -> str:
    return f"{100 * x:.0f}%"


def label(key: str, field: str, lang: str) -> str:
    """A setting's label with its limits, e.g. "Sequence length T (5–100)"."""
    return with_limits(f"race.{key}", LIMITS[field], lang)


def problem_text(err: CoreError, lang: str) -> str:
    """A refused setting in words: the field named in the reader's language, its limits."""
    return out_of_range(err, "race", lang)


def verdict(evaluation: Evaluation, c: RaceConfig, lang: str) -> str:
    """One sentence: where each model stands on the held-out batch, after how many steps."""
    chance = 1.0 / c.symbols
    parts = {}
    for kind, a in evaluation.accuracy.items():
        state = standing(a, chance)
        parts[kind.lower()] = t(
            f"race.state_{state}", lang, model=kind, acc=percent(a), chance=percent(chance)
        )
    return t("race.verdict", lang, step=evaluation.step, steps=c.steps, T=c.T, **parts)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(lg: float, lang: str) -> str:
    if math.isnan(lg):
        return t("race.reach_none", lang)
    if lg == -math.inf:
        return "0"
    if lg >= -2:
        return f"{10**lg:.2g}"
    return "10" + f"{round(lg)}".translate(_SUPERSCRIPT)  # 10⁻¹³


def reach(history: Sequence[RaceStep], lang: str) -> str:
    """How much of the gradient reached step 1 at the last step shown, for both models."""
    last = history[-1].records
    return t(
        "race.reach",
        lang,
        rnn=_power(last["RNN"].reach_log10, lang),
        lstm=_power(last["LSTM"].reach_log10, lang),
    )
