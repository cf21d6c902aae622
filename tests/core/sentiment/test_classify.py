"""The classify command's contract: rows kept in order and count; bad files fail cleanly."""

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import CoreError
from core.sentiment import Result, classify
from core.sentiment.classify import (
    OUTPUT_COLUMNS,
    InputError,
    ReviewTable,
    csv_columns,
    read_table,
    table_to_csv,
)
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
    """The rows of an output file, which starts with a UTF-8 BOM (issue 13: Excel)."""
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_rows_kept_in_order_and_count(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(src, [(k, t) for k, t in enumerate(REVIEWS)], bom=True)
    r = run_cli(src, out)
    assert r.returncode == 0, r.stderr
    rows = read_output(out)
    # Issue 13: the input's other columns (id) come first, then the result columns.
    assert list(rows[0]) == ["id", "text", "label", "p_positive", "language", "status"]
    assert [row["id"] for row in rows] == [str(k) for k in range(len(REVIEWS))]
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


def test_read_table_multiline_and_short_rows():
    data = b'text,id\n"line one\nline two",1\n\nlast\n'
    assert read_table(data, "x.csv").texts == ["line one\nline two", "", "last"]


def test_read_table_errors_are_input_errors():
    with pytest.raises(InputError, match="not UTF-8") as e:
        read_table(b"\xff\xfe\x00q", "x.txt")
    assert (e.value.code, e.value.params) == ("file_not_utf8", {"file": "x.txt", "byte": 0})
    with pytest.raises(InputError, match="columns: 'a', 'b'") as e:
        read_table(b"a,b\n1,2\n", "x.csv")
    assert (e.value.code, e.value.params) == (
        "csv_no_column",
        {"file": "x.csv", "column": "text", "columns": "'a', 'b'"},
    )
    with pytest.raises(InputError, match="unsupported") as e:
        read_table(b"x", "x.json")
    assert (e.value.code, e.value.params) == ("file_type", {"file": "x.json", "ext": ".json"})


def test_input_errors_carry_a_code_and_params_for_the_page():
    """Every way a file fails is a CoreError whose code the catalog words (error.<code>)."""
    with pytest.raises(CoreError) as e:
        read_table(b"", "empty.csv", column=" review ")
    assert (e.value.code, e.value.params) == (
        "csv_empty",
        {"file": "empty.csv", "column": "review"},
    )
    with pytest.raises(InputError) as e:
        read_table(b"x", "noext")
    assert (e.value.code, e.value.params) == ("file_type", {"file": "noext", "ext": ""})
    with pytest.raises(InputError) as e:
        read_table(b"\n1,2\n", "x.csv", column="review")
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
        read_table(b"text\nq\n", "x.csv")
    assert (e.value.code, e.value.params) == (
        "csv_unreadable",
        {"file": "x.csv", "detail": "field larger than field limit"},
    )


def test_csv_columns_reads_the_header_with_bom():
    assert csv_columns(b"\xef\xbb\xbfid, text ,note\n1,a,b\n") == ["id", "text", "note"]


def test_table_to_csv_round_trips_awkward_text():
    results = [
        Result('say "hi",\nbye', "positive", 0.75, "vi", "ok"),
        Result("", None, None, "", "empty"),
    ]
    data = table_to_csv(ReviewTable(OUTPUT_COLUMNS, [r.text for r in results], [[], []]), results)
    assert data.startswith(b"\xef\xbb\xbf")  # issue 13: a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
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


# ------------------------------------------------------------------ issue 11: streamed bulk
# ------------------------------------------------------------------ issue 13: every column kept


class FakeModel:
    """Stands for the model where only the file handling is under test: P from the length."""

    def __init__(self):
        self.batches: list[int] = []

    def classify(self, texts, progress=None):
        self.batches.append(len(texts))
        out = [
            Result(t, "positive", len(t) % 7 / 6, "vi", "ok")
            if t.strip()
            else Result(t, None, None, "", "empty")
            for t in texts
        ]
        if progress is not None:
            progress(len(out), len(out))
        return out


def test_other_columns_are_kept_in_order_and_clashing_names_renamed(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(
        b"id,label,text,stars,status\r\n"
        b'7,pos,"quan ngon,\nre",5,new\r\n'
        b"8,neg\r\n"  # a short row: the missing fields are empty
        b"9,neg,do,1,old,EXTRA\r\n"  # fields past the header are not kept
    )
    table = read_table(src.read_bytes(), "in.csv")
    assert table.columns == (
        "id", "label_input", "stars", "status_input", *OUTPUT_COLUMNS,
    )  # fmt: skip
    assert table.texts == ["quan ngon,\nre", "", "do"]
    assert table.kept == [["7", "pos", "5", "new"], ["8", "neg", "", ""], ["9", "neg", "1", "old"]]
    data = table_to_csv(table, FakeModel().classify(table.texts))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(table.columns)
    assert [r[:4] for r in rows[1:]] == table.kept
    assert [r[4] for r in rows[1:]] == table.texts
    assert [r[-1] for r in rows[1:]] == ["ok", "empty", "ok"]


def test_a_txt_gives_the_result_columns_only():
    table = read_table("ngon\r\n\r\ndở\n".encode(), "r.txt")
    assert table.columns == OUTPUT_COLUMNS and table.texts == ["ngon", "", "dở"]
    assert table.kept == [[], [], []]
    data = table_to_csv(table, FakeModel().classify(table.texts))
    assert (
        data
        == (
            "\ufefftext,label,p_positive,language,status\r\n"
            "ngon,positive,0.666667,vi,ok\r\n"
            ",,,,empty\r\n"
            "dở,positive,0.333333,vi,ok\r\n"
        ).encode()
    )


def test_the_command_writes_the_bytes_core_writes(tmp_path, model):
    """The page's download (table_to_csv) and the command's file are the same bytes."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(
        src,
        [(k, t, k % 5) for k, t in enumerate(REVIEWS * 3)],
        header=("id", "text", "stars"),
        bom=True,
    )
    r = run_cli(src, out)
    assert r.returncode == 0, r.stderr
    table = read_table(src.read_bytes(), src.name)
    assert out.read_bytes() == table_to_csv(table, model.classify(table.texts))
    rows = read_output(out)
    assert [row["id"] for row in rows] == [str(k) for k in range(len(REVIEWS) * 3)]
    assert [row["stars"] for row in rows] == [str(k % 5) for k in range(len(REVIEWS) * 3)]


def test_the_file_is_classified_and_written_a_chunk_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(classify, "CHUNK_ROWS", 10)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    texts = [f"review {k}" if k % 4 else "" for k in range(35)]
    write_csv(src, [(k, t) for k, t in enumerate(texts)])
    fake = FakeModel()
    counts = classify.classify_file(src, out, None, fake, total=35)
    assert fake.batches == [10, 10, 10, 5]  # never more than CHUNK_ROWS rows at once
    assert counts == {"ok": 26, "empty": 9, "not_vietnamese": 0, "rows": 35}
    table = read_table(src.read_bytes(), src.name)
    assert out.read_bytes() == table_to_csv(table, FakeModel().classify(texts))
    assert not (tmp_path / "out.csv.part").exists()


def test_memory_does_not_grow_with_the_number_of_rows(tmp_path):
    """Peak Python allocations for 5x the rows stay within 1.5x (all rows held would be 5x)."""
    import tracemalloc

    review = "Quán này đồ ăn ngon , nhân viên dễ thương , sẽ quay lại . " * 4
    peaks = []
    for n in (10_000, 50_000):
        src = tmp_path / f"in{n}.txt"
        src.write_text((review + "\n") * n, encoding="utf-8")
        tracemalloc.start()
        classify.classify_file(src, tmp_path / "out.csv", None, FakeModel(), total=n)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_a_bad_byte_late_in_a_big_file_fails_before_anything_is_written(tmp_path):
    src, out = tmp_path / "big.txt", tmp_path / "out.csv"
    good = ("quán ngon\n" * 5_000).encode()
    src.write_bytes(b"\xef\xbb\xbf" + good + b"ngon \xff qu\xc3\n")
    r = run_cli(src, out)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert (
        f"byte {3 + len(good) + 5} cannot be decoded" in r.stderr
    )  # counted from the file's start
    assert not out.exists() and not (tmp_path / "out.csv.part").exists()
    assert "classified" not in r.stderr


def test_a_cut_multibyte_character_at_the_end_is_found():
    with pytest.raises(InputError) as e:
        read_table("ngon quá".encode()[:-1], "x.txt")
    assert e.value.params == {"file": "x.txt", "byte": len("ngon qu")}


def test_shards_joined_as_the_help_says_equal_the_whole_file(tmp_path):
    lines = [f"quán số {k} ngon" if k % 3 else f"dở tệ {k}" for k in range(30)]
    whole, a, b = tmp_path / "all.txt", tmp_path / "part_00.txt", tmp_path / "part_01.txt"
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    a.write_text("\n".join(lines[:13]) + "\n", encoding="utf-8")  # as `split -l 13` cuts it
    b.write_text("\n".join(lines[13:]) + "\n", encoding="utf-8")
    for name in ("all", "part_00", "part_01"):
        r = run_cli(tmp_path / f"{name}.txt", tmp_path / f"out_{name}.csv")
        assert r.returncode == 0, r.stderr
    first = (tmp_path / "out_part_00.csv").read_bytes()
    rest = (tmp_path / "out_part_01.csv").read_bytes()
    joined = first + rest[rest.index(b"\n") + 1 :]  # tail -n +2: the header line goes
    assert joined == (tmp_path / "out_all.csv").read_bytes()
    help_text = run_cli("--help").stdout
    assert "split -l" in help_text and "tail -q -n +2" in help_text and "shard" in help_text


@pytest.mark.skipif(shutil.which("split") is None, reason="needs coreutils' split")
def test_a_csv_sharded_and_joined_with_the_helps_commands_equals_the_whole(tmp_path):
    """The help's two commands, run as written: GNU split with the header in every shard,
    then tail to join; the joined output is the whole file's, byte for byte."""
    help_text = " ".join(run_cli("--help").stdout.split())
    split_cmd = re.search(r"`(tail -n \+2 big\.csv \| split [^`]*)`", help_text).group(1)
    join_cmd = re.search(r"`(tail -q -n \+2 [^`]*)`", help_text).group(1)
    if subprocess.run(["split", "--version"], capture_output=True).returncode:
        pytest.skip("not GNU split")
    rows = [(k, f"quán số {k} ngon" if k % 3 else f"dở tệ {k}", k % 5) for k in range(7)]
    write_csv(tmp_path / "big.csv", rows, header=("id", "text", "stars"))
    split_cmd = split_cmd.replace("100000", "3")  # 3 shards of at most 3 rows
    subprocess.run(split_cmd, shell=True, cwd=tmp_path, check=True)
    shards = sorted(tmp_path.glob("part_*.csv"))
    assert [p.name for p in shards] == ["part_00.csv", "part_01.csv", "part_02.csv"]
    for p in [tmp_path / "big.csv", *shards]:
        r = run_cli(p, tmp_path / f"out_{p.stem.removeprefix('part_')}.csv")
        assert r.returncode == 0, r.stderr
    subprocess.run(join_cmd, shell=True, cwd=tmp_path, check=True)  # appends to out_00.csv
    assert (tmp_path / "out_00.csv").read_bytes() == (tmp_path / "out_big.csv").read_bytes()


def test_model_choice_is_passed_to_load_model(tmp_path, monkeypatch):
    """--model bag|rnn|lstm names the model load_model opens; lstm by default."""
    calls = []

    def fake_load_model(models_dir=None, *, name="lstm"):
        calls.append(name)
        return FakeModel()

    monkeypatch.setattr(classify, "load_model", fake_load_model)
    src = tmp_path / "in.txt"
    src.write_text("ngon\ndở\n", encoding="utf-8")
    for flag, expected in ([], "lstm"), (["--model", "rnn"], "rnn"), (["--model", "bag"], "bag"):
        assert classify.main([str(src), str(tmp_path / "out.csv"), *flag]) == 0
        assert calls[-1] == expected
    assert len(calls) == 3


@pytest.mark.parametrize("name", ["bag", "rnn", "lstm"])
def test_each_shipped_model_writes_the_bytes_core_writes(tmp_path, name):
    """The command with --model writes that model's verdicts, in today's columns and order."""
    from core.sentiment import load_model

    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("id,text\n7,Bún chả ở đây ngon\n8,\n9,Phục vụ chậm quá\n".encode())
    assert classify.main([str(src), str(out), "--model", name]) == 0
    table = read_table(src.read_bytes(), "in.csv")
    assert out.read_bytes() == table_to_csv(table, load_model(name=name).classify(table.texts))
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0] == ["id", "text", "label", "p_positive", "language", "status"]
    assert [r[0] for r in rows[1:]] == ["7", "8", "9"] and rows[2][-1] == "empty"


def test_a_model_that_cannot_load_fails_cleanly(tmp_path, monkeypatch, capsys):
    from core.sentiment import MODELS_DIR, ModelUnavailable

    def broken(models_dir=None, *, name="lstm"):
        raise ModelUnavailable.missing(MODELS_DIR / f"sentiment/{name}/model.onnx")

    monkeypatch.setattr(classify, "load_model", broken)
    src, out = tmp_path / "in.txt", tmp_path / "rnn.csv"
    src.write_text("ngon\n", encoding="utf-8")
    assert classify.main([str(src), str(out), "--model", "rnn"]) == 2
    err = capsys.readouterr().err
    assert "models/sentiment/rnn/model.onnx is missing" in err and "make train" in err
    assert not out.exists()
    with pytest.raises(SystemExit):
        classify.main([str(src), str(out), "--model", "gru"])


def test_a_result_per_row_or_an_error():
    table = read_table(b"id,text\n1,ngon\n2,do\n", "r.csv")
    with pytest.raises(ValueError):
        table_to_csv(table, FakeModel().classify(["ngon"]))
