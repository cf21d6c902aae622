"""One review's numbers for the page: cleaning spans, top tokens, each model's inside view."""

from __future__ import annotations

import numpy as np
import pytest

from core.sentiment.review import (
    EXAMPLES,
    MAX_REVIEW_CHARS,
    SHORT_CHARS,
    change_spans,
    cut_point,
    decisive_units,
    heat_windows,
    looks_unaccented,
    review_trace,
    top_influences,
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


def test_unaccented_detector():
    assert looks_unaccented(EXAMPLES["no_diacritics"])
    assert not looks_unaccented(EXAMPLES["pos1"])
    assert not looks_unaccented("😀 123")


def test_cut_point_keeps_short_text_and_never_splits_a_word():
    assert cut_point("ngon quá", 300) == len("ngon quá")
    text = "quán ngon " * 40  # 400 characters, a space every 5th or 10th
    k = cut_point(text, SHORT_CHARS)
    assert 0.8 * SHORT_CHARS <= k <= SHORT_CHARS
    assert text[k] == " " and text[k - 1] != " "  # cut at a word's end
    assert cut_point("x" * 500, 100) == 100  # one endless word: cut at the limit
    # a space too early (past 80% lost) is not worth it: cut at the limit
    assert cut_point("a " + "x" * 500, 100) == 100
    assert cut_point("x" * 85 + "\n" + "y" * 50, 100) == 85  # a line break counts


def test_heat_windows_surround_the_strongest_tokens_and_merge():
    assert heat_windows([0.1] * 10, cap=60) == [(0, 10)]  # short: everything
    assert heat_windows([], cap=60) == []
    inf = [0.0] * 100
    inf[10], inf[12], inf[50], inf[99] = 0.3, -0.4, 0.2, -0.1
    # k=3 strongest by size: 12, 10, 50 (99 is weaker); radius 2 around each, merged
    assert heat_windows(inf, k=3, radius=2, cap=60) == [(8, 15), (48, 53)]
    assert heat_windows(inf, k=4, radius=2, cap=60)[-1] == (97, 100)  # clipped at the end
    assert heat_windows(inf, k=2, radius=0, cap=60) == [(10, 11), (12, 13)]
    assert heat_windows(inf, k=2, radius=1, cap=60) == [(9, 14)]  # 9-11 and 11-13 touch


def test_decisive_units_score_the_cell_state_change_at_the_strongest_words():
    """A hand-built (H=4, T=3) cell state; unit numbers are not the row numbers."""
    c = np.array(
        [
            [0.0, 0.0, 0.7],
            [0.1, 0.9, 0.9],
            [0.5, 0.4, 0.4],
            [0.0, -0.3, -0.3],
        ]
    )
    unit = np.array([2, 0, 3, 1])
    # word t=1 decides: |c_1 - c_0| = [0, 0.8, 0.1, 0.3]
    f = decisive_units(c, unit, [0.01, -0.5, 0.2], k=4, words=1)
    assert f.words == [1]
    assert f.rows.tolist() == [1, 3, 2, 0] and f.units.tolist() == [0, 1, 3, 2]
    np.testing.assert_allclose(f.scores, [0.8, 0.3, 0.1, 0.0])
    # two words (t=1, t=2): row 0 jumps 0.7 at t=2, so [0.7, 0.8, 0.1, 0.3]
    f = decisive_units(c, unit, [0.01, -0.5, 0.2], k=2, words=2)
    assert f.words == [1, 2] and f.rows.tolist() == [1, 0]
    np.testing.assert_allclose(f.scores, [0.8, 0.7])
    # the first word changes c from c_0 = 0; ties (rows 0 and 3) keep row order
    f = decisive_units(c, unit, [0.9, 0.0, 0.0], k=4, words=1)
    assert f.rows.tolist() == [2, 1, 0, 3]
    np.testing.assert_allclose(f.scores, [0.5, 0.1, 0.0, 0.0])


# ------------------------------------------------------------ the real model


def test_review_trace_focus_is_recomputed_from_the_trace_in_unit_order(model):
    """The same pick made on model.gate_trace's own unit order (not the page's sorted rows)."""
    v = review_trace(model, EXAMPLES["neg2"])
    trace = model.gate_trace(v.analysis.ids)
    c = np.stack([s.c for s in trace], axis=1)  # (H, T), the model's unit order
    words = np.argsort(-np.abs(v.analysis.influence), kind="stable")[:3]
    prev = np.hstack([np.zeros((c.shape[0], 1)), c[:, :-1]])
    score = sum(np.abs(c[:, t] - prev[:, t]) for t in words)
    f = v.focus
    assert f.words == sorted(words.tolist()) and len(f.units) == 8
    np.testing.assert_allclose(f.scores, np.sort(score)[::-1][:8], rtol=1e-6)
    np.testing.assert_allclose(score[f.units], f.scores, rtol=1e-6)
    assert f.units.tolist() == v.gates["unit"][f.rows].tolist()


def test_review_trace_gates_are_the_trace(model):
    """The heat maps draw model.gate_trace (ORT's LSTM: tests/core/sentiment/test_model.py)."""
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
    assert v.focus is None


# ------------------------------------------------------------ each shipped model


def test_the_rnn_trace_is_its_hidden_states_checked_against_onnxruntime(zoo):
    """The RNN has no gates and no cell state: its map is h (H, T), rows sorted by final h,
    the focus picked on h's change; the LSTM keeps its gates; the bag has no state."""
    v = review_trace(zoo, EXAMPLES["neg1"])
    assert v.model == zoo.name
    if zoo.name == "bag":
        assert v.gates == {} and v.focus is None
        return
    assert v.max_abs_diff < 1e-5
    if zoo.name == "lstm":
        assert set(v.gates) == {"i", "f", "g", "o", "c", "unit"}
        return
    assert set(v.gates) == {"h", "unit"}
    h_ort = zoo.hidden_states(v.analysis.ids).T  # (H, T) in the model's unit order
    np.testing.assert_allclose(v.gates["h"], h_ort[v.gates["unit"]], atol=1e-5)
    assert np.all(np.diff(v.gates["h"][:, -1]) >= 0)  # sorted by the final h
    prev = np.hstack([np.zeros((h_ort.shape[0], 1)), h_ort[:, :-1]])
    score = np.abs(h_ort - prev)[:, v.focus.words].sum(axis=1)
    np.testing.assert_allclose(score[v.focus.units], v.focus.scores, atol=1e-4)
    assert v.focus.scores[0] == np.max(v.focus.scores)


def test_the_bag_shares_add_up_to_pytorchs_logit(zoo):
    """Each token's share of the bag's calibrated logit is its term over T and over the
    length temperature; with the bias they make the logit PyTorch computes on the weights
    read from the file, calibration included."""
    if zoo.name != "bag":
        return
    torch = pytest.importorskip("torch")
    from core.training.export import torch_from_onnx
    from core.training.model import ModelConfig

    net = torch_from_onnx(zoo.onnx_path, ModelConfig(**zoo.metadata["config"])).double()
    for text in (EXAMPLES["neg2"], "Bún chả ở đây ngon, nhưng phục vụ chậm"):
        v = review_trace(zoo, text)
        T = len(v.analysis.ids)
        assert len(v.shares) == T and v.max_abs_diff < 1e-5
        with torch.no_grad():
            logits = net.calib(net(torch.tensor([v.analysis.ids]))[0])
        assert sum(v.shares) + v.bias == pytest.approx(float(logits[0, -1]), abs=1e-4)
        # leaving token k out: the mean of the other T-1 terms, over the temperature at T-1
        temp = zoo.weights().temperature
        terms, b = np.asarray(v.shares) * T * temp(T), v.bias * temp(T)
        p_without = 1 / (1 + np.exp(-((terms.sum() - terms) / (T - 1) + b) / temp(T - 1)))
        np.testing.assert_allclose(v.analysis.p_positive - p_without, v.analysis.influence,
                                   atol=1e-5)  # fmt: skip
