"""Many reviews: what the page accepts, what it refuses (with a code), and the counts."""

from __future__ import annotations

import pytest

from core.errors import CoreError
from core.sentiment import Result
from core.sentiment.bulk import (
    MAX_ROWS,
    BulkError,
    bulk_summary,
    bulk_table,
    check_size,
    paste_table,
    results_rows,
    upload_columns,
)
from ui.i18n import error_text


def test_paste_keeps_blank_lines_in_place_and_drops_the_trailing_newline():
    assert paste_table("ngon\n\ndở\n").texts == ["ngon", "", "dở"]


def test_paste_past_the_row_limit_is_refused_with_the_numbers():
    with pytest.raises(BulkError) as e:
        paste_table("a\nb\nc\nd", max_rows=3)
    assert isinstance(e.value, CoreError)
    assert e.value.code == "bulk_too_many" and e.value.params == {"rows": 4, "limit": 3}
    assert "4 dòng" in error_text(e.value, "vi") and "3 dòng" in error_text(e.value, "vi")


def test_the_default_limit_is_ten_thousand_rows():
    assert MAX_ROWS == 10_000
    assert len(paste_table("ngon\n" * MAX_ROWS).texts) == MAX_ROWS
    with pytest.raises(BulkError, match="10,001"):
        paste_table("ngon\n" * (MAX_ROWS + 1))


def test_a_header_only_csv_has_no_rows():
    with pytest.raises(BulkError) as e:
        bulk_table(b"id,text\n", "reviews.csv")
    assert e.value.code == "bulk_no_rows" and e.value.params == {"file": "reviews.csv"}


def test_a_blank_column_has_no_text_and_names_the_column():
    with pytest.raises(BulkError) as e:
        bulk_table(b"id,comment\n1,\n2,  \n", "reviews.csv", "comment")
    assert e.value.code == "bulk_no_text" and e.value.params == {"where": "comment"}
    with pytest.raises(BulkError) as e:
        bulk_table(b"\n \n", "r.txt")
    assert e.value.params == {"where": "r.txt"}


def test_upload_columns_are_distinct_and_an_empty_file_is_refused():
    assert upload_columns(b"id,text,id\n1,a,2\n", "r.csv") == ["id", "text"]
    with pytest.raises(BulkError) as e:
        upload_columns(b"", "r.csv")
    assert e.value.code == "bulk_no_rows"


def test_check_size_refuses_only_past_the_limit():
    check_size(5 * 2**20, "big.txt", 5)
    with pytest.raises(BulkError) as e:
        check_size(5 * 2**20 + 1, "big.txt", 5)
    assert e.value.code == "bulk_too_big" and e.value.params["limit"] == 5
    assert "5 MB" in error_text(e.value, "en") and "big.txt" in error_text(e.value, "en")


def test_bulk_summary_counts_every_row():
    results = [
        Result("a", "positive", 0.91, "vi", "ok"),
        Result("b", "negative", 0.12, "vi", "ok"),
        Result("", None, None, "", "empty"),
        Result("c", "positive", 0.55, "en", "not_vietnamese"),
    ]
    s = bulk_summary(results)
    assert s.n == 4
    assert s.by_label == {"positive": 2, "negative": 1, None: 1}
    assert s.by_status == {"ok": 2, "empty": 1, "not_vietnamese": 1}
    assert s.bin_counts.sum() == 3 and s.bin_counts[9] == 1 and s.bin_counts[1] == 1
    rows = results_rows(results)
    assert [r["number"] for r in rows] == [1, 2, 3, 4] and rows[2]["label"] is None
    assert [r["text"] for r in rows] == ["a", "b", "", "c"]


def test_an_upload_keeps_its_other_columns_for_the_download():
    """The table the page downloads: an id (and any other column) beside each result."""
    from core.sentiment.classify import table_to_csv

    data = 'id,text,stars\n7,Ngon quá,5\n8,,1\n9,"Dở, đắt",2\n'.encode()
    table = bulk_table(data, "r.csv")
    assert table.texts == ["Ngon quá", "", "Dở, đắt"]
    assert table.columns[:2] == ("id", "stars") and table.kept == [["7", "5"], ["8", "1"],
                                                                   ["9", "2"]]  # fmt: skip
    results = [Result(x, None, None, "", "empty") for x in table.texts]
    out = table_to_csv(table, results).decode("utf-8")
    assert out.startswith("\ufeffid,stars,text,label,p_positive,language,status\r\n")
    assert out.splitlines()[1] == "7,5,Ngon quá,,,,empty"


def test_a_paste_is_a_table_of_the_five_result_columns():
    table = paste_table("ngon\n\ndở\n")
    assert table.texts == ["ngon", "", "dở"] and table.kept == [[], [], []]
    assert table.columns == ("text", "label", "p_positive", "language", "status")


def test_a_table_past_the_row_limit_or_without_text_is_refused():
    with pytest.raises(BulkError) as e:
        bulk_table(b"id,text\n1,a\n2,b\n", "r.csv", max_rows=1)
    assert e.value.code == "bulk_too_many"
    with pytest.raises(BulkError) as e:
        bulk_table(b"id,text\n1,\n2, \n", "r.csv")
    assert e.value.code == "bulk_no_text"
