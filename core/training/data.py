"""The NTC-SCV reviews as training reads them: splits, their identity, batches and padding."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # torch only to pad batches, so the card (report) reads splits without it
    import torch

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ntc-scv"


def recorded_path(data: Path) -> str:
    """The data folder as the model card records it, never a machine path: relative to the
    project (the course's ../shared/data/ntc-scv), or only its name when it lies elsewhere."""
    data = Path(data).resolve()
    rel = Path(os.path.relpath(data, ROOT))
    return data.name if rel.parts[:2] == ("..", "..") else rel.as_posix()


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


def vietnamese_only(texts: list[str], labels: list[int]) -> tuple[list[str], list[int], int]:
    """Slide 22: keep the reviews langid calls Vietnamese; also return how many were dropped.

    The project's own detector (core.sentiment.language), the one the app runs, on the
    typed form (underscores read as spaces, as people write)."""
    from core.sentiment.language import detect_languages

    langs = detect_languages([typed_form(t) for t in texts])
    keep = [k for k, g in enumerate(langs) if g.lang == "vi"]
    return [texts[k] for k in keep], [labels[k] for k in keep], len(texts) - len(keep)


def pad(seqs: list[list[int]], max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids (B, T) and lengths (B,); an empty review reads one <unk>."""
    import torch

    seqs = [(s[:max_len] or [1]) for s in seqs]
    T = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), T, dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, : len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, torch.tensor([len(s) for s in seqs])
