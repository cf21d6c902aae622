"""The reviews the page trains on: the shipped subset of NTC-SCV, and a typed review as ids.

models/train_subset/subset.npz (built by scripts/build_train_subset.py, which records how in
manifest.json beside it) holds 8,000 training and 1,000 validation reviews, balanced, as
token ids in the shipped vocabulary (models/sentiment/vocab.json), each cut to its first 200
tokens. The site trains on it without the course's data folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.sentiment.accents import read, table_at
from core.sentiment.files import ACCENTS_FILE
from core.sentiment.vocab import Vocab

ROOT = Path(__file__).resolve().parents[2]
SUBSET_DIR = ROOT / "models" / "train_subset"
VOCAB = ROOT / "models" / "sentiment" / "vocab.json"


@dataclass(frozen=True)
class Split:
    """Reviews as a list of id arrays (each at least one token) and their labels (1 = positive)."""

    seqs: tuple[np.ndarray, ...]
    labels: np.ndarray  # (N,) float64 0/1

    def __len__(self) -> int:
        return len(self.seqs)

    def head(self, n: int) -> Split:
        """The first n reviews (the subset's order interleaves the labels: nearly balanced)."""
        return Split(self.seqs[:n], self.labels[:n])


@dataclass(frozen=True)
class Example:
    """A validation review of the subset as people type it, and its label."""

    text: str
    label: int  # 1 = positive
    file: str  # where it came from, data_train/test/<pos|neg>/N.txt


def _split(z, name: str) -> Split:
    ids, lengths = z[f"{name}_ids"].astype(np.int64), z[f"{name}_lengths"]
    cuts = np.cumsum(lengths)[:-1]
    return Split(tuple(np.split(ids, cuts)), z[f"{name}_labels"].astype(np.float64))


@lru_cache(maxsize=2)
def load_subset(folder: Path = SUBSET_DIR) -> tuple[Split, Split]:
    """(train, valid) from the shipped subset, read once per process."""
    with np.load(Path(folder) / "subset.npz", allow_pickle=False) as z:
        return _split(z, "train"), _split(z, "valid")


@lru_cache(maxsize=2)
def manifest(folder: Path = SUBSET_DIR) -> dict:
    """How the subset was made (seed, counts, sources' sha256) and its example reviews."""
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def counts(folder: Path = SUBSET_DIR) -> tuple[int, int]:
    """(training, validation) reviews in the subset, from its manifest (no arrays read)."""
    c = manifest(folder)["counts"]
    return c["train"]["reviews"], c["valid"]["reviews"]


def examples(folder: Path = SUBSET_DIR) -> tuple[Example, ...]:
    """The subset's validation reviews kept as text (the page's review box starts on one)."""
    return tuple(
        Example(e["text"], int(e["label"]), e["file"]) for e in manifest(folder)["examples"]
    )


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The shipped vocabulary: the subset's ids index it."""
    return Vocab.load(VOCAB)


def encode(text: str, max_len: int) -> np.ndarray:
    """A typed review as the model reads it: cleaned, tokenised, its diacritics put back
    if it was typed without them (as the shipped models read it), ids, its first max_len."""
    tokens = read(text, table_at(ROOT / "models" / ACCENTS_FILE))
    return np.asarray(vocab().encode(tokens)[:max_len], dtype=np.int64)


def pad(seqs, max_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Right-padded ids (B, T) with <pad> = 0, and lengths (B,), each cut to max_len."""
    cut = [s[:max_len] for s in seqs]
    lengths = np.array([len(s) for s in cut], dtype=np.int64)
    ids = np.zeros((len(cut), int(lengths.max())), dtype=np.int64)
    for b, s in enumerate(cut):
        ids[b, : len(s)] = s
    return ids, lengths


def batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Index batches of similar length (little padding), in a random order drawn from rng."""
    order = np.argsort(lengths + rng.uniform(0, 8, len(lengths)), kind="stable")
    chunks = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    return [chunks[k] for k in rng.permutation(len(chunks))]
