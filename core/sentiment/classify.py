"""Classify a file of reviews: `python -m core.classify INPUT OUTPUT [--column NAME] [--model M]`.

INPUT is a .csv with a `text` column (quoted reviews may span lines) or a .txt with
one review per line, UTF-8 (a BOM is fine). OUTPUT is a .csv, UTF-8 with a BOM (so
Excel shows Vietnamese), with one row per input row, in input order: the input's
other columns as they were (an `id` survives), then text, label, p_positive,
language, status. A .txt gives the five result columns only. An input column whose
name is one of those five is kept as `<name>_input`.

The file is streamed: read, classified and written CHUNK_ROWS rows at a time, so
memory stays flat whatever the number of rows (scripts/bench_bulk.py measures it).
A first pass checks the whole input (UTF-8, CSV) and counts its rows before anything
is written. A missing file, a CSV without a usable column, a file that is not UTF-8
or a model that is not there ends with a message on stderr and exit code 2, and
OUTPUT is left untouched.

A corpus too large for one machine is sharded: split the file, classify each shard
independently (on any machine), and join the outputs in shard order: the first whole,
the others without their header line (which carries the BOM), e.g.
`tail -q -n +2 out_01.csv out_02.csv >> out_00.csv`. A .txt splits anywhere
(`split -l 100000 -d big.txt part_`); a .csv needs its header in every shard and must
not be cut inside a quoted review that spans lines; when none does, GNU split does it:
`tail -n +2 big.csv | split -l 100000 -d --additional-suffix=.csv
--filter='{ head -n 1 big.csv; cat; } > $FILE' - part_`.

The page uses read_table / csv_columns / table_to_csv (all columns kept); their
InputError carries a code and params for the page to word (str() is English).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core.errors import CoreError
from core.sentiment import DEFAULT_MODEL, MODEL_NAMES, ModelUnavailable, Result, load_model

DEFAULT_COLUMN = "text"
OUTPUT_COLUMNS = ("text", "label", "p_positive", "language", "status")
EXTENSIONS = (".csv", ".txt")
CHUNK_ROWS = 4_096  # rows held at once by the command: memory is bounded by this, not the file
PROGRESS_OVER = 2_000  # the command reports progress for inputs with more rows than this
BOM = "\ufeff"
csv.field_size_limit(2**31 - 1)  # a review may be long; the default limit is 128 KiB


class InputError(CoreError):
    """The input cannot be read as reviews. Codes: file_not_utf8 {file, byte},
    file_type {file, ext}, csv_unreadable {file, detail}, csv_empty {file, column},
    csv_no_column {file, column, columns}; the message tells the user what to fix."""


def _not_utf8(filename: str, byte: int) -> InputError:
    return InputError(
        "file_not_utf8",
        f"{filename or 'the file'} is not UTF-8 text (byte {byte} cannot be decoded); "
        "save it as UTF-8 (e.g. 'CSV UTF-8' in Excel) and try again.",
        file=filename,
        byte=byte,
    )


def _first_bad_byte(f: BinaryIO) -> int:
    """The file offset of the first byte that is not UTF-8 (read again from the start, in
    blocks: only the error path pays for it)."""
    f.seek(0)
    dec = codecs.getincrementaldecoder("utf-8")()
    done = 0
    while True:
        block = f.read(1 << 20)
        pending = len(dec.getstate()[0])  # bytes of a character cut by the previous block
        try:
            dec.decode(block, final=not block)
        except UnicodeDecodeError as e:
            return done - pending + e.start
        if not block:
            return done  # not reached for a file that failed to decode
        done += len(block)


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")  # strips a UTF-8 BOM if there is one
    except UnicodeDecodeError:
        raise _not_utf8(filename, _first_bad_byte(io.BytesIO(data))) from None


def _rows(lines: Iterable[str]) -> Iterator[list[str]]:
    """CSV rows of a text stream opened with newline="" (quoted line breaks kept)."""
    return csv.reader(lines)


def csv_columns(data: bytes, filename: str = "") -> list[str]:
    """The header of a CSV file (for the page's column chooser)."""
    rows = _rows(io.StringIO(_decode(data, filename)[:1_000_000], newline=""))
    return [c.strip() for c in next(rows, [])]


# ------------------------------------------------------------------ reading, streamed


@dataclass(frozen=True)
class Layout:
    """How the input's rows map to output rows."""

    review: int | None  # index of the review column in a CSV row; None for a .txt line
    keep: tuple[int, ...]  # indices of the input's other columns, in order
    columns: tuple[str, ...]  # the output header: kept columns (renamed on a clash), results


def _layout(filename: str, header: list[str] | None, column: str | None) -> Layout:
    """The review column of a CSV header (or a .txt's single column); InputError if none."""
    if header is None:
        return Layout(None, (), OUTPUT_COLUMNS)
    names = [c.strip() for c in header]
    wanted = DEFAULT_COLUMN if column is None else column.strip()
    matches = [k for k, c in enumerate(names) if c == wanted]
    if not matches and column is None:
        matches = [k for k, c in enumerate(names) if c.lower() == wanted]
    if not matches:
        shown = ", ".join(repr(c) for c in names)  # "" when the header is empty
        raise InputError(
            "csv_no_column",
            f"{filename} has no column {wanted!r} (columns: {shown or '(none)'}); name the "
            f"review column '{DEFAULT_COLUMN}' or choose it (--column NAME).",
            file=filename,
            column=wanted,
            columns=shown,
        )
    review = matches[0]
    keep = tuple(k for k in range(len(header)) if k != review)
    taken = set(OUTPUT_COLUMNS)
    kept_names = []
    for k in keep:
        name = header[k]
        while name.strip() in taken:  # a program reading `label` must get ours, not theirs
            name = f"{name.strip()}_input"
        taken.add(name.strip())
        kept_names.append(name)
    return Layout(review, keep, (*kept_names, *OUTPUT_COLUMNS))


def _check_type(filename: str) -> str:
    ext = Path(filename).suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError(
            "file_type",
            f"{filename}: unsupported file type {ext or '(none)'}; use .csv (a 'text' column) "
            "or .txt (one review per line).",
            file=filename,
            ext=ext,
        )
    return ext


def _stream_rows(
    f: BinaryIO, filename: str, column: str | None
) -> tuple[Layout, Iterator[tuple[list[str], str]]]:
    """The layout of a binary input and an iterator of its rows as (kept fields, review text).

    Nothing but the current row is held: the caller decides how many to keep. Errors
    (InputError) come from this call for the header and from the iterator for the rows.
    """
    ext = _check_type(filename)
    if ext == ".txt":
        # Universal newlines: \r\n, \r and \n each end a line, as in a text editor.
        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline=None)
        lines = (line[:-1] if line.endswith("\n") else line for line in text)
        return _layout(filename, None, column), _guard(((([], s) for s in lines)), f, filename)
    text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
    try:
        rows = _rows(text)
        header = next(rows, None)
    except csv.Error as e:
        raise _unreadable(filename, e) from None
    except UnicodeDecodeError:
        raise _not_utf8(filename, _first_bad_byte(f)) from None
    if header is None:
        raise InputError(
            "csv_empty",
            f"{filename} is empty: expected a header row with a '{DEFAULT_COLUMN}' column.",
            file=filename,
            column=DEFAULT_COLUMN if column is None else column.strip(),
        )
    layout = _layout(filename, header, column)
    k, keep = layout.review, layout.keep

    def split(row: list[str]) -> tuple[list[str], str]:
        # A short row is filled with empty fields; fields past the header are not kept.
        return [row[j] if j < len(row) else "" for j in keep], row[k] if k < len(row) else ""

    return layout, _guard(map(split, rows), f, filename)


def _unreadable(filename: str, e: csv.Error) -> InputError:
    return InputError(
        "csv_unreadable",
        f"{filename} is not a readable CSV file ({e}).",
        file=filename,
        detail=str(e),
    )


def _guard(rows: Iterator, f: BinaryIO, filename: str) -> Iterator:
    """rows, with a decoding or CSV error met mid-file turned into InputError."""
    try:
        yield from rows
    except csv.Error as e:
        raise _unreadable(filename, e) from None
    except UnicodeDecodeError:
        raise _not_utf8(filename, _first_bad_byte(f)) from None


# ------------------------------------------------------------------ in memory (the page)


@dataclass(frozen=True)
class ReviewTable:
    """An input read whole: its reviews and the other columns to write back beside them."""

    columns: tuple[str, ...]  # the output header: other input columns, then OUTPUT_COLUMNS
    texts: list[str]  # one review per data row / line, empty ones included
    kept: list[list[str]]  # per row, the other columns' fields


def read_table(data: bytes, filename: str, column: str | None = None) -> ReviewTable:
    """The reviews of a .csv (column `column`, default "text") or .txt (one per line), with
    every other CSV column kept for the output (table_to_csv)."""
    _check_type(filename)
    _decode(data, filename)  # the whole upload is UTF-8, or the error names the first bad byte
    layout, rows = _stream_rows(io.BytesIO(data), filename, column)
    kept, texts = [], []
    for fields, text in rows:
        kept.append(fields)
        texts.append(text)
    return ReviewTable(layout.columns, texts, kept)


def _result_fields(r: Result) -> list[str]:
    p = "" if r.p_positive is None else f"{r.p_positive:.6f}"
    return [r.text, r.label or "", p, r.language, r.status]


def _writer(f) -> csv.writer:
    # CRLF, as RFC 4180 says: the writer then quotes any field holding a \r or \n, so a
    # review with a bare carriage return stays one row for every reader.
    return csv.writer(f, lineterminator="\r\n")


def table_to_csv(table: ReviewTable, results: list[Result]) -> bytes:
    """UTF-8 CSV with a BOM: the table's other columns, then text, label, p_positive,
    language, status; the very bytes the command writes for the same input."""
    buf = io.StringIO(newline="")
    buf.write(BOM)
    w = _writer(buf)
    w.writerow(table.columns)
    for fields, r in zip(table.kept, results, strict=True):  # one result per row, or an error
        w.writerow([*fields, *_result_fields(r)])
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------------ the command


def _batches(rows: Iterator, n: int) -> Iterator[list]:
    while batch := list(itertools.islice(rows, n)):
        yield batch


def count_rows(src: Path, column: str | None) -> int:
    """The data rows of src, read through once: every input error shows here, before any
    row is classified or written."""
    with src.open("rb") as f:
        return sum(1 for _ in _stream_rows(f, src.name, column)[1])


def classify_file(
    src: Path,
    dst: Path,
    column: str | None,
    model,
    total: int,
    log: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Stream src through model into dst, CHUNK_ROWS rows at a time; dst is written whole or
    not at all. Returns the rows written and their counts by status."""
    counts = dict.fromkeys(("ok", "empty", "not_vietnamese"), 0)
    tmp = dst.with_name(dst.name + ".part")
    done = 0

    def progress(k: int, _: int) -> None:
        if total > PROGRESS_OVER:
            log(f"classified {done + k}/{total} reviews")

    try:
        with src.open("rb") as f, tmp.open("w", encoding="utf-8", newline="") as out:
            layout, rows = _stream_rows(f, src.name, column)
            out.write(BOM)
            w = _writer(out)
            w.writerow(layout.columns)
            for batch in _batches(rows, CHUNK_ROWS):
                results = model.classify([text for _, text in batch], progress=progress)
                for (fields, _), r in zip(batch, results, strict=True):
                    w.writerow([*fields, *_result_fields(r)])
                    counts[r.status] = counts.get(r.status, 0) + 1
                done += len(batch)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)  # an interrupted run leaves no half file behind
    counts["rows"] = done
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m core.classify",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n")[3],  # how to shard a large corpus
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "input", type=Path, help=".csv with a 'text' column, or .txt one review per line"
    )
    ap.add_argument("output", type=Path, help="the .csv to write (UTF-8 with a BOM)")
    ap.add_argument("--column", default=None, help="the CSV column holding the reviews")
    ap.add_argument(
        "--model",
        choices=MODEL_NAMES,
        default=DEFAULT_MODEL,
        help="which model classifies: bag (slide 8's EmbeddingBag), rnn (slide 25), lstm",
    )
    args = ap.parse_args(argv)

    def fail(msg: str) -> int:
        print(f"error: {msg}", file=sys.stderr)
        return 2

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if not args.input.is_file():
        return fail(f"{args.input} does not exist (or is not a file).")
    try:
        total = count_rows(args.input, args.column)  # the input's errors before the model's
        model = load_model(name=args.model)
    except (InputError, ModelUnavailable) as e:
        return fail(str(e))
    except OSError as e:
        return fail(f"cannot read {args.input}: {e.strerror}.")
    try:
        counts = classify_file(args.input, args.output, args.column, model, total, log)
    except InputError as e:  # the file changed since it was counted
        return fail(str(e))
    except OSError as e:
        if e.filename is not None and Path(e.filename) == args.input:
            return fail(f"cannot read {args.input}: {e.strerror}.")
        return fail(f"cannot write {args.output}: {e.strerror}.")
    log(
        f"wrote {counts['rows']} rows to {args.output} "
        f"({counts['ok']} ok, {counts['empty']} empty, "
        f"{counts['not_vietnamese']} not Vietnamese)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
