"""Classify a file of reviews: `python -m core.classify INPUT OUTPUT [--column NAME]`.

INPUT is a .csv with a `text` column (quoted reviews may span lines) or a .txt with
one review per line, UTF-8 (a BOM is fine). OUTPUT is a .csv with one row per input
row, in input order: text, label, p_positive, language, status. A missing file, a
CSV without a usable column or a file that is not UTF-8 ends with a message on
stderr and exit code 2. The page uses read_reviews / csv_columns / results_to_csv,
whose InputError carries a code and params for the page to word (str() is English).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from core.errors import CoreError
from core.sentiment import ModelUnavailable, Result, load_model

DEFAULT_COLUMN = "text"
OUTPUT_COLUMNS = ("text", "label", "p_positive", "language", "status")
EXTENSIONS = (".csv", ".txt")
csv.field_size_limit(2**31 - 1)  # a review may be long; the default limit is 128 KiB


class InputError(CoreError):
    """The input cannot be read as reviews. Codes: file_not_utf8 {file, byte},
    file_type {file, ext}, csv_unreadable {file, detail}, csv_empty {file, column},
    csv_no_column {file, column, columns}; the message tells the user what to fix."""


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")  # strips a UTF-8 BOM if there is one
    except UnicodeDecodeError as e:
        raise InputError(
            "file_not_utf8",
            f"{filename or 'the file'} is not UTF-8 text (byte {e.start} cannot be decoded); "
            "save it as UTF-8 (e.g. 'CSV UTF-8' in Excel) and try again.",
            file=filename,
            byte=e.start,
        ) from None


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_columns(data: bytes, filename: str = "") -> list[str]:
    """The header of a CSV file (for the page's column chooser)."""
    rows = _rows(_decode(data, filename)[:1_000_000])
    return [c.strip() for c in rows[0]] if rows else []


def read_reviews(data: bytes, filename: str, column: str | None = None) -> list[str]:
    """The reviews of a .csv (column `column`, default "text") or .txt (one per line).

    Every data row / line is one review, empty ones included, so the output can keep
    the input's rows one for one.
    """
    ext = Path(filename).suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError(
            "file_type",
            f"{filename}: unsupported file type {ext or '(none)'}; use .csv (a 'text' column) "
            "or .txt (one review per line).",
            file=filename,
            ext=ext,
        )
    text = _decode(data, filename)
    if ext == ".txt":
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the newline that ends the last line does not start a review
        return lines
    try:
        rows = _rows(text)
    except csv.Error as e:
        raise InputError(
            "csv_unreadable",
            f"{filename} is not a readable CSV file ({e}).",
            file=filename,
            detail=str(e),
        ) from None
    if not rows:
        raise InputError(
            "csv_empty",
            f"{filename} is empty: expected a header row with a '{DEFAULT_COLUMN}' column.",
            file=filename,
            column=DEFAULT_COLUMN if column is None else column.strip(),
        )
    header = [c.strip() for c in rows[0]]
    wanted = DEFAULT_COLUMN if column is None else column.strip()
    matches = [k for k, c in enumerate(header) if c == wanted]
    if not matches and column is None:
        matches = [k for k, c in enumerate(header) if c.lower() == wanted]
    if not matches:
        shown = ", ".join(repr(c) for c in header)  # "" when the header is empty
        raise InputError(
            "csv_no_column",
            f"{filename} has no column {wanted!r} (columns: {shown or '(none)'}); name the "
            f"review column '{DEFAULT_COLUMN}' or choose it (--column NAME).",
            file=filename,
            column=wanted,
            columns=shown,
        )
    k = matches[0]
    return [row[k] if k < len(row) else "" for row in rows[1:]]


def results_to_csv(results: list[Result]) -> bytes:
    """UTF-8 CSV with columns text, label, p_positive, language, status."""
    buf = io.StringIO(newline="")
    # CRLF, as RFC 4180 says: the writer then quotes any field holding a \r or \n, so a
    # review with a bare carriage return stays one row for every reader.
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(OUTPUT_COLUMNS)
    for r in results:
        p = "" if r.p_positive is None else f"{r.p_positive:.6f}"
        w.writerow([r.text, r.label or "", p, r.language, r.status])
    return buf.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m core.classify", description=__doc__.splitlines()[0]
    )
    ap.add_argument(
        "input", type=Path, help=".csv with a 'text' column, or .txt one review per line"
    )
    ap.add_argument("output", type=Path, help="the .csv to write")
    ap.add_argument("--column", default=None, help="the CSV column holding the reviews")
    args = ap.parse_args(argv)

    def fail(msg: str) -> int:
        print(f"error: {msg}", file=sys.stderr)
        return 2

    if not args.input.is_file():
        return fail(f"{args.input} does not exist (or is not a file).")
    try:
        texts = read_reviews(args.input.read_bytes(), args.input.name, args.column)
        model = load_model()
    except (InputError, ModelUnavailable) as e:
        return fail(str(e))
    except OSError as e:
        return fail(f"cannot read {args.input}: {e.strerror}.")

    def progress(done: int, total: int) -> None:
        print(f"classified {done}/{total} reviews", file=sys.stderr, flush=True)

    results = model.classify(texts, progress=progress if len(texts) > 2_000 else None)
    tmp = args.output.with_name(args.output.name + ".part")
    try:
        tmp.write_bytes(results_to_csv(results))
        os.replace(tmp, args.output)
    except OSError as e:
        return fail(f"cannot write {args.output}: {e.strerror}.")
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "empty", "not_vietnamese")}
    print(
        f"wrote {len(results)} rows to {args.output} "
        f"({counts['ok']} ok, {counts['empty']} empty, {counts['not_vietnamese']} not Vietnamese)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
