"""The lecture's slides as text (../shared/seed/*.txt), page by page (page number = slide).

A line '!' followed by a line holding a number starts the page of that number.
"""

from __future__ import annotations

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


def slide_text() -> dict[int, str]:
    """Slide number -> its text, lines joined by newlines."""
    return {n: "\n".join(lines) for n, lines in slide_lines().items()}
