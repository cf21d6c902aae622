"""Many reviews at once: read them within the page's limits, then count what came back.

The page reads a paste or an upload with `paste_table` / `bulk_table` (a BulkError or
core.sentiment.classify.InputError says what to fix), classifies the table's texts with
`model.classify`, draws `bulk_summary` and `results_rows`, and offers
core.sentiment.classify.table_to_csv's bytes (the input's other columns kept) to download.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from core.errors import CoreError
from core.sentiment.classify import ReviewTable, csv_columns, read_table

MAX_ROWS = 10_000  # many reviews: more rows are refused, never silently dropped


class BulkError(CoreError):
    """The input has no reviews to classify, or too many: codes bulk_no_rows, bulk_no_text,
    bulk_too_many, bulk_too_big."""


def check_size(n_bytes: int, filename: str, limit_mb: int) -> None:
    """BulkError when an upload is over the limit (the browser refuses it first; a script may
    not)."""
    if n_bytes > limit_mb * 2**20:
        raise BulkError(
            "bulk_too_big",
            f"{filename} is over the {limit_mb} MB limit; split it.",
            file=filename,
            size=n_bytes / 2**20,
            limit=limit_mb,
        )


def upload_columns(data: bytes, filename: str) -> list[str]:
    """The distinct header names of an uploaded CSV (the first of a repeated name is used);
    BulkError when the file is empty."""
    cols = list(dict.fromkeys(csv_columns(data)))
    if not cols:
        raise BulkError("bulk_no_rows", f"{filename} is empty.", file=filename)
    return cols


def bulk_table(
    data: bytes, filename: str, column: str | None = None, max_rows: int = MAX_ROWS
) -> ReviewTable:
    """A pasted text or an uploaded .csv/.txt as a ReviewTable (a CSV's other columns kept
    for the download); BulkError when it has no text or more than max_rows rows."""
    table = read_table(data, filename, column)
    reviews = table.texts
    if not reviews:
        raise BulkError(
            "bulk_no_rows",
            f"{filename} has no reviews: a .csv needs a header row and at least one data row, "
            "a .txt one review per line.",
            file=filename,
        )
    if not any(r.strip() for r in reviews):
        where = column or filename
        raise BulkError(
            "bulk_no_text",
            f"{where} holds no text; choose the column with the reviews.",
            where=where,
        )
    if len(reviews) > max_rows:
        raise BulkError(
            "bulk_too_many",
            f"{len(reviews):,} rows exceed the limit of {max_rows:,}; split the file.",
            rows=len(reviews),
            limit=max_rows,
        )
    return table


def paste_table(text: str, max_rows: int = MAX_ROWS) -> ReviewTable:
    """One review per pasted line, same rules as a .txt upload; trailing blank lines dropped."""
    return bulk_table(text.rstrip("\r\n").encode("utf-8"), "paste.txt", max_rows=max_rows)


@dataclass(frozen=True)
class BulkSummary:
    """Counts and a histogram for the bulk charts."""

    n: int
    by_label: dict[str | None, int]  # "positive" / "negative" / None (not classified)
    by_status: dict[str, int]  # "ok" / "not_vietnamese" / "empty"
    bin_edges: np.ndarray  # (B + 1,)
    bin_counts: np.ndarray  # (B,)


def bulk_summary(results: list, bins: int = 10) -> BulkSummary:
    """Label and status counts, and a histogram of P(positive) over classified rows."""
    by_label = Counter(r.label for r in results)
    by_status = Counter(r.status for r in results)
    ps = np.array([r.p_positive for r in results if r.p_positive is not None], dtype=float)
    counts, edges = np.histogram(ps, bins=bins, range=(0.0, 1.0))
    return BulkSummary(len(results), dict(by_label), dict(by_status), edges, counts)


RESULT_FIELDS = ("number", "text", "label", "p_positive", "language", "status")


def results_rows(results: list) -> list[dict]:
    """Rows of the results table (RESULT_FIELDS), in input order, numbered from 1."""
    return [
        {
            "number": k,
            "text": r.text,
            "label": r.label,
            "p_positive": r.p_positive,
            "language": r.language,
            "status": r.status,
        }
        for k, r in enumerate(results, start=1)
    ]
