"""The training race: an RNN and an LSTM of the same size learn the same batches, step by step.

`race = Race(RaceConfig(...))`; every `race.step()` draws one batch, takes one Adam step
for each model (gradients from the NumPy BPTT, clipped to a total norm) and returns both
models' records, so a page can draw the curves as they come and stop whenever it likes.
Everything is seeded from `config.seed`: the same config gives the same run, number for
number. The held-out accuracy is measured on a fixed batch every `eval_every` steps.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from core.errors import CoreError
from core.gradients.run import clip_grads
from core.limits import message, out_of_range
from core.race.adam import Adam
from core.race.models import KINDS, init_params, loss_and_grads, predict
from core.race.task import input_size, make_batch

LIMITS = {  # field: (lowest, highest) a visitor may set
    "T": (5, 100),  # below 5 the task needs no memory; above 100 a run takes minutes
    "hidden_size": (1, 64),
    "learning_rate": (1e-4, 0.5),
    "steps": (1, 5000),
    "batch_size": (1, 256),
    "symbols": (2, 8),
    "distractors": (1, 8),
    "forget_bias": (-10.0, 10.0),
    "max_grad_norm": (1e-6, 1e6),
    "eval_every": (1, 5000),
    "eval_size": (1, 4096),
    "seed": (0, 2**31 - 1),  # what a browser's number box holds exactly (as the explorer's)
}


@dataclass(frozen=True)
class RaceConfig:
    """One race; hashable so a page can cache a finished run by its config."""

    T: int = 50  # the answer is the input T - 1 steps before the last
    hidden_size: int = 32
    learning_rate: float = 5e-3  # 1e-2 made the LSTM's solved run wobble back to 50%
    steps: int = 250  # the LSTM passes 95% by step 20-200 over seeds 0-4; 15 s is the budget
    batch_size: int = 32
    symbols: int = 4  # K classes: chance accuracy is 1 / K
    distractors: int = 4
    activation: str = "tanh"  # the RNN's
    forget_bias: float = (
        3.0  # the LSTM's b_f at the start: sigma(3) = 0.95 keeps the cell path open
    )
    max_grad_norm: float = 1.0  # clip_grad_norm_ on each model's gradients
    eval_every: int = 10
    eval_size: int = 256
    seed: int = 0


@dataclass(frozen=True)
class Record:
    """One model after one step."""

    model: str  # "RNN" or "LSTM"
    step: int  # 1-based
    loss: float  # mean cross-entropy on this step's batch, before the update
    accuracy: float  # on this step's batch, before the update
    grad_norm: float  # total norm before clipping (inf if it overflowed)
    reach_log10: float  # log10 ||dL/dh_1|| / ||dL/dh_T||: slide 28's shrinking, measured
    eval_accuracy: float | None = None  # on the fixed held-out batch, after the update


@dataclass(frozen=True)
class RaceStep:
    """Both models' records for one step."""

    step: int
    records: dict[str, Record]  # keyed by KINDS


@dataclass(frozen=True)
class Evaluation:
    """Both models' accuracy on the fixed held-out batch after one step."""

    step: int
    accuracy: dict[str, float]  # keyed by KINDS


def last_evaluation(history: Sequence[RaceStep]) -> Evaluation | None:
    """The latest held-out measurement in history (None before the first one).

    A run is measured every eval_every steps and at its last, so a replay stopped part-way
    reports the measurement it has reached, never one it has not shown yet.
    """
    for s in reversed(history):
        first = s.records[KINDS[0]]
        if first.eval_accuracy is not None:
            return Evaluation(s.step, {k: r.eval_accuracy for k, r in s.records.items()})
    return None


def record(config: RaceConfig) -> Iterator[RaceStep]:
    """Every step of the race of config, as a worker process runs it (core/jobs.py)."""
    yield from Race(config).run()


def validate(c: RaceConfig) -> None:
    """Raise CoreError("race_out_of_range", field, low, high, value) for the first bad field."""
    if bad := out_of_range(c, LIMITS):
        raise CoreError("race_out_of_range", message(bad), **bad)
    if c.activation not in ("tanh", "relu"):
        raise CoreError("race_activation", f"activation must be tanh or relu, got {c.activation!r}")


LEARNED = 0.9  # held-out accuracy from which a model has learned the task
NEAR_CHANCE = 0.1  # within this of 1 / K a model is guessing


def standing(accuracy: float, chance: float) -> str:
    """ "learned", "chance" (guessing) or "partial": where a held-out accuracy stands."""
    if accuracy >= LEARNED:
        return "learned"
    return "chance" if accuracy <= chance + NEAR_CHANCE else "partial"


PRESETS = {  # the default run shows slide 28's consequence; short T is one click away
    "long": RaceConfig(),
    "short": RaceConfig(T=5, steps=100),
}


class Race:
    """Two models, one optimiser each, one stream of batches; `step()` advances both."""

    def __init__(self, config: RaceConfig = RaceConfig()):
        validate(config)
        self.config = c = config
        root = np.random.SeedSequence(c.seed)
        data_seq, eval_seq, *model_seqs = root.spawn(2 + len(KINDS))
        self._data = np.random.default_rng(data_seq)
        I = input_size(c.symbols, c.distractors)
        self.params = {
            kind: init_params(
                kind, I, c.hidden_size, c.symbols, np.random.default_rng(s), c.forget_bias
            )
            for kind, s in zip(KINDS, model_seqs, strict=True)
        }
        self._adam = {k: Adam(self.params[k], lr=c.learning_rate) for k in KINDS}
        self._eval = make_batch(
            np.random.default_rng(eval_seq), c.eval_size, c.T, c.symbols, c.distractors
        )
        self.step_count = 0
        self.history: list[RaceStep] = []

    @property
    def chance(self) -> float:
        """Accuracy of guessing: 1 / K."""
        return 1.0 / self.config.symbols

    @property
    def done(self) -> bool:
        return self.step_count >= self.config.steps

    def step(self) -> RaceStep:
        """One batch, one clipped Adam step for each model; the records of both."""
        c = self.config
        X, y = make_batch(self._data, c.batch_size, c.T, c.symbols, c.distractors)
        self.step_count += 1
        evaluate = self.step_count % c.eval_every == 0 or self.step_count == c.steps
        records = {}
        for kind in KINDS:
            r = loss_and_grads(kind, self.params[kind], X, y, c.activation)
            names = list(r.grads)
            clipped, total, _ = clip_grads([r.grads[n] for n in names], c.max_grad_norm)
            if math.isfinite(total):  # an overflowed gradient would ruin the weights: skip
                self._adam[kind].step(dict(zip(names, clipped, strict=True)))
            records[kind] = Record(
                model=kind,
                step=self.step_count,
                loss=r.loss,
                accuracy=r.accuracy,
                grad_norm=total,
                reach_log10=r.reach_log10,
                eval_accuracy=self.accuracy(kind) if evaluate else None,
            )
        out = RaceStep(self.step_count, records)
        self.history.append(out)
        return out

    def accuracy(self, kind: str) -> float:
        """Accuracy of one model on the fixed held-out batch, now."""
        X, y = self._eval
        logits = predict(kind, self.params[kind], X, self.config.activation)
        return float(np.mean(logits.argmax(axis=1) == y))

    def run(self) -> Iterator[RaceStep]:
        """Step until the budget is spent; stop iterating to stop the race."""
        while not self.done:
            yield self.step()
