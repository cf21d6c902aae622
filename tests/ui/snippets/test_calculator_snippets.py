"""The calculator's snippets run under torch and print what the page shows: the slide presets
(and the slides' own printed values), and random cells of every kind and size."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from core.calculator.loss import default_head, seeded_head  # noqa: E402
from core.calculator.tables import preset_tables, random_tables  # noqa: E402
from core.calculator.trace import calculate, calculate_head  # noqa: E402
from tests.support.snippets import pairs, run, same_shown, steps, units  # noqa: E402
from ui.calculator.lines import SLIDE_ORDER, fmt_value, gate_lines, state_lines  # noqa: E402
from ui.calculator.loss import classes_frame, literal_text, logit_lines, softmax_lines  # noqa: E402
from ui.format import significant, slide  # noqa: E402
from ui.snippets.calculator import cell_snippet, head_snippet  # noqa: E402

RANDOM = [  # (kind, nonlinearity, I, H, T, seed): every kind, one unit and several
    ("lstm", "", 1, 1, 1, 3),
    ("lstm", "", 2, 3, 4, 11),
    ("lstm", "", 4, 4, 6, 2024),
    ("rnn", "relu", 3, 2, 3, 5),
    ("rnn", "relu", 1, 4, 6, 7),
    ("rnn", "tanh", 2, 2, 5, 13),
    ("rnn", "tanh", 4, 1, 2, 99),
]


def _after(line: str) -> str:
    return line.rpartition(" = ")[2]


def _close(printed: str, shown: str) -> bool:
    """A number printed at 3 decimals against the page's (3 or more) decimals."""
    return all(
        abs(float(a) - float(b)) <= 5e-4 + 1e-12
        for a, b in zip(units(printed), units(shown), strict=True)
    )


def _check_cell(calc) -> list[dict[str, str]]:
    """Every step the snippet prints agrees with the page's lines for that step."""
    printed = steps(run(cell_snippet(calc)))
    assert len(printed) == len(calc.steps)
    for k, (got, s) in enumerate(zip(printed, calc.steps, strict=True), start=1):
        if calc.kind == "lstm":
            for g in gate_lines(calc, k):
                tr = s.gates[g.name]
                for j, (line, act) in enumerate(zip(g.lines, g.act_lines, strict=True)):
                    assert _close(units(got[f"z_{g.name}"])[j], _after(line)), (k, g.name)
                    shown = units(got[g.name])[j]
                    assert same_shown(shown, _after(act), tr.act[j], 3), (k, g.name, j)
            H = len(s.h)
            lines = state_lines(calc, k)
            for j in range(H):
                assert same_shown(
                    units(got[f"tanh(c_{k})"])[j], _after(lines[H + j]), s.tanh_c[j], 3
                )
                assert same_shown(units(got[f"h_{k}"])[j], _after(lines[2 * H + j]), s.h[j], 3)
                assert _close(units(got[f"c_{k}"])[j], _after(lines[j]))
            for name, a in ((f"c_{k}", s.c), (f"h_{k}", s.h)):  # the page's h_k and c_k
                if got[name] != fmt_value(a):
                    assert all(
                        same_shown(p, slide(v), v, 3)
                        for p, v in zip(units(got[name]), a, strict=True)
                    )
        else:
            x_line, h_line, out_line = state_lines(calc, k)
            assert _close(got["x_t W_xh^T + b_xh"], _after(x_line)), k
            assert _close(got["h_(t-1) W_hh^T + b_hh"], _after(h_line)), k
            shown = units(_after(out_line))
            assert all(
                same_shown(p, q, v, 3)
                for p, q, v in zip(units(got[f"h_{k}"]), shown, s.h, strict=True)
            ), k
    return printed


def test_the_lstm_slide_snippet_prints_slides_44_to_49():
    calc = calculate(preset_tables("lstm_slide"))
    (got,) = _check_cell(calc)
    assert [got[f"z_{g}"] for g in SLIDE_ORDER] == ["5.95", "4.27", "2.03", "4.78"]
    assert [got[g] for g in SLIDE_ORDER] == ["0.997", "0.986", "0.966", "0.992"]
    assert got["h_1"] == "0.986"  # slide 49's product o × tanh(c_t), not its printed sum
    assert got["c_1"] == "2.948"  # exact; the slide's 2.946 rounds before adding


def test_the_rnn_slide_snippet_prints_slides_11_to_13():
    calc = calculate(preset_tables("rnn_slide"))
    got = _check_cell(calc)
    assert [s["x_t W_xh^T + b_xh"] for s in got] == ["[2, 2]", "[2, 2]", "[1, 1]"]
    assert [s["h_(t-1) W_hh^T + b_hh"] for s in got] == ["[0, 1]", "[2, 4]", "[4, 7]"]
    assert [s[f"h_{t}"] for t, s in enumerate(got, start=1)] == ["[2, 3]", "[4, 6]", "[5, 8]"]


@pytest.mark.parametrize(("kind", "nl", "I", "H", "T", "seed"), RANDOM)
def test_a_random_cell_snippet_prints_the_pages_numbers(kind, nl, I, H, T, seed):
    calc = calculate(random_tables(kind, I, H, T, seed, nonlinearity=nl or "relu"))
    assert calc.ok and calc.preset == ""
    _check_cell(calc)


def test_the_snippet_copies_every_weight_exactly():
    """repr, not the page's rounding: a typed 0.123456789 reaches torch as typed."""
    t = random_tables("lstm", 2, 2, 2, 1)
    grids = dict(t.grids)
    grids["W_x"] = (("0.123456789", "1e-07"), *t.grids["W_x"][1:])
    calc = calculate(type(t)(t.kind, t.nonlinearity, grids))
    code = cell_snippet(calc)
    assert "[0.123456789, 1e-07]" in code
    _check_cell(calc)


def _check_head(calc, loss) -> dict[str, str]:
    got = dict(pairs(run(head_snippet(loss))))
    lit = loss.literal
    p = "[" + ", ".join(significant(v) for v in lit.p) + "]"
    assert got["softmax(h_T)"] == p
    for k, lp in enumerate(lit.log_p):
        assert got[f"CE(h_T, {k + 1})"] == significant(-lp)
        assert significant(-lp) in literal_text(lit, "en")
    ht = loss.trace
    frame = classes_frame(ht, "en")
    assert units(got["z"]) == [_after(line) for line in logit_lines(ht)] == list(frame["z_k"])
    lines = softmax_lines(ht)
    assert (
        units(got["softmax(z)"]) == [_after(x) for x in lines[-len(ht.z) :]] == list(frame["p_k"])
    )
    assert units(got["-log p"]) == list(frame["−log p_k"])
    assert got[f"L = -log p_{ht.y + 1}"] == slide(ht.loss)
    return got


def test_the_head_snippet_prints_slides_15_to_17_and_the_default_head():
    calc = calculate(preset_tables("rnn_slide"))
    got = _check_head(calc, calculate_head(calc, default_head(2)))
    assert got["z"] == "[-1, -0.1, -1.8]"  # core/calculator/loss.py's DEFAULT_SEED head
    assert got["CE(h_T, 2)"] == "0.04859"  # the class holding 8: far below 3 decimals


@pytest.mark.parametrize(("C", "seed", "y"), [(2, 1, 1), (3, 4, 2), (4, 8, 0), (4, 21, 3)])
def test_a_random_head_snippet_prints_the_pages_numbers(C, seed, y):
    calc = calculate(random_tables("rnn", 3, 3, 4, seed, nonlinearity="tanh"))
    _check_head(calc, calculate_head(calc, seeded_head(C, 3, seed, y)))


def test_a_head_with_a_bad_cell_still_gives_the_literal_loss():
    calc = calculate(preset_tables("rnn_slide"))
    head = default_head(2)
    bad = type(head)((("x", "0", "0"), *head.grid[1:]), 0)
    loss = calculate_head(calc, bad)
    assert not loss.ok
    got = dict(pairs(run(head_snippet(loss))))
    assert set(got) == {"softmax(h_T)", "CE(h_T, 1)", "CE(h_T, 2)"}
