"""The counts' corpora: a toy one around slide 3's sentence, and a sample of NTC-SCV reviews.

The sample (models/lm/reviews_sample.txt.gz) is written by `python -m core.training.lm`
from the training split only: every SAMPLE_EVERY-th review, cleaned and cut into
syllables by core/sentiment/text.py, one review per line. It ships with the model so
the site needs no data folder.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from core.errors import CoreError
from core.lm.tokens import tokens

SAMPLE_FILE = "reviews_sample.txt.gz"
SAMPLE_EVERY = 15  # 30,000 training reviews -> 2,000 in the sample

# Slide 3's "i go to school" (the only sentence the slides give), with four neighbours of
# our own so that counts and zeros have something to show.
TOY_CORPUS = "\n".join(
    (
        "i go to school",
        "i go to the market",
        "you go to school",
        "they go home",
        "i like school",
    )
)
# The sentence each corpus opens with: one its own n-grams have seen (slide 3's, and a
# frequent phrase of the reviews), so the chain rule shows numbers before it shows zeros.
TOY_SENTENCE = "i go to school"
REVIEW_SENTENCE = "nhân viên phục vụ nhiệt tình"
EXAMPLE_SENTENCES = (TOY_SENTENCE, REVIEW_SENTENCE)


def write_sample(texts: list[str], folder: Path) -> Path:
    """Every SAMPLE_EVERY-th text, as syllables, gzipped without a timestamp (stable bytes)."""
    lines = [" ".join(tokens(t)) for t in texts[::SAMPLE_EVERY]]
    path = Path(folder) / SAMPLE_FILE
    data = ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return path


def read_sample(folder: Path) -> str:
    """The shipped review sample as one corpus text (a review per line)."""
    try:
        return gzip.decompress((Path(folder) / SAMPLE_FILE).read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise CoreError("lm_sample_unavailable", f"cannot read the review sample: {exc}") from exc
