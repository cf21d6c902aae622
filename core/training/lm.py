"""Train the LSTM language model on NTC-SCV and ship it: `python -m core.training.lm`.

Reads DATA/data_train/train (training) and DATA/data_train/test (validation, the
official name says test), never the held-out data_test. Writes models/lm/{lm.onnx,
vocab.json, metadata.json}. The validation perplexity in the metadata is computed at
the end through core.lm.runtime (onnxruntime), the path the site uses, beside the
add-one n-gram models' perplexity on the very same tokens.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import shlex
import sys
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from core.lm import ngram
from core.lm.corpus import write_sample
from core.lm.runtime import OnnxLM
from core.lm.tokens import BOS, EOS, Vocab, tokens
from core.training.data import DEFAULT_DATA, ROOT, read_split, split_hash
from core.training.lm_model import LSTMLM, LMConfig

DEFAULT_OUT = ROOT / "models" / "lm"
OPSET = 17


@dataclass
class LMTrainConfig:
    seed: int = 1234  # every random choice (initial weights, windows, dropout) follows it
    epochs: int = 3  # passes, each over tokens_per_epoch tokens of randomly drawn windows
    tokens_per_epoch: int = 700_000  # training tokens read per epoch (bounds the run's time)
    window: int = 64  # T of a training window: backprop through at most this many steps
    batch_size: int = 64  # windows per optimiser step
    lr: float = 3e-3  # Adam's step size, multiplied by lr_decay after every epoch
    lr_decay: float = 0.5  # later epochs fine-tune with smaller steps
    clip: float = 1.0  # max gradient norm: LSTMs occasionally spike
    threads: int = 2  # torch CPU threads (the machine has 2 cores)
    curve_reviews: int = 1000  # validation reviews scored after each epoch (the curve)
    limit: int | None = None  # only this many reviews per class and split (smoke tests)


# ---------------------------------------------------------------------- data


def windows(seqs: list[list[int]], T: int) -> list[list[int]]:
    """Each <s> ids </s> cut into pieces of T+1 ids (inputs are [:-1], targets [1:])."""
    out = []
    for s in seqs:
        out += [s[i : i + T + 1] for i in range(0, len(s) - 1, T)]
    return out


def pad(seqs: list[list[int]]) -> torch.Tensor:
    """Right-padded (B, T) ids with <pad> = 0."""
    ids = torch.zeros(len(seqs), max(len(s) for s in seqs), dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : len(s)] = torch.tensor(s)
    return ids


def epoch_batches(wins, cfg: LMTrainConfig, rng: np.random.Generator) -> list[list[list[int]]]:
    """Random windows up to the epoch's token budget, batched by similar length."""
    order = rng.permutation(len(wins))
    picked, n = [], 0
    for i in order:
        if n >= cfg.tokens_per_epoch:
            break
        picked.append(wins[i])
        n += len(wins[i]) - 1
    picked.sort(key=len)
    batches = [picked[i : i + cfg.batch_size] for i in range(0, len(picked), cfg.batch_size)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def torch_perplexity(model: LSTMLM, seqs: list[list[int]], max_tokens: int = 8192) -> float:
    """exp(mean NLL) over every predicted token of whole sequences (no windows)."""
    model.eval()
    nll, n = 0.0, 0
    for batch in token_batches(seqs, max_tokens):
        ids = pad(batch)
        lp = model(ids[:, :-1])
        nll += F.nll_loss(lp.transpose(1, 2), ids[:, 1:], ignore_index=0, reduction="sum").item()
        n += int((ids[:, 1:] != 0).sum())
    return math.exp(nll / n)


def token_batches(seqs: list[list[int]], max_tokens: int) -> list[list[list[int]]]:
    """Sequences sorted by length, grouped so that a batch pads to at most max_tokens ids."""
    out, cur = [], []
    for s in sorted(seqs, key=len):
        if cur and len(s) * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur = []
        cur.append(s)
    return out + [cur] if cur else out


def onnx_perplexity(lm: OnnxLM, seqs: list[list[int]], max_tokens: int = 8192) -> float:
    """The same perplexity through onnxruntime (the site's path): the model card's number."""
    nll, n = 0.0, 0
    for batch in token_batches(seqs, max_tokens):
        ids = pad(batch).numpy()
        lp = lm.log_probs(ids[:, :-1])  # (B, T, V)
        tgt = ids[:, 1:]
        picked = np.take_along_axis(lp, tgt[..., None], axis=-1)[..., 0].astype(np.float64)
        nll -= picked[tgt != 0].sum()
        n += int((tgt != 0).sum())
    return math.exp(nll / n)


# ---------------------------------------------------------------------- export


class _Export(torch.nn.Module):
    def __init__(self, model: LSTMLM):
        super().__init__()
        self.model = model

    def forward(self, ids):
        return self.model(ids)


def export_onnx(model: LSTMLM, path: Path) -> Path:
    """(B, T) ids -> (B, T, V) log-probs, dynamic batch and time, weights inside the file.

    The TorchScript exporter (dynamo=False), as for the sentiment model: the dynamo
    exporter has been seen to freeze an LSTM's sequence length into the graph.
    """
    model.eval()
    wrapper = _Export(model).eval()
    # The legacy exporter warns about itself and about LSTM tracing on every call; the
    # parity tests (tests/core/lm/test_runtime.py) are what says the graph is right.
    warnings.filterwarnings("ignore", module=r"torch\.onnx")
    warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
    warnings.filterwarnings("ignore", message=".*legacy TorchScript-based ONNX export.*")
    example = torch.randint(4, model.cfg.vocab_size, (2, 7), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            wrapper, (example,), str(path), input_names=["ids"], output_names=["log_probs"],
            dynamic_axes={"ids": {0: "batch", 1: "time"}, "log_probs": {0: "batch", 1: "time"}},
            opset_version=OPSET, dynamo=False, external_data=False, do_constant_folding=True,
        )  # fmt: skip
    return path


def torch_from_onnx(path: Path, cfg: LMConfig) -> LSTMLM:
    """The torch model back from an exported file's weights (parity tests of the shipped file)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in graph.initializer}
    H = cfg.hidden_size

    def ifgo(a: torch.Tensor) -> torch.Tensor:
        i, o, f, g = a.split(H, dim=0)  # ONNX's gate order -> PyTorch's
        return torch.cat([i, f, g, o], dim=0)

    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    W, R, B = (init[name][0] for name in lstm.input[1:4])
    head = next(init[n.input[1]] for n in graph.node if n.op_type == "MatMul")  # (H, V)
    model = LSTMLM(cfg).eval()
    model.load_state_dict(
        {
            "embedding.weight": init["model.embedding.weight"],
            "lstm.weight_ih_l0": ifgo(W),
            "lstm.weight_hh_l0": ifgo(R),
            "lstm.bias_ih_l0": ifgo(B[: 4 * H]),
            "lstm.bias_hh_l0": ifgo(B[4 * H :]),
            "head.weight": head.T.contiguous(),
            "head.bias": init["model.head.bias"],
        }
    )
    return model


# ---------------------------------------------------------------------- train


def train(data: Path, out: Path, mcfg: LMConfig, tcfg: LMTrainConfig, command: str) -> dict:
    """Train for tcfg.epochs, keep the epoch with the best validation curve, export, report."""
    t0, cpu0 = time.time(), time.process_time()
    torch.manual_seed(tcfg.seed)
    torch.set_num_threads(tcfg.threads)
    rng = np.random.default_rng(tcfg.seed)
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731

    log(f"reading {data.name} ...")
    tr_texts, _ = read_split(data, "train", tcfg.limit)  # the labels are not the LM's
    tr_tok = [tokens(t) for t in tr_texts]
    va_tok = [tokens(t) for t in read_split(data, "test", tcfg.limit)[0]]
    vocab = Vocab.build(tr_tok, mcfg.vocab_size)
    mcfg.vocab_size = len(vocab)
    bos, eos = vocab.id(BOS), vocab.id(EOS)
    tr_ids = [[bos, *vocab.encode(s), eos] for s in tr_tok]
    va_ids = [[bos, *vocab.encode(s), eos] for s in va_tok]
    curve_ids = [va_ids[i] for i in rng.permutation(len(va_ids))[: tcfg.curve_reviews]]
    wins = windows(tr_ids, tcfg.window)
    n_train_tokens = sum(len(s) - 1 for s in tr_ids)
    log(f"{len(tr_ids)} train / {len(va_ids)} validation reviews, {n_train_tokens} tokens")

    model = LSTMLM(mcfg)
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr)
    curves, best, best_state = [], math.inf, None
    for epoch in range(1, tcfg.epochs + 1):
        te = time.time()
        model.train()
        nll, n = 0.0, 0
        for batch in epoch_batches(wins, tcfg, rng):
            ids = pad(batch)
            lp = model(ids[:, :-1])
            loss = F.nll_loss(lp.transpose(1, 2), ids[:, 1:], ignore_index=0)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), tcfg.clip)
            opt.step()
            k = int((ids[:, 1:] != 0).sum())
            nll, n = nll + loss.item() * k, n + k
        val_ppl = torch_perplexity(model, curve_ids)
        curves.append(
            {
                "epoch": epoch,
                "train_loss": nll / n,
                "train_perplexity": math.exp(nll / n),
                "val_perplexity_curve": val_ppl,
                "lr": opt.param_groups[0]["lr"],
                "seconds": round(time.time() - te, 1),
            }
        )
        log(json.dumps(curves[-1]))
        if val_ppl < best:
            best = val_ppl
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        for g in opt.param_groups:
            g["lr"] *= tcfg.lr_decay
    model.load_state_dict(best_state)
    best_epoch = min(curves, key=lambda c: c["val_perplexity_curve"])["epoch"]
    t_train = time.time() - t0

    out.mkdir(parents=True, exist_ok=True)
    vocab.save(out / "vocab.json")
    write_sample(tr_texts, out)  # the counts' review corpus on the page (training split only)
    export_onnx(model, out / "lm.onnx")
    (out / "metadata.json").write_text("{}", "utf-8")  # replaced below; OnnxLM reads it
    lm = OnnxLM(out)
    log("validation perplexity (onnxruntime, every review) ...")
    lstm_ppl = onnx_perplexity(lm, va_ids)
    counts = ngram.count([vocab.itos_of(s[1:-1]) for s in tr_ids], ngram.MAX_ORDER)
    va_words = [vocab.itos_of(s[1:-1]) for s in va_ids]
    ngrams = {}
    for n in range(1, ngram.MAX_ORDER + 1):
        ppl, n_tok = ngram.corpus_perplexity(counts, va_words, n, add_one=True)
        ngrams[str(n)] = ppl
    va_words_flat = [w for s in va_tok for w in s]
    onnx_bytes = (out / "lm.onnx").read_bytes()
    meta = {
        "model": "LSTM language model (embedding -> LSTM -> FC head on every h_t, log-softmax)",
        "command": command,
        "seed": tcfg.seed,
        "config": {"model": asdict(mcfg), "training": asdict(tcfg)},
        "tokenisation": "core.sentiment.text.preprocess: the five cleaning steps of slide 23, "
        "then syllables (split on spaces and underscores); <s> first, </s> last",
        "data": {
            "dataset": "NTC-SCV",
            "train_split": "data_train/train",
            "validation_split": "data_train/test",
            "train_sha256": split_hash(data, "train"),
            "validation_sha256": split_hash(data, "test"),
            "train_reviews": len(tr_ids),
            "validation_reviews": len(va_ids),
            "train_tokens": n_train_tokens,
            "validation_tokens": n_tok,
            "validation_oov_rate": sum(not vocab.known(w) for w in va_words_flat)
            / max(len(va_words_flat), 1),
        },
        "epochs": curves,
        "best_epoch": best_epoch,
        "validation": {
            "tokens": n_tok,
            "lstm_perplexity": lstm_ppl,
            "ngram_add_one_perplexity": ngrams,
            "note": "per token over every validation review's syllables and </s>, "
            "out-of-vocabulary syllables read as <unk> by both models",
        },
        "onnx": {
            "file": "lm.onnx",
            "bytes": len(onnx_bytes),
            "sha256": hashlib.sha256(onnx_bytes).hexdigest(),
            "opset": OPSET,
            "inputs": {"ids": "(B, T) int64, <s> = 2 first, <pad> = 0 right"},
            "outputs": {"log_probs": "(B, T, V) float32, ln P(next | ids[:t+1])"},
        },
        "parameters": sum(p.numel() for p in model.parameters()),
        "seconds": {
            "training": round(t_train, 1),
            "total": round(time.time() - t0, 1),
            "cpu": round(time.process_time() - cpu0, 1),  # all threads: the work, load aside
        },
        "versions": {"python": platform.python_version(), "torch": torch.__version__},
    }
    (out / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), "utf-8")
    log(json.dumps(meta["validation"], indent=2))
    return meta


def shown_args(argv: list[str] | None) -> list[str]:
    """The arguments as typed, folders replaced by DATA / OUT (metadata holds no machine paths)."""
    out, args = [], list(argv if argv is not None else sys.argv[1:])
    for i, a in enumerate(args):
        flag = a.split("=", 1)[0]
        if flag in ("--data", "--out"):
            out.append(f"{flag} {flag[2:].upper()}" if "=" in a else flag)
        elif i and args[i - 1] in ("--data", "--out"):
            out.append(args[i - 1][2:].upper())
        else:
            out.append(a)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ntc-scv folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the model goes")
    ap.add_argument("--epochs", type=int, default=LMTrainConfig.epochs)
    ap.add_argument("--tokens-per-epoch", type=int, default=LMTrainConfig.tokens_per_epoch)
    ap.add_argument("--limit", type=int, default=None, help="reviews per class (smoke tests)")
    ap.add_argument("--vocab-size", type=int, default=LMConfig.vocab_size)
    ap.add_argument("--hidden", type=int, default=LMConfig.hidden_size)
    ap.add_argument("--embed", type=int, default=LMConfig.embed_dim)
    args = ap.parse_args(argv)
    mcfg = LMConfig(vocab_size=args.vocab_size, embed_dim=args.embed, hidden_size=args.hidden)
    tcfg = LMTrainConfig(
        epochs=args.epochs, tokens_per_epoch=args.tokens_per_epoch, limit=args.limit
    )
    command = shlex.join(["python", "-m", "core.training.lm", *shown_args(argv)])
    return train(args.data, args.out, mcfg, tcfg, command)


if __name__ == "__main__":
    main()
