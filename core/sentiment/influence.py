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
from core.sentiment.vocab import UNK
from core.sentiment.weights import BagWeights, LSTMWeights, RNNWeights, SentimentWeights


def leave_one_out(w: SentimentWeights, ids: list[int]) -> np.ndarray:
    """P(positive) of the review with token k left out, for every k; (T,), T >= 1."""
    if not ids:
        raise ValueError("leave-one-out needs at least one token.")
    if len(ids) == 1:
        # Its only token left out, a review reads nothing, and the model's answer to nothing
        # is its answer to <unk> alone: the variant of [<unk>, token] that skips the token.
        return _BY_KIND[w.kind](w, [UNK, ids[0]])[1:]
    return _BY_KIND[w.kind](w, ids)


def _bag(w: BagWeights, ids: list[int]) -> np.ndarray:
    s = w.scores[np.asarray(ids)].astype(np.float64)  # (T,) each token's term of the mean
    return w.probability((s.sum() - s) / (len(ids) - 1) + w.b_head, len(ids) - 1)


# Small matrices: a second BLAS thread only adds contention on a busy server.
@threadpool_limits.wrap(limits=1, user_api="blas")
def _rnn(w: RNNWeights, ids: list[int]) -> np.ndarray:
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


@threadpool_limits.wrap(limits=1, user_api="blas")
def _lstm(w: LSTMWeights, ids: list[int]) -> np.ndarray:
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


_BY_KIND = {"bag": _bag, "rnn": _rnn, "lstm": _lstm}
