"""The LSTM built up, drawn: formulas with the new part coloured, numbers, diagram, tables."""

import re

import pytest

from core.lecture.buildup import STAGES, build_up
from ui.i18n import t
from ui.lecture import buildup as view

STAGES_ = build_up()
BY_NAME = {s.name: s for s in STAGES_}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_labels_name_the_slide_and_the_part(lang):
    labels = [view.stage_label(s, lang) for s in STAGES_]
    assert labels[1] == t(
        "rnn_to_lstm.stage_label",
        lang,
        slide=31,
        name=t("rnn_to_lstm.stage.filter_input", lang),
    )
    assert len(set(labels)) == len(STAGES)


def test_every_stage_colours_its_new_part():
    for s in STAGES_:
        lines = view.gate_latex(s) + view.cell_latex(s)
        assert any(view.NEW in line for line in lines), s.name


def test_gates_appear_with_their_four_terms_on_their_stage():
    assert view.gate_latex(BY_NAME["memory"]) == []
    formula, terms, result = view.gate_latex(BY_NAME["rnn"])
    assert r"\tanh(W_{ig} x_t" in formula
    assert terms == r"g_t = \tanh(0.94 + (-0.32) + 1.41 + 0)"  # slide 46
    assert result == r"= \tanh(2.03) = 0.9661"
    _, terms, result = view.gate_latex(BY_NAME["forget"])
    assert terms == r"f_t = \sigma(1.63 + 0 + 2.7 + 1.62)" and result.endswith("= 0.9974")
    _, terms, _ = view.gate_latex(BY_NAME["filter_output"])
    assert terms == r"o_t = \sigma((-0.19) + 0 + 4.38 + 0.59)"


def test_the_cell_formulas_carry_the_numbers():
    assert view.cell_latex(BY_NAME["filter_input"])[-1] == r"h_t = 0.9862 \times 0.9661 = 0.9528"
    assert view.cell_latex(BY_NAME["add"])[-2] == "c_t = 2 + 0.9528 = 2.9528"
    forget = view.cell_latex(BY_NAME["forget"])
    assert forget[-3:-1] == [r"c_t = 0.9974 \times 2 + 0.9528", "= 1.9948 + 0.9528 = 2.9476"]
    assert view.cell_latex(BY_NAME["normalise"])[-1] == r"h_t = \tanh(2.9476) = 0.9945"
    assert view.cell_latex(BY_NAME["filter_output"])[-1] == r"h_t = 0.9917 \times 0.9945 = 0.9862"


def _nodes(dot: str) -> set[str]:
    return set(re.findall(r"^  (\w+) \[label=", dot, flags=re.M))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_diagram_grows_one_part_per_stage(lang):
    seen = set()
    for k, s in enumerate(STAGES_):
        dot = view.diagram(STAGES_, k, lang)
        nodes = _nodes(dot)
        assert seen <= nodes, s.name
        new = {n for n in nodes - seen}
        coloured = set(re.findall(rf'^  (\w+) \[label=[^\n]*color="{view.NEW}"', dot, flags=re.M))
        assert coloured == new, s.name
        seen = nodes
    assert seen == {n for n, _, _ in view._NODES}
    assert t("rnn_to_lstm.diagram.input", lang) in view.diagram(STAGES_, 0, lang)
    last = view.diagram(STAGES_, 6, lang)
    assert 'h [label="h_t\\n0.9862"]' in last and "mul_o -> h" in last
    assert "tanh_c -> h;" not in last  # slide 36 routes tanh(c) through o's product


def test_the_values_table_marks_new_and_changed_rows():
    df, new = view.values_table(BY_NAME["forget"], "en")
    col_new = t("rnn_to_lstm.col.new", "en")
    rows = dict(zip(df.iloc[:, 0], df[col_new], strict=True))
    assert rows["f_t"] == t("rnn_to_lstm.new", "en")
    assert rows["c_t"] == t("rnn_to_lstm.changed", "en")
    assert rows["g_t"] == ""
    assert new.sum() == len(BY_NAME["forget"].new)
    ctx = view.values_styler(BY_NAME["forget"], "en")._compute().ctx
    assert sorted({row for row, _ in ctx}) == [int(i) for i in new.nonzero()[0]]
    assert len(ctx) == new.sum() * df.shape[1]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_and_outputs(lang):
    df = view.summary_table(STAGES_, lang)
    assert df["h_t"].tolist() == [
        "0.9661",
        "0.9528",
        "0.9528",
        "2.9528",
        "2.9476",
        "0.9945",
        "0.9862",
    ]
    assert df["c_t"].tolist()[:3] == ["–", "–", "2"]
    assert view.outputs(STAGES_, 0) == {"h": ("0.9661", None), "c": ("", None)}
    out = view.outputs(STAGES_, 5)
    assert out["h"] == ("0.9945", "-1.9531") and out["c"] == ("2.9476", "0")
    assert view.vec([1.0, -0.5]) == "[1, -0.5]"
