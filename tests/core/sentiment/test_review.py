"""One review's numbers for the page: cleaning spans, top tokens and phrases, the gate maps."""

from __future__ import annotations

import numpy as np

from core.sentiment.review import (
    EXAMPLES,
    MAX_REVIEW_CHARS,
    change_spans,
    looks_unaccented,
    review_trace,
    top_influences,
    top_phrases,
)


def test_change_spans_follow_what_the_step_removed_in_order():
    before = "Ngon quá!!! 10 điểm, https://x.vn"
    spans = change_spans(before, "punct_digits", ("!!!", "10", ","))
    assert [before[a:b] for a, b in spans] == ["!!!", "10", ","]


def test_change_spans_of_whitespace_and_case():
    before = "  Quán   ngon\n"
    spans = change_spans(before, "whitespace", ())
    assert sum(b - a for a, b in spans) == 2 + 3 + 1  # leading, the run, the newline
    spans = change_spans("Quán Ngon", "lowercase", ())
    assert [("Quán Ngon")[a:b] for a, b in spans] == ["Q", "N"]


def test_a_piece_not_in_the_text_is_skipped_not_marked():
    assert change_spans("abc", "emoji", ("😀", "b")) == [(1, 2)]


def test_top_influences_split_by_sign_and_sorted_by_size():
    pos, neg = top_influences(["a", "b", "c", "d", "a"], [0.1, -0.3, 0.0, 0.2, -0.05], k=5)
    assert pos == [("d", 4, 0.2), ("a", 1, 0.1)]
    assert neg == [("b", 2, -0.3), ("a", 5, -0.05)]
    assert top_influences(["a"] * 9, [0.1] * 9, k=3)[0] == [("a", t, 0.1) for t in (1, 2, 3)]


def test_top_phrases_split_by_sign_and_keep_repeats():
    pos, neg = top_phrases([("ngon", 2, 0.4), ("không ngon", 1, -0.5), ("quán", 1, 0.0)], k=5)
    assert pos == [("ngon", 2, 0.4)] and neg == [("không ngon", 1, -0.5)]


def test_unaccented_detector():
    assert looks_unaccented(EXAMPLES["no_diacritics"])
    assert not looks_unaccented(EXAMPLES["pos1"])
    assert not looks_unaccented("😀 123")


# ------------------------------------------------------------ the real model


def test_review_trace_gates_are_the_trace(model):
    """The heat maps draw model.gate_trace; tests/test_sentiment.py proves it equals ORT."""
    v = review_trace(model, EXAMPLES["neg1"])
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


def test_each_step_starts_from_the_text_the_previous_one_left(model):
    v = review_trace(model, "Ngon QUÁ!!! 😀  https://x.vn <b>10</b>")
    assert v.steps[0].before == v.text
    for prev, step, clean in zip(v.steps, v.steps[1:], v.analysis.steps, strict=False):
        assert step.before == clean.text
        assert prev.number + 1 == step.number


def test_review_trace_cuts_huge_text_and_reads_max_len(model):
    text = "quán ngon " * (MAX_REVIEW_CHARS // 5)
    v = review_trace(model, text)
    assert v.cut_chars == len(text) - MAX_REVIEW_CHARS
    assert len(v.text) == MAX_REVIEW_CHARS
    assert v.analysis.truncated and len(v.analysis.ids) == v.analysis.max_len
    assert len(v.read_tokens) == v.analysis.max_len


def test_a_review_with_no_tokens_has_no_gates(model):
    v = review_trace(model, "😀 123 !!!")
    assert v.analysis.ids == [] and v.gates == {} and v.max_abs_diff == 0.0
