"""Exact leave-one-out influence of every token, sharing the work the variants have in common.

Leaving token k out of a review changes nothing before k: the variant's LSTM state and
its pooling sums up to token k-1 are the review's own. So the T variants run as one
batch that grows by a row per step: at step s the variants k < s and the review itself
read token s together, and token s's input projection W_ih·x_s is computed once for all
of them. That is T²/2 recurrent rows instead of the T² a batch of T full variants costs,
and no repeated input projections; the numbers are the ONNX graph's (a test compares).

The readout mirrors core/model.py's SentimentLSTM: at the last step, the classifier
reads [h_T, mean of h_1..h_T, attention average of h_1..h_T], and the phrase bag adds
the mean vote of the variant's own n-grams (leaving token k out also makes the phrases
that bridge k-1 and k+1, which phrase_votes builds afresh for every variant).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from core.nn.cells import LSTMParams


@dataclass(frozen=True)
class LSTMReadout:
    """The sentiment model's weights in float32, as the leave-one-out loop uses them."""

    E: np.ndarray  # (V, D) embedding table
    W_ih_T: np.ndarray  # (D, 4H) gate blocks in PyTorch's (i, f, g, o) order
    W_hh_T: np.ndarray  # (H, 4H)
    b: np.ndarray  # (4H,) b_ih + b_hh
    w_att: np.ndarray  # (H,) attention score weights
    b_att: float
    w_head: np.ndarray  # (3H,) classifier over [h_T, mean h, attention-average h]
    b_head: float
    ngram: np.ndarray  # (buckets,) the phrase bag's votes; empty when the model has none
    ngram_order: int  # phrases of 1..ngram_order tokens; 0 = no bag

    @classmethod
    def from_onnx(
        cls, path: Path, E: np.ndarray, lstm: LSTMParams, ngram_order: int = 0
    ) -> LSTMReadout:
        """Read the attention and classifier weights from the exported graph."""
        import onnx
        from onnx import numpy_helper

        graph = onnx.load(str(path)).graph
        init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
        H = lstm.hidden_size
        # The two MatMuls with a weight: (H, 1) scores attention, (3H, 1) is the classifier.
        mats = {
            init[n.input[1]].shape[0]: init[n.input[1]][:, 0]
            for n in graph.node
            if n.op_type == "MatMul" and n.input[1] in init
        }
        f32 = np.float32
        return cls(
            E=np.ascontiguousarray(E, dtype=f32),
            W_ih_T=np.ascontiguousarray(lstm.W_ih.T, dtype=f32),
            W_hh_T=np.ascontiguousarray(lstm.W_hh.T, dtype=f32),
            b=(lstm.b_ih + lstm.b_hh).astype(f32),
            w_att=mats[H].astype(f32),
            b_att=float(init["model.w_att.bias"][0]),
            w_head=mats[3 * H].astype(f32),
            b_head=float(init["model.head.bias"][0]),
            ngram=init["model.ngram.weight"][:, 0].astype(f32) if ngram_order else np.zeros(0, f32),
            ngram_order=ngram_order,
        )


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic via tanh: no overflow for any float32 z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_logit(w: LSTMReadout, h: np.ndarray) -> float:
    """The classifier's logit after the last row of h (T, H): the LSTM's share of a verdict."""
    a = np.exp(np.clip(h @ w.w_att + w.b_att, -30.0, 30.0))[:, None]  # (T, 1)
    feats = np.concatenate([h[-1], h.mean(axis=0), (a * h).sum(axis=0) / a.sum()])  # (3H,)
    return float(feats @ w.w_head + w.b_head)


def phrase_keys(seqs: np.ndarray, V: int, order: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """For n = 1..order: the key of the n-gram ending at each token (N, L-n+1) and
    whether it votes (no <pad> or <unk> in it); the graph's hashing, in NumPy."""
    seqs = np.asarray(seqs, dtype=np.int64)
    known = seqs > 1
    key, ok, out = seqs, known, []
    for n in range(1, order + 1):
        if n > 1:  # the (n-1)-gram ending one token earlier, extended by this token
            key, ok = key[:, :-1] * V + seqs[:, n - 1 :], ok[:, :-1] & known[:, n - 1 :]
        out.append((key, ok))
    return out


def phrase_votes(w: LSTMReadout, seqs: np.ndarray) -> np.ndarray:
    """The phrase bag's mean vote over each whole row of ids (N, L): (N,), as in the graph."""
    seqs = np.asarray(seqs, dtype=np.int64)
    total = np.zeros(len(seqs), np.float32)
    count = np.zeros(len(seqs), np.float32)
    for key, ok in phrase_keys(seqs, w.E.shape[0], w.ngram_order):
        total += np.where(ok, w.ngram[key % len(w.ngram)], 0.0).sum(axis=1, dtype=np.float32)
        count += ok.sum(axis=1)
    return total / np.maximum(count, 1.0)


def phrase_shares(w: LSTMReadout, ids: list[int]) -> list[tuple[int, int, float]]:
    """Each voting phrase of a review as (start, length, share), shares summing to the
    bag's vote: the vote is a mean, so a phrase's share is its weight / the phrase count."""
    found = []
    for n, (key, ok) in enumerate(phrase_keys(np.asarray([ids]), w.E.shape[0], w.ngram_order), 1):
        found += [
            (int(t), n, float(w.ngram[key[0, t] % len(w.ngram)])) for t in np.flatnonzero(ok[0])
        ]
    return [(start, n, weight / len(found)) for start, n, weight in found]


def leave_one_out(w: LSTMReadout, ids: list[int]) -> np.ndarray:
    """P(positive) of the review with token k left out, for every k; (T,), T >= 2."""
    T, H = len(ids), w.W_hh_T.shape[0]
    if T < 2:
        raise ValueError("leave-one-out needs at least two tokens.")
    xp = w.E[np.asarray(ids)] @ w.W_ih_T + w.b  # (T, 4H) input projections, once
    # Row k < s holds variant k (token k skipped); row s holds the review itself.
    h = np.zeros((T + 1, H), np.float32)
    c = np.zeros_like(h)
    S_h = np.zeros_like(h)  # running sum of h: the mean pooling's numerator
    S_ah = np.zeros_like(h)  # running sum of a·h: the attention average's numerator
    S_a = np.zeros((T + 1, 1), np.float32)  # running sum of a
    state = (h, c, S_h, S_ah, S_a)
    # Small matrices: a second BLAS thread only adds contention on a busy server.
    with threadpool_limits(limits=1, user_api="blas"):
        for s in range(T):
            review = [a[s].copy() for a in state]  # before token s = variant s's final state
            for a, v in zip(state, review, strict=True):
                a[s + 1] = v  # the review moves up a row and reads on
            n = s + 2  # rows 0..s-1: variants; row s: scratch; row s+1: the review
            z = h[:n] @ w.W_hh_T + xp[s]  # (n, 4H)
            i, f = _sigmoid(z[:, :H]), _sigmoid(z[:, H : 2 * H])
            g, o = np.tanh(z[:, 2 * H : 3 * H]), _sigmoid(z[:, 3 * H :])
            c[:n] = f * c[:n] + i * g
            h[:n] = o * np.tanh(c[:n])
            a_t = np.exp(np.clip(h[:n] @ w.w_att + w.b_att, -30.0, 30.0))[:, None]  # (n, 1)
            S_h[:n] += h[:n]
            S_ah[:n] += a_t * h[:n]
            S_a[:n] += a_t
            for a, v in zip(state, review, strict=True):
                a[s] = v  # variant s skips token s: it keeps the state from before it
    feats = np.concatenate([h[:T], S_h[:T] / (T - 1), S_ah[:T] / S_a[:T]], axis=1)  # (T, 3H)
    logit = feats @ w.w_head + w.b_head  # (T,)
    if w.ngram_order:
        keep = np.arange(T - 1)[None, :]
        variants = np.asarray(ids)[keep + (keep >= np.arange(T)[:, None])]  # (T, T-1)
        logit = logit + phrase_votes(w, variants)
    return _sigmoid(logit)
