"""One review through the shipped LSTM in float64, optionally with an intervention.

The readout mirrors core/training/model.py's LSTMClassifier, as core.sentiment.influence
does: after token t the head reads [h_t, mean of h_1..h_t, attention average of h_1..h_t]
and its logit is divided by the length temperature T(t). Without an intervention the
probabilities are the ONNX graph's p_prefix (tests hold them to onnxruntime).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from core.errors import CoreError
from core.nn.cells import lstm_update
from core.sentiment.weights import LSTMWeights

# What an intervention may change: a unit of h or c clamped to a value, or a gate forced.
TARGETS = ("h", "c", "f", "i")


@dataclass(frozen=True)
class Intervention:
    """From token `start` on (0-based), units' target set to value at every step."""

    start: int
    units: tuple[int, ...]  # the model's own unit numbers
    target: str  # one of TARGETS: "h"/"c" clamp the state, "f"/"i" force the gate
    value: float  # the clamp's value; a forced gate's value lies in [0, 1]

    def check(self, hidden_size: int, length: int) -> None:
        """Raise a CoreError naming what does not fit this model and review."""
        if self.target not in TARGETS:
            raise CoreError("inside_target", f"target {self.target!r}", target=self.target)
        if not 0 <= self.start < max(length, 1):
            raise CoreError("inside_start", f"start {self.start}", start=self.start, n=length)
        bad = [u for u in self.units if not 0 <= u < hidden_size]
        if bad:
            raise CoreError("inside_unit", f"units {bad}", unit=bad[0], n=hidden_size)
        if self.target in "fi" and not 0.0 <= self.value <= 1.0:
            raise CoreError("inside_gate", f"gate value {self.value}", value=self.value)


@dataclass(frozen=True)
class Run:
    """Every step of one review, float64."""

    h: np.ndarray  # (T, H)
    c: np.ndarray  # (T, H)
    f: np.ndarray  # (T, H) forget gate as used (forced where intervened)
    i: np.ndarray  # (T, H) input gate as used
    p: np.ndarray  # (T,) P(positive) after tokens 1..t


# Small matrices: a second BLAS thread only adds contention on a busy server.
@threadpool_limits.wrap(limits=1, user_api="blas")
def run(w: LSTMWeights, ids: list[int], iv: Intervention | None = None) -> Run:
    """The review's ids (T >= 1) through the LSTM, with iv applied from its start on."""
    p = w.lstm
    T, H = len(ids), p.hidden_size
    if iv is not None:
        iv.check(H, T)
    X = w.E[np.asarray(ids)].astype(np.float64)  # (T, D)
    Z = X @ p.W_ih.T + (p.b_ih + p.b_hh)  # (T, 4H) input projections, once
    out = {k: np.empty((T, H)) for k in "hcfi"}
    units = np.asarray(iv.units if iv else (), dtype=np.int64)
    h, c = np.zeros(H), np.zeros(H)
    for t in range(T):
        z = Z[t] + p.W_hh @ h
        i, f, g, o, c_new, h_new = lstm_update(z, c)
        if iv is not None and t >= iv.start and units.size:
            if iv.target in "fi":
                # A forced gate changes c itself, and h through it: recompute both.
                (f if iv.target == "f" else i)[units] = iv.value
                c_new = f * c + i * g
                h_new = o * np.tanh(c_new)
            elif iv.target == "c":
                c_new[units] = iv.value
                h_new = o * np.tanh(c_new)
            else:
                h_new[units] = iv.value
        h, c = h_new, c_new
        out["h"][t], out["c"][t], out["f"][t], out["i"][t] = h, c, f, i
    return Run(**out, p=readout(w, out["h"]))


def readout(w: LSTMWeights, hs: np.ndarray) -> np.ndarray:
    """P(positive) after each token from the hidden states hs (T, H): the graph's p_prefix."""
    T, H = hs.shape
    steps = np.arange(1, T + 1, dtype=np.float64)[:, None]  # (T, 1)
    mean = np.cumsum(hs, axis=0) / steps  # (T, H)
    score = hs @ w.w_att.astype(np.float64) + w.b_att  # (T,)
    a = np.exp(np.clip(score, -30.0, 30.0))[:, None]  # (T, 1)
    att = np.cumsum(a * hs, axis=0) / np.cumsum(a, axis=0)  # (T, H)
    feats = np.concatenate([hs, mean, att], axis=1)  # (T, 3H)
    logit = feats @ w.w_head.astype(np.float64) + w.b_head  # (T,)
    return w.probability(logit, steps[:, 0])
