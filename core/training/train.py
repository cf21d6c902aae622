"""Train the lecture's three sentiment models on NTC-SCV and ship them (`make train`).

`--model bag|rnn|lstm` trains one; without it all three are trained, one after another.
Every run reads the shared vocabulary models/sentiment/vocab.json when it is there, so the
shipped models' commands give the shipped models; `--new-vocab` builds it again from the
training split (all three models then, since each reads it).
Reads the official layout (DATA/data_train/{train,test}/{pos,neg}/N.txt), keeps the
reviews langid calls Vietnamese (slide 22), trains on `train` only, early-stops on
`test` (the validation split), exports ONNX and writes models/sentiment/vocab.json (one
vocabulary for every model) and models/sentiment/<model>/{model.onnx, metadata.json}.
The figures in the metadata are computed at the end through core.sentiment, the same
ONNX path the app and the classify command use (core/training/report.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shlex
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

from core.sentiment.text import clean, strip_diacritics, tokenize
from core.sentiment.vocab import Vocab
from core.training.counterfactual import counterfactual_pairs
from core.training.data import (
    DEFAULT_DATA,
    ROOT,
    batches,
    pad,
    read_split,
    recorded_path,
    typed_form,
    vietnamese_only,
)
from core.training.metrics import accuracy
from core.training.model import KINDS, LanguageModelHead, ModelConfig, build, default_config
from core.training.selection import choose_weights, predict_logits

LABELS = ("negative", "positive")  # index = class id
DEFAULT_OUT = ROOT / "models"  # files go to <out>/sentiment/...


@dataclass
class TrainConfig:
    seed: int = 1234  # every random choice (init, batches, augmentation) follows it
    epochs: int = 8  # at most; early stopping may end sooner
    patience: int = 3  # epochs without a better validation accuracy before stopping
    batch_size: int = 128  # reviews per step (batches hold reviews of similar length)
    lr: float = 3e-3  # Adam's step size, decayed by lr_decay every epoch
    lr_decay: float = 0.7  # multiplies lr after each epoch
    weight_decay: float = 0.0  # Adam's L2 on the weights
    clip: float = 1.0  # max gradient norm: recurrent nets occasionally spike
    min_freq: int = 2  # tokens seen fewer times in train become <unk> (the shared vocabulary)
    # 0.5 since issue 22 (was 0.3, the LSTM's 0.2): accent-free reviews lost 3-4 points
    strip_prob: float = 0.5  # share of reviews shown without diacritics each epoch
    both_forms: bool = False  # every review shown twice each epoch, typed and without diacritics
    counterfactual: float = 0.0  # share of the negation pairs (counterfactual.py) added
    unk_prob: float = 0.1  # share of tokens replaced by <unk>, so unknown words are familiar
    threads: int = 1  # torch CPU threads: with one, the same command gives the same weights
    average: int = 3  # also try the mean weights of the best epoch and up to 2 before it
    pretrain_epochs: int = 0  # lstm only: epochs of next-token prediction before classifying
    pretrain_lr: float = 3e-3  # Adam's step size while pretraining
    pretrain_max_len: int = 200  # tokens per review read while pretraining (the cost is per token)
    prefix_weight: float = 0.0  # loss share on P(positive) after each token (review's label)
    limit: int | None = None  # use only this many reviews per split and class (smoke tests)


# What each model trains with, over TrainConfig's defaults (chosen on validation).
TRAIN_DEFAULTS = {
    # prefix_weight 0.3 beat 0 and 0.6 on validation (accuracy, then review log loss).
    # A bag cannot tell "dở" from "do" once accents are gone, whatever it is shown: strip_prob
    # 0.5 and both_forms left the accent-free figure about 2 points below typed, as 0.3
    # does, and cost typed accuracy (issue 22); trained on accent-free reviews alone
    # (strip_prob 1.0) it read them at 0.8627. What closes the gap is reading: the accents
    # table (core.sentiment.accents) puts the diacritics back before the bag reads.
    "bag": {
        "epochs": 12,
        "lr": 1e-2,
        "lr_decay": 0.85,
        "patience": 3,
        "prefix_weight": 0.3,
        "strip_prob": 0.3,
    },
    # the RNN's validation accuracy dips before it recovers (the shipped run: epochs 3, 8);
    # strip_prob 0.6 beat 0.5 on validation without diacritics (issue 22)
    "rnn": {"epochs": 10, "patience": 3, "lr": 2e-3, "lr_decay": 0.8, "strip_prob": 0.6},
    # The LSTM reads accent-free reviews through the accents table (core.sentiment.accents)
    # as well as when it is shown them in training: strip_prob 0 (typed reviews only) gave
    # the best typed figure (seeds 1, 2, 1234: 0.8992, 0.8995, 0.9022) within 1.5 points of
    # it without diacritics, where 0.5 and both forms each epoch cost typed accuracy.
    "lstm": {
        "epochs": 12,
        "patience": 2,
        "lr": 3e-3,
        "lr_decay": 0.8,
        "pretrain_epochs": 3,
        "strip_prob": 0.0,
    },
}


# Seeds a model is trained with when no --seed is given (otherwise TrainConfig.seed): one
# run per seed, the same command otherwise, and the highest validation accuracy is shipped
# (its metadata records every seed's figure). The LSTM's runs differ by seed about as much
# as its settings do, the RNN's more (0.8218 to 0.8242 on its shipped settings).
SEEDS = {"rnn": (1, 2, 1234), "lstm": (1, 2, 1234)}


@dataclass
class Prepared:
    """The data every model of one run reads, tokenised once."""

    vocab: Vocab
    tr_ids: list[list[int]]  # training reviews as written
    tr_ids_plain: list[list[int]]  # the same without diacritics
    y_tr: np.ndarray
    cf_ids: list[list[int]]  # the counterfactual pairs' reviews (typed), pair by pair
    cf_ids_plain: list[list[int]]  # the same without diacritics
    y_cf: np.ndarray
    va_texts: list[str]  # validation reviews as stored (metrics re-read them)
    va_ids: list[list[int]]  # typed form: the one epochs and weights are chosen on
    y_va: np.ndarray
    language: dict  # slide 22: reviews kept and dropped per split
    seconds: float


def prepare(data: Path, limit: int | None, min_freq: int, log, vocab: Vocab | None = None):
    """Read both splits, keep Vietnamese, tokenise, build the shared vocabulary on train
    (or read with `vocab`, the one the other shipped models already read)."""
    t0 = time.time()
    log(f"reading {data.name} ...")
    tr_texts, tr_labels = read_split(data, "train", limit)
    va_texts, va_labels = read_split(data, "test", limit)
    n_tr = len(tr_texts)
    tr_texts, tr_labels, dropped_tr = vietnamese_only(tr_texts, tr_labels)
    # Validation is measured on every review (the headline the app can be held to); the
    # count of non-Vietnamese ones is recorded so the two can be told apart.
    dropped_va = len(va_texts) - len(vietnamese_only(va_texts, va_labels)[0])
    language = {
        "rule": "slide 22: training keeps the reviews langid calls Vietnamese (typed form)",
        "train": {"read": n_tr, "kept": len(tr_texts), "dropped": dropped_tr},
        "validation": {
            "read": len(va_texts),
            "not_vietnamese": dropped_va,
            "note": "validation figures count every review, Vietnamese or not",
        },
    }
    tr_tok = [tokenize(clean(t)) for t in tr_texts]
    # Accents go before cleaning, as for a review typed without them: teencode is then
    # expanded from the accent-free forms ("dc") the way the app sees them.
    tr_tok_plain = [tokenize(clean(strip_diacritics(t))) for t in tr_texts]
    cf_tok, y_cf = counterfactual_pairs([typed_form(t) for t in tr_texts], tr_labels)
    if vocab is None:
        vocab = Vocab.build(tr_tok + tr_tok_plain, min_freq=min_freq)
    va_ids = [vocab.encode(tokenize(clean(typed_form(t)))) for t in va_texts]
    log(f"{len(tr_texts)} train (dropped {dropped_tr} not Vietnamese) / {len(va_texts)} "
        f"validation reviews, vocabulary {len(vocab)}")  # fmt: skip
    return Prepared(
        vocab,
        [vocab.encode(t) for t in tr_tok],
        [vocab.encode(t) for t in tr_tok_plain],
        np.array(tr_labels),
        [vocab.encode(t) for t in cf_tok],
        [vocab.encode(tokenize(strip_diacritics(" ".join(t)))) for t in cf_tok],
        np.array(y_cf),
        va_texts,
        va_ids,
        np.array(va_labels),
        language,
        time.time() - t0,
    )


@dataclass
class Examples:
    """What the classifier trains on: the training reviews, and the counterfactual pairs
    when TrainConfig.counterfactual asks for them; each in both forms."""

    typed: list[list[int]]
    plain: list[list[int]]
    y: np.ndarray
    pairs: int  # counterfactual pairs among them (their reviews come last)


def examples(prep: Prepared, tcfg: TrainConfig) -> Examples:
    """The training reviews plus a seeded share of the counterfactual pairs (whole pairs)."""
    n_pairs = len(prep.cf_ids) // 2
    take = int(round(tcfg.counterfactual * n_pairs))
    rng = np.random.default_rng(tcfg.seed)
    pairs = np.sort(rng.choice(n_pairs, size=take, replace=False)) if take else []
    rows = [r for p in pairs for r in (2 * p, 2 * p + 1)]
    return Examples(
        prep.tr_ids + [prep.cf_ids[r] for r in rows],
        prep.tr_ids_plain + [prep.cf_ids_plain[r] for r in rows],
        np.concatenate([prep.y_tr, prep.y_cf[rows] if rows else np.zeros(0, int)]),
        take,
    )


def epoch_items(n: int, tcfg: TrainConfig, rng) -> tuple[np.ndarray, np.ndarray]:
    """This epoch's (review index, without accents?) items: each review once, a strip_prob
    share of them accent-free; or each review twice, once in each form (both_forms)."""
    if tcfg.both_forms:
        index = np.concatenate([np.arange(n), np.arange(n)])
        return index, np.arange(2 * n) >= n
    return np.arange(n), rng.random(n) < tcfg.strip_prob


def _augmented(ex: Examples, idx, plain, tcfg: TrainConfig, max_len: int):
    """A batch's ids (B, T) and lengths: some reviews without accents, some tokens <unk>."""
    seqs = [ex.plain[j] if p else ex.typed[j] for j, p in zip(idx, plain, strict=True)]
    ids, lens = pad(seqs, max_len)
    if tcfg.unk_prob > 0:
        drop = (torch.rand(ids.shape) < tcfg.unk_prob) & (ids > 1)
        ids = ids.masked_fill(drop, 1)
    return ids, lens


def pretrain(model, prep: Prepared, tcfg: TrainConfig, rng, log) -> list[dict]:
    """Teach the LSTM (and its embedding) to predict each next token of the training reviews."""
    head = LanguageModelHead(model.cfg)
    params = [*model.embedding.parameters(), *model.lstm.parameters(), *head.parameters()]
    opt = torch.optim.Adam(params, lr=tcfg.pretrain_lr)
    lengths = np.array([min(len(s), tcfg.pretrain_max_len) for s in prep.tr_ids])
    curves = []
    for epoch in range(1, tcfg.pretrain_epochs + 1):
        te = time.time()
        model.train()
        head.train()
        plain = rng.random(len(prep.tr_ids)) < tcfg.strip_prob
        chunks = batches(lengths, tcfg.batch_size, rng)
        total, seen = 0.0, 0
        for k, idx in enumerate(chunks, start=1):
            seqs = [prep.tr_ids_plain[j] if plain[j] else prep.tr_ids[j] for j in idx]
            ids, _ = pad(seqs, tcfg.pretrain_max_len)
            if ids.shape[1] < 2:
                continue
            loss = head.loss(model.states(ids[:, :-1]), ids[:, 1:])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, tcfg.clip)
            opt.step()
            total += loss.item() * len(idx)
            seen += len(idx)
            if k % 50 == 0 or k == len(chunks):
                log(f"  pretrain {epoch} batch {k}/{len(chunks)} loss {total / seen:.4f}")
        curves.append(
            {"epoch": epoch, "next_token_loss": total / seen, "seconds": time.time() - te}
        )
        log(
            f"pretrain epoch {epoch}: next-token loss {total / seen:.4f} ({time.time() - te:.0f} s)"
        )
    return curves


def train_one(prep: Prepared, mcfg: ModelConfig, tcfg: TrainConfig, log) -> tuple:
    """Train one model, early-stop on validation; return it with its record."""
    random.seed(tcfg.seed)
    np.random.seed(tcfg.seed)
    torch.manual_seed(tcfg.seed)
    torch.set_num_threads(tcfg.threads)
    rng = np.random.default_rng(tcfg.seed)
    mcfg.vocab_size = len(prep.vocab)
    model = build(mcfg)
    t0 = time.time()
    pre_curves = pretrain(model, prep, tcfg, rng, log) if tcfg.pretrain_epochs else []
    t_pre = time.time() - t0
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr, weight_decay=tcfg.weight_decay)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=tcfg.lr_decay)
    loss_fn = nn.BCEWithLogitsLoss()
    ex = examples(prep, tcfg)
    if ex.pairs:
        log(f"{ex.pairs} counterfactual pairs join the {len(prep.tr_ids)} training reviews")
    y_tr = torch.tensor(ex.y, dtype=torch.float32)
    lengths = np.array([min(len(s) or 1, mcfg.max_len) for s in ex.typed])
    curves, snapshots, best, bad = [], [], -1.0, 0
    for epoch in range(1, tcfg.epochs + 1):
        te = time.time()
        model.train()
        index, plain = epoch_items(len(ex.typed), tcfg, rng)
        chunks = batches(lengths[index], tcfg.batch_size, rng)
        total, seen = 0.0, 0
        for k, items in enumerate(chunks, start=1):
            idx = index[items]
            ids, lens = _augmented(ex, idx, plain[items], tcfg, mcfg.max_len)
            if tcfg.prefix_weight > 0:
                # Every prefix is also asked for the review's label (target replication): the
                # outputs after a few tokens learn how little those tokens settle.
                logits = model(ids)[0]  # (B, T)
                verdict = logits[torch.arange(len(idx)), lens - 1]
                real = torch.arange(ids.shape[1]).view(1, -1) < lens.view(-1, 1)
                target = y_tr[idx].view(-1, 1).expand_as(logits)
                loss = (1 - tcfg.prefix_weight) * loss_fn(verdict, y_tr[idx])
                loss = loss + tcfg.prefix_weight * loss_fn(logits[real], target[real])
            else:
                loss = loss_fn(model.verdict(ids, lens), y_tr[idx])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), tcfg.clip)
            opt.step()
            total += loss.item() * len(idx)
            seen += len(idx)
            if k % 50 == 0 or k == len(chunks):
                log(f"  {mcfg.kind} epoch {epoch} batch {k}/{len(chunks)} loss {total / seen:.4f}")
        sched.step()
        acc = accuracy(predict_logits(model, prep.va_ids), prep.y_va)
        curves.append({"epoch": epoch, "train_loss": total / seen, "val_accuracy": acc,
                       "seconds": round(time.time() - te, 1)})  # fmt: skip
        log(f"{mcfg.kind} epoch {epoch}: train loss {total / seen:.4f}, val acc {acc:.4f} "
            f"({time.time() - te:.0f} s)")  # fmt: skip
        snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
        if acc > best:
            best, bad = acc, 0
        else:
            bad += 1
            if bad >= tcfg.patience:
                log(f"early stop: no better validation accuracy for {bad} epochs")
                break
    best_epoch = max(curves, key=lambda c: c["val_accuracy"])["epoch"]
    selection = choose_weights(model, snapshots, best_epoch, prep.va_ids, prep.y_va,
                               tcfg.average, log)  # fmt: skip
    record = {
        "best_epoch": best_epoch,
        "weights": selection,
        "curves": curves,
        "pretrain_curves": pre_curves,
        "timings": {"pretrain_s": round(t_pre, 1), "train_s": round(time.time() - t0 - t_pre, 1)},
        "augmentation": augmentation(prep, tcfg, ex),
    }
    return model, record


def augmentation(prep: Prepared, tcfg: TrainConfig, ex: Examples) -> dict:
    """What the model card says the classifier was shown besides the reviews as typed."""
    from core.training import counterfactual as cf

    return {
        "no_diacritics": (
            "every review twice each epoch: typed and without diacritics"
            if tcfg.both_forms
            else f"each epoch, a share of {tcfg.strip_prob} of the reviews without diacritics"
        ),
        "unk": f"a share of {tcfg.unk_prob} of the tokens replaced by <unk>",
        "teencode": "expanded by the cleaning (core.sentiment.text.TEENCODE), "
        "in training as in the app",
        "counterfactual": {
            "rule": cf.__doc__.split("\n\n")[1].strip(),
            "pairs_available": len(prep.cf_ids) // 2,
            "pairs_used": ex.pairs,
            "share": tcfg.counterfactual,
        },
    }


def train_seeds(prep: Prepared, mcfg: ModelConfig, tcfg: TrainConfig, seeds, log) -> tuple:
    """Train once per seed; keep the run with the best validation accuracy (tcfg.seed is
    set to its seed), recording every seed's figure when there is more than one."""
    best, tried = None, {}
    for seed in seeds:
        tcfg.seed = seed
        log(f"== {mcfg.kind} (seed {seed}): {mcfg} {tcfg}")
        model, record = train_one(prep, mcfg, tcfg, log)
        w = record["weights"]
        tried[seed] = w["val_accuracy_torch"][w["chosen"]]
        if best is None or tried[seed] > tried[best[0]]:
            best = (seed, model, record)
    seed, model, record = best
    tcfg.seed = seed
    if len(seeds) > 1:
        record["seed_search"] = {
            "rule": "one run per seed, the same settings otherwise; the best validation "
            "accuracy (typed form, the chosen weights) is shipped",
            "val_accuracy": {str(s): a for s, a in tried.items()},
            "mean": float(np.mean(list(tried.values()))),
            "chosen": seed,
            "note": "choosing among seeds on validation makes the shipped figure optimistic: "
            "the mean over seeds is the fairer expectation for unseen reviews",
        }
    return model, record


def ship(model, prep: Prepared, out: Path, mcfg, tcfg, record: dict, command: str, data) -> dict:
    """Export ONNX, write the metadata, then measure the shipped files through core.sentiment."""
    from core.training.data import split_hash
    from core.training.export import OPSET, export_onnx, outputs_of
    from core.training.report import field_comments, measure

    folder = out / "sentiment" / mcfg.kind
    folder.mkdir(parents=True, exist_ok=True)
    export_onnx(model, folder / "model.onnx")
    meta = {
        "name": mcfg.kind,
        "command": command,
        "seed": tcfg.seed,
        "config": mcfg.to_dict(),
        "train_config": asdict(tcfg),
        "config_doc": field_comments(ModelConfig, TrainConfig),  # what each setting means
        "labels": list(LABELS),
        "tokenization": "syllables: clean(), then split on whitespace and underscores",
        "vocab": "../vocab.json",
        "vocab_sha256": hashlib.sha256((out / "sentiment" / "vocab.json").read_bytes()).hexdigest(),
        "onnx": {
            "file": "model.onnx",
            "opset": OPSET,
            "inputs": ["ids"],
            "outputs": list(outputs_of(mcfg.kind)),
        },  # fmt: skip
        "vocab_size": len(prep.vocab),
        "parameters": sum(p.numel() for p in model.parameters()),
        "data": {
            "path": recorded_path(data),  # never the machine's absolute folder
            "train_sha256": split_hash(data, "train"),
            "validation_sha256": split_hash(data, "test"),
            "limit": tcfg.limit,
            "language": prep.language,
        },
        **record,
        "torch_version": torch.__version__,
    }
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    te = time.time()
    meta.update(measure(out, mcfg.kind, prep.va_texts, prep.y_va, log=_log))
    meta["timings"]["evaluate_s"] = round(time.time() - te, 1)
    meta["timings"]["preprocess_s"] = round(prep.seconds, 1)
    meta["timings"]["threads"] = tcfg.threads
    (folder / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return meta


def _yes_no(text: str) -> bool:
    """A bool setting's value on the command line: 1/0, true/false, yes/no."""
    low = text.lower()
    if low not in {"1", "0", "true", "false", "yes", "no"}:
        raise argparse.ArgumentTypeError(f"{text!r}: give 1 or 0 (true/false, yes/no)")
    return low in {"1", "true", "yes"}


def _log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(prog="python -m core.training.train",
                                 description=__doc__.splitlines()[0])  # fmt: skip
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="NTC-SCV folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where artifacts go")
    ap.add_argument("--model", choices=KINDS, help="train this model only (default: all three)")
    ap.add_argument("--seeds", type=int, nargs="+",
                    help="one run per seed, the best on validation shipped")  # fmt: skip
    ap.add_argument("--new-vocab", action="store_true",
                    help="build the shared vocabulary again from the training split")  # fmt: skip
    skip = {"kind", "vocab_size"}
    for f in [*fields(TrainConfig), *fields(ModelConfig)]:
        if f.name in skip:
            continue
        kind = {"int | None": int, "bool": _yes_no}.get(str(f.type))
        kind = kind or eval(str(f.type))  # noqa: S307 (our own field types)
        ap.add_argument("--" + f.name.replace("_", "-"), type=kind, default=None)
    args = ap.parse_args(argv)
    if not (args.data / "data_train").is_dir():
        _log(f"error: {args.data} has no data_train/ folder (official NTC-SCV layout)")
        return 2
    if args.new_vocab and args.model:
        _log("error: --new-vocab changes the vocabulary every shipped model reads; "
             "leave out --model to train all three on it")  # fmt: skip
        return 2
    if args.seeds and args.seed is not None:
        _log("error: give --seed (one run) or --seeds (one run per seed), not both")
        return 2
    flags = {"new_vocab", "seeds"}
    given = {k: v for k, v in vars(args).items() if v is not None and k not in flags}
    # --out only says where the files go, not what they are: left out of the record; the
    # data folder is recorded as recorded_path names it (never the machine's folder).
    shown = [a for k, a in enumerate(argv) if a != "--out" and (k == 0 or argv[k - 1] != "--out")]
    shown = [recorded_path(args.data) if a == str(args.data) else a for a in shown]
    command = ("python -m core.training.train " + " ".join(shlex.quote(a) for a in shown)).strip()
    min_freq = given.get("min_freq", TrainConfig.min_freq)
    vocab_file = args.out / "sentiment" / "vocab.json"
    # The vocabulary the shipped models read, unless asked for a new one: a rebuilt one
    # (the language filter or the data may have changed since) would orphan the models that
    # are not trained again, and would make the recorded commands give other models.
    shared = Vocab.load(vocab_file) if vocab_file.is_file() and not args.new_vocab else None
    if shared is not None:
        _log(f"reading the shared vocabulary ({len(shared)} tokens) of the shipped models")
    prep = prepare(args.data, given.get("limit"), min_freq, _log, shared)
    (args.out / "sentiment").mkdir(parents=True, exist_ok=True)
    if shared is None:
        prep.vocab.save(vocab_file)
    summary = {}
    for kind in [args.model] if args.model else KINDS:
        t_names = {f.name for f in fields(TrainConfig)}
        m_names = {f.name for f in fields(ModelConfig)} - skip
        tcfg = TrainConfig(
            **{**TRAIN_DEFAULTS[kind], **{k: given[k] for k in t_names & given.keys()}}
        )
        mcfg = default_config(kind, **{k: given[k] for k in m_names & given.keys()})
        if kind != "lstm":
            tcfg.pretrain_epochs = 0  # next-token pretraining is the LSTM's
        one = args.seed is not None  # --seed: that run alone (tcfg.seed holds it)
        seeds = [tcfg.seed] if one else args.seeds or list(SEEDS.get(kind, [tcfg.seed]))
        model, record = train_seeds(prep, mcfg, tcfg, seeds, _log)
        meta = ship(model, prep, args.out, mcfg, tcfg, record, command, args.data)
        summary[kind] = {k: v["accuracy"] for k, v in meta["metrics"].items() if "accuracy" in v}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
