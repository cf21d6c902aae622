"""`python -m core.training.accents`: build models/sentiment/accents.json, the table that
puts diacritics back into a review typed without them (core.sentiment.accents), from the
training split, and measure it on the validation split (the official test split is never read).

Pure Python, no torch: counting which form is written in which context.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from core.sentiment.accents import AccentTable
from core.sentiment.files import ACCENTS_FILE, MODELS_DIR
from core.sentiment.text import clean, strip_diacritics, tokenize
from core.training.data import (
    DEFAULT_DATA,
    read_split,
    recorded_path,
    split_hash,
    typed_form,
    vietnamese_only,
)


def measure(table: AccentTable, texts: list[str]) -> dict:
    """How the table reads validation reviews: in each form, the share it restores; on the
    accent-free form, the share of restored syllables written as the review was typed."""
    typed = [typed_form(t) for t in texts]
    plain = [strip_diacritics(t) for t in typed]
    right = total = applied_plain = applied_typed = 0
    for t, p in zip(typed, plain, strict=True):
        want, got = tokenize(clean(t)), tokenize(clean(p))
        applied_typed += table.applies(t, want)
        if not table.applies(p, got):
            continue
        applied_plain += 1
        back = table.restore(p, got)
        if len(back) == len(want):  # teencode can differ by form ("đc" vs "dc"): skip those
            pairs = [(b, w) for b, w, g in zip(back, want, got, strict=True) if g.isascii()]
            right += sum(b == w for b, w in pairs)
            total += len(pairs)
    n = len(texts)
    return {
        "reviews": n,
        "restored_share_no_diacritics": round(applied_plain / n, 4),
        "restored_share_typed": round(applied_typed / n, 4),
        "syllables_compared": total,
        "syllable_accuracy": round(right / max(total, 1), 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="NTC-SCV folder")
    ap.add_argument("--out", type=Path, default=MODELS_DIR, help="models folder")
    ap.add_argument("--min-count", type=int, default=2, help="contexts seen fewer times drop")
    ap.add_argument("--limit", type=int, default=None, help="reviews per class (smoke runs)")
    args = ap.parse_args(argv)
    t0 = time.time()
    texts, labels = read_split(args.data, "train", args.limit)
    texts, _, dropped = vietnamese_only(texts, labels)
    table = AccentTable.build((tokenize(clean(t)) for t in texts), args.min_count)
    va_texts, _ = read_split(args.data, "test", args.limit)
    command = "python -m core.training.accents " + recorded_path(args.data)
    if args.min_count != 2:
        command += f" --min-count {args.min_count}"
    table.record.update(
        command=command + (f" --limit {args.limit}" if args.limit else ""),
        train_reviews=len(texts),
        train_dropped_not_vietnamese=dropped,
        train_sha256=split_hash(args.data, "train"),
        sizes={
            "known": len(table.known),
            "unigram": len(table.unigram),
            "left": len(table.left),
            "right": len(table.right),
            "trigram": len(table.trigram),
        },
        validation=measure(table, va_texts),
    )
    path = args.out / ACCENTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    table.save(path)
    v = table.record["validation"]
    print(
        f"{path.name}: {sum(table.record['sizes'].values()):,} entries from {len(texts):,} "
        f"training reviews; validation without diacritics: {v['syllable_accuracy']:.4f} of "
        f"syllables restored as typed, {v['restored_share_no_diacritics']:.1%} of reviews "
        f"restored ({v['restored_share_typed']:.1%} as typed), {time.time() - t0:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
