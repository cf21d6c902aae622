"""A snippet reads as a student's PEP 8 script: ruff finds nothing to change or flag in it,
from the slides' presets to the largest random cell the calculator allows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core.calculator.loss import default_head, seeded_head
from core.calculator.tables import SIZE_LIMITS, preset_tables, random_tables
from core.calculator.trace import calculate, calculate_head
from core.lecture import activations as act
from core.lecture.bag import MAX_WORDS, SIZES, bag_or_sequence
from core.lm import generation_loss as gl
from tests.support.paths import ROOT
from ui.snippets.calculator import cell_snippet, head_snippet
from ui.snippets.lecture import activation_snippet, bag_snippet, product_snippet
from ui.snippets.lm import generation_snippet

BIG = tuple(SIZE_LIMITS[k][1] for k in "IHT")
LONG = " ".join(f"w{k}" for k in range(MAX_WORDS))


def _big_rnn():
    return calculate(random_tables("rnn", *BIG, seed=3))


SNIPPETS = {
    "lstm_slide": lambda: cell_snippet(calculate(preset_tables("lstm_slide"))),
    "rnn_slide": lambda: cell_snippet(calculate(preset_tables("rnn_slide"))),
    "lstm_big": lambda: cell_snippet(calculate(random_tables("lstm", *BIG, seed=3))),
    "rnn_big": lambda: cell_snippet(_big_rnn()),
    "head_slide": lambda: head_snippet(
        calculate_head(calculate(preset_tables("rnn_slide")), default_head(2))
    ),
    "head_big": lambda: head_snippet(calculate_head(_big_rnn(), seeded_head(4, BIG[1], 3))),
    "bag_big": lambda: bag_snippet(
        bag_or_sequence([LONG, "w1"], D=SIZES["D"][1], H=SIZES["H"][1], seed=9)
    ),
    "activations": lambda: activation_snippet(act.slide_markers()),
    "product": lambda: product_snippet(act.worked_product([[1, 2], [3, 4]], [[5, 6], [7, 8]])),
    "generation": lambda: generation_snippet(gl.generation_loss(gl.slide_hidden_states())),
}


def _ruff(*args: str, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", "snippet.py", "-"],
        input=code,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.parametrize("name", SNIPPETS)
def test_a_snippet_is_formatted_and_clean(name):
    code = SNIPPETS[name]()
    assert _ruff("format", code=code).stdout == code
    checked = _ruff("check", "--select", "E,W,F,I", code=code)  # math names (W_ih) kept
    assert checked.returncode == 0, checked.stdout
