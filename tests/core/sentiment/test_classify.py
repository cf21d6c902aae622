"""The classify command's contract: rows kept in order and count; bad files fail cleanly."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import CoreError
from core.sentiment import Result
from core.sentiment.classify import InputError, csv_columns, read_reviews, results_to_csv
from tests.support.paths import ROOT

REVIEWS = [
    "Quán này đồ ăn ngon , nhân viên dễ thương , sẽ quay lại .",
    'Phục vụ chậm,\nđồ ăn nguội, "không" bao giờ quay lại.',  # spans lines, has quotes
    "",
    "The coffee is great and the staff are friendly, I love this place.",
    "Giá rẻ mà ngon 👍👍 https://foody.vn",
]


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "core.classify", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def write_csv(path: Path, rows, header=("id", "text"), bom=False):
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))


def read_output(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_rows_kept_in_order_and_count(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src, [(k, t) for k, t in enumerate(REVIEWS)], bom=True)
    r = run_cli(src, out)
    assert r.returncode == 0, r.stderr
    rows = read_output(out)
    assert list(rows[0]) == ["text", "label", "p_positive", "language", "status"]
    assert [row["text"] for row in rows] == REVIEWS
    assert [row["status"] for row in rows] == ["ok", "ok", "empty", "not_vietnamese", "ok"]
    assert rows[0]["label"] == "positive" and rows[1]["label"] == "negative"
    assert rows[2]["label"] == "" and rows[2]["p_positive"] == ""
    assert rows[3]["label"] in ("positive", "negative") and rows[3]["language"] == "en"
    assert all(0 <= float(row["p_positive"]) <= 1 for row in rows if row["p_positive"])


def test_txt_one_review_per_line_empty_lines_kept(tmp_path):
    src, out = tmp_path / "in.txt", tmp_path / "out.csv"
    lines = ["quán ngon lắm", "", "dở tệ , không bao giờ quay lại", "   ", "Nice place"]
    src.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    r = run_cli(src, out)
    assert r.returncode == 0, r.stderr
    rows = read_output(out)
    assert [row["text"] for row in rows] == lines
    assert [row["status"] for row in rows] == ["ok", "empty", "ok", "empty", "not_vietnamese"]


def test_chosen_column(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src, [("quán ngon", "x"), ("quán dở", "y")], header=("review", "note"))
    assert run_cli(src, out).returncode == 2
    r = run_cli(src, out, "--column", "review")
    assert r.returncode == 0, r.stderr
    assert [row["text"] for row in read_output(out)] == ["quán ngon", "quán dở"]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("missing.csv", None, "does not exist"),
        ("nocol.csv", "id,comment\n1,quán ngon\n".encode(), "no column 'text'"),
        ("latin.csv", "text\nQuán ngon\n".encode("cp1258"), "not UTF-8"),
        ("utf16.txt", "quán ngon\n".encode("utf-16"), "not UTF-8"),
        ("empty.csv", b"", "empty"),
        ("reviews.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_fail_cleanly_with_exit_code_2(tmp_path, name, content, message):
    src, out = tmp_path / name, tmp_path / "out.csv"
    if content is not None:
        src.write_bytes(content)
    r = run_cli(src, out)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_read_reviews_multiline_and_short_rows():
    data = b'text,id\n"line one\nline two",1\n\nlast\n'
    assert read_reviews(data, "x.csv") == ["line one\nline two", "", "last"]


def test_read_reviews_errors_are_input_errors():
    with pytest.raises(InputError, match="not UTF-8") as e:
        read_reviews(b"\xff\xfe\x00q", "x.txt")
    assert (e.value.code, e.value.params) == ("file_not_utf8", {"file": "x.txt", "byte": 0})
    with pytest.raises(InputError, match="columns: 'a', 'b'") as e:
        read_reviews(b"a,b\n1,2\n", "x.csv")
    assert (e.value.code, e.value.params) == (
        "csv_no_column",
        {"file": "x.csv", "column": "text", "columns": "'a', 'b'"},
    )
    with pytest.raises(InputError, match="unsupported") as e:
        read_reviews(b"x", "x.json")
    assert (e.value.code, e.value.params) == ("file_type", {"file": "x.json", "ext": ".json"})


def test_input_errors_carry_a_code_and_params_for_the_page():
    """Every way a file fails is a CoreError whose code the catalog words (error.<code>)."""
    with pytest.raises(CoreError) as e:
        read_reviews(b"", "empty.csv", column=" review ")
    assert (e.value.code, e.value.params) == (
        "csv_empty",
        {"file": "empty.csv", "column": "review"},
    )
    with pytest.raises(InputError) as e:
        read_reviews(b"x", "noext")
    assert (e.value.code, e.value.params) == ("file_type", {"file": "noext", "ext": ""})
    with pytest.raises(InputError) as e:
        read_reviews(b"\n1,2\n", "x.csv", column="review")
    assert e.value.code == "csv_no_column" and e.value.params["columns"] == ""
    with pytest.raises(InputError) as e:
        csv_columns("café".encode("latin-1"))
    assert e.value.code == "file_not_utf8" and e.value.params["file"] == ""
    assert "the file is not UTF-8" in str(e.value)


def test_an_unreadable_csv_is_csv_unreadable(monkeypatch):
    import core.sentiment.classify as classify

    def broken(text):
        raise csv.Error("field larger than field limit")

    monkeypatch.setattr(classify, "_rows", broken)
    with pytest.raises(InputError, match="not a readable CSV") as e:
        read_reviews(b"text\nq\n", "x.csv")
    assert (e.value.code, e.value.params) == (
        "csv_unreadable",
        {"file": "x.csv", "detail": "field larger than field limit"},
    )


def test_csv_columns_reads_the_header_with_bom():
    assert csv_columns(b"\xef\xbb\xbfid, text ,note\n1,a,b\n") == ["id", "text", "note"]


def test_results_to_csv_round_trips_awkward_text():
    results = [
        Result('say "hi",\nbye', "positive", 0.75, "vi", "ok"),
        Result("", None, None, "", "empty"),
    ]
    rows = list(csv.DictReader(io.StringIO(results_to_csv(results).decode("utf-8"))))
    assert rows[0] == {
        "text": 'say "hi",\nbye',
        "label": "positive",
        "p_positive": "0.750000",
        "language": "vi",
        "status": "ok",
    }
    assert rows[1]["label"] == "" and rows[1]["status"] == "empty"


def test_progress_on_stderr_for_large_files(tmp_path):
    src, out = tmp_path / "big.txt", tmp_path / "out.csv"
    src.write_text("\n".join(["quán ngon", "dở"] * 1_500) + "\n", encoding="utf-8")
    r = run_cli(src, out)
    assert r.returncode == 0, r.stderr
    assert "classified 3000/3000" in r.stderr
    assert len(read_output(out)) == 3_000
