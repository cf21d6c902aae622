"""core.calculator: slide values, parsing, share codes, presets, CSV and diagram."""

import csv
import io

import numpy as np
import pytest
import torch

from core import calculator as calc
from core.nn.cells import GATES
from ui.markdown import ZWSP, md_escape


def _lstm_lines(result):
    return {g.name: (g.lines, g.act_lines) for g in result.views[0].gates}


# ------------------------------------------------------------- slide values


def test_lstm_slide_gate_lines_read_like_the_slides():
    r = calc.calculate(calc.preset_tables("lstm_slide"))
    assert r.ok and r.preset == "lstm_slide"
    assert _lstm_lines(r) == {
        "f": (("1.63×1 + 0 + 2.7×1 + 1.62 = 5.95",), ("σ(5.95) = 0.997",)),
        "i": (("1.65×1 + 0.62 + 2×1 + 0 = 4.27",), ("σ(4.27) = 0.986",)),
        "g": (("0.94×1 - 0.32 + 1.41×1 + 0 = 2.03",), ("tanh(2.03) = 0.966",)),
        "o": (("-0.19×1 + 0 + 4.38×1 + 0.59 = 4.78",), ("σ(4.78) = 0.992",)),
    }
    assert [g.name for g in r.views[0].gates] == ["f", "i", "g", "o"]  # the slides' order


def test_lstm_slide_checks_cover_every_slide_value():
    r = calc.calculate(calc.preset_tables("lstm_slide"))
    got = {c.quantity: (c.printed, c.app, c.exact, c.agrees) for c in r.slide_checks}
    assert got == {
        "z_f (pre f)": ("5.95", "5.95", "5.95", True),
        "z_i (pre i)": ("4.27", "4.27", "4.27", True),
        "z_g (pre g)": ("2.03", "2.03", "2.03", True),
        "z_o (pre o)": ("4.78", "4.78", "4.78", True),
        "f = σ(z_f)": ("0.997", "0.997", "0.9974", True),
        "i = σ(z_i)": ("0.986", "0.986", "0.98621", True),
        "g = tanh(z_g)": ("0.966", "0.966", "0.96609", True),
        "o = σ(z_o)": ("0.992", "0.992", "0.99167", True),
        "c_t = f⊙c_(t-1) + i⊙g": ("2.946", "2.946", "2.9476", True),
        "tanh(c_t)": ("0.994", "0.994", "0.99451", True),
        "h_t = o⊙tanh(c_t)": ("0.986", "0.986", "0.98623", True),
    }
    assert r.slide_c_line == "c_t = 0.997×2 + 0.986×0.966 = 1.994 + 0.952 = 2.946"
    assert r.erratum == ("0.992 + 0.994 = 1.986", "0.992 × 0.994 = 0.986", "0.98623")


def test_lstm_slide_exact_values_match_torch():
    """torch.nn.LSTMCell fed the lecture's table by hand (rows i, f, g, o) agrees."""
    cell = torch.nn.LSTMCell(1, 1, dtype=torch.float64)
    with torch.no_grad():
        f64 = torch.float64
        cell.weight_ih.copy_(torch.tensor([[1.65], [1.63], [0.94], [-0.19]], dtype=f64))
        cell.weight_hh.copy_(torch.tensor([[2.0], [2.7], [1.41], [4.38]], dtype=f64))
        cell.bias_ih.copy_(torch.tensor([0.62, 0.0, -0.32, 0.0], dtype=f64))
        cell.bias_hh.copy_(torch.tensor([0.0, 1.62, 0.0, 0.59], dtype=f64))
        one = torch.ones(1, 1, dtype=torch.float64)
        h, c = cell(one, (one, 2 * one))
    r = calc.calculate(calc.preset_tables("lstm_slide"))
    assert r.views[0].h[0] == pytest.approx(h.item(), abs=1e-12)
    assert r.views[0].c[0] == pytest.approx(c.item(), abs=1e-12)
    assert f"{c.item():.4f}" == "2.9476" and f"{h.item():.3f}" == "0.986"


def test_rnn_slide_per_step_numbers():
    r = calc.calculate(calc.preset_tables("rnn_slide"))
    assert r.ok and r.preset == "rnn_slide"
    assert [v.state_lines for v in r.views] == [
        (
            "x_t W_xh^T + b_xh = [2, 2]",
            "h_(t-1) W_hh^T + b_hh = [0, 1]",
            "h_t = ReLU([2, 3]) = [2, 3]",
        ),
        (
            "x_t W_xh^T + b_xh = [2, 2]",
            "h_(t-1) W_hh^T + b_hh = [2, 4]",
            "h_t = ReLU([4, 6]) = [4, 6]",
        ),
        (
            "x_t W_xh^T + b_xh = [1, 1]",
            "h_(t-1) W_hh^T + b_hh = [4, 7]",
            "h_t = ReLU([5, 8]) = [5, 8]",
        ),
    ]
    assert len(r.slide_checks) == 9 and all(c.agrees for c in r.slide_checks)
    assert [v.h for v in r.views] == [(2.0, 3.0), (4.0, 6.0), (5.0, 8.0)]


def test_slide_checks_can_fail():
    """An edited slide example is no longer 'the slide', and a wrong value would show ✗."""
    t = calc.preset_tables("lstm_slide")
    grids = dict(t.grids)
    grids["W_x"] = (("1.66",),) + t.grids["W_x"][1:]
    assert calc.calculate(calc.Tables("lstm", "", grids)).preset == ""
    step = calc.calculate(t).steps[0]
    bad = calc._check("45", "x", "0.998", float(step.gates["f"].act[0]))
    assert not bad.agrees


# ------------------------------------------------------- against PyTorch


@pytest.mark.parametrize("seed,I,H,T", [(0, 1, 1, 1), (1, 2, 3, 4), (2, 4, 4, 6), (3, 3, 1, 2)])
def test_random_lstm_matches_torch_lstmcell(seed, I, H, T):
    t = calc.random_tables("lstm", I, H, T, seed)
    r = calc.calculate(t)
    assert r.ok
    ex = r.example
    cell = torch.nn.LSTMCell(I, H, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(ex.params.W_ih))
        cell.weight_hh.copy_(torch.tensor(ex.params.W_hh))
        cell.bias_ih.copy_(torch.tensor(ex.params.b_ih))
        cell.bias_hh.copy_(torch.tensor(ex.params.b_hh))
        h, c = torch.tensor(ex.h0).view(1, H), torch.tensor(ex.c0).view(1, H)
        for k, view in enumerate(r.views):
            h, c = cell(torch.tensor(ex.X[k : k + 1]), (h, c))
            np.testing.assert_allclose(view.h, h[0].numpy(), atol=1e-12)
            np.testing.assert_allclose(view.c, c[0].numpy(), atol=1e-12)


@pytest.mark.parametrize("nl", ["relu", "tanh"])
def test_random_rnn_matches_torch_rnncell(nl):
    t = calc.random_tables("rnn", 3, 2, 5, 11, nl)
    r = calc.calculate(t)
    ex = r.example
    cell = torch.nn.RNNCell(3, 2, nonlinearity=nl, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(ex.params.W_xh))
        cell.weight_hh.copy_(torch.tensor(ex.params.W_hh))
        cell.bias_ih.copy_(torch.tensor(ex.params.b_xh))
        cell.bias_hh.copy_(torch.tensor(ex.params.b_hh))
        h = torch.tensor(ex.h0).view(1, 2)
        for k, view in enumerate(r.views):
            h = cell(torch.tensor(ex.X[k : k + 1]), h)
            np.testing.assert_allclose(view.h, h[0].numpy(), atol=1e-12)


def test_gate_line_terms_add_up_to_the_printed_pre_activation():
    """Each line's terms, read back as numbers, sum to the pre-activation it prints."""
    t = calc.Tables(
        "lstm",
        "",
        {
            "W_x": (("0.5", "-2"),) * 4,
            "W_h": (("1.5",),) * 4,
            "b": (("-0.25", "0.125"),) * 4,
            "X": (("2", "-1"),),
            "state": (("-3",), ("1",)),
        },
    )
    r = calc.calculate(t)
    line = r.views[0].gates[0].lines[0]
    assert line == "0.5×2 - 2×(-1) - 0.25 + 1.5×(-3) + 0.125 = -1.625"
    lhs = line.split(" = ")[0].replace("×", "*")
    assert eval(lhs) == pytest.approx(-1.625)  # noqa: S307 - our own digits


# ------------------------------------------------------------------ parsing


def _with(t, field, r, c, value):
    grid = [list(row) for row in t.grids[field]]
    grid[r][c] = value
    return calc.Tables(t.kind, t.nonlinearity, {**t.grids, field: tuple(map(tuple, grid))})


@pytest.mark.parametrize(
    "value,words",
    [
        (None, "empty cell"),
        (float("nan"), "empty cell"),  # what the table editor returns for a cleared cell
        ("", "empty cell"),
        ("   ", "empty cell"),
        ("abc", "'abc' không phải là số · is not a number"),
        ("nan", "NaN is not a number"),
        ("NaN", "NaN is not a number"),
        ("inf", "infinite"),
        ("-inf", "infinite"),
        ("1e400", "infinite"),
    ],
)
def test_bad_cell_is_named_with_its_table_row_and_column(value, words):
    t = _with(calc.preset_tables("lstm_slide"), "W_h", 2, 0, value)
    r = calc.calculate(t)
    assert not r.ok and len(r.errors) == 1
    e = r.errors[0]
    assert (e.field, e.row, e.col) == ("W_h", "g · candidate", "h[1]")
    assert words in e.message
    assert str(e).startswith("g · candidate, h[1]: ")


def test_every_bad_cell_is_reported_not_just_the_first():
    t = _with(calc.preset_tables("rnn_slide"), "X", 1, 2, "x")
    t = _with(t, "state", 0, 1, "")
    errs = calc.calculate(t).errors
    assert [(e.field, e.row, e.col) for e in errs] == [
        ("X", "t=2", "x[3]"),
        ("state", "h_0", "[2]"),
    ]


def test_shape_mismatch_is_a_message():
    t = calc.preset_tables("rnn_slide")
    short = calc.Tables("rnn", "relu", {**t.grids, "W_h": t.grids["W_h"][:1]})
    errs = calc.calculate(short).errors
    assert len(errs) == 1 and errs[0].field == "W_h" and "shape mismatch" in errs[0].message
    assert "1×2" in errs[0].message and "2×2" in errs[0].message
    ragged = calc.Tables("rnn", "relu", {**t.grids, "b": (("1", "0"), ("1",))})
    assert "shape mismatch" in calc.calculate(ragged).errors[0].message


def test_comma_decimal_and_numbers_are_accepted():
    assert calc.parse_number("1,5") == (1.5, "")
    assert calc.parse_number(" -0.25 ") == (-0.25, "")
    assert calc.parse_number(2.0) == (2.0, "")
    assert calc.parse_number("1e300") == (1e300, "")


def test_huge_values_compute_without_nan_or_warnings_and_are_flagged():
    t = calc.preset_tables("lstm_slide")
    for field in ("W_x", "W_h"):
        for r in range(4):
            t = _with(t, field, r, 0, "1e300")
    t = _with(t, "X", 0, 0, "1e300")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = calc.calculate(t)
    assert r.ok
    v = r.views[0]
    assert all(np.isfinite(x) for x in v.h + v.c)
    assert v.overflow
    assert all(np.isfinite(row[2]) for row in r.table_rows)
    assert "nan" not in r.csv.decode().lower()


# --------------------------------------------------------------- share codes


@pytest.mark.parametrize(
    "t",
    [
        calc.preset_tables("lstm_slide"),
        calc.preset_tables("rnn_slide"),
        calc.random_tables("lstm", 4, 4, 6, 5),
        calc.random_tables("rnn", 2, 3, 1, 6, "tanh"),
    ],
)
def test_share_code_round_trips(t):
    code = calc.encode(t)
    back = calc.decode(code)
    assert back == t
    assert calc.calculate(back).share_code == code


def test_share_code_is_compact_and_url_safe():
    code = calc.encode(calc.preset_tables("lstm_slide"))
    assert code.startswith("L111_") and len(code) < 90
    assert set(code) <= set("LRT0123456789_.-e")
    assert calc.match_preset(calc.decode(code)) == "lstm_slide"


def test_share_code_keeps_every_digit():
    t = _with(calc.preset_tables("lstm_slide"), "W_x", 0, 0, "0.1234567890123")
    back = calc.parse_tables(calc.decode(calc.encode(t))).example
    assert back.params.W_ih[0, 0] == 0.1234567890123


@pytest.mark.parametrize(
    "code,words",
    [
        ("", "does not start like"),
        ("hello", "does not start like"),
        ("X111_1", "does not start like"),
        ("L511_" + "_".join(["1"] * 40), "I=5"),
        ("L111_1_2_3", "has 3 numbers"),
        ("L111_" + "_".join(["1"] * 18), "has 18 numbers, a LSTM with I=1, H=1, T=1 needs 19"),
        ("L111_" + "_".join(["1"] * 18 + ["abc"]), "number 19"),
        ("L111_" + "_".join(["1"] * 18 + ["inf"]), "number 19"),
        ("R323_" + "_".join(["1"] * 24 + ["nan"]), "number 25"),
    ],
)
def test_bad_share_codes_say_what_is_wrong(code, words):
    with pytest.raises(calc.ShareCodeError, match=words):
        calc.decode(code)


# ------------------------------------------------------------ presets, sizes


def test_random_preset_is_reproducible_from_its_seed():
    a = calc.random_tables("lstm", 2, 3, 4, 42)
    assert a == calc.random_tables("lstm", 2, 3, 4, 42)
    assert a != calc.random_tables("lstm", 2, 3, 4, 43)
    assert a.sizes == (2, 3, 4)
    assert len(a.grids["W_x"]) == 12 and len(a.grids["state"]) == 2
    # Short numbers a student can work by hand.
    assert all(len(s.lstrip("-").split(".")[-1]) <= 2 for row in a.grids["W_x"] for s in row)


def test_resize_keeps_overlap_and_zero_fills():
    t = calc.resize_tables(calc.preset_tables("lstm_slide"), 2, 2, 3)
    assert t.sizes == (2, 2, 3)
    # Row (gate f, unit 1) keeps f's weights; the new unit and input are zero.
    f1, f2 = t.grids["W_x"][2], t.grids["W_x"][3]
    assert f1 == ("1.63", "0") and f2 == ("0", "0")
    assert t.grids["state"] == (("1", "0"), ("2", "0"))
    assert calc.calculate(t).ok
    back = calc.resize_tables(t, 1, 1, 1)
    assert back == calc.preset_tables("lstm_slide")


def test_resize_clips_sizes_to_limits():
    assert calc.resize_tables(calc.preset_tables("rnn_slide"), 9, 0, 99).sizes == (4, 1, 6)


# ----------------------------------------------------- saturation, diagram, CSV


def test_saturation_flags_only_the_slide_forget_gate_with_its_true_derivative():
    r = calc.calculate(calc.preset_tables("lstm_slide"))
    assert [(s.t, s.gate, s.unit) for s in r.saturations] == [(1, "f", 1)]
    z = torch.tensor(5.95, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(z).backward()
    assert r.saturations[0].derivative == pytest.approx(z.grad.item(), rel=1e-12)
    assert "5.95" in r.saturations[0].message and "0.0026" in r.saturations[0].message


def test_relu_never_counts_as_saturated_but_tanh_rnn_does():
    t = calc.preset_tables("rnn_slide")
    assert calc.calculate(t).saturations == ()  # pre-activations up to 8, but ReLU
    t = calc.Tables("rnn", "relu", {**t.grids, "X": (("2", "2", "2"),) + t.grids["X"][1:]})
    assert calc.calculate(t).saturations == ()
    tanh = calc.Tables("rnn", "tanh", t.grids)
    sat = calc.calculate(tanh).saturations  # pre = [7, 8] at t=1; later |pre| <= 4
    assert [(s.t, s.gate, s.unit) for s in sat] == [(1, "h", 1), (1, "h", 2)]
    assert sat[1].derivative == pytest.approx(1 - np.tanh(8.0) ** 2)


def test_diagram_carries_live_values_and_is_balanced():
    r = calc.calculate(calc.preset_tables("lstm_slide"))
    dot = r.views[0].dot
    assert dot.startswith("digraph LSTM {") and dot.rstrip().endswith("}")
    for s in ("σ(5.95)\n= 0.997", "c_t = +\n2.948", "\n0.986", "saturated", "cp -> fc"):
        assert s in dot
    assert dot.count("{") == dot.count("}")
    wide = calc.calculate(calc.random_tables("lstm", 1, 2, 1, 0)).views[0]
    assert "[" in wide.dot.split("h_t = o⊙tanh(c_t)")[1]  # H > 1: vectors in brackets
    rnn = calc.calculate(calc.preset_tables("rnn_slide")).views[2].dot
    assert "[5, 8]" in rnn and "[4, 7]" in rnn and "ReLU" in rnn


def test_dot_labels_are_escaped():
    assert calc._node("a", 'x "y" \\') == '  a [label="x \\"y\\" \\\\"];'


def test_csv_holds_every_intermediate_at_full_precision():
    r = calc.calculate(calc.random_tables("lstm", 2, 3, 4, 1))
    rows = list(csv.reader(io.StringIO(r.csv.decode())))
    assert rows[0] == ["t", "quantity", "unit_1", "unit_2", "unit_3"]
    body = rows[1:]
    per_step = 2 + 4 * 6 + 4 + 1  # h_prev, c_prev, 6 per gate, f_c_prev..tanh_c, h
    assert len(body) == 4 * per_step
    by_key = {(int(t), q): np.array([float(x) for x in v]) for t, q, *v in body}
    s = r.steps[2]
    np.testing.assert_array_equal(by_key[(3, "c")], s.c)
    np.testing.assert_array_equal(by_key[(3, "o.pre")], s.gates["o"].pre)
    np.testing.assert_array_equal(by_key[(3, "h")], s.h)
    assert {q.split(".")[0] for _, q in by_key if "." in q} == set(GATES)


def test_fmt_prints_like_the_slides():
    assert [calc.fmt(v) for v in (5.95, 2.0, -0.32, 0.99740, -0.0001, 0.0, 1e300, 1234567.0)] == [
        "5.95",
        "2",
        "-0.32",
        "0.997",
        "-0.0001",
        "0",
        "1e+300",
        "1.23e+06",
    ]


def test_huge_rnn_partial_sums_print_finite_without_warnings():
    """The slides' grouped sums (x W^T + b) are clamped like the cells, never inf."""
    t = calc.Tables(
        "rnn",
        "relu",
        {
            "W_x": (("1.7e308",),),
            "W_h": (("1.7e308",),),
            "b": (("1.7e308", "1.7e308"),),
            "X": (("1",), ("1",)),
            "state": (("1",),),
        },
    )
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = calc.calculate(t)
    text = " ".join(r.views[1].state_lines) + r.views[1].dot
    assert "inf" not in text and "nan" not in text
    assert "1.8e+308" in r.views[1].state_lines[0]
    assert r.views[0].overflow


def test_md_escape_neutralises_markdown_and_html():
    for text in ("![](http://x/a.png)", "**b**", "<script>x</script>", "$x$", "`c`", "[a](b)"):
        esc = md_escape(text)
        # Every ASCII punctuation mark is backslashed; removing the backslashes gives it back.
        assert all(esc[i - 1] == "\\" for i, ch in enumerate(esc) if ch in "![]()*<>$`")
        assert esc.replace("\\", "").replace(ZWSP, "") == text.replace("\\", "")
    assert md_escape("1.5 · ô trống") == "1\\.5 · ô trống"


def test_md_escape_splits_autolinks_which_ignore_backslashes():
    for text, plain in [
        ("http://x.y/z", "http:" + ZWSP + "//x.y/z"),
        ("WWW.evil.com", "WWW" + ZWSP + ".evil.com"),
        ("a@b.co", "a@" + ZWSP + "b.co"),
    ]:
        assert md_escape(text).replace("\\", "") == plain
    # Pasting a message's text back into a cell still parses.
    assert calc.parse_number("1." + ZWSP + "5") == (1.5, "")
