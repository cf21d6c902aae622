"""One review through every stage of slides 21-27, as numbers: the sentiment page's one call.

`review_trace(model, text)` analyses the review with the chosen model (bag, rnn or lstm)
in one onnxruntime call and opens it up (core.sentiment.inside: the LSTM's gates, the
RNN's hidden states, or each token's share of the bag's logit). Everything the page
draws is here before it draws: what each cleaning step changed, as character spans; the
stretches of a long heat line to show first; the tokens that push hardest either way;
the chosen model's verdict for the side-by-side table (`side_by_side`), so the page
never classifies the chosen model a second time.
No HTML and no words here: ui/sentiment/ draws and words all of it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.sentiment.analysis import Analysis
from core.sentiment.files import MODEL_NAMES, ModelUnavailable
from core.sentiment.inside import Inside, inside_of
from core.sentiment.text import teencode_matches, tokenize
from core.sentiment.zoo import Verdict, unavailable

# Slide 21's four reviews (two positive, two negative) as the dataset spells them,
# then the two kinds of text a visitor actually types. Quoted text: never translated.
EXAMPLES: dict[str, str] = {
    "pos1": "Mình được 1 cô bạn giới_thiệu đến đây , tìm địa_chỉ khá dễ . Menu nước uống chất "
    "khỏi nói . Mình muốn cũng đc 8 loại nước ở đây , món nào cũng ngon và bổ_dưỡng cả .",
    "pos2": "Mỗi lần thèm trà sữa là làm 1 ly . Quán dễ kiếm , không_gian lại rộng_rãi . "
    "Nhân_viên thì dễ_thương gần_gũi . Nói_chung thèm trà sữa là mình ghé Quán ở đây "
    "vì gần nhà .",
    "neg1": "Quán chế_biến đồ_ăn lâu , Cá_Sapa nướng uớp rất dở , sò Lông ko tươi , nước_chấm "
    "ko ngon\nTóm_lại sẽ ko bao_giờ ghé nữa , ăn_dở mà uổng tiền",
    "neg2": "Quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử , nhưng thực_sự ăn "
    "xong thấy không được như mong_đợi lắm .",
    "no_diacritics": "Quan nay do an ngon, nhan vien than thien, gia ca hop ly. "
    "Minh se quay lai lan sau!",
    "english": "The food was cold and the staff ignored us for twenty minutes. "
    "Never coming back! https://example.com",
}

MAX_REVIEW_CHARS = 20_000  # one review: longer text is cut here (the model reads far less)
HEAT_WORDS, HEAT_CAP = 6, 60  # a heat line over HEAT_CAP tokens shows HEAT_WORDS' surroundings
TOP_WORDS = 5  # tokens listed as pushing hardest, each way


def looks_unaccented(text: str) -> bool:
    """Latin letters but no Vietnamese diacritics: langid's blind spot (it guesses 'en')."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


def heat_windows(
    influence: list[float], k: int = HEAT_WORDS, radius: int = 4, cap: int = HEAT_CAP
) -> list[tuple[int, int]]:
    """Token ranges [start, end) to show of a long review: `radius` tokens either side of
    the k with the largest |influence|, merged, in order; one range of all if n <= cap."""
    n = len(influence)
    if n <= cap:
        return [(0, n)] if n else []
    top = np.argsort(-np.abs(np.asarray(influence)), kind="stable")[:k]
    out: list[tuple[int, int]] = []
    for t in sorted(int(t) for t in top):
        a, b = max(0, t - radius), min(n, t + radius + 1)
        if out and a <= out[-1][1]:  # touching or overlapping: one range
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def change_spans(
    before: str, key: str, removed: tuple[str, ...], after: str = ""
) -> list[tuple[int, int]]:
    """(start, end) of what a cleaning step changes in `before` (giving `after`), in order."""
    if key == "accents":  # the syllables whose diacritics came back, token by token
        words = list(re.finditer(r"[^\s_]+", before))
        back = tokenize(after)
        if len(back) != len(words):
            return []
        return [m.span() for m, b in zip(words, back, strict=True) if b != m.group(0)]
    if key == "whitespace":
        # runs that are not one plain space between words
        rx = r"^\s+|\s+$|\s{2,}|[^\S ]"
        return [m.span() for m in re.finditer(rx, before)]
    if key == "lowercase":
        return [(k, k + 1) for k, ch in enumerate(before) if ch != ch.lower()]
    if key == "teencode":  # what it replaced, not verbatim in `removed` ("ko → không")
        return [m.span() for m in teencode_matches(before)]
    spans, pos = [], 0
    for piece in removed:
        k = before.find(piece, pos) if piece else -1
        if k < 0:  # core removed something not verbatim in the text: show it, skip marking
            continue
        spans.append((k, k + len(piece)))
        pos = k + len(piece)
    return spans


@dataclass(frozen=True)
class StepTrace:
    """One cleaning step: the text it received and where it changed it."""

    number: int  # 1.., the order of core.sentiment.text.CLEANING_STEPS
    key: str  # one of CLEANING_STEPS' keys
    before: str  # the text entering this step
    removed: tuple[str, ...]  # the pieces it took out, in order
    spans: list[tuple[int, int]]  # where in `before` it changed something
    n_removed: int  # pieces removed or replaced (whitespace: runs fixed; lowercase: letters)


def step_traces(text: str, steps: list) -> list[StepTrace]:
    """Each CleanStep with its input text and the spans it changes."""
    out, before = [], text
    for k, s in enumerate(steps, start=1):
        spans = change_spans(before, s.key, s.removed, s.text)
        n = len(s.removed) if s.removed else len(spans)
        out.append(StepTrace(k, s.key, before, s.removed, spans, n))
        before = s.text
    return out


def top_influences(
    tokens: list[str], influence: list[float], k: int = 5
) -> tuple[list[tuple[str, int, float]], list[tuple[str, int, float]]]:
    """The k (token, position from 1, ΔP) pushing hardest towards positive, and negative."""
    rows = [(tok, t, v) for t, (tok, v) in enumerate(zip(tokens, influence, strict=True), 1)]
    pos = sorted((r for r in rows if r[2] > 0), key=lambda r: -r[2])[:k]
    neg = sorted((r for r in rows if r[2] < 0), key=lambda r: r[2])[:k]
    return pos, neg


@dataclass(frozen=True)
class ReviewTrace:
    """Everything the one-review section draws, from one model.analyze and the model's
    inside view."""

    model: str  # which model: "bag" | "rnn" | "lstm"
    text: str  # the text analysed (cut to MAX_REVIEW_CHARS)
    cut_chars: int  # characters cut off the visitor's text (0 if none)
    analysis: Analysis
    read_tokens: list[str]  # the tokens the model reads, (T,)
    steps: list[StepTrace]
    unaccented: bool  # Latin letters without diacritics: why langid may say "not Vietnamese"
    inside: Inside | None  # the model's inside view; None when it read nothing
    heat: list[tuple[int, int]]  # the token ranges a long heat line shows first
    top_positive: list[tuple[str, int, float]]  # (token, position from 1, ΔP), largest first
    top_negative: list[tuple[str, int, float]]  # (token, position from 1, ΔP), most negative first
    verdict: Verdict  # the chosen model's line of the side-by-side table
    compute_ms: float  # wall time of this whole function, as measured when it ran


def clip(text: str) -> tuple[str, int]:
    """The text a review is analysed as (at most MAX_REVIEW_CHARS), and how much was cut."""
    return text[:MAX_REVIEW_CHARS], max(0, len(text) - MAX_REVIEW_CHARS)


def review_trace(model, text: str) -> ReviewTrace:
    """Analyse one review with one model for every section of the page (its one call)."""
    t0 = time.perf_counter()
    text, cut = clip(text)
    a = model.analyze(text)
    read_tokens = list(a.tokens[: len(a.ids)])
    inside = inside_of(model.weights(), a) if a.ids else None
    top_positive, top_negative = top_influences(read_tokens, a.influence, TOP_WORDS)
    verdict = Verdict(model=a.model, label=a.label, p_positive=a.p_positive, ms=a.verdict_ms)
    return ReviewTrace(
        model=a.model,
        text=text,
        cut_chars=cut,
        analysis=a,
        read_tokens=read_tokens,
        steps=step_traces(text, a.steps),
        unaccented=looks_unaccented(text),
        inside=inside,
        heat=heat_windows(a.influence),
        top_positive=top_positive,
        top_negative=top_negative,
        verdict=verdict,
        compute_ms=(time.perf_counter() - t0) * 1e3,
    )


def side_by_side(
    text: str,
    trace: ReviewTrace | None,
    errors: dict[str, ModelUnavailable],
    verdict_of: Callable[[str, str], Verdict],
) -> list[Verdict]:
    """The review through every model, in MODEL_NAMES order: the chosen model's verdict
    from its trace (never classified twice), a model whose files failed by its error, and
    each other model by verdict_of(name, text) on the text the trace read."""
    text = clip(text)[0]
    out = []
    for name in MODEL_NAMES:
        if trace is not None and name == trace.model:
            out.append(trace.verdict)
        elif name in errors:
            out.append(unavailable(name, errors[name]))
        else:
            out.append(verdict_of(name, text))
    return out
