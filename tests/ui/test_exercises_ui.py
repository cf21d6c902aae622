"""The exercises' worked lines and tables (no page run): each reveals its own value only,
and the numbers it prints are the exercise's."""

import pytest

from core.exercises.calculator import cell_exercise
from core.exercises.lm import lm_exercise
from ui.exercises import lines
from ui.exercises.calculator_view import label, worked
from ui.format import significant


def _last(worked_lines) -> float:
    """The number a worked line ends with: what it works out."""
    return float(worked_lines[-1].rsplit("= ", 1)[1].strip("[]"))


@pytest.mark.parametrize("seed", range(6))
def test_each_lstm_value_has_its_own_lines_ending_in_its_value(seed):
    ex = cell_exercise("lstm", seed)
    shown = {name: worked(ex, name) for name in ex.expected}
    assert [len(v) for v in shown.values()] == [2, 2, 2, 2, 1, 2]
    for name, got in shown.items():  # the calculator may print more decimals than three
        assert _last(got) == pytest.approx(ex.expected[name], abs=5e-4), (name, got)
    assert shown["c"][0].startswith("c_t = f⊙c_(t-1) + i⊙g")
    assert shown["f"][1].startswith("σ(") and shown["g"][1].startswith("tanh(")
    everything = [line for v in shown.values() for line in v]
    assert len(everything) == len(set(everything))  # no line belongs to two values
    assert [label(n) for n in ex.expected] == ["f_t", "i_t", "g_t", "o_t", "c_t", "h_t"]


def test_each_rnn_step_has_its_own_three_lines():
    ex = cell_exercise("rnn", 3)
    for t, name in enumerate(ex.expected, start=1):
        got = worked(ex, name)
        assert len(got) == 3 and got[-1].startswith("h_t = ReLU(")
        assert _last(got) == pytest.approx(ex.expected[name], abs=5e-4)
        assert label(name) == f"h_{t}"


@pytest.mark.parametrize("seed", range(6))
def test_lm_lines_and_tables_print_the_exercises_numbers(seed):
    ex = lm_exercise(seed)
    p = lines.p_lines(ex)
    assert p[-1].endswith(f"= {significant(ex.expected['p'])}")
    h = ex.asked.history[0]
    assert p[0].startswith(f"count({h}) = ") and p[0].endswith(f"= {ex.asked.count_h}")
    pp = lines.pp_lines(ex)
    assert len(pp) == len(ex.sentence) + 1
    assert pp[-1].endswith(f"^(-1/{len(ex.sentence)}) = {significant(ex.expected['pp'])}")
    frame = lines.counts_frame(ex)
    assert list(frame.index) == list(ex.rows) and list(frame.columns)[-1] == "</s>"
    assert frame.to_numpy().sum() == ex.total - len(ex.corpus)  # every bigram, </s> included
    unigrams = lines.unigram_frame(ex)
    assert unigrams.index.name  # a named header, for screen readers
    assert int(unigrams.to_numpy().sum()) == ex.total - len(ex.corpus)  # words, no </s>
