"""core.calculator: slide values, parsing, share codes, presets, saturation and CSV, as numbers."""

import csv
import io

import numpy as np
import pytest
import torch

from core.calculator.export import to_csv, trace_table
from core.calculator.parse import CellError, parse_number, parse_tables
from core.calculator.share import ShareCodeError, decode, encode, match_preset
from core.calculator.slides import check, partial_sum
from core.calculator.tables import Tables, preset_tables, random_tables, resize_tables
from core.calculator.trace import calculate
from core.errors import CoreError
from core.nn.cells import FLOAT_MAX, GATES
from ui.markdown import ZWSP

# ------------------------------------------------------------- slide values


def test_lstm_slide_checks_cover_every_slide_value():
    r = calculate(preset_tables("lstm_slide"))
    got = {c.quantity: (c.printed, c.value, c.agrees) for c in r.slide_checks}
    assert {q: (p, a) for q, (p, _, a) in got.items()} == {
        "z_f": ((5.95,), True),
        "z_i": ((4.27,), True),
        "z_g": ((2.03,), True),
        "z_o": ((4.78,), True),
        "f = σ(z_f)": ((0.997,), True),
        "i = σ(z_i)": ((0.986,), True),
        "g = tanh(z_g)": ((0.966,), True),
        "o = σ(z_o)": ((0.992,), True),
        "c_t = f⊙c_(t-1) + i⊙g": ((2.946,), True),
        "tanh(c_t)": ((0.994,), True),
        "h_t = o⊙tanh(c_t)": ((1.986,), False),  # the erratum: printed as o + tanh(c_t)
    }
    # The slides' rounded chain (slides 48-50) redone from the weights.
    ro = r.rounding
    assert (ro.f, ro.i, ro.g, ro.o, ro.c_prev) == (0.997, 0.986, 0.966, 0.992, 2.0)
    assert (ro.fc, ro.ig, ro.c, ro.tanh_c, ro.h) == (1.994, 0.952, 2.946, 0.994, 0.986)
    assert ro.printed_h == 1.986  # what slides 49 and 50 print: o + tanh(c_t)
    assert f"{ro.exact_c:.4f}" == "2.9476" and f"{ro.exact_h:.5f}" == "0.98623"


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
    r = calculate(preset_tables("lstm_slide"))
    assert r.steps[0].h[0] == pytest.approx(h.item(), abs=1e-12)
    assert r.steps[0].c[0] == pytest.approx(c.item(), abs=1e-12)
    assert f"{c.item():.4f}" == "2.9476" and f"{h.item():.3f}" == "0.986"
    assert r.rounding.exact_h == pytest.approx(h.item(), abs=1e-12)


def test_rnn_slide_per_step_numbers():
    r = calculate(preset_tables("rnn_slide"))
    assert r.ok and r.preset == "rnn_slide"
    sums = [
        (
            tuple(partial_sum(s.update.Wx_x, s.update.b_x)),
            tuple(partial_sum(s.update.Wh_h, s.update.b_h)),
        )
        for s in r.steps
    ]
    assert sums == [((2, 2), (0, 1)), ((2, 2), (2, 4)), ((1, 1), (4, 7))]
    assert [tuple(s.update.pre) for s in r.steps] == [(2, 3), (4, 6), (5, 8)]
    assert len(r.slide_checks) == 9 and all(c.agrees for c in r.slide_checks)
    assert [tuple(s.h) for s in r.steps] == [(2.0, 3.0), (4.0, 6.0), (5.0, 8.0)]


def test_slide_checks_can_fail():
    """An edited slide example is no longer 'the slide', and a wrong value would show ✗."""
    t = preset_tables("lstm_slide")
    grids = dict(t.grids)
    grids["W_x"] = (("1.66",),) + t.grids["W_x"][1:]
    assert calculate(Tables("lstm", "", grids)).preset == ""
    step = calculate(t).steps[0]
    bad = check("44", "x", "0.998", float(step.gates["f"].act[0]))
    assert not bad.agrees
    assert check("44", "x", "0.997", float(step.gates["f"].act[0])).agrees


# ------------------------------------------------------- against PyTorch


@pytest.mark.parametrize("seed,I,H,T", [(0, 1, 1, 1), (1, 2, 3, 4), (2, 4, 4, 6), (3, 3, 1, 2)])
def test_random_lstm_matches_torch_lstmcell(seed, I, H, T):
    t = random_tables("lstm", I, H, T, seed)
    r = calculate(t)
    assert r.ok
    ex = r.example
    cell = torch.nn.LSTMCell(I, H, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(ex.params.W_ih))
        cell.weight_hh.copy_(torch.tensor(ex.params.W_hh))
        cell.bias_ih.copy_(torch.tensor(ex.params.b_ih))
        cell.bias_hh.copy_(torch.tensor(ex.params.b_hh))
        h, c = torch.tensor(ex.h0).view(1, H), torch.tensor(ex.c0).view(1, H)
        for k, step in enumerate(r.steps):
            h, c = cell(torch.tensor(ex.X[k : k + 1]), (h, c))
            np.testing.assert_allclose(step.h, h[0].numpy(), atol=1e-12)
            np.testing.assert_allclose(step.c, c[0].numpy(), atol=1e-12)


@pytest.mark.parametrize("nl", ["relu", "tanh"])
def test_random_rnn_matches_torch_rnncell(nl):
    t = random_tables("rnn", 3, 2, 5, 11, nl)
    r = calculate(t)
    ex = r.example
    cell = torch.nn.RNNCell(3, 2, nonlinearity=nl, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(ex.params.W_xh))
        cell.weight_hh.copy_(torch.tensor(ex.params.W_hh))
        cell.bias_ih.copy_(torch.tensor(ex.params.b_xh))
        cell.bias_hh.copy_(torch.tensor(ex.params.b_hh))
        h = torch.tensor(ex.h0).view(1, 2)
        for k, step in enumerate(r.steps):
            h = cell(torch.tensor(ex.X[k : k + 1]), h)
            np.testing.assert_allclose(step.h, h[0].numpy(), atol=1e-12)


# ------------------------------------------------------------------ parsing


def with_cell(t, field, r, c, value):
    """t with one cell of one grid replaced."""
    grid = [list(row) for row in t.grids[field]]
    grid[r][c] = value
    return Tables(t.kind, t.nonlinearity, {**t.grids, field: tuple(map(tuple, grid))})


@pytest.mark.parametrize(
    "value,code,params",
    [
        (None, "calc_empty_cell", {}),
        (float("nan"), "calc_empty_cell", {}),  # what the table editor returns for a cleared cell
        ("", "calc_empty_cell", {}),
        ("   ", "calc_empty_cell", {}),
        ("abc", "calc_not_a_number", {"text": "abc"}),
        ("nan", "calc_nan", {}),
        ("NaN", "calc_nan", {}),
        ("inf", "calc_infinite", {"max": "1.8e+308"}),
        ("-inf", "calc_infinite", {"max": "1.8e+308"}),
        ("1e400", "calc_infinite", {"max": "1.8e+308"}),
    ],
)
def test_bad_cell_is_named_with_its_table_row_and_column(value, code, params):
    t = with_cell(preset_tables("lstm_slide"), "W_h", 2, 0, value)
    r = calculate(t)
    assert not r.ok and len(r.errors) == 1
    e = r.errors[0]
    assert (e.field, e.row, e.col) == ("W_h", 2, 0)  # gate g (i, f, g, o rows), column h[1]
    assert (e.code, e.params) == (code, params)


def test_a_long_bad_cell_is_quoted_up_to_20_characters():
    with pytest.raises(CellError) as info:
        parse_number("x" * 30)
    assert info.value.params == {"text": "x" * 20 + "…"}
    assert isinstance(info.value, CoreError)


def test_every_bad_cell_is_reported_not_just_the_first():
    t = with_cell(preset_tables("rnn_slide"), "X", 1, 2, "x")
    t = with_cell(t, "state", 0, 1, "")
    errs = calculate(t).errors
    assert [(e.field, e.row, e.col, e.code) for e in errs] == [
        ("X", 1, 2, "calc_not_a_number"),
        ("state", 0, 1, "calc_empty_cell"),
    ]


def test_shape_mismatch_is_a_message():
    t = preset_tables("rnn_slide")
    short = Tables("rnn", "relu", {**t.grids, "W_h": t.grids["W_h"][:1]})
    errs = calculate(short).errors
    assert len(errs) == 1 and errs[0].field == "W_h" and errs[0].code == "calc_shape"
    assert errs[0].params == {"got_rows": 1, "got_cols": 2, "rows": 2, "cols": 2}
    ragged = Tables("rnn", "relu", {**t.grids, "b": (("1", "0"), ("1",))})
    assert calculate(ragged).errors[0].code == "calc_shape"


def test_sizes_and_kind_out_of_range_are_errors_not_exceptions():
    t = preset_tables("rnn_slide")
    long = Tables("rnn", "relu", {**t.grids, "X": t.grids["X"] * 3})  # T = 9
    assert [(e.code, e.params) for e in calculate(long).errors] == [
        ("calc_sizes", {"I": 3, "H": 2, "T": 9})
    ]
    assert calculate(Tables("gru", "", t.grids)).errors[0].code == "calc_kind"


def test_comma_decimal_and_numbers_are_accepted():
    assert parse_number("1,5") == 1.5
    assert parse_number(" -0.25 ") == -0.25
    assert parse_number(2.0) == 2.0
    assert parse_number("1e300") == 1e300


def test_huge_values_compute_without_nan_or_warnings_and_are_flagged():
    t = preset_tables("lstm_slide")
    for field in ("W_x", "W_h"):
        for r in range(4):
            t = with_cell(t, field, r, 0, "1e300")
    t = with_cell(t, "X", 0, 0, "1e300")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = calculate(t)
    assert r.ok
    s = r.steps[0]
    assert all(np.isfinite(x) for x in (*s.h, *s.c))
    assert s.overflow
    assert all(np.isfinite(row[2]) for row in r.table_rows)
    assert "nan" not in r.csv.decode().lower()


# --------------------------------------------------------------- share codes


@pytest.mark.parametrize(
    "t",
    [
        preset_tables("lstm_slide"),
        preset_tables("rnn_slide"),
        random_tables("lstm", 4, 4, 6, 5),
        random_tables("rnn", 2, 3, 1, 6, "tanh"),
    ],
)
def test_share_code_round_trips(t):
    code = encode(t)
    back = decode(code)
    assert back == t
    assert calculate(back).share_code == code


def test_share_code_is_compact_and_url_safe():
    code = encode(preset_tables("lstm_slide"))
    assert code.startswith("L111_") and len(code) < 90
    assert set(code) <= set("LRT0123456789_.-e")
    assert match_preset(decode(code)) == "lstm_slide"


def test_share_code_keeps_every_digit():
    t = with_cell(preset_tables("lstm_slide"), "W_x", 0, 0, "0.1234567890123")
    back = parse_tables(decode(encode(t))).example
    assert back.params.W_ih[0, 0] == 0.1234567890123


@pytest.mark.parametrize(
    "code,words,params",
    [
        ("", "does not start like", {}),
        ("hello", "does not start like", {}),
        ("X111_1", "does not start like", {}),
        ("L511_" + "_".join(["1"] * 40), "I=5", {"name": "I", "value": 5, "lo": 1, "hi": 4}),
        ("L111_1_2_3", "has 3 numbers", {"got": 3, "need": 19}),
        (
            "L111_" + "_".join(["1"] * 18),
            "has 18 numbers, a LSTM with I=1, H=1, T=1 needs 19",
            {"got": 18, "kind": "LSTM", "I": 1, "H": 1, "T": 1, "need": 19},
        ),
        ("L111_" + "_".join(["1"] * 18 + ["abc"]), "number 19", {"k": 19}),
        ("L111_" + "_".join(["1"] * 18 + ["inf"]), "number 19", {"k": 19}),
        ("R323_" + "_".join(["1"] * 24 + ["nan"]), "number 25", {"k": 25}),
    ],
)
def test_bad_share_codes_say_what_is_wrong(code, words, params):
    with pytest.raises(ShareCodeError, match=words) as info:
        decode(code)
    err = info.value
    assert isinstance(err, CoreError) and err.code.startswith("calc_share_")
    assert params.items() <= err.params.items()


def test_a_bad_number_in_a_share_code_carries_the_cells_reason():
    with pytest.raises(ShareCodeError) as info:
        decode("L111_" + "_".join(["1"] * 18 + ["abc"]))
    assert info.value.code == "calc_share_number"
    assert (info.value.cause.code, info.value.cause.params) == (
        "calc_not_a_number",
        {"text": "abc"},
    )


# ------------------------------------------------------------ presets, sizes


def test_random_preset_is_reproducible_from_its_seed():
    a = random_tables("lstm", 2, 3, 4, 42)
    assert a == random_tables("lstm", 2, 3, 4, 42)
    assert a != random_tables("lstm", 2, 3, 4, 43)
    assert a.sizes == (2, 3, 4)
    assert len(a.grids["W_x"]) == 12 and len(a.grids["state"]) == 2
    # Short numbers a student can work by hand.
    assert all(len(s.lstrip("-").split(".")[-1]) <= 2 for row in a.grids["W_x"] for s in row)


def test_resize_keeps_overlap_and_zero_fills():
    t = resize_tables(preset_tables("lstm_slide"), 2, 2, 3)
    assert t.sizes == (2, 2, 3)
    # Row (gate f, unit 1) keeps f's weights; the new unit and input are zero.
    f1, f2 = t.grids["W_x"][2], t.grids["W_x"][3]
    assert f1 == ("1.63", "0") and f2 == ("0", "0")
    assert t.grids["state"] == (("1", "0"), ("2", "0"))
    assert calculate(t).ok
    back = resize_tables(t, 1, 1, 1)
    assert back == preset_tables("lstm_slide")


def test_resize_clips_sizes_to_limits():
    assert resize_tables(preset_tables("rnn_slide"), 9, 0, 99).sizes == (4, 1, 6)


# ------------------------------------------------------------ saturation, CSV


def test_saturation_flags_only_the_slide_forget_gate_with_its_true_derivative():
    r = calculate(preset_tables("lstm_slide"))
    assert [(s.t, s.gate, s.unit) for s in r.saturations] == [(1, "f", 1)]
    z = torch.tensor(5.95, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(z).backward()
    assert r.saturations[0].derivative == pytest.approx(z.grad.item(), rel=1e-12)
    assert r.saturations[0].pre == pytest.approx(5.95) and r.saturations[0].activation == "sigmoid"
    assert r.saturated(1, "f") == (True,) and r.saturated(1, "o") == (False,)


def test_relu_never_counts_as_saturated_but_tanh_rnn_does():
    t = preset_tables("rnn_slide")
    assert calculate(t).saturations == ()  # pre-activations up to 8, but ReLU
    t = Tables("rnn", "relu", {**t.grids, "X": (("2", "2", "2"),) + t.grids["X"][1:]})
    assert calculate(t).saturations == ()
    tanh = Tables("rnn", "tanh", t.grids)
    sat = calculate(tanh).saturations  # pre = [7, 8] at t=1; later |pre| <= 4
    assert [(s.t, s.gate, s.unit) for s in sat] == [(1, "h", 1), (1, "h", 2)]
    assert sat[1].derivative == pytest.approx(1 - np.tanh(8.0) ** 2)


def test_csv_holds_every_intermediate_at_full_precision():
    r = calculate(random_tables("lstm", 2, 3, 4, 1))
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
    assert to_csv(*trace_table("lstm", r.steps)) == r.csv


# An RNN whose every sum passes float64's range: x W^T + b = 1.7e308 + 1.7e308.
HUGE_RNN = Tables(
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


def test_huge_rnn_partial_sums_are_clamped_never_inf():
    """The slides' grouped sums (x W^T + b) are clamped like the cells, never inf."""
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = calculate(HUGE_RNN)
        u = r.steps[1].update
        ax = partial_sum(u.Wx_x, u.b_x)
    assert np.isfinite(ax).all() and ax[0] == FLOAT_MAX
    assert r.steps[0].overflow


def test_pasting_a_message_back_into_a_cell_still_parses():
    assert parse_number("1." + ZWSP + "5") == 1.5
