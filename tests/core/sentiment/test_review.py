"""One review's numbers for the page: cleaning spans, top tokens, heat windows, one run of
the graph per review, and the side-by-side verdicts that reuse the chosen model's."""

from __future__ import annotations

import numpy as np
import pytest

from core.sentiment import MODEL_NAMES, ModelUnavailable, load_model
from core.sentiment.review import (
    EXAMPLES,
    HEAT_CAP,
    HEAT_WORDS,
    MAX_REVIEW_CHARS,
    change_spans,
    heat_windows,
    looks_unaccented,
    review_trace,
    side_by_side,
    top_influences,
)
from core.sentiment.vocab import UNK
from tests.support.paths import ROOT


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


def test_change_spans_of_teencode_mark_the_replaced_forms_not_letters_inside_words():
    from core.sentiment.text import clean_steps

    before = "Kho ko ngon, 50k k đáng"
    steps = clean_steps(before)
    spans = change_spans(before, "teencode", steps[1].removed)
    assert [before[a:b] for a, b in spans] == ["ko", "k", "k"]
    assert len(spans) == len(steps[1].removed) == 3
    assert steps[1].removed == ("ko → không", "k → nghìn", "k → không")


def test_change_spans_of_accents_mark_the_syllables_that_changed_even_when_repeated():
    before = "do troi mua nen do an do"
    after = "do trời mưa nên đồ ăn dở"
    spans = change_spans(before, "accents", (), after)
    assert [before[a:b] for a, b in spans] == ["troi", "mua", "nen", "do", "an", "do"]
    assert spans[0][0] == 3 and spans[3][0] == 16  # the first "do" stayed, the second changed
    assert change_spans(before, "accents", (), "too short") == []  # no guessing


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


# ------------------------------------------------------------ the real model


class CountingSession:
    """An onnxruntime session that counts its runs (every other call goes to the real one)."""

    def __init__(self, session):
        self.session, self.runs = session, 0

    def run(self, *args, **kwargs):
        self.runs += 1
        return self.session.run(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.session, name)


@pytest.fixture
def counted(monkeypatch):
    """Each shipped model with its session's runs counted: {name: CountingSession}."""
    sessions = {}
    for name in MODEL_NAMES:
        m = load_model(name=name)
        sessions[name] = CountingSession(m.session)
        monkeypatch.setattr(m, "session", sessions[name])
    return sessions


@pytest.mark.parametrize("text", [EXAMPLES["neg1"], "ngon", "quán ngon " * 300])
def test_one_onnxruntime_run_per_review(zoo, counted, text):
    """P(positive) after every token, the hidden states the inside view is checked
    against, and each token's leave-one-out: all of it from one run of the graph."""
    v = review_trace(zoo, text)
    assert counted[zoo.name].runs == 1
    # onnxruntime runs in float32: over the 400 tokens of the longest review its h drifts
    # from the NumPy cell's by about 1e-4 (h lies in [-1, 1]); a wrong gate order or a
    # missing bias is off by far more from the first token (tests/core/nn hold the cell to
    # PyTorch in float64)
    assert v.inside is not None and v.inside.max_abs_diff < (
        1e-5 if len(v.read_tokens) < 50 else 5e-4
    )
    assert len(v.analysis.influence) == len(v.analysis.ids)
    assert sum(s.runs for s in counted.values()) == 1  # no other model was asked


def test_a_single_tokens_influence_is_the_graphs_answer_to_unk(zoo):
    """Without its only token a review reads nothing: the model's answer to <unk> alone."""
    a = zoo.analyze("ngon")
    assert len(a.ids) == 1
    alone = zoo.predict_ids([[UNK]])[0]
    assert a.influence[0] == pytest.approx(a.p_positive - alone, abs=1e-5)


def test_the_trace_is_the_review_classify_reads(zoo):
    """The verdict the side-by-side table shows for the chosen model is classify's."""
    text = "Bún chả ở đây ngon, nhưng phục vụ hơi chậm."
    v = review_trace(zoo, text)
    r = zoo.classify([text])[0]
    assert (v.verdict.model, v.verdict.label, v.verdict.error) == (zoo.name, r.label, None)
    assert v.verdict.p_positive == pytest.approx(r.p_positive, abs=1e-7)
    assert 0 < v.verdict.ms <= v.compute_ms and v.model == zoo.name


def test_the_heat_line_and_top_tokens_follow_each_tokens_leave_one_out(model):
    """A long review's heat line opens on the tokens whose removal (each variant run by
    onnxruntime) moves P(positive) most; the top tables list the strongest each way."""
    text = EXAMPLES["pos1"] + " " + EXAMPLES["neg2"] + " " + EXAMPLES["pos2"]
    v = review_trace(model, text)
    ids, T = v.analysis.ids, len(v.analysis.ids)
    assert T > HEAT_CAP
    p = model.predict_ids([ids])[0]
    delta = p - model.predict_ids([ids[:k] + ids[k + 1 :] for k in range(T)])  # (T,)
    shown = {k for a, b in v.heat for k in range(a, b)}
    strongest = np.argsort(-np.abs(delta), kind="stable")[:HEAT_WORDS]
    assert set(strongest.tolist()) <= shown and len(shown) < T
    assert all(b0 < a1 for (_, b0), (a1, _) in zip(v.heat, v.heat[1:], strict=False))
    order = np.argsort(-delta, kind="stable")
    assert [k for _, k, _ in v.top_positive] == [int(k) + 1 for k in order[:5]]
    assert [k for _, k, _ in v.top_negative] == [int(k) + 1 for k in order[::-1][:5]]
    for tok, k, d in v.top_positive + v.top_negative:
        assert tok == v.read_tokens[k - 1] and d == pytest.approx(delta[k - 1], abs=1e-5)


def test_side_by_side_reuses_the_chosen_verdict_and_asks_the_others_once(counted):
    """The chosen model's line is its trace's verdict (no second run); each other model
    classifies the review once; a model that failed to load says why."""
    from core.sentiment.zoo import verdict

    text = "Quán dơ, phục vụ chậm, không bao giờ quay lại."
    v = review_trace(load_model(name="rnn"), text)
    counted["rnn"].runs = 0
    missing = ModelUnavailable.missing(ROOT / "models" / "sentiment" / "bag" / "model.onnx")
    asked = []

    def verdict_of(name, t):
        asked.append((name, t))
        return verdict(load_model(name=name), t)

    rows = side_by_side(text, v, {"bag": missing}, verdict_of)
    assert [r.model for r in rows] == list(MODEL_NAMES)
    assert rows[0].error is missing and rows[0].label is None
    assert rows[1] is v.verdict and counted["rnn"].runs == 0
    assert asked == [("lstm", text)] and counted["lstm"].runs == 1
    r = load_model(name="lstm").classify([text])[0]
    assert (rows[2].label, rows[2].p_positive) == (r.label, r.p_positive)
    # the chosen model could not be loaded: every other one is asked
    asked.clear()
    side_by_side(text, None, {"rnn": missing}, verdict_of)
    assert [n for n, _ in asked] == ["bag", "lstm"]
    # a text past the limit: the others read what the chosen model read
    asked.clear()
    side_by_side("ngon " * MAX_REVIEW_CHARS, None, {}, verdict_of)
    assert {len(t) for _, t in asked} == {MAX_REVIEW_CHARS}


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


def test_a_review_with_no_tokens_has_no_inside(zoo):
    v = review_trace(zoo, "😀 123 !!!")
    assert v.analysis.ids == [] and v.inside is None and v.analysis.label is None
    assert v.heat == [] and v.top_positive == v.top_negative == []
    assert v.verdict.label is None and v.verdict.p_positive is None


def test_an_unaccented_review_is_flagged(model):
    assert review_trace(model, EXAMPLES["no_diacritics"]).unaccented
    assert not review_trace(model, EXAMPLES["pos1"]).unaccented
