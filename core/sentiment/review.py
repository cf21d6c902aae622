"""One review through every stage of slides 21-27, as numbers: the sentiment page's one call.

`review_trace(model, text)` analyses the review with the chosen model (bag, rnn or lstm)
and opens it up: the LSTM's gates and the RNN's hidden states traced with the NumPy cell
and checked against onnxruntime, or each token's exact share of the bag's logit. What
each cleaning step changed is given as character spans, so the presentation layer can
mark them without re-deriving anything.
No HTML and no words here: ui/sentiment/ draws and words all of it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

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
SHORT_CHARS = 200  # a long text is shown this short first, the rest one click away
FOCUS_UNITS = 8  # units shown first in the gate maps
FOCUS_WORDS = 3  # the words with the largest leave-one-out influence they are picked at
HEAT_WORDS, HEAT_CAP = 6, 60  # a heat line over HEAT_CAP tokens shows HEAT_WORDS' surroundings


def looks_unaccented(text: str) -> bool:
    """Latin letters but no Vietnamese diacritics: langid's blind spot (it guesses 'en')."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


def cut_point(text: str, limit: int = SHORT_CHARS) -> int:
    """Where to shorten text to at most limit characters: len(text) if it fits, else the
    last whitespace before limit (so no word is split), or limit if that leaves < 80%."""
    if len(text) <= limit:
        return len(text)
    k = max(text.rfind(ch, 0, limit + 1) for ch in " \n\t")
    return k if k >= 0.8 * limit else limit


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


def change_spans(before: str, key: str, removed: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of what a cleaning step changes in `before`, left to right."""
    if key == "whitespace":
        # runs that are not one plain space between words
        rx = r"^\s+|\s+$|\s{2,}|[^\S ]"
        return [m.span() for m in re.finditer(rx, before)]
    if key == "lowercase":
        return [(k, k + 1) for k, ch in enumerate(before) if ch != ch.lower()]
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

    number: int  # 1..5, slide 23's numbering
    key: str  # "urls_html" | "punct_digits" | "emoji" | "whitespace" | "lowercase"
    before: str  # the text entering this step
    removed: tuple[str, ...]  # the pieces it took out, in order
    spans: list[tuple[int, int]]  # where in `before` it changed something
    n_removed: int  # pieces removed (whitespace: runs fixed; lowercase: letters lowered)


def step_traces(text: str, steps: list) -> list[StepTrace]:
    """Each CleanStep with its input text and the spans it changes."""
    out, before = [], text
    for k, s in enumerate(steps, start=1):
        spans = change_spans(before, s.key, s.removed)
        n = len(s.removed) if s.removed else len(spans)
        out.append(StepTrace(k, s.key, before, s.removed, spans, n))
        before = s.text
    return out


def gate_matrices(trace: list) -> dict[str, np.ndarray]:
    """Gate activations and cell state (H, T) of an LSTM trace, rows sorted by final c; of
    an RNN trace (no gates, no cell state), its hidden states h, rows sorted by final h."""
    if not trace:
        return {}
    if not hasattr(trace[0], "c"):  # an RNN step: h is all it carries
        mats = {"h": np.stack([s.h for s in trace], axis=1)}  # (H, T)
        order = np.argsort(mats["h"][:, -1], kind="stable")
        mats = {k: v[order] for k, v in mats.items()}
        mats["unit"] = order
        return mats
    mats = {g: np.stack([s.gates[g].act for s in trace], axis=1) for g in ("i", "f", "g", "o")}
    mats["c"] = np.stack([s.c for s in trace], axis=1)  # (H, T)
    # Units sorted by their final cell state, so units that end alike sit together;
    # "unit" keeps the model's own numbering.
    order = np.argsort(mats["c"][:, -1], kind="stable")
    mats = {k: v[order] for k, v in mats.items()}
    mats["unit"] = order  # (H,)
    return mats


@dataclass(frozen=True)
class UnitFocus:
    """The hidden units whose state (the LSTM's c, the RNN's h) moves most at the words
    that decide the verdict."""

    rows: np.ndarray  # (k,) row indices into the gate matrices, largest score first
    units: np.ndarray  # (k,) the model's own unit numbers of those rows
    scores: np.ndarray  # (k,) sum over the words of |c_t - c_(t-1)|, c_0 = 0
    words: list[int]  # token positions (0-based) of the decisive words, in reading order


def decisive_units(
    c: np.ndarray,
    unit: np.ndarray,
    influence: list[float],
    k: int = FOCUS_UNITS,
    words: int = FOCUS_WORDS,
) -> UnitFocus:
    """The k rows of c (H, T) whose cell state changes most, |c_t - c_(t-1)| summed over the
    `words` tokens with the largest |leave-one-out influence|; ties keep row order."""
    inf = np.abs(np.asarray(influence, dtype=float))  # (T,)
    at = sorted(int(t) for t in np.argsort(-inf, kind="stable")[:words])
    prev = np.concatenate([np.zeros((c.shape[0], 1), c.dtype), c[:, :-1]], axis=1)  # c_(t-1)
    score = np.abs(c - prev)[:, at].sum(axis=1).astype(float)  # (H,)
    rows = np.argsort(-score, kind="stable")[:k]
    return UnitFocus(rows=rows, units=np.asarray(unit)[rows], scores=score[rows], words=at)


def top_influences(
    tokens: list[str], influence: list[float], k: int = 5
) -> tuple[list[tuple[str, int, float]], list[tuple[str, int, float]]]:
    """The k (token, position from 1, ΔP) pushing hardest towards positive, and negative."""
    rows = [(tok, t, v) for t, (tok, v) in enumerate(zip(tokens, influence, strict=True), 1)]
    pos = sorted((r for r in rows if r[2] > 0), key=lambda r: -r[2])[:k]
    neg = sorted((r for r in rows if r[2] < 0), key=lambda r: r[2])[:k]
    return pos, neg


def bag_shares(scores: np.ndarray, ids: list[int], temperature: float = 1.0) -> list[float]:
    """Each read token's exact share of the bag's calibrated logit: the head's logit is the
    mean of the tokens' terms E_w·w_head plus the bias, and the graph divides it by the
    length temperature T(T) before the sigmoid, so token k adds term_k / (T · T(T))."""
    s = np.asarray(scores, dtype=np.float64)[np.asarray(ids)]
    return (s / (len(ids) * temperature)).tolist()


@dataclass(frozen=True)
class ReviewTrace:
    """Everything the one-review section draws, from one model.analyze and the model's
    inside view (gate_trace for the rnn and lstm, the token terms for the bag)."""

    text: str  # the text analysed (cut to MAX_REVIEW_CHARS)
    cut_chars: int  # characters cut off the visitor's text (0 if none)
    analysis: object  # core.sentiment.Analysis
    read_tokens: list[str]  # the tokens the model reads, (T,)
    steps: list[StepTrace]
    # lstm: "i", "f", "g", "o", "c" -> (H, T); rnn: "h" -> (H, T); "unit" -> (H,) row ids;
    # bag: {} (it keeps no state)
    gates: dict[str, np.ndarray]
    # lstm, rnn: max |h_cells - h_onnxruntime| over the review; bag: |σ(shares + bias) -
    # P(positive)|; 0.0 if no tokens
    max_abs_diff: float
    focus: UnitFocus | None  # the units the heat maps show first (None: no tokens, or the bag)
    compute_ms: float  # wall time of this whole function, as measured when it ran
    model: str = "lstm"  # which model: "bag" | "rnn" | "lstm"
    shares: list[float] = field(default_factory=list)  # bag: each token's share of the logit
    bias: float = 0.0  # bag: the calibrated logit's constant term (b / T(T))
    temperature: float = 1.0  # bag: T(T), the length temperature the head's logit is divided by


def review_trace(model, text: str) -> ReviewTrace:
    """Analyse one review with one model for every section of the page (its one call)."""
    t0 = time.perf_counter()
    cut = max(0, len(text) - MAX_REVIEW_CHARS)
    text = text[:MAX_REVIEW_CHARS]
    a = model.analyze(text)
    name = getattr(model, "name", "lstm")
    diff, gates, focus, shares, bias, temp = 0.0, {}, None, [], 0.0, 1.0
    if name == "bag":
        if a.ids:
            w = model.weights()
            temp = float(w.temperature(len(a.ids)))  # the graph's divisor at this length
            shares, bias = bag_shares(w.scores, a.ids, temp), float(w.b_head) / temp
            diff = abs(float(1 / (1 + np.exp(-(sum(shares) + bias)))) - a.p_positive)
    elif a.ids:  # the heat maps are only honest if the NumPy cell is the shipped model
        trace = model.gate_trace(a.ids)
        gates = gate_matrices(trace)
        h_cells = np.stack([s.h for s in trace])  # (T, H)
        diff = float(np.max(np.abs(h_cells - np.asarray(model.hidden_states(a.ids)))))
        state = gates["c"] if "c" in gates else gates["h"]
        focus = decisive_units(state, gates["unit"], a.influence)
    return ReviewTrace(
        text=text,
        cut_chars=cut,
        analysis=a,
        read_tokens=list(a.tokens[: len(a.ids)]),
        steps=step_traces(text, a.steps),
        gates=gates,
        max_abs_diff=diff,
        focus=focus,
        compute_ms=(time.perf_counter() - t0) * 1e3,
        model=name,
        shares=shares,
        bias=bias,
        temperature=temp,
    )
