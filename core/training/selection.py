"""Measuring on validation, and choosing the shipped weights by it (epochs, bag, temperature)."""

from __future__ import annotations

import numpy as np
import torch

from core.training.data import pad
from core.training.model import SentimentLSTM


@torch.no_grad()
def predict_parts(model: SentimentLSTM, seqs: list[list[int]], batch_size: int = 256):
    """The LSTM's logit and the bag's vote after each whole review: (N,), (N,)."""
    model.eval()
    lengths = np.array([min(len(s), model.cfg.max_len) for s in seqs])
    lstm, vote = np.zeros(len(seqs)), np.zeros(len(seqs))
    for i in range(0, len(seqs), batch_size):
        idx = np.argsort(lengths, kind="stable")[i : i + batch_size]
        ids, lens = pad([seqs[j] for j in idx], model.cfg.max_len)
        lstm_logits, votes, _ = model.parts(ids)
        at_end = (torch.arange(len(idx)), lens - 1)
        lstm[idx], vote[idx] = lstm_logits[at_end].numpy(), votes[at_end].numpy()
    return lstm, vote


def accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Share of reviews whose logit has the label's sign (torch side: epochs and weights)."""
    return float(((logits >= 0) == (labels == 1)).mean())


def metrics(p_positive: np.ndarray, labels: np.ndarray) -> dict:
    """Accuracy, F1 of the positive class, confusion matrix [[TN, FP], [FN, TP]]."""
    pred = (p_positive >= 0.5).astype(int)
    tp = int(((pred == 1) & (labels == 1)).sum())
    tn = int(((pred == 0) & (labels == 0)).sum())
    fp = int(((pred == 1) & (labels == 0)).sum())
    fn = int(((pred == 0) & (labels == 1)).sum())
    f1 = 2 * tp / max(2 * tp + fp + fn, 1)
    return {
        "n": int(len(labels)),
        "accuracy": (tp + tn) / max(len(labels), 1),
        "f1": f1,
        "confusion_matrix": [[tn, fp], [fn, tp]],
        "confusion_matrix_labels": "rows true, columns predicted: [negative, positive]",
    }


# ------------------------------------------------------------- choosing weights

BAG_WEIGHTS = tuple(k / 4 for k in range(17))  # the bag's weight in the sum: 0, 0.25 .. 4


def choose_weights(model, snapshots, best_epoch, va_ids, y_va, average: int, log) -> dict:
    """Load the best epoch's weights, or the average of it and up to `average - 1` epochs
    before it when that scores higher on validation (averaging nearby epochs of one run
    smooths the noise of the last steps, a cheap SWA); and weigh the phrase bag against
    the LSTM (logit = LSTM + w * bag, w from BAG_WEIGHTS) by validation accuracy, folding
    w into the bag's votes so the exported graph simply adds the two."""
    candidates = {f"epoch {best_epoch}": [best_epoch]}
    for k in range(2, average + 1):
        if best_epoch - k + 1 >= 1:
            epochs = list(range(best_epoch - k + 1, best_epoch + 1))
            candidates[f"mean of epochs {epochs[0]}-{epochs[-1]}"] = epochs
    if best_epoch < len(snapshots):  # the epoch after the best, too
        candidates[f"mean of epochs {best_epoch}-{best_epoch + 1}"] = [best_epoch, best_epoch + 1]
    scores, bag_weight = {}, {}
    weights = BAG_WEIGHTS if model.cfg.ngram_order else (1.0,)
    for name, epochs in candidates.items():
        states = [snapshots[e - 1] for e in epochs]
        model.load_state_dict({k: sum(s[k] for s in states) / len(states) for k in states[0]})
        lstm, vote = predict_parts(model, va_ids)
        # ties go to the weight nearest 1 (the sum each part was trained for)
        acc_of = {w: accuracy(lstm + w * vote, y_va) for w in weights}
        w = max(weights, key=lambda w: (acc_of[w], -abs(w - 1.0)))
        scores[name], bag_weight[name] = acc_of[w], w
        log(f"weights {name}: val acc {acc_of[w]:.4f} (bag weight {w})")
    chosen = max(scores, key=lambda n: (scores[n], -len(candidates[n])))
    states = [snapshots[e - 1] for e in candidates[chosen]]
    model.load_state_dict({k: sum(s[k] for s in states) / len(states) for k in states[0]})
    if model.cfg.ngram_order:
        with torch.no_grad():
            model.ngram.weight.mul_(bag_weight[chosen])
    temperature = calibrate(model, va_ids, y_va, log)
    return {
        "chosen": chosen,
        "epochs": candidates[chosen],
        "bag_weight": bag_weight[chosen] if model.cfg.ngram_order else None,
        "temperature": temperature,
        "val_accuracy_torch": scores,
    }


TEMPERATURES = tuple(float(t) for t in np.geomspace(0.25, 16.0, 121))  # 3.5% apart


def calibrate(model, va_ids, y_va, log) -> float:
    """Divide the logit by the temperature that best fits the validation labels (lowest
    log loss), folded into the classifier's and the bag's weights.

    Both parts are trained to be sure of their training reviews, and their weighted sum
    is surer still: uncalibrated, 2 validation reviews in 3 scored P > 0.999, which
    flattens every P(positive)-per-token curve and leave-one-out change to nothing.
    Dividing a logit by a positive number keeps its sign, so no verdict changes."""
    lstm, vote = predict_parts(model, va_ids)
    z, sign = lstm + vote, 2.0 * y_va - 1.0
    nll = {t: float(np.mean(np.logaddexp(0.0, -sign * z / t))) for t in (1.0, *TEMPERATURES)}
    t = min(TEMPERATURES, key=nll.get)
    log(f"temperature {t:.3f}: validation log loss {nll[1.0]:.4f} -> {nll[t]:.4f}")
    with torch.no_grad():
        model.head.weight.div_(t)
        model.head.bias.div_(t)
        if model.cfg.ngram_order:
            model.ngram.weight.div_(t)
    return t
