"""The race's task: repeat the first symbol of a sequence, T steps later.

Step 1 shows one of K symbols (one-hot on the first K inputs); steps 2..T show random
distractors (one-hot on the next D inputs). The answer, read from h_T, is the first
symbol: it depends only on an input T - 1 steps back, so the gradient that teaches it
must travel the whole sequence. Chance accuracy is 1 / K.
"""

from __future__ import annotations

import numpy as np


def input_size(symbols: int, distractors: int) -> int:
    """Width of one input step: K symbol channels then D distractor channels."""
    return symbols + distractors


def make_batch(
    rng: np.random.Generator, batch: int, T: int, symbols: int, distractors: int
) -> tuple[np.ndarray, np.ndarray]:
    """(X (B, T, K + D) one-hot steps, y (B,) the first symbol) drawn from rng."""
    y = rng.integers(symbols, size=batch)  # (B,)
    X = np.zeros((batch, T, symbols + distractors))
    rows = np.arange(batch)
    X[rows, 0, y] = 1.0
    if T > 1:
        d = rng.integers(distractors, size=(batch, T - 1))  # (B, T-1)
        X[rows[:, None], np.arange(1, T)[None, :], symbols + d] = 1.0
    return X, y
