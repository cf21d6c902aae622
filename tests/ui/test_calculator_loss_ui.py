"""ui.calculator.loss: the head's lines carry the right numbers, its tables and words, the DOT."""

import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.calculator.loss import HeadTables, default_head, head_forward, seeded_head
from core.calculator.tables import preset_tables, random_tables
from core.calculator.trace import calculate, calculate_head
from tests.support.lang import is_vietnamese_word
from ui.calculator.loss import (
    classes_frame,
    head_errors,
    head_frame,
    logit_lines,
    loss_lines,
    shared_line,
    softmax_lines,
    unrolled_dot,
)
from ui.format import slide as fmt
from ui.i18n import LANGS, SECTIONS, t

STRINGS = SECTIONS["calculator"]


@pytest.fixture(scope="module")
def slide():
    calc = calculate(preset_tables("rnn_slide"))
    return calc, calculate_head(calc, default_head(2))


def test_the_slide_rnn_head_reads_like_the_gates(slide):
    _, loss = slide
    ht = loss.trace
    assert logit_lines(ht) == (
        "z_1 = 0.3×5 - 0.3×8 - 0.1 = -1",
        "z_2 = 0.1×5 - 0.1×8 + 0.2 = -0.1",
        "z_3 = -0.3×5 - 0.1×8 + 0.5 = -1.8",
    )
    assert softmax_lines(ht) == (
        "m = max(z) = max(-1, -0.1, -1.8) = -0.1",
        "e^(z_1 − m) = e^(-0.9) = 0.407",
        "e^(z_2 − m) = e^(0) = 1",
        "e^(z_3 − m) = e^(-1.7) = 0.183",
        "Σ e^(z_j − m) = 0.4066 + 1 + 0.1827 = 1.589",  # 0.407 + 1 + 0.183 is 1.590
        "softmax(z)_1 = e^(z_1) / Σ e^(z_j) = e^(z_1 − m) / Σ e^(z_j − m) = 0.407 / 1.589 = 0.256",
        "softmax(z)_2 = e^(z_2) / Σ e^(z_j) = e^(z_2 − m) / Σ e^(z_j − m) = 1 / 1.589 = 0.629",
        "softmax(z)_3 = e^(z_3) / Σ e^(z_j) = e^(z_3 − m) / Σ e^(z_j − m) = 0.183 / 1.589 = 0.115",
    )
    assert loss_lines(ht) == (
        "log Σ e^(z_j) = m + log Σ e^(z_j − m) = -0.1 + log(1.589) = 0.363",
        "L = −log p_1 = −log(0.256) = 1.363",
        "L = log Σ e^(z_j) − z_1 = 0.363 − (-1) = 1.363",
    )


def _last_number(line: str) -> float:
    return float(line.rsplit(" = ", 1)[1])


@pytest.mark.parametrize("seed,I,H,T,C", [(1, 2, 3, 4, 4), (4, 3, 2, 2, 2), (8, 1, 4, 6, 3)])
def test_every_printed_number_is_torchs_to_three_decimals(seed, I, H, T, C):
    calc = calculate(random_tables("rnn", I, H, T, seed, "tanh"))
    for y in range(C):
        ht = calculate_head(calc, seeded_head(C, H, seed, y=y)).trace
        zt = torch.tensor(ht.z, dtype=torch.float64).view(1, -1)
        p = F.softmax(zt, dim=1)[0].numpy()
        loss = F.cross_entropy(zt, torch.tensor([y])).item()
        assert [_last_number(x) for x in logit_lines(ht)] == [float(fmt(v)) for v in ht.z]
        sm = softmax_lines(ht)
        assert [_last_number(x) for x in sm[-C:]] == [float(fmt(v)) for v in p]
        assert [_last_number(x) for x in sm[1 : C + 1]] == [
            float(fmt(v)) for v in np.exp(ht.z - ht.z.max())
        ]
        assert all(_last_number(x) == float(fmt(loss)) for x in loss_lines(ht)[1:])
        assert f"−log p_{y + 1}" in loss_lines(ht)[1]


def test_an_underflowed_probability_drops_the_minus_log_p_line_only():
    ht = head_forward(np.zeros((2, 1)), np.array([0.0, -1000.0]), np.ones(1), 1)
    assert ht.p[1] == 0.0
    lines = loss_lines(ht)
    assert len(lines) == 2 and not any("−log(" in x for x in lines)
    assert lines[-1] == "L = log Σ e^(z_j) − z_2 = 0 − (-1000) = 1000"


def test_the_class_table_marks_the_true_class_in_each_language(slide):
    _, loss = slide
    for lang in LANGS:
        df = classes_frame(loss.trace, lang)
        assert list(df.columns) == [t("calculator.loss_col_class", lang), *df.columns[1:]]
        assert list(df["p_k"]) == ["0.256", "0.629", "0.115"]
        assert list(df["−log p_k"]) == ["1.363", "0.463", "2.163"]
        names = list(df.iloc[:, 0])
        assert names[0] == t("calculator.loss_class", lang, k=1) + " ◀ y"
        assert names[1:] == [t("calculator.loss_class", lang, k=k) for k in (2, 3)]
    assert classes_frame(loss.trace, "vi").iloc[0, 0].startswith("lớp")
    assert classes_frame(loss.trace, "en").iloc[0, 0].startswith("class")


def test_the_head_editor_is_labelled_in_notation_only():
    df = head_frame(default_head(2))
    assert list(df.index) == ["z_1", "z_2", "z_3"] and df.index.name == "z"
    assert list(df.columns) == ["× h[1]", "× h[2]", "+ b"]
    assert df.values.tolist() == [
        ["0.3", "-0.3", "-0.1"],
        ["0.1", "-0.1", "0.2"],
        ["-0.3", "-0.1", "0.5"],
    ]


@pytest.mark.parametrize(
    "lang,words", [("vi", "'abc' không phải là số"), ("en", "'abc' is not a number")]
)
def test_bad_head_cells_are_worded_with_their_row_and_column(slide, lang, words):
    calc, _ = slide
    head = HeadTables((("1", "abc", "0"), ("", "2", "3")), 0)
    loss = calculate_head(calc, head)
    texts = head_errors(loss, head, lang)
    assert texts[0] == f"z_1, × h[2]: {t('error.calc_not_a_number', lang, text='abc')}"
    assert words in texts[0]
    assert texts[1].startswith("z_2, × h[1]: ") and texts[1].endswith(
        t("error.calc_empty_cell", lang)
    )


def test_the_unrolled_diagram_names_the_same_matrices_at_every_step(slide):
    calc, loss = slide
    for lang in LANGS:
        dot = unrolled_dot(calc, loss, lang)
        assert dot.count('[label=" W_xh"]') == 3 and dot.count('[label=" W_hh"]') == 3
        assert "h_3 = ReLU(·)\\n[5, 8]" in dot.replace("\n", "\\n")
        assert "softmax(z)\n[0.256, 0.629, 0.115]" in dot
        assert "L = −log p_1 = 1.363" in dot and "CE Loss" in dot
        assert dot.count("{") == dot.count("}") and "rankdir=TB" in dot
    # The same pair of matrices, printed once for all steps.
    assert shared_line(calc) == "W_xh = [[1, 1, 1], [1, 1, 1]], W_hh = [[1, 0], [0, 1]]"
    # A head with a bad cell: the RNN is drawn, the head is not.
    bad = calculate_head(calc, HeadTables((("x", "0", "0"), ("0", "0", "0")), 0))
    dot = unrolled_dot(calc, bad, "en")
    assert "softmax" not in dot and dot.count('[label=" W_xh"]') == 3


def test_a_longer_custom_rnn_unrolls_every_step():
    calc = calculate(random_tables("rnn", 2, 3, 6, 3, "tanh"))
    dot = unrolled_dot(calc, calculate_head(calc, default_head(3)), "vi")
    assert dot.count('[label=" W_xh"]') == 6 and dot.count('[label=" W_hh"]') == 6
    assert "z = W h_6 + b" in dot and "tanh(·)" in dot


def test_loss_words_exist_in_both_languages_one_language_each():
    keys = [k for k in STRINGS if k.startswith("calculator.loss_")]
    assert len(keys) >= 15
    for k in keys:
        vi, en = STRINGS[k]["vi"], STRINGS[k]["en"]
        assert vi and en
        assert not any(is_vietnamese_word(w) for w in re.findall(r"[^\W\d_]+", en)), k
        # The slides' "CE Loss" label, quoted, and a formula line: the same in both.
        if k not in ("calculator.loss_dot_ce", "calculator.loss_literal"):
            assert vi != en, k
    intro = t("calculator.loss_intro", "vi", C=3, seed=17)
    assert "không phải số của slide" in intro and "17" in intro
    assert "not the slides' numbers" in t("calculator.loss_intro", "en", C=3, seed=17)
