"""What the sentiment model answers: a Result per review in bulk, an Analysis for one review."""

from __future__ import annotations

from dataclasses import dataclass

from core.sentiment.language import LanguageGuess
from core.sentiment.text import CleanStep

VIETNAMESE = "vi"


@dataclass(frozen=True)
class Analysis:
    text: str
    language: LanguageGuess
    steps: list[CleanStep]  # the 5 cleaning steps
    tokens: list[str]  # every token of the cleaned text
    ids: list[int]  # vocab ids of the tokens the model reads (<= max_len)
    unknown: list[bool]  # per read token: mapped to <unk>
    max_len: int  # tokens past this are not read
    truncated: bool
    label: str | None  # "positive" | "negative"; None when there are no tokens
    p_positive: float | None
    p_prefix: list[float]  # P(positive) after reading tokens 1..t, per read token
    influence: list[float]  # p_positive minus P(positive) with token t left out
    status: str  # "ok" | "empty" | "not_vietnamese"
    # The lstm model's logit (None for the other models or when nothing was classified).
    lstm_logit: float | None = None
    model: str = "lstm"  # which model answered: "bag" | "rnn" | "lstm"


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
