"""The lecture's slides as text (../shared/seed/*.txt), page by page (page number = slide).

A line '!' followed by a line holding a number starts the page of that number.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.support.paths import SEED


@cache
def _read() -> dict[int, list[str]] | None:
    files = sorted(SEED.glob("*.txt"))
    if not files:
        return None
    lines = files[0].read_text(encoding="utf-8").splitlines()
    out: dict[int, list[str]] = {}
    page, k = 0, 0
    while k < len(lines):
        line = lines[k].strip()
        if line == "!" and k + 1 < len(lines) and lines[k + 1].strip().isdigit():
            page = int(lines[k + 1])
            out[page] = []
            k += 2
            continue
        if page:
            out[page].append(line)
        k += 1
    assert set(range(3, 51)) <= set(out), "the seed's page markers changed"
    return out


def slide_lines() -> dict[int, list[str]]:
    """Slide number -> its lines, stripped; skips the test when the seed is absent."""
    pages = _read()
    if pages is None:
        pytest.skip(f"needs the slide text at {SEED}")
    return pages


# A part's running header, as the slides print it: "1 – Recurrent Neural Network".
PART_OF_HEADER = {
    "Recurrent Neural Network": 1,
    "Text Classification": 2,
    "Long Short Term Memory": 3,
}
_HEADER = re.compile(r"^\d – (" + "|".join(PART_OF_HEADER) + r")$")


def slide_parts() -> dict[int, int]:
    """Slide number -> the lecture part its running header names (1, 2 or 3).

    The extraction writes each slide's header just before the slide's '!' / number marker,
    that is as the last line of the page before it (slide 20, "Pytorch - Demo", reads
    "1 – Recurrent Neural Network"). The part is read from the header's words: slide 45's
    header misprints the number ("2 – Long Short Term Memory"). Slides 3 and 4 are left out:
    the text before slide 3's marker is not kept, and slide 3's page ends in a formula.
    """
    pages = slide_lines()
    out = {}
    for n in range(3, max(pages) + 1):
        before = [line for line in pages.get(n - 1, []) if line]
        if n in pages and before and (m := _HEADER.match(before[-1])):
            out[n] = PART_OF_HEADER[m.group(1)]
    return out


def slide_text() -> dict[int, str]:
    """Slide number -> its text, lines joined by newlines."""
    return {n: "\n".join(lines) for n, lines in slide_lines().items()}
