"""What the sentiment page draws, checked without a browser: escaping, marks, counts, gates."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest

from core.sentiment import Result, load_model
from core.sentiment.classify import InputError
from ui.sentiment.view import (
    EXAMPLES,
    MAX_REVIEW_CHARS,
    bulk_summary,
    heat_html,
    looks_unaccented,
    marked_html,
    model_card,
    paste_reviews,
    removed_html,
    results_rows,
    review_view,
    tokens_html,
    top_influences,
    top_phrases,
)

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b \"'"]


@pytest.fixture(scope="module")
def model():
    return load_model()


def _visible(body: str) -> str:
    """The text a browser shows for an HTML body (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", body))


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_html_helper_escapes_user_text(payload):
    bodies = [
        marked_html(payload + " quán ngon", "urls_html", ()),
        marked_html(payload, "punct_digits", ("<", ">")),
        removed_html("urls_html", (payload,)),
        tokens_html([payload, "ngon"], [1, 5], [True, False], 400),
        heat_html([payload, "ngon"], [0.3, -0.1], [True, False]),
    ]
    for body in bodies:
        assert "<script" not in body and "<img" not in body and 'onerror="' not in body
        assert payload in _visible(body)  # shown to the reader as typed


def test_marked_html_strikes_what_the_step_removed_in_order():
    before = "Ngon quá!!! 10 điểm, https://x.vn"
    body = marked_html(before, "punct_digits", ("!!!", "10", ","))
    struck = re.findall(r"line-through;\">([^<]*)</span>", body)
    assert struck == ["!!!", "10", ","]
    assert _visible(body) == before  # nothing is lost from the text shown


def test_marked_html_shows_whitespace_and_case_changes():
    body = marked_html("  Quán   ngon\n", "whitespace", ())
    assert _visible(body).count("␣") == 2 + 3 + 1  # leading, the run, the newline
    body = marked_html("Quán Ngon", "lowercase", ())
    assert re.findall(r"underline;font-weight:700;\">([^<]*)</span>", body) == ["Q", "N"]


def test_heat_colours_follow_the_sign_and_size_of_the_influence():
    body = heat_html(["ngon", "dở", "quán"], [0.4, -0.2, 0.0], [False, False, False])
    spans = re.findall(r"rgba\(([\d, ]+),([\d.]+)\)\">([^<]*)<", body)
    (g, a_pos, t1), (r, a_neg, t2), (_, a_zero, t3) = spans
    assert (t1, t2, t3) == ("ngon", "dở", "quán")
    assert g == "47, 158, 68" and r == "224, 49, 49"
    assert float(a_pos) > float(a_neg) > float(a_zero)  # |0.4| > |-0.2| > 0


def test_top_influences_split_by_sign_and_sorted_by_size():
    pos, neg = top_influences(["a", "b", "c", "d", "a"], [0.1, -0.3, 0.0, 0.2, -0.05], k=5)
    assert pos == [("d (#4)", 0.2), ("a (#1)", 0.1)]
    assert neg == [("b (#2)", -0.3), ("a (#5)", -0.05)]
    assert top_influences(["a"] * 9, [0.1] * 9, k=3)[0] == [(f"a (#{t})", 0.1) for t in (1, 2, 3)]


def test_tokens_html_marks_unknown_tokens_and_the_cut():
    body = tokens_html(["a", "b", "c", "d"], [5, 1], [False, True], 2)
    assert body.count("&lt;unk&gt;") == 1
    assert "Cắt tại token 2" in body
    assert 'line-through">c<' in body and 'line-through">d<' in body


def test_unaccented_detector():
    assert looks_unaccented(EXAMPLES["no_diacritics"][1])
    assert not looks_unaccented(EXAMPLES["pos1"][1])
    assert not looks_unaccented("😀 123")


# -------------------------------------------------------------- many reviews


def test_paste_keeps_blank_lines_in_place_and_drops_the_trailing_newline():
    assert paste_reviews("ngon\n\ndở\n") == ["ngon", "", "dở"]


def test_paste_past_the_row_limit_is_refused_with_the_numbers():
    with pytest.raises(InputError, match="4 dòng.*3 dòng"):
        paste_reviews("a\nb\nc\nd", max_rows=3)


def test_bulk_summary_counts_every_row():
    results = [
        Result("a", "positive", 0.91, "vi", "ok"),
        Result("b", "negative", 0.12, "vi", "ok"),
        Result("", None, None, "", "empty"),
        Result("c", "positive", 0.55, "en", "not_vietnamese"),
    ]
    s = bulk_summary(results)
    assert s.n == 4
    assert s.by_label == {"positive": 2, "negative": 1, "—": 1}
    assert s.by_status == {"ok": 2, "empty": 1, "not_vietnamese": 1}
    assert s.bin_counts.sum() == 3 and s.bin_counts[9] == 1 and s.bin_counts[1] == 1
    rows = results_rows(results)
    assert [r["#"] for r in rows] == [1, 2, 3, 4] and rows[2]["label"] == "—"


# ------------------------------------------------------------ the real model


def test_review_view_gates_are_the_trace(model):
    """The heat maps draw model.gate_trace; tests/test_sentiment.py proves it equals ORT."""
    v = review_view(model, EXAMPLES["neg1"][1])
    T = len(v.analysis.ids)
    trace = model.gate_trace(v.analysis.ids)
    unit = v.gates["unit"]  # rows are sorted by final c; unit[r] is row r's unit
    assert sorted(unit.tolist()) == list(range(trace[0].h.shape[0]))
    for g in ("i", "f", "g", "o"):
        assert v.gates[g].shape == (len(unit), T)
        np.testing.assert_array_equal(v.gates[g][:, 3], trace[3].gates[g].act[unit])
    np.testing.assert_array_equal(v.gates["c"][:, -1], np.sort(trace[-1].c))
    assert np.all((v.gates["f"] >= 0) & (v.gates["f"] <= 1))
    assert v.max_abs_diff < 1e-5
    assert len(v.steps) == 5 and [s.number for s in v.steps] == [1, 2, 3, 4, 5]


def test_review_view_cuts_huge_text_and_marks_truncation(model):
    text = "quán ngon " * (MAX_REVIEW_CHARS // 5)
    v = review_view(model, text)
    assert v.cut_chars == len(text) - MAX_REVIEW_CHARS
    assert v.analysis.truncated and len(v.analysis.ids) == v.analysis.max_len
    assert f"Cắt tại token {v.analysis.max_len}" in v.tokens_html
    assert len(v.read_tokens) == v.analysis.max_len


def test_model_card_reads_the_shipped_metadata(model):
    card = model_card(model.metadata, model.models_dir)
    m = model.metadata["metrics"]["typed"]
    assert card.confusion.tolist() == m["confusion_matrix"]
    assert card.metrics[0]["accuracy"] == m["accuracy"]
    assert {"sentiment.onnx", "vocab.json", "metadata.json"} <= set(card.file_bytes)
    assert len(card.curves) == len(model.metadata["curves"])
    (tn, fp), (fn, tp) = m["confusion_matrix"]
    assert f"{fp:,} bình luận tiêu cực bị gọi là tích cực" in card.limits[0]
    assert all("?" not in value for _, value in card.facts)  # every fact found


def test_model_card_survives_missing_metadata():
    card = model_card({})
    assert card.metrics == [] and card.confusion is None and card.curves == []
    assert any(v == "?" for _, v in card.facts)


def test_top_phrases_split_by_sign_and_mark_repeats():
    pos, neg = top_phrases([("ngon", 2, 0.4), ("không ngon", 1, -0.5), ("quán", 1, 0.0)], k=5)
    assert pos == [("ngon ×2", 0.4)] and neg == [("không ngon", -0.5)]
