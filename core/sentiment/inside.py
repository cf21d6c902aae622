"""Inside the chosen model, for one review: one small record per kind of model.

- LSTMInside: the gates i, f, g, o and the cell state c at every token, run by
  core.nn.cells.lstm_update on the shipped weights in float64;
- RNNInside: the hidden state h at every token, run by core.nn.cells.rnn_update;
- BagInside: each token's exact share of the bag's calibrated logit (it keeps no state).

Each is checked against the onnxruntime run that gave the verdict (`max_abs_diff`): the
heat maps are only honest if the NumPy cell is the shipped model. `inside_of(w, a)` picks
the one to build from the weights' kind: the one place the three kinds part ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from threadpoolctl import threadpool_limits

from core.nn.cells import lstm_update, rnn_update, sigmoid
from core.sentiment.analysis import Analysis
from core.sentiment.weights import BagWeights, LSTMWeights, RNNWeights, SentimentWeights

FOCUS_UNITS = 8  # units shown first in the heat maps
FOCUS_WORDS = 3  # the words with the largest leave-one-out influence they are picked at


@dataclass(frozen=True)
class UnitFocus:
    """The hidden units whose state (the LSTM's c, the RNN's h) moves most at the words
    that decide the verdict."""

    rows: np.ndarray  # (k,) row indices into the heat maps, largest score first
    units: np.ndarray  # (k,) the model's own unit numbers of those rows
    scores: np.ndarray  # (k,) sum over the words of |s_t - s_(t-1)|, s_0 = 0
    words: list[int]  # token positions (0-based) of the decisive words, in reading order


def decisive_units(
    state: np.ndarray,
    unit: np.ndarray,
    influence: list[float],
    k: int = FOCUS_UNITS,
    words: int = FOCUS_WORDS,
) -> UnitFocus:
    """The k rows of state (H, T) that change most, |s_t - s_(t-1)| summed over the
    `words` tokens with the largest |leave-one-out influence|; ties keep row order."""
    inf = np.abs(np.asarray(influence, dtype=float))  # (T,)
    at = sorted(int(t) for t in np.argsort(-inf, kind="stable")[:words])
    zero = np.zeros((state.shape[0], 1), state.dtype)
    prev = np.concatenate([zero, state[:, :-1]], axis=1)  # s_(t-1)
    score = np.abs(state - prev)[:, at].sum(axis=1).astype(float)  # (H,)
    rows = np.argsort(-score, kind="stable")[:k]
    return UnitFocus(rows=rows, units=np.asarray(unit)[rows], scores=score[rows], words=at)


@dataclass(frozen=True)
class LSTMInside:
    """The LSTM's gates and cell state at every token, units sorted by their final c (so
    units that end alike sit together); `unit` keeps the model's own numbering."""

    kind: ClassVar[str] = "lstm"
    gates: dict[str, np.ndarray]  # "i", "f", "g", "o" -> (H, T) activations
    c: np.ndarray  # (H, T) cell state
    unit: np.ndarray  # (H,) row r is the model's unit unit[r]
    focus: UnitFocus  # the units the heat maps show first
    max_abs_diff: float  # max |h_cells - h_onnxruntime| over the review

    @property
    def maps(self) -> dict[str, np.ndarray]:
        """The heat maps in drawing order: i, f, g, o, then c."""
        return {**self.gates, "c": self.c}


@dataclass(frozen=True)
class RNNInside:
    """The RNN's hidden state at every token (it has no gates and no cell state), units
    sorted by their final h."""

    kind: ClassVar[str] = "rnn"
    h: np.ndarray  # (H, T)
    unit: np.ndarray  # (H,) row r is the model's unit unit[r]
    focus: UnitFocus
    max_abs_diff: float  # max |h_cells - h_onnxruntime| over the review

    @property
    def maps(self) -> dict[str, np.ndarray]:
        return {"h": self.h}


@dataclass(frozen=True)
class BagInside:
    """The bag's logit token by token: the head's logit is the mean of the tokens' terms
    E_w·w_head plus the bias, divided by the length temperature T(T) before the sigmoid,
    so token k adds term_k / (T · T(T))."""

    kind: ClassVar[str] = "bag"
    shares: list[float]  # (T,) each read token's share of the calibrated logit
    bias: float  # the calibrated logit's constant term, b / T(T)
    temperature: float  # T(T), the length temperature at this review's length
    total: float  # the shares summed
    logit: float  # total + bias: σ(logit) is P(positive)
    max_abs_diff: float  # |σ(logit) - P(positive) from onnxruntime|


Inside = LSTMInside | RNNInside | BagInside


def _sorted_by_last(maps: dict[str, np.ndarray], by: str):
    """maps' rows reordered by the final value of maps[by] (stable), and that order."""
    order = np.argsort(maps[by][:, -1], kind="stable")
    return {k: v[order] for k, v in maps.items()}, order


# Small matrices: a second BLAS thread only adds contention on a busy server.
@threadpool_limits.wrap(limits=1, user_api="blas")
def lstm_inside(w: LSTMWeights, a: Analysis) -> LSTMInside:
    """The LSTM of the file re-run on the review by core.nn.cells, float64."""
    p = w.lstm
    X = w.E[np.asarray(a.ids)].astype(np.float64)  # (T, D)
    Z = X @ p.W_ih.T + (p.b_ih + p.b_hh)  # (T, 4H) input projections, once
    T, H = len(a.ids), p.hidden_size
    steps = {k: np.empty((T, H)) for k in ("i", "f", "g", "o", "c", "h")}
    h, c = np.zeros(H), np.zeros(H)
    for t in range(T):
        i, f, g, o, c, h = lstm_update(Z[t] + p.W_hh @ h, c)
        for k, v in zip("ifgoch", (i, f, g, o, c, h), strict=True):
            steps[k][t] = v
    diff = float(np.max(np.abs(steps["h"] - a.hidden)))
    maps, unit = _sorted_by_last({k: steps[k].T for k in "ifgoc"}, "c")  # (H, T) each
    c = maps.pop("c")
    focus = decisive_units(c, unit, a.influence)
    return LSTMInside(gates=maps, c=c, unit=unit, focus=focus, max_abs_diff=diff)


@threadpool_limits.wrap(limits=1, user_api="blas")
def rnn_inside(w: RNNWeights, a: Analysis) -> RNNInside:
    """The RNN of the file re-run on the review by core.nn.cells, float64."""
    p = w.rnn
    X = w.E[np.asarray(a.ids)].astype(np.float64)  # (T, D)
    Z = X @ p.W_xh.T + (p.b_xh + p.b_hh)  # (T, H)
    hs = np.empty_like(Z)
    h = np.zeros(p.hidden_size)
    for t in range(len(a.ids)):
        h = hs[t] = rnn_update(Z[t] + p.W_hh @ h, p.nonlinearity)
    diff = float(np.max(np.abs(hs - a.hidden)))
    maps, unit = _sorted_by_last({"h": hs.T}, "h")
    focus = decisive_units(maps["h"], unit, a.influence)
    return RNNInside(h=maps["h"], unit=unit, focus=focus, max_abs_diff=diff)


def bag_inside(w: BagWeights, a: Analysis) -> BagInside:
    """Each read token's exact share of the bag's calibrated logit."""
    temperature = float(w.temperature(len(a.ids)))  # the graph's divisor at this length
    terms = w.scores[np.asarray(a.ids)].astype(np.float64)  # (T,)
    shares = terms / (len(a.ids) * temperature)
    bias = float(w.b_head) / temperature
    total = float(shares.sum())
    logit = total + bias
    diff = abs(float(sigmoid(np.float64(logit))) - a.p_positive)
    return BagInside(
        shares=shares.tolist(),
        bias=bias,
        temperature=temperature,
        total=total,
        logit=logit,
        max_abs_diff=diff,
    )


_BY_KIND = {"lstm": lstm_inside, "rnn": rnn_inside, "bag": bag_inside}


def inside_of(w: SentimentWeights, a: Analysis) -> Inside | None:
    """The chosen model's inside view of an analysed review; None when it read nothing."""
    return _BY_KIND[w.kind](w, a) if a.ids else None
