"""Build the reviews the "Train it yourself" page trains on: a fixed subset of NTC-SCV.

    .venv/bin/python scripts/build_train_subset.py [--data ../shared/data/ntc-scv]
        [--train 6000] [--valid 500] [--seed 20] [--max-tokens 200] [--out models/train_subset]

Reads the official train split (data_train/train) and validation split (data_train/test;
the official test split is never read), and picks, per split and per label, a seeded random
sample of reviews that langid calls Vietnamese (slide 22, as the shipped models) and that
keep at least one token after the cleaning: balanced, so chance is 50%. Each review is
stored as its token ids in the shipped vocabulary (models/sentiment/vocab.json, <unk> = 1),
cut to its first --max-tokens tokens, in one compressed NumPy file (no pickle); beside it,
manifest.json records how it was made (command, seed, counts, the sources' and the
vocabulary's sha256, the file's own sha256) and a few validation reviews as typed, the
page's example reviews. The same arguments on the same data give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.sentiment.text import detect_languages, preprocess  # noqa: E402
from core.sentiment.vocab import Vocab  # noqa: E402
from core.training.data import split_hash  # noqa: E402

SPLITS = {"train": "train", "valid": "test"}  # our name -> the official folder
LABELS = (("neg", 0), ("pos", 1))
EXAMPLES = 12  # validation reviews kept as text, for the page's review box
EXAMPLE_CHARS = (60, 400)  # short enough to read in a text box, long enough to say something


def _files(data: Path, folder: str, label: str) -> list[Path]:
    d = data / "data_train" / folder / label
    files = sorted(d.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
    if not files:
        raise SystemExit(f"no reviews in {d}: expected the official NTC-SCV layout")
    return files


def pick(files: list[Path], n: int, rng: np.random.Generator, vocab: Vocab, max_tokens: int):
    """The first n of files in a seeded random order that are Vietnamese and not empty:
    (relative names, token ids, texts)."""
    order = rng.permutation(len(files))
    names, seqs, texts = [], [], []
    for start in range(0, len(order), 512):  # langid in batches, only as far as needed
        chunk = [files[k] for k in order[start : start + 512]]
        raw = [f.read_text(encoding="utf-8") for f in chunk]
        langs = detect_languages([r.replace("_", " ") for r in raw])
        for f, text, lang in zip(chunk, raw, langs, strict=True):
            ids = vocab.encode(preprocess(text))[:max_tokens]
            if lang.lang == "vi" and ids:
                names.append(f"{f.parent.name}/{f.name}")
                seqs.append(ids)
                texts.append(text)
                if len(names) == n:
                    return names, seqs, texts
    raise SystemExit(f"only {len(names)} usable reviews, {n} asked for")


def save_npz(out, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed's format (np.load reads it), but with fixed timestamps in the zip,
    so the same arrays always give the same bytes (and the same sha256 in the manifest)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, a in arrays.items():
            body = io.BytesIO()
            np.lib.format.write_array(body, np.asarray(a), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, body.getvalue())


def build(data: Path, out: Path, train: int, valid: int, seed: int, max_tokens: int) -> dict:
    vocab_path = ROOT / "models" / "sentiment" / "vocab.json"
    vocab = Vocab.load(vocab_path)
    root = np.random.SeedSequence(seed)
    arrays, counts, examples = {}, {}, []
    for (split, folder), seq in zip(SPLITS.items(), root.spawn(len(SPLITS)), strict=True):
        per_label = train if split == "train" else valid
        names, seqs, labels, texts = [], [], [], []
        for (label, y), s in zip(LABELS, seq.spawn(len(LABELS)), strict=True):
            got = pick(
                _files(data, folder, label), per_label, np.random.default_rng(s), vocab, max_tokens
            )
            names += got[0]
            seqs += got[1]
            texts += got[2]
            labels += [y] * per_label
        # Interleave the labels in a seeded order, so any prefix is nearly balanced too.
        order = np.random.default_rng(seq.spawn(1)[0]).permutation(len(names))
        names, seqs = [names[k] for k in order], [seqs[k] for k in order]
        labels, texts = [labels[k] for k in order], [texts[k] for k in order]
        lengths = np.array([len(s) for s in seqs], dtype=np.int32)
        arrays[f"{split}_ids"] = np.concatenate(seqs).astype(np.uint16)
        arrays[f"{split}_lengths"] = lengths
        arrays[f"{split}_labels"] = np.array(labels, dtype=np.uint8)
        arrays[f"{split}_files"] = np.array(names)
        counts[split] = {
            "reviews": len(names),
            "positive": int(sum(labels)),
            "tokens": int(lengths.sum()),
            "median_tokens": float(np.median(lengths)),
        }
        if split == "valid":
            for name, text, y in zip(names, texts, labels, strict=True):
                typed = " ".join(text.replace("_", " ").split())
                if EXAMPLE_CHARS[0] <= len(typed) <= EXAMPLE_CHARS[1] and len(examples) < EXAMPLES:
                    examples.append({"file": f"data_train/test/{name}", "label": y, "text": typed})
    assert len(vocab) < 2**16  # the ids fit uint16
    buf = io.BytesIO()
    save_npz(buf, arrays)
    out.mkdir(parents=True, exist_ok=True)
    (out / "subset.npz").write_bytes(buf.getvalue())
    manifest = {
        "what": "a balanced, seeded sample of NTC-SCV's train and validation splits as token "
        "ids in the shipped vocabulary, for the Train it yourself page",
        "command": "python scripts/build_train_subset.py "
        f"--train {train} --valid {valid} --seed {seed} --max-tokens {max_tokens}",
        "seed": seed,
        "per_label": {"train": train, "valid": valid},
        "max_tokens": max_tokens,
        "selection": "per split and label: a seeded random order of the files, keeping the "
        "reviews langid calls Vietnamese (typed form) with at least one token after cleaning",
        "cleaning": "core.sentiment.text.preprocess, then the shipped vocabulary (<unk> = 1)",
        "sources": {
            split: {"folder": f"data_train/{folder}", "sha256": split_hash(data, folder)}
            for split, folder in SPLITS.items()
        },
        "official_test_split": "never read",
        "vocab_sha256": hashlib.sha256(vocab_path.read_bytes()).hexdigest(),
        "counts": counts,
        "file": "subset.npz",
        "file_sha256": hashlib.sha256(buf.getvalue()).hexdigest(),
        "file_bytes": len(buf.getvalue()),
        "examples": examples,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ntc-scv")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "train_subset")
    ap.add_argument("--train", type=int, default=6000, help="training reviews per label")
    ap.add_argument("--valid", type=int, default=500, help="validation reviews per label")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--max-tokens", type=int, default=200)
    a = ap.parse_args()
    m = build(a.data, a.out, a.train, a.valid, a.seed, a.max_tokens)
    for split, c in m["counts"].items():
        print(
            f"{split}: {c['reviews']} reviews ({c['positive']} positive), {c['tokens']} tokens, "
            f"median {c['median_tokens']:g}"
        )
    print(f"wrote {a.out / m['file']}: {m['file_bytes']:,} bytes, sha256 {m['file_sha256'][:12]}")
    print(f"examples: {len(m['examples'])}")


if __name__ == "__main__":
    main()
