"""Scores of P(positive) or logits against labels, in NumPy: what training and the model card share.

No torch here, so `core.training.report` (the card's figures, measured through the ONNX
path the site uses) imports without it.
"""

from __future__ import annotations

import numpy as np

SURE = 0.05  # P(positive) below SURE or above 1 - SURE is a sure verdict
CLIP = 1e-7  # P is kept this far from 0 and 1 in the log loss, so a sure mistake costs ~16, not inf


def accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Share of reviews whose logit has the label's sign (logit 0 counts as positive)."""
    return float(((np.asarray(logits) >= 0) == (np.asarray(labels) == 1)).mean())


def log_loss(p_positive: np.ndarray, labels: np.ndarray) -> float:
    """Mean binary cross-entropy of P(positive) against labels (1 = positive), P clipped by CLIP."""
    if len(p_positive) == 0:
        return float("nan")  # no reviews, no loss: said plainly, not by NumPy's warning
    p = np.clip(np.asarray(p_positive, dtype=np.float64), CLIP, 1 - CLIP)
    y = np.asarray(labels, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logit_log_loss(logits: np.ndarray, sign: np.ndarray) -> float:
    """Mean binary cross-entropy of sigmoid(logits), sign +1 for positive and -1 for negative.

    Written as log(1 + exp(-sign * z)) so a logit of 800 costs 0 or 800, never inf or nan."""
    return float(np.mean(np.logaddexp(0.0, -np.asarray(sign) * np.asarray(logits))))


def sure_share(p_positive: np.ndarray, sure: float = SURE) -> float:
    """Share of P(positive) below `sure` or above 1 - `sure`."""
    p = np.asarray(p_positive)
    return float(np.mean((p < sure) | (p > 1 - sure)))


def metrics(p_positive: np.ndarray, labels: np.ndarray) -> dict:
    """Accuracy, F1 of the positive class, log loss, confusion matrix [[TN, FP], [FN, TP]]."""
    p, labels = np.asarray(p_positive), np.asarray(labels)
    pred = (p >= 0.5).astype(int)
    tp = int(((pred == 1) & (labels == 1)).sum())
    tn = int(((pred == 0) & (labels == 0)).sum())
    fp = int(((pred == 1) & (labels == 0)).sum())
    fn = int(((pred == 0) & (labels == 1)).sum())
    return {
        "n": int(len(labels)),
        "accuracy": (tp + tn) / max(len(labels), 1),
        "f1": 2 * tp / max(2 * tp + fp + fn, 1),
        "log_loss": log_loss(p, labels),
        "confusion_matrix": [[tn, fp], [fn, tp]],
        "confusion_matrix_labels": "rows true, columns predicted: [negative, positive]",
    }


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """Per bin of P(positive): how many reviews, their mean P, and the share truly positive.

    Bins are [k/bins, (k+1)/bins), the last one closed: P = 1.0 falls in the top bin."""
    p, y = np.asarray(p, dtype=np.float64), np.asarray(y)
    k = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = k == b
        rows.append({
            "lo": b / bins, "hi": (b + 1) / bins, "n": int(m.sum()),
            "mean_p": float(p[m].mean()) if m.any() else None,
            "positive_share": float(y[m].mean()) if m.any() else None,
        })  # fmt: skip
    return rows
