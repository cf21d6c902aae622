"""One training run of the "Train it yourself" page: every choice that decides its result.

Frozen and hashable: the run of a config (seed included) is the same run, number for number,
so the page's job pool computes it once per process and every student replays it.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import CoreError
from core.limits import message, out_of_range

KINDS = ("bag", "rnn", "lstm")  # slide 8's bag of words; slide 25's RNN and its LSTM twin

LIMITS = {  # field: (lowest, highest) a visitor may set
    "embed_dim": (2, 64),
    "hidden_size": (2, 64),
    "learning_rate": (1e-4, 0.1),
    "epochs": (1, 10),
    "reviews": (50, 12000),  # the shipped subset holds 12,000 training reviews
    "max_len": (5, 200),  # the subset keeps each review's first 200 tokens
    "batch_size": (1, 256),
    "max_grad_norm": (1e-3, 1e3),
    "seed": (0, 2**31 - 1),  # what a browser's number box holds exactly
}


@dataclass(frozen=True)
class TrainConfig:
    """A model, its sizes, the optimiser's settings and the data it reads."""

    kind: str = "lstm"  # "bag", "rnn" or "lstm" (KINDS)
    embed_dim: int = 32  # E: the width of each token's vector
    hidden_size: int = 32  # H: the RNN's or LSTM's state (the bag has none and ignores it)
    learning_rate: float = 1e-2  # Adam's step size
    epochs: int = 3  # passes over the chosen training reviews
    reviews: int = 12000  # training reviews read: the first N of the shipped subset (balanced)
    max_len: int = 64  # tokens read per review (its first ones); the median review has ~70
    batch_size: int = 64  # reviews per Adam step, grouped by length (little padding)
    max_grad_norm: float = 5.0  # clip_grad_norm_ on all gradients together before each step
    seed: int = 0  # the weights' draw and the batches' order


def validate(c: TrainConfig) -> None:
    """Raise CoreError("train_out_of_range", field, low, high, value) for the first bad field,
    CoreError("train_kind", kind) for an unknown model."""
    if c.kind not in KINDS:
        raise CoreError("train_kind", f"kind must be one of {KINDS}, got {c.kind!r}", kind=c.kind)
    if bad := out_of_range(c, LIMITS):
        raise CoreError("train_out_of_range", message(bad), **bad)
