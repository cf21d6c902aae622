"""What the sentiment model answers: a Result per review in bulk, an Analysis for one review."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.sentiment.language import LanguageGuess
from core.sentiment.text import CleanStep

VIETNAMESE = "vi"


@dataclass(frozen=True)
class Analysis:
    """One review through one model: every intermediate of slides 22-27 and the verdict."""

    model: str  # which model answered: "bag" | "rnn" | "lstm"
    text: str
    language: LanguageGuess
    steps: list[CleanStep]  # the 5 cleaning steps
    tokens: list[str]  # every token of the cleaned text
    ids: list[int]  # vocab ids of the tokens the model reads (<= max_len)
    unknown: list[bool]  # per read token: mapped to <unk>
    max_len: int  # tokens past this are not read
    truncated: bool
    status: str  # "ok" | "empty" | "not_vietnamese"
    label: str | None = None  # "positive" | "negative"; None when there are no tokens
    p_positive: float | None = None
    p_prefix: list[float] = field(default_factory=list)  # P(positive) after tokens 1..t, (T,)
    influence: list[float] = field(default_factory=list)  # p_positive minus P without token t
    # onnxruntime's h_1..h_T (T, H) from the same run as p_prefix; None for the bag (no state)
    # and when nothing was read
    hidden: np.ndarray | None = field(default=None, compare=False, repr=False)
    verdict_ms: float = 0.0  # wall time to the verdict: language, cleaning, tokens, the model


@dataclass(frozen=True)
class Result:
    text: str
    label: str | None  # "positive" | "negative"; None for an empty review
    p_positive: float | None
    language: str  # ISO 639-1 by langid; "" for an empty review
    status: str  # "ok" | "empty" | "not_vietnamese"


def label_of(p: float) -> str:
    return "positive" if p >= 0.5 else "negative"


def status_of(lang: LanguageGuess, n_tokens: int) -> str:
    if n_tokens == 0:
        return "empty"
    # No letter at all ("" = undetermined) is no evidence of another language.
    return "not_vietnamese" if lang.lang not in (VIETNAMESE, "") else "ok"
