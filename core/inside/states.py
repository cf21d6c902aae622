"""The states of a bounded subset of validation reviews, computed once per process.

The reviews are the shipped subset's validation split (models/train_subset/, drawn from
NTC-SCV's data_train/test; the official test split is never read): the first `per_class`
of each label, each cut to its first `max_tokens` tokens. The LSTM runs them in float32
batches of similar length; h and c are kept in float16 (three significant digits: plenty
to compare a unit with a threshold) in one flat array per state, review after review.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from core.classifier.data import Split, load_subset
from core.inside.run import readout
from core.nn.cells import lstm_update
from core.sentiment.weights import LSTMWeights

PER_CLASS = 300  # validation reviews of each label
MAX_TOKENS = 150  # tokens read of each
BATCH = 64  # reviews per batched step


@dataclass(frozen=True)
class ValidationStates:
    """h and c at every token of the subset's reviews, flat: review r is rows
    offsets[r]:offsets[r + 1]."""

    h: np.ndarray  # (N, H) float16
    c: np.ndarray  # (N, H) float16
    ids: np.ndarray  # (N,) int32 token ids
    offsets: np.ndarray  # (R + 1,) int64
    labels: np.ndarray  # (R,) int8, 1 = positive
    p: np.ndarray  # (R,) float32 the model's P(positive) on the tokens kept
    build_s: float  # wall time of the build, as measured when it ran

    def __len__(self) -> int:
        return len(self.labels)

    def state(self, which: str) -> np.ndarray:
        """The flat (N, H) array of "h" or "c"."""
        return self.h if which == "h" else self.c

    def review_of(self, row: int) -> int:
        """The review a flat row belongs to."""
        return int(np.searchsorted(self.offsets, row, side="right") - 1)

    def window(
        self, itos, review: int, start: int, stop: int, pad: int
    ) -> tuple[int, tuple[str, ...]]:
        """Tokens start-pad..stop+pad of a review (cut to the review) as text, and where they
        begin."""
        a, b = int(self.offsets[review]), int(self.offsets[review + 1])
        lo, hi = max(0, start - pad), min(b - a, stop + pad)
        return lo, tuple(itos[int(i)] for i in self.ids[a + lo : a + hi])

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)  # (R,)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.h, self.c, self.ids, self.offsets, self.labels, self.p))


def subset(split: Split, per_class: int) -> tuple[list[np.ndarray], np.ndarray]:
    """The first per_class reviews of each label, in the split's order."""
    keep = np.concatenate([np.flatnonzero(split.labels == lab)[:per_class] for lab in (0.0, 1.0)])
    keep.sort()
    return [split.seqs[k] for k in keep], split.labels[keep].astype(np.int8)


# Small matrices: a second BLAS thread only adds contention on a busy server.
@threadpool_limits.wrap(limits=1, user_api="blas")
def run_batch(w: LSTMWeights, seqs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """h, c (B, T, H) float32 of right-padded reviews and their final P(positive) (B,)."""
    B, H = len(seqs), w.hidden_size
    lengths = np.array([len(s) for s in seqs])
    T = int(lengths.max())
    ids = np.zeros((B, T), np.int64)
    for b, s in enumerate(seqs):
        ids[b, : len(s)] = s
    hs, cs = np.empty((B, T, H), np.float32), np.empty((B, T, H), np.float32)
    h, c = np.zeros((B, H), np.float32), np.zeros((B, H), np.float32)
    for t in range(T):
        # The input projection step by step: all at once would hold (B, T, 4H) float32.
        z = w.E[ids[:, t]] @ w.W_ih_T + w.b + h @ w.W_hh_T  # (B, 4H)
        *_, c, h = lstm_update(z, c)
        hs[:, t], cs[:, t] = h, c
    p = np.array([readout(w, hs[b, :n])[-1] for b, n in enumerate(lengths)], np.float32)
    return hs, cs, p


def build_states(
    w: LSTMWeights,
    split: Split | None = None,
    per_class: int = PER_CLASS,
    max_tokens: int = MAX_TOKENS,
) -> ValidationStates:
    """The states of the first per_class validation reviews of each label (default split:
    the shipped subset's), each cut to max_tokens."""
    t0 = time.perf_counter()
    split = load_subset()[1] if split is None else split
    seqs, labels = subset(split, per_class)
    seqs = [np.asarray(s[:max_tokens]) for s in seqs]
    lengths = np.array([len(s) for s in seqs], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    N, H = int(offsets[-1]), w.hidden_size
    h, c = np.empty((N, H), np.float16), np.empty((N, H), np.float16)
    p = np.empty(len(seqs), np.float32)
    order = np.argsort(lengths, kind="stable")  # batches of similar length: little padding
    for k in range(0, len(order), BATCH):
        idx = order[k : k + BATCH]
        hs, cs, p[idx] = run_batch(w, [seqs[r] for r in idx])
        for b, r in enumerate(idx):
            n = lengths[r]
            h[offsets[r] : offsets[r] + n] = hs[b, :n]
            c[offsets[r] : offsets[r] + n] = cs[b, :n]
    ids = np.concatenate(seqs).astype(np.int32) if seqs else np.zeros(0, np.int32)
    for a in (h, c, ids, offsets, labels, p):
        a.setflags(write=False)  # shared by every session of the process
    return ValidationStates(h, c, ids, offsets, labels, p, time.perf_counter() - t0)
