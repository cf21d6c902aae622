"""Measuring on validation, and choosing the shipped weights by it (epochs, temperature)."""

from __future__ import annotations

import numpy as np
import torch

from core.nn.cells import sigmoid
from core.training.data import pad
from core.training.metrics import accuracy, logit_log_loss, reliability, sure_share


@torch.no_grad()
def predict_logits(model, seqs: list[list[int]], batch_size: int = 256) -> np.ndarray:
    """The model's logit after each whole review (N,), in input order."""
    model.eval()
    lengths = np.array([min(len(s) or 1, model.cfg.max_len) for s in seqs])
    out = np.zeros(len(seqs))
    order = np.argsort(lengths, kind="stable")
    for i in range(0, len(seqs), batch_size):
        idx = order[i : i + batch_size]
        ids, lens = pad([seqs[j] for j in idx], model.cfg.max_len)
        out[idx] = model.verdict(ids, lens).double().numpy()
    return out


@torch.no_grad()
def predict_prefix_logits(model, seqs: list[list[int]], batch_size: int = 256) -> list[np.ndarray]:
    """The model's raw logit after every token it reads of each review, in input order."""
    model.eval()
    lengths = np.array([min(len(s) or 1, model.cfg.max_len) for s in seqs])
    out: list[np.ndarray] = [np.zeros(0)] * len(seqs)
    order = np.argsort(lengths, kind="stable")
    for i in range(0, len(seqs), batch_size):
        idx = order[i : i + batch_size]
        ids, lens = pad([seqs[j] for j in idx], model.cfg.max_len)
        z = model(ids)[0].double().numpy()
        for b, j in enumerate(idx):
            out[j] = z[b, : lens[b]]
    return out


# ------------------------------------------------------------- choosing weights


def _mean_state(snapshots, epochs):
    states = [snapshots[e - 1] for e in epochs]
    return {k: sum(s[k] for s in states) / len(states) for k in states[0]}


def choose_weights(model, snapshots, best_epoch, va_ids, y_va, average: int, log) -> dict:
    """Load the best epoch's weights, or the average of it and up to `average - 1` epochs
    before it (or the one after) when that scores higher on validation: averaging nearby
    epochs of one run smooths the noise of the last steps, a cheap SWA. Then calibrate."""
    candidates = {f"epoch {best_epoch}": [best_epoch]}
    for k in range(2, average + 1):
        if best_epoch - k + 1 >= 1:
            epochs = list(range(best_epoch - k + 1, best_epoch + 1))
            candidates[f"mean of epochs {epochs[0]}-{epochs[-1]}"] = epochs
    if best_epoch < len(snapshots):  # the epoch after the best, too
        candidates[f"mean of epochs {best_epoch}-{best_epoch + 1}"] = [best_epoch, best_epoch + 1]
    scores = {}
    for name, epochs in candidates.items():
        model.load_state_dict(_mean_state(snapshots, epochs))
        scores[name] = accuracy(predict_logits(model, va_ids), y_va)
        log(f"weights {name}: val acc {scores[name]:.4f}")
    chosen = max(scores, key=lambda n: (scores[n], -len(candidates[n])))
    model.load_state_dict(_mean_state(snapshots, candidates[chosen]))
    temperature, nll = calibrate(model, va_ids, y_va, log)
    return {
        "chosen": chosen,
        "epochs": candidates[chosen],
        "val_accuracy_torch": scores,
        "temperature": temperature,
        "val_log_loss_before": nll[0],
        "val_log_loss_after": nll[1],
        "calibration": calibrate_by_length(model, va_ids, y_va, log),
    }


TEMPERATURES = tuple(float(t) for t in np.geomspace(0.25, 16.0, 121))  # 3.5% apart


def calibrate(model, va_ids, y_va, log) -> tuple[float, tuple[float, float]]:
    """Divide the logit by the temperature that best fits the validation labels (lowest
    log loss), folded into the classifier's weights (`head`, the last layer of each model).

    A model trained to be sure of its training reviews is surer than it is right: without
    this, P(positive) curves and leave-one-out changes flatten to nothing. Dividing a logit
    by a positive number keeps its sign, so no verdict changes."""
    z, sign = predict_logits(model, va_ids), 2.0 * y_va - 1.0
    nll = {t: logit_log_loss(z / t, sign) for t in (1.0, *TEMPERATURES)}
    t = min(TEMPERATURES, key=nll.get)
    log(f"temperature {t:.3f}: validation log loss {nll[1.0]:.4f} -> {nll[t]:.4f}")
    with torch.no_grad():
        model.head.weight.div_(t)
        model.head.bias.div_(t)
    return t, (nll[1.0], nll[t])


# ------------------------------------------------------------- calibration by length

SHOWN_AT = (1, 2, 3, 5, 10, 25, 50, 100, 200, 400)  # lengths whose T(t) the card lists


def _fit_length_temperature(z: np.ndarray, sign: np.ndarray, t: np.ndarray) -> tuple:
    """(a, b, e) of T(t) = a + b * t**e with the lowest mean log loss of sign * z / T(t)."""
    z, sign, t = (torch.from_numpy(np.asarray(x, dtype=np.float64)) for x in (z, sign, t))
    # a > 0, b >= 0 and e in (-2, 0) through smooth maps: T stays positive and falls with t.
    raw = torch.tensor([0.0, -1.0, 0.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([raw], max_iter=300, line_search_fn="strong_wolfe")

    def params(r):
        return torch.exp(r[0]), torch.exp(r[1]), -2.0 * torch.sigmoid(r[2])

    def closure():
        opt.zero_grad()
        a, b, e = params(raw)
        loss = torch.nn.functional.softplus(-sign * z / (a + b * t**e)).mean()
        loss.backward()
        return loss

    opt.step(closure)
    return tuple(float(v) for v in params(raw.detach()))


def calibrate_by_length(model, va_ids, y_va, log) -> dict:
    """Fit the model's LengthTemperature on validation: every prefix of every review (the
    P(positive) the page shows after each token) against the review's label, by log loss.

    One temperature for every length leaves short texts overconfident: a whole review of 10
    tokens, or the first 10 tokens of a longer one, settle much less than 200 do. Asking
    each prefix for its review's label is what "P(positive) after token t" should mean:
    how likely the review is positive, given what has been read so far."""
    prefix = predict_prefix_logits(model, va_ids)  # raw (before the length temperature)
    L = np.array([len(z) for z in prefix])
    z = np.concatenate(prefix)
    t = np.concatenate([np.arange(1, n + 1) for n in L])
    sign = np.repeat(2.0 * y_va - 1.0, L)
    a, b, e = _fit_length_temperature(z, sign, t)
    with torch.no_grad():
        model.calib.a.fill_(a)
        model.calib.b.fill_(b)
        model.calib.e.fill_(e)
    T = a + b * t.astype(float) ** e
    full = np.array([zz[-1] for zz in prefix])
    T_full = a + b * L.astype(float) ** e
    nll = logit_log_loss  # a short name keeps the record below one line per pair
    s_full = 2.0 * y_va - 1.0
    p_before, p_after = sigmoid(full), sigmoid(full / T_full)
    record = {
        "form": "P(positive) after t tokens = sigmoid(logit_t / T(t)), T(t) = a + b * t**e",
        "fitted_on": "validation (typed form): every prefix of every review, the review's label, by log loss",  # noqa: E501
        "a": a, "b": b, "e": e,
        "temperature_at": {str(n): a + b * n**e for n in SHOWN_AT},
        "prefix_log_loss_before": nll(z, sign), "prefix_log_loss_after": nll(z / T, sign),
        "review_log_loss_before": nll(full, s_full), "review_log_loss_after": nll(full / T_full, s_full),  # noqa: E501
        "review_sure_share_before": sure_share(p_before),
        "review_sure_share_after": sure_share(p_after),
        "reliability_before": reliability(p_before, y_va),
        "reliability_after": reliability(p_after, y_va),
    }  # fmt: skip
    r = record
    log(f"T(t) = {a:.3f} + {b:.3f} t^{e:.3f}: T(2) {a + b * 2**e:.2f}, T(100) "
        f"{a + b * 100**e:.2f}; prefix log loss {r['prefix_log_loss_before']:.4f} -> "
        f"{r['prefix_log_loss_after']:.4f}, review log loss "
        f"{r['review_log_loss_before']:.4f} -> {r['review_log_loss_after']:.4f}")  # fmt: skip
    return record
