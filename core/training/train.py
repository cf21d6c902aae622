"""Train the sentiment LSTM on NTC-SCV and ship it: `python -m core.training.train [DATA]`.

Reads the official layout (DATA/data_train/{train,test}/{pos,neg}/N.txt), trains on
`train` only, early-stops on `test` (the validation split), exports ONNX and writes
models/{sentiment.onnx, vocab.json, metadata.json}. The validation metrics in the
metadata are computed at the end through core.sentiment, the same ONNX path the app
and the classify command use, so the model card cannot drift from the model.

The data side is core/training/data.py; measuring on validation and choosing the
shipped weights (epochs, the bag's weight, the temperature) is core/training/selection.py.
"""

from __future__ import annotations

import argparse
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
from core.training.data import (
    DEFAULT_DATA,
    ROOT,
    batches,
    pad,
    phrase_buckets,
    read_split,
    recorded_path,
    split_hash,
    typed_form,
)
from core.training.model import ModelConfig, SentimentLSTM
from core.training.selection import accuracy, choose_weights, metrics, predict_parts

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
            "path": recorded_path(data),  # never the machine's absolute folder
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
