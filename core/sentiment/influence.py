"""Exact leave-one-out influence of every token, for each of the three models.

- bag: the verdict is the classifier on the mean of the tokens' vectors, which is the
  mean of each token's own term E_w·w_head; leaving token k out is (S - s_k) / (T - 1):
  closed form, all T variants in one vector operation.
- rnn, lstm: leaving token k out changes nothing before k: the variant's state (and the
  LSTM's pooling sums) up to token k-1 are the review's own. So the T variants run as one
  batch that grows by a row per step: at step s the variants k < s and the review itself
  read token s together, and token s's input projection W_ih·x_s is computed once for
  all of them. That is T²/2 recurrent rows instead of the T² a batch of T full variants
  costs; each step is core.nn.cells.lstm_update / rnn_update on float32 rows, and the
  numbers are the ONNX graph's (tests compare).

The readouts mirror core/training/model.py: the bag's head on the mean, the RNN's head
on h_T, the LSTM's head on [h_T, mean of h_1..h_T, attention average of h_1..h_T]; each
logit is then divided by the length temperature T(t) of the graph (a variant without
token k has T - 1 tokens).
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from core.nn.cells import lstm_update, rnn_update
from core.sentiment.weights import SentimentWeights


def lstm_logit(w: SentimentWeights, h: np.ndarray) -> float:
    """The LSTM classifier's calibrated logit after the last row of h (T, H): its sigmoid is
    the graph's P(positive)."""
    a = np.exp(np.clip(h @ w.w_att + w.b_att, -30.0, 30.0))[:, None]  # (T, 1)
    feats = np.concatenate([h[-1], h.mean(axis=0), (a * h).sum(axis=0) / a.sum()])  # (3H,)
    return float((feats @ w.w_head + w.b_head) / w.temperature(len(h)))


def leave_one_out(w: SentimentWeights, ids: list[int]) -> np.ndarray:
    """P(positive) of the review with token k left out, for every k; (T,), T >= 2."""
    if len(ids) < 2:
        raise ValueError("leave-one-out needs at least two tokens.")
    if w.kind == "bag":
        return _bag(w, ids)
    # Small matrices: a second BLAS thread only adds contention on a busy server.
    with threadpool_limits(limits=1, user_api="blas"):
        return _lstm(w, ids) if w.kind == "lstm" else _rnn(w, ids)


def _bag(w: SentimentWeights, ids: list[int]) -> np.ndarray:
    s = w.scores[np.asarray(ids)].astype(np.float64)  # (T,) each token's term of the mean
    return w.probability((s.sum() - s) / (len(ids) - 1) + w.b_head, len(ids) - 1)


def _rnn(w: SentimentWeights, ids: list[int]) -> np.ndarray:
    T, H = len(ids), w.hidden_size
    xp = w.E[np.asarray(ids)] @ w.W_ih_T + w.b  # (T, H) input projections, once
    h = np.zeros((T + 1, H), np.float32)  # row k < s: variant k; row s: the review
    for s in range(T):
        review = h[s].copy()  # before token s = variant s's final state
        h[s + 1] = review  # the review moves up a row and reads on
        n = s + 2
        h[:n] = rnn_update(h[:n] @ w.W_hh_T + xp[s], w.rnn.nonlinearity)
        h[s] = review  # variant s skips token s
    return w.probability(h[:T] @ w.w_head + w.b_head, T - 1)


def _lstm(w: SentimentWeights, ids: list[int]) -> np.ndarray:
    T, H = len(ids), w.hidden_size
    xp = w.E[np.asarray(ids)] @ w.W_ih_T + w.b  # (T, 4H) input projections, once
    # Row k < s holds variant k (token k skipped); row s holds the review itself.
    h = np.zeros((T + 1, H), np.float32)
    c = np.zeros_like(h)
    S_h = np.zeros_like(h)  # running sum of h: the mean pooling's numerator
    S_ah = np.zeros_like(h)  # running sum of a·h: the attention average's numerator
    S_a = np.zeros((T + 1, 1), np.float32)  # running sum of a
    state = (h, c, S_h, S_ah, S_a)
    for s in range(T):
        review = [a[s].copy() for a in state]  # before token s = variant s's final state
        for a, v in zip(state, review, strict=True):
            a[s + 1] = v  # the review moves up a row and reads on
        n = s + 2  # rows 0..s-1: variants; row s: scratch; row s+1: the review
        z = h[:n] @ w.W_hh_T + xp[s]  # (n, 4H)
        *_, c[:n], h[:n] = lstm_update(z, c[:n])
        a_t = np.exp(np.clip(h[:n] @ w.w_att + w.b_att, -30.0, 30.0))[:, None]  # (n, 1)
        S_h[:n] += h[:n]
        S_ah[:n] += a_t * h[:n]
        S_a[:n] += a_t
        for a, v in zip(state, review, strict=True):
            a[s] = v  # variant s skips token s: it keeps the state from before it
    feats = np.concatenate([h[:T], S_h[:T] / (T - 1), S_ah[:T] / S_a[:T]], axis=1)  # (T, 3H)
    return w.probability(feats @ w.w_head + w.b_head, T - 1)
