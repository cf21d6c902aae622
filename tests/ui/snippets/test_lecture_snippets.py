"""The lecture pages' snippets run under torch and print what the pages' tables show: bag or
sequence (slides 7-9, 24), σ and tanh and the 2x2 product (slide 29), the generation loss
(slides 18-19)."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

pytest.importorskip("torch")

from core.lecture import activations as act  # noqa: E402
from core.lecture.bag import bag_or_sequence  # noqa: E402
from core.lm import generation_loss as gl  # noqa: E402
from tests.support.snippets import pairs, run, units  # noqa: E402
from ui.format import decimals, significant  # noqa: E402
from ui.lecture.activations import markers_table, product_latex  # noqa: E402
from ui.lecture.bag import output_table, shapes_table  # noqa: E402
from ui.lm.loss import step_lines, total_line, vec  # noqa: E402
from ui.snippets.lecture import activation_snippet, bag_snippet, product_snippet  # noqa: E402
from ui.snippets.lm import generation_snippet  # noqa: E402

BAGS = [  # (texts, D, H, seed, max_vocab): the page's default, free sentences, a capped V
    (["dog bites man", "man bites dog"], 3, 2, 0, None),
    (["dog bites man", "a man bites the dog"], 3, 2, 0, None),
    (["the cat sat on the mat today", "on the mat the cat sat"], 4, 3, 7, None),
    (["một hai ba bốn", "bốn ba hai một năm"], 1, 1, 42, None),
    (["a b c d e f", "f e d c b a"], 2, 3, 123, 5),
]


def _check_bag(r) -> dict[str, str]:
    got = dict(pairs(run(bag_snippet(r))))
    table = shapes_table(r, "en")
    label = {"embedded": "X"}  # the snippet names the looked-up batch as the slide does
    for name, shown in zip(r.shapes, table.iloc[:, 1], strict=True):
        assert got[label.get(name, name)] == shown, name
    for encoder in ("flatten", "bag", "rnn"):
        df, _ = output_table(r, encoder, "en")
        for column in ("A", "B"):  # the page's sentences, its table's columns
            assert units(got[f"{encoder} {column}"]) == list(df[column]), (encoder, column)
    return got


@pytest.mark.parametrize(("texts", "D", "H", "seed", "V"), BAGS)
def test_the_bag_snippet_prints_the_pages_shapes_and_outputs(texts, D, H, seed, V):
    _check_bag(bag_or_sequence(texts, D=D, H=H, seed=seed, max_vocab=V))


def test_the_bag_snippet_reproduces_slide_24_and_the_lesson_of_slides_7_to_9():
    r = bag_or_sequence(["dog bites man", "man bites dog"])
    code = bag_snippet(r)
    assert "ids = torch.tensor([[2, 4, 3], [3, 4, 2]])" in code  # slide 24's numbering
    got = _check_bag(r)
    assert got["ids"] == "2 × 3" and got["X"] == "2 × 3 × 3"
    assert got["bag A"] == got["bag B"]  # the mean forgets the order...
    assert got["flatten A"] != got["flatten B"] and got["rnn A"] != got["rnn B"]


def test_the_bag_snippet_never_carries_the_typed_words():
    """Only indices reach the code: a typed word cannot break the script or its quoting."""
    r = bag_or_sequence(['x"); import os  #', "b"])
    code = bag_snippet(r)
    assert "import os" not in code
    _check_bag(r)


ACT_LINE = re.compile(r"^(\S+): z = (\S+), (σ|tanh) = (\S+), (σ|tanh)' = (\S+)$")


def _check_marks(marks) -> dict[str, tuple[str, str, str]]:
    got = {}
    for line in run(activation_snippet(marks)).splitlines():
        m = ACT_LINE.match(line)
        assert m, line
        got[m[1]] = (m[2], m[4], m[6])
    table = markers_table(marks, "en")
    for column in table.columns[1:]:
        z, value, slope = got[column]
        assert [z, value, slope] == [table[column][1], table[column][3], table[column][4]]
    return got


def test_the_activation_snippet_prints_slide_29s_marks():
    got = _check_marks(act.slide_markers())
    assert [got[g][0] for g in "figo"] == ["5.95", "4.27", "2.03", "4.78"]  # slides 44-47
    assert [round(float(got[g][1]), 3) for g in "figo"] == [0.997, 0.986, 0.966, 0.992]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_activation_snippet_follows_other_pre_activations(seed):
    """The marks of a random LSTM step: values far into saturation and below zero."""
    from core.calculator.parse import parse_tables
    from core.calculator.tables import random_tables

    ex = parse_tables(random_tables("lstm", 1, 1, 1, seed)).example
    _check_marks(act.slide_markers(ex))


@pytest.mark.parametrize("seed", range(4))
def test_the_product_snippet_prints_the_pages_product(seed):
    rng = np.random.default_rng(seed)
    A, B = (np.round(rng.uniform(-9, 9, (2, 2)), 2) for _ in range(2))
    p = act.worked_product(A, B)
    rows = [re.findall(r"'([^']*)'", line) for line in run(product_snippet(p)).splitlines()]
    assert rows == [[decimals(v) for v in r] for r in p.C]
    assert product_latex(p)[-1].count("&") == 2  # the page's last line holds those 4 numbers
    for r in rows:
        assert all(x in product_latex(p)[-1] for x in r)


def test_the_product_snippet_prints_slide_29s_example():
    p = act.worked_product([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    assert run(product_snippet(p)) == "['19', '22']\n['43', '50']\n"


def _check_generation(g) -> dict[str, str]:
    got = dict(pairs(run(generation_snippet(g))))
    for s in g.steps:
        lines = dict(x.rsplit(" = ", 1) for x in step_lines(g, s).splitlines() if " = " in x)
        zs = [v for k, v in lines.items() if k.startswith(f"z_{s.t}[")]
        assert units(got[f"z_{s.t}"]) == zs
        assert got[f"p_{s.t}"] == vec(s.p) and got[f"Y_{s.t}"] == vec(s.onehot)
        assert got[f"CE_{s.t}"] == significant(s.ce) == step_lines(g, s).rsplit(" = ", 1)[1]
    assert total_line(g).endswith(f"= {got['L']}")
    assert got["mean"] == significant(g.mean)
    return got


@pytest.mark.parametrize("targets", list(itertools.product(range(3), repeat=3)))
def test_the_generation_snippet_prints_the_loss_tab_for_every_choice_of_targets(targets):
    _check_generation(gl.generation_loss(gl.slide_hidden_states(), targets=targets))


def test_the_generation_snippet_reads_slides_11_to_14s_hidden_states():
    code = generation_snippet(gl.generation_loss(gl.slide_hidden_states()))
    assert "hs = torch.tensor([[2.0, 3.0], [4.0, 6.0], [5.0, 8.0]]," in code  # h1, h2, h3
