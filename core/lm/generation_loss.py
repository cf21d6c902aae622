"""The loss for text generation (slides 18-19): an FC layer on every hidden state, a
cross-entropy per step against a one-hot target Y_t, and their sum.

The hidden states are slides 11-14's RNN (h1 = [2, 3], h2 = [4, 6], h3 = [5, 8]);
the FC layer's weights are ours (the slides draw the layer without numbers), small so
that every softmax stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.calculator.presets import slide_rnn
from core.errors import CoreError
from core.nn.cells import rnn_forward

# FC layer: K = 3 words from H = 2 hidden units, z_t = W_fc h_t + b_fc.
W_FC = np.array([[0.5, -0.5], [-0.25, 0.5], [0.25, 0.0]])  # (K, H)
B_FC = np.array([0.0, 0.0, 0.5])  # (K,)
TARGETS = (1, 2, 0)  # Y1..Y3 as word ids: the word each step should predict


@dataclass(frozen=True)
class StepLoss:
    t: int  # 1-based step, as on the slides
    h: np.ndarray  # (H,) the RNN's hidden state h_t
    z: np.ndarray  # (K,) logits W_fc h_t + b_fc
    p: np.ndarray  # (K,) softmax(z)
    y: int  # the target word's id
    onehot: np.ndarray  # (K,) Y_t
    ce: float  # -sum(Y_t * ln p) = -ln p[y]


@dataclass(frozen=True)
class GenerationLoss:
    W_fc: np.ndarray  # (K, H)
    b_fc: np.ndarray  # (K,)
    steps: tuple[StepLoss, ...]
    total: float  # the sum of the per-step cross-entropies

    @property
    def mean(self) -> float:
        """PyTorch's default reduction: the sum over the steps' count."""
        return self.total / len(self.steps)


def slide_hidden_states() -> np.ndarray:
    """h1, h2, h3 of slides 11-14's ReLU RNN: (3, 2)."""
    ex = slide_rnn()
    return np.stack([s.h for s in rnn_forward(ex.params, ex.X, ex.h0)])


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def generation_loss(hs, W_fc=W_FC, b_fc=B_FC, targets=TARGETS) -> GenerationLoss:
    """Per step t: z_t = W_fc h_t + b_fc, p_t = softmax(z_t), CE_t = -ln p_t[Y_t]; L = sum."""
    hs = np.asarray(hs, dtype=np.float64)  # (T, H)
    W_fc = np.asarray(W_fc, dtype=np.float64)  # (K, H)
    b_fc = np.asarray(b_fc, dtype=np.float64)  # (K,)
    K = W_fc.shape[0]
    if len(targets) != len(hs):
        raise CoreError("lm_targets", "one target per hidden state", steps=len(hs))
    if any(not 0 <= y < K for y in targets):
        raise CoreError("lm_targets", "targets are word ids 0..K-1", steps=len(hs))
    steps = []
    for t, (h, y) in enumerate(zip(hs, targets, strict=True), start=1):
        z = W_fc @ h + b_fc
        p = softmax(z)
        onehot = np.eye(K)[y]
        steps.append(StepLoss(t, h, z, p, int(y), onehot, float(-np.log(p[y]))))
    return GenerationLoss(W_fc, b_fc, tuple(steps), float(sum(s.ce for s in steps)))
