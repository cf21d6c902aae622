"""Train the sentiment LSTM on NTC-SCV and ship it: `python -m core.training.train [DATA]`.

Reads the official layout (DATA/data_train/{train,test}/{pos,neg}/N.txt), trains on
`train` only, early-stops on `test` (the validation split), exports ONNX and writes
models/{sentiment.onnx, vocab.json, metadata.json}. The validation metrics in the
metadata are computed at the end through core.sentiment, the same ONNX path the app
and the classify command use, so the model card cannot drift from the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

from core.sentiment.text import clean, strip_diacritics, tokenize
from core.sentiment.vocab import Vocab
from core.training.model import ModelConfig, SentimentLSTM

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntc-scv"
LABELS = ("negative", "positive")  # index = class id


@dataclass
class TrainConfig:
    seed: int = 1234  # every random choice (init, batches, augmentation) follows it
    epochs: int = 8  # at most; early stopping may end sooner
    patience: int = 3  # epochs without a better validation accuracy before stopping
    batch_size: int = 128  # reviews per step (batches hold reviews of similar length)
    lr: float = 3e-3  # Adam's step size, decayed by lr_decay every epoch
    lr_decay: float = 0.7  # multiplies lr after each epoch
    ngram_lr: float = 0.5  # Adam's step for the phrase bag's votes (decayed with lr)
    weight_decay: float = 0.0  # Adam's L2 on the weights
    clip: float = 1.0  # max gradient norm: LSTMs occasionally spike
    min_freq: int = 2  # tokens seen fewer times in train become <unk>
    ngram_min_reviews: int = 3  # a phrase votes only if that many training reviews hold it
    strip_prob: float = 0.3  # share of reviews shown without diacritics each epoch
    unk_prob: float = 0.1  # share of tokens replaced by <unk>, so unknown words are familiar
    threads: int = 2  # torch CPU threads (the machine has 2 cores)
    average: int = 3  # also try the mean weights of the best epoch and up to 2 before it
    limit: int | None = None  # use only this many reviews per split and class (smoke tests)


# ---------------------------------------------------------------------- data


def read_split(data: Path, split: str, limit: int | None = None) -> tuple[list[str], list[int]]:
    """Texts and labels (1 = positive) of data_train/<split>, in a fixed (sorted) order."""
    texts, labels = [], []
    for label, folder in ((0, "neg"), (1, "pos")):
        d = data / "data_train" / split / folder
        files = sorted(d.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
        if not files:
            raise FileNotFoundError(f"no reviews in {d}: expected the official NTC-SCV layout")
        for f in files[:limit]:
            texts.append(f.read_text(encoding="utf-8"))
            labels.append(label)
    return texts, labels


def split_hash(data: Path, split: str) -> str:
    """sha256 over every file's relative path and bytes of one split (the data's identity)."""
    h = hashlib.sha256()
    base = data / "data_train" / split
    for f in sorted(base.rglob("*.txt")):
        h.update(str(f.relative_to(base)).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


def typed_form(text: str) -> str:
    """A review as people type it: the data's underscores become spaces."""
    return text.replace("_", " ")


def batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Index batches of similar length (little padding), in a random order."""
    order = np.argsort(lengths + rng.uniform(0, 8, len(lengths)), kind="stable")
    chunks = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    return chunks


def phrase_buckets(reviews, mcfg: ModelConfig, min_reviews: int) -> torch.Tensor:
    """1.0 for every bucket holding a phrase found in at least min_reviews reviews, else 0.

    reviews: per review, the id lists of its forms (as written, without diacritics)."""
    from core.sentiment.influence import phrase_keys

    V = mcfg.vocab_size
    per_review = []
    for forms in reviews:  # a review and its accent-free twin count as one review
        keys = [
            k[ok]
            for s in forms
            for k, ok in phrase_keys(np.asarray([s[: mcfg.max_len]]), V, mcfg.ngram_order)
        ]
        per_review.append(np.unique(np.concatenate(keys)))
    keys, counts = np.unique(np.concatenate(per_review), return_counts=True)
    mask = torch.zeros(mcfg.ngram_buckets)
    mask[torch.from_numpy(keys[counts >= min_reviews] % mcfg.ngram_buckets)] = 1.0
    return mask


def pad(seqs: list[list[int]], max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and lengths (B,); an empty review reads one <unk>."""
    seqs = [(s[:max_len] or [1]) for s in seqs]
    T = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), T, dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, torch.tensor([len(s) for s in seqs])


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


# ---------------------------------------------------------------------- train


def train(data: Path, out: Path, mcfg: ModelConfig, tcfg: TrainConfig, command: str) -> dict:
    """Train, early-stop on validation, export; return the metadata written to out."""
    t0, cpu0 = time.time(), time.process_time()
    random.seed(tcfg.seed)
    np.random.seed(tcfg.seed)
    torch.manual_seed(tcfg.seed)
    torch.set_num_threads(tcfg.threads)
    rng = np.random.default_rng(tcfg.seed)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731

    log(f"reading {data} ...")
    tr_texts, tr_labels = read_split(data, "train", tcfg.limit)
    va_texts, va_labels = read_split(data, "test", tcfg.limit)
    tr_clean = [clean(t) for t in tr_texts]
    tr_tok = [tokenize(c) for c in tr_clean]
    tr_tok_plain = [tokenize(strip_diacritics(c)) for c in tr_clean]
    va_tok = [tokenize(clean(typed_form(t))) for t in va_texts]
    va_tok_plain = [tokenize(strip_diacritics(clean(typed_form(t)))) for t in va_texts]
    vocab = Vocab.build(tr_tok + tr_tok_plain, min_freq=tcfg.min_freq)
    mcfg.vocab_size = len(vocab)
    log(f"{len(tr_texts)} train / {len(va_texts)} validation reviews, vocabulary {len(vocab)}")
    t_prep = time.time() - t0

    tr_ids = [vocab.encode(t) for t in tr_tok]
    tr_ids_plain = [vocab.encode(t) for t in tr_tok_plain]
    va_ids = [vocab.encode(t) for t in va_tok]
    va_ids_plain = [vocab.encode(t) for t in va_tok_plain]
    y_tr = torch.tensor(tr_labels, dtype=torch.float32)
    y_va = np.array(va_labels)
    lengths = np.array([min(len(s), mcfg.max_len) for s in tr_ids])

    model = SentimentLSTM(mcfg)
    if mcfg.ngram_order:
        pairs = zip(tr_ids, tr_ids_plain, strict=True)
        voters = phrase_buckets(pairs, mcfg, tcfg.ngram_min_reviews)
        # Rare phrases would let the bag memorise single training reviews: their buckets
        # never move from zero (their gradient is masked), so they cast no vote.
        model.ngram.weight.register_hook(lambda g: g * voters[:, None])
        log(f"phrase bag: {int(voters.sum()):,} of {len(voters):,} buckets vote")
    # The bag's votes are many, sparse and each seen rarely: they need far larger steps
    # than the LSTM's shared weights to move in a few epochs.
    bag = [p for n, p in model.named_parameters() if n.startswith("ngram.")]
    rest = [p for n, p in model.named_parameters() if not n.startswith("ngram.")]
    groups = [{"params": rest}] + ([{"params": bag, "lr": tcfg.ngram_lr}] if bag else [])
    opt = torch.optim.Adam(groups, lr=tcfg.lr, weight_decay=tcfg.weight_decay)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=tcfg.lr_decay)
    loss_fn = nn.BCEWithLogitsLoss()
    curves, snapshots, best, bad = [], [], -1.0, 0
    for epoch in range(1, tcfg.epochs + 1):
        te = time.time()
        model.train()
        plain = rng.random(len(tr_ids)) < tcfg.strip_prob  # this epoch's accent-free reviews
        chunks = batches(lengths, tcfg.batch_size, rng)
        total, seen = 0.0, 0
        for k, idx in enumerate(chunks, start=1):
            seqs = [tr_ids_plain[j] if plain[j] else tr_ids[j] for j in idx]
            ids, lens = pad(seqs, mcfg.max_len)
            if tcfg.unk_prob > 0:
                drop = (torch.rand(ids.shape) < tcfg.unk_prob) & (ids > 1)
                ids = ids.masked_fill(drop, 1)
            lstm_logits, vote, _ = model.parts(ids)
            at_end = (torch.arange(len(idx)), lens - 1)  # the verdict after each review
            # Each part learns to judge alone (their sum is weighed once, at the end): a
            # jointly trained bag memorises phrases fast and leaves the LSTM little to learn,
            # which scored lower on validation than two parts that each stand on their own.
            loss = loss_fn(lstm_logits[at_end], y_tr[idx])
            if mcfg.ngram_order:
                loss = loss + loss_fn(vote[at_end], y_tr[idx])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), tcfg.clip)
            opt.step()
            total += loss.item() * len(idx)
            seen += len(idx)
            if k % 50 == 0 or k == len(chunks):
                log(f"  epoch {epoch} batch {k}/{len(chunks)} loss {total / seen:.4f}")
        sched.step()
        lstm, vote = predict_parts(model, va_ids)
        acc = accuracy(lstm + vote, y_va)
        acc_plain = accuracy(sum(predict_parts(model, va_ids_plain)), y_va)
        curves.append(
            {
                "epoch": epoch,
                "train_loss": total / seen,
                "val_accuracy": acc,
                "val_accuracy_no_diacritics": acc_plain,
                "val_accuracy_lstm_alone": accuracy(lstm, y_va),
                "val_accuracy_bag_alone": accuracy(vote, y_va) if mcfg.ngram_order else None,
                "seconds": time.time() - te,
            }
        )
        alone = f" (LSTM alone {accuracy(lstm, y_va):.4f}, bag alone {accuracy(vote, y_va):.4f})"
        log(
            f"epoch {epoch}: train loss {total / seen:.4f}, val acc {acc:.4f}"
            f"{alone if mcfg.ngram_order else ''}, no-diacritics {acc_plain:.4f} "
            f"({time.time() - te:.0f} s)"
        )
        snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
        if acc > best:
            best, bad = acc, 0
        else:
            bad += 1
            if bad >= tcfg.patience:
                log(f"early stop: no better validation accuracy for {bad} epochs")
                break
    best_epoch = max(curves, key=lambda c: c["val_accuracy"])["epoch"]
    selection = choose_weights(model, snapshots, best_epoch, va_ids, y_va, tcfg.average, log)
    t_train = time.time() - t0 - t_prep
    times = {
        "preprocess_s": t_prep,
        "train_s": t_train,
        "start": t0,
        "cpu0": cpu0,
        "selection": selection,
    }

    return ship(
        model,
        vocab,
        out,
        data,
        va_texts,
        y_va,
        mcfg,
        tcfg,
        command,
        curves,
        best_epoch,
        times,
    )


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


def ship(model, vocab, out, data, va_texts, y_va, mcfg, tcfg, command, curves, best_epoch, times):
    """Export ONNX + vocab, then measure the shipped files through core.sentiment."""
    from core.sentiment import load_model
    from core.training.export import OPSET, export_onnx

    out.mkdir(parents=True, exist_ok=True)
    export_onnx(model, out / "sentiment.onnx")
    vocab.save(out / "vocab.json")
    meta = {
        "command": command,
        "seed": tcfg.seed,
        "config": mcfg.to_dict(),
        "train_config": {k: v for k, v in vars(tcfg).items()},
        "labels": list(LABELS),
        "tokenization": "syllables: clean(), then split on whitespace and underscores",
        "onnx": {
            "file": "sentiment.onnx",
            "opset": OPSET,
            "inputs": ["ids"],
            "outputs": ["p_prefix", "hidden"],
        },
        "vocab_size": len(vocab),
        "parameters": sum(p.numel() for p in model.parameters()),
        "data": {
            "path": str(data),
            "train_sha256": split_hash(data, "train"),
            "validation_sha256": split_hash(data, "test"),
            "limit": tcfg.limit,
        },
        "best_epoch": best_epoch,
        "weights": times["selection"],
        "curves": curves,
        "torch_version": torch.__version__,
    }
    (out / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))

    # The official numbers: the shipped ONNX file, through the classify path.
    te = time.time()
    sm = load_model(out)
    forms = {
        "typed": [typed_form(t) for t in va_texts],
        "underscore": list(va_texts),
        "no_diacritics": [strip_diacritics(typed_form(t)) for t in va_texts],
    }
    meta["metrics"] = {}
    for name, texts in forms.items():
        results = sm.classify(texts)
        p = np.array([math.nan if r.p_positive is None else r.p_positive for r in results])
        meta["metrics"][name] = metrics(np.nan_to_num(p, nan=0.0), y_va)
        print(f"validation ({name}): {meta['metrics'][name]['accuracy']:.4f}", file=sys.stderr)
    meta["metrics"]["forms"] = {
        "typed": "validation reviews with underscores replaced by spaces (the headline)",
        "underscore": "validation reviews as stored (word syllables joined by _)",
        "no_diacritics": "typed form with Vietnamese accents removed (đ -> d)",
    }
    meta["timings"] = {
        "preprocess_s": round(times["preprocess_s"], 1),
        "train_s": round(times["train_s"], 1),
        "evaluate_s": round(time.time() - te, 1),
        "total_s": round(time.time() - times["start"], 1),
        # CPU seconds of all threads: on a shared machine wall time overstates the cost.
        "cpu_s": round(time.process_time() - times["cpu0"], 1),
        "threads": tcfg.threads,
    }
    (out / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return meta


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    mdef, tdef = ModelConfig(), TrainConfig()
    ap = argparse.ArgumentParser(
        prog="python -m core.training.train", description=__doc__.splitlines()[0]
    )
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="NTC-SCV folder")
    ap.add_argument("--out", type=Path, default=ROOT / "models", help="where artifacts go")
    for name, default in [*vars(tdef).items(), *mdef.to_dict().items()]:
        if name == "vocab_size":
            continue
        kind = type(default) if default is not None else int
        ap.add_argument("--" + name.replace("_", "-"), type=kind, default=default)
    args = ap.parse_args(argv)
    if not (args.data / "data_train").is_dir():
        print(
            f"error: {args.data} has no data_train/ folder (official NTC-SCV layout)",
            file=sys.stderr,
        )
        return 2
    mcfg = ModelConfig(**{k: getattr(args, k) for k in mdef.to_dict() if k != "vocab_size"})
    tcfg = TrainConfig(**{k: getattr(args, k) for k in vars(tdef)})
    # --out only says where the files go, not what they are: left out of the record.
    shown = [a for k, a in enumerate(argv) if a != "--out" and (k == 0 or argv[k - 1] != "--out")]
    command = "python -m core.training.train " + " ".join(shlex.quote(a) for a in shown)
    meta = train(args.data, args.out, mcfg, tcfg, command.strip())
    print(json.dumps({k: v["accuracy"] for k, v in meta["metrics"].items() if "accuracy" in v}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
