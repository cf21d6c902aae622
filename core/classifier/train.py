"""A training run, record by record: what the page draws while it trains, then the model.

`run(config)` is a generator (a worker process of core/jobs.py runs it): it yields a Point
before the first step (the untrained model on the validation reviews), one every chunk of
batches (the training loss since the last one), one at the end of each epoch (with the
validation loss and accuracy), and finally the trained Classifier. Gradients come from
core.classifier.models, are clipped to a total norm (clip_grad_norm_) and applied by Adam
(torch.optim.Adam's arithmetic, core.race.adam). Everything is seeded from config.seed:
the same config gives the same run, number for number.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from core.classifier import data
from core.classifier.config import TrainConfig, validate
from core.classifier.models import init_params, logits, loss_and_grads
from core.gradients.run import clip_grads
from core.nn.cells import sigmoid
from core.race.adam import Adam

POINTS_PER_EPOCH = 8  # training-loss points drawn per epoch (the replay's granularity)
EVAL_BATCH = 256  # validation reviews per forward pass


@dataclass(frozen=True)
class Point:
    """Where the run stands after `step` Adam steps."""

    step: int
    epoch: float  # epochs done, fractional between two epoch ends (1.5: half of the second)
    train_loss: float | None  # mean batch loss since the previous point (None before training)
    val_loss: float | None = None  # on the validation reviews, at epoch ends (and at step 0)
    val_accuracy: float | None = None
    seconds: float = 0.0  # wall time of the run so far


@dataclass(frozen=True)
class Classifier:
    """A trained model: its kind, the weights, its token table and how much it reads."""

    kind: str
    params: dict[str, np.ndarray]
    max_len: int
    lookup: np.ndarray  # shipped vocabulary id -> row of params["E"] (1, <unk>, if none)

    def logit(self, ids: np.ndarray) -> float:
        """The logit of one review given as ids of the shipped vocabulary."""
        ids = self.lookup[np.asarray(ids, dtype=np.int64)[: self.max_len]]
        return float(logits(self.kind, self.params, ids[None, :], np.array([len(ids)]))[0])

    def p_positive(self, text: str) -> float | None:
        """P(positive) of a typed review; None when it keeps no token after cleaning."""
        ids = data.encode(text, self.max_len)
        return float(sigmoid(np.array(self.logit(ids)))) if len(ids) else None


def token_table(train: data.Split, max_len: int, vocab_size: int) -> np.ndarray:
    """Shipped id -> embedding row: a row for each token the chosen training reviews read
    (as a vocabulary built from the training data), <pad> 0 and <unk> 1; any other token
    reads as <unk>. A row no training review reads would never move from its random start
    (its gradient and Adam's moments stay 0): reading <unk> instead is what a vocabulary
    built from the training data does, and Adam updates a table half the size."""
    used = np.unique(np.concatenate([s[:max_len] for s in train.seqs] + [np.array([0, 1])]))
    lookup = np.ones(vocab_size, dtype=np.int64)
    lookup[used] = np.arange(len(used))
    return lookup


def steps_per_epoch(c: TrainConfig) -> int:
    return math.ceil(c.reviews / c.batch_size)


def evaluate(kind: str, p, split: data.Split, max_len: int) -> tuple[float, float]:
    """(mean binary cross-entropy, accuracy) on a split, in length-sorted batches."""
    ids_all = [s[:max_len] for s in split.seqs]
    order = np.argsort([len(s) for s in ids_all], kind="stable")
    out = np.empty(len(ids_all))
    for k in range(0, len(order), EVAL_BATCH):
        rows = order[k : k + EVAL_BATCH]
        ids, lengths = data.pad([ids_all[r] for r in rows], max_len)
        out[rows] = logits(kind, p, ids, lengths)
    y = split.labels
    per = (1 - y) * out + np.log1p(np.exp(-np.abs(out))) + np.maximum(-out, 0.0)
    return float(per.mean()), float(np.mean((out > 0) == (y > 0.5)))


def run(c: TrainConfig, subset: tuple[data.Split, data.Split] | None = None) -> Iterator:
    """Every Point of the run of c, then its Classifier (the pool's records, in order)."""
    validate(c)
    t0 = time.perf_counter()
    train, valid = subset if subset is not None else data.load_subset()
    train = train.head(c.reviews)
    lookup = token_table(train, c.max_len, len(data.vocab()))
    train, valid = (data.Split(tuple(lookup[s] for s in d.seqs), d.labels) for d in (train, valid))
    data_seq, model_seq = np.random.SeedSequence(c.seed).spawn(2)
    order_rng = np.random.default_rng(data_seq)
    rows = int(lookup.max()) + 1
    p = init_params(c.kind, rows, c.embed_dim, c.hidden_size, np.random.default_rng(model_seq))
    adam = Adam(p, lr=c.learning_rate)
    names = list(p)
    lengths = np.array([min(len(s), c.max_len) for s in train.seqs])
    val_loss, val_acc = evaluate(c.kind, p, valid, c.max_len)
    yield Point(0, 0.0, None, val_loss, val_acc, time.perf_counter() - t0)
    per_epoch, step = steps_per_epoch(c), 0
    every = max(1, math.ceil(per_epoch / POINTS_PER_EPOCH))
    for epoch in range(c.epochs):
        losses = []
        for k, rows in enumerate(data.batches(lengths, c.batch_size, order_rng), start=1):
            ids, lens = data.pad([train.seqs[r] for r in rows], c.max_len)
            r = loss_and_grads(c.kind, p, ids, lens, train.labels[rows])
            clipped, total, _ = clip_grads([r.grads[n] for n in names], c.max_grad_norm)
            if math.isfinite(total):  # an overflowed gradient would ruin the weights: skip it
                adam.step(dict(zip(names, clipped, strict=True)))
            losses.append(r.loss)
            step += 1
            if k == per_epoch:
                val_loss, val_acc = evaluate(c.kind, p, valid, c.max_len)
                seconds = time.perf_counter() - t0
                yield Point(step, epoch + 1.0, float(np.mean(losses)), val_loss, val_acc, seconds)
            elif k % every == 0:
                seconds = time.perf_counter() - t0
                yield Point(step, epoch + k / per_epoch, float(np.mean(losses)), seconds=seconds)
                losses = []
            if k == per_epoch:
                losses = []
    yield Classifier(c.kind, p, c.max_len, lookup)


def record(c: TrainConfig) -> Iterator:
    """The run of c as a worker process of core/jobs.py runs it."""
    yield from run(c)
