"""Token <-> index table of slide 24: `<pad>` = 0, `<unk>` = 1, stored as JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

PAD, UNK = 0, 1
SPECIALS = ("<pad>", "<unk>")


class Vocab:
    """itos[i] is the token of index i; tokens not in the table map to UNK."""

    def __init__(self, itos: list[str]):
        if list(itos[:2]) != list(SPECIALS):
            raise ValueError(f"a vocabulary starts with {SPECIALS}, got {itos[:2]}")
        self.itos = list(itos)
        self.stoi = {t: i for i, t in enumerate(self.itos)}
        if len(self.stoi) != len(self.itos):
            raise ValueError("a vocabulary lists every token once")

    @classmethod
    def build(cls, token_lists: Iterable[list[str]], min_freq: int = 2, max_size=None) -> Vocab:
        """Most frequent first (ties by token, so the table is the same on every run)."""
        counts = Counter(t for tokens in token_lists for t in tokens)
        kept = sorted(
            (t for t, n in counts.items() if n >= min_freq), key=lambda t: (-counts[t], t)
        )
        if max_size is not None:
            kept = kept[: max_size - len(SPECIALS)]
        return cls([*SPECIALS, *kept])

    def encode(self, tokens: Iterable[str]) -> list[int]:
        """Indices of tokens, UNK for the unknown ones."""
        return [self.stoi.get(t, UNK) for t in tokens]

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def save(self, path: Path | str) -> None:
        """JSON (never pickle: loading a pickle runs code)."""
        Path(path).write_text(
            json.dumps({"itos": self.itos}, ensure_ascii=False, indent=0), encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path | str) -> Vocab:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["itos"])
