"""The page's calls: read a review once (`read_review`), then select, match and intervene
on it (`explore`); no words and no HTML here (ui/inside/ draws and words all of it)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from core.inside.match import Match, search
from core.inside.run import Intervention, Run, run
from core.inside.select import Selection, select_units
from core.inside.states import ValidationStates
from core.sentiment.analysis import Analysis

STATES = ("h", "c")


@dataclass(frozen=True)
class ReviewRun:
    """One review read by the shipped LSTM: onnxruntime's analysis and the float64 run."""

    analysis: Analysis
    tokens: list[str]  # the tokens the model reads, (T,)
    run: Run
    max_abs_diff: float  # max |P(positive) after token t, NumPy - onnxruntime|


def read_review(model, text: str) -> ReviewRun | None:
    """The review through the model (an LSTM); None when it reads no token."""
    a = model.analyze(text)
    if not a.ids:
        return None
    r = run(model.weights(), a.ids)
    diff = float(np.max(np.abs(r.p - np.asarray(a.p_prefix))))
    return ReviewRun(a, list(a.tokens[: len(a.ids)]), r, diff)


@dataclass(frozen=True)
class Explored:
    """The units a span turns on and the validation spans where they turn on together."""

    which: str  # "h" or "c"
    selection: Selection
    matches: list[Match]
    search_ms: float  # wall time of select and search, as measured when they ran


def explore(
    model,
    review: ReviewRun,
    states: ValidationStates,
    span: tuple[int, int],
    which: str,
    threshold: float,
) -> Explored:
    """The units the span [start, stop) turns on in state `which` (h or c) and their matches."""
    t0 = time.perf_counter()
    state = review.run.h if which == "h" else review.run.c
    sel = select_units(state, span[0], span[1], threshold)
    matches = search(states, which, sel.units, threshold, span[1] - span[0], model.vocab.itos)
    return Explored(which, sel, matches, (time.perf_counter() - t0) * 1e3)


def intervene(model, review: ReviewRun, iv: Intervention) -> Run:
    """The review's run with iv applied (the run without it is review.run)."""
    return run(model.weights(), review.analysis.ids, iv)


def first_cue(tokens: list[str], cues) -> int | None:
    """Position of the first token that is one of cues (e.g. a negation or contrast word)."""
    return next((k for k, tok in enumerate(tokens) if tok in cues), None)
