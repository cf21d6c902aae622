"""core.calculator.loss: the FC head, softmax and cross-entropy (slides 15-17) against torch."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.calculator.loss import (
    CLASS_LIMITS,
    HeadTables,
    default_head,
    head_forward,
    parse_head,
    resize_head,
    seeded_head,
)
from core.calculator.parse import parse_tables
from core.calculator.share import (
    ShareCodeError,
    decode,
    decode_head,
    decode_link,
    encode,
    encode_head,
    match_preset,
)
from core.calculator.tables import preset_tables, random_tables
from core.calculator.trace import calculate, calculate_head
from core.nn.cells import FLOAT_MAX

f64 = torch.float64


def torch_loss(z, y):
    """Independent reference: torch's softmax and cross-entropy in float64."""
    zt = torch.tensor(np.asarray(z, dtype=np.float64), dtype=f64).view(1, -1)
    p = F.softmax(zt, dim=1)[0].numpy()
    loss = F.cross_entropy(zt, torch.tensor([y])).item()
    return p, loss


def trace_of_logits(z, y):
    """A head whose logits are z exactly: W = 0 on h = [1], b = z."""
    z = np.asarray(z, dtype=np.float64)
    return head_forward(np.zeros((len(z), 1)), z, np.ones(1), y)


# ------------------------------------------------------------ softmax and the loss

LOGITS = [
    [-1.0, -0.1, -1.8],  # the slide RNN with the default head
    [0.3, -2.5, 1.7, 0.0],
    [2.0, 2.0, 2.0],  # a three-way tie
    [5.0, 5.0, -3.0],  # a tie at the top
    [1000.0, 0.0, -1000.0],  # exp(1000) overflows float64
    [-1000.0, -1001.0],  # exp(-1000) underflows to 0
    [1e300, -1e300, 0.0],
    [710.0, 709.0, 708.5, 700.0],
]


@pytest.mark.parametrize("z", LOGITS)
def test_softmax_and_cross_entropy_match_torch_for_every_class(z):
    for y in range(len(z)):
        tr = trace_of_logits(z, y)
        p, loss = torch_loss(z, y)
        np.testing.assert_allclose(tr.p, p, rtol=1e-12, atol=1e-300)
        assert tr.loss == pytest.approx(loss, rel=1e-12, abs=1e-12), (z, y)
        assert math.isfinite(tr.lse) and math.isfinite(tr.loss)
        assert tr.p.sum() == pytest.approx(1.0, abs=1e-12)
        assert tr.y == y


def test_huge_logits_stay_finite_where_the_naive_formula_does_not():
    z = [1000.0, 0.0, -1000.0]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive[0])  # inf / inf
    tr = trace_of_logits(z, 1)
    assert tr.m == 1000.0 and list(tr.shifted) == [0.0, -1000.0, -2000.0]
    assert tr.e[0] == 1.0 and tr.sum_e == pytest.approx(1.0)
    # p_1 underflows to 0, yet the loss is exact: log Σ e^z - z_1 = 1000.
    assert tr.p[2] == 0.0 and math.isfinite(tr.loss)
    assert tr.loss == pytest.approx(1000.0) == torch_loss(z, 1)[1]
    assert trace_of_logits(z, 2).loss == pytest.approx(2000.0)


def test_ties_give_equal_probabilities_and_log_C():
    tr = trace_of_logits([2.0, 2.0, 2.0], 0)
    np.testing.assert_allclose(tr.p, [1 / 3] * 3, rtol=1e-15)
    assert tr.loss == pytest.approx(math.log(3), rel=1e-15)
    assert tr.sum_e == 3.0 and tr.lse == pytest.approx(2 + math.log(3))


def test_every_intermediate_is_what_its_name_says():
    tr = trace_of_logits([0.3, -2.5, 1.7, 0.0], 2)
    assert tr.m == 1.7
    np.testing.assert_allclose(tr.e, np.exp(np.array([0.3, -2.5, 1.7, 0.0]) - 1.7), rtol=1e-15)
    assert tr.sum_e == pytest.approx(tr.e.sum(), rel=1e-15)
    assert tr.lse == pytest.approx(1.7 + math.log(tr.sum_e), rel=1e-15)
    np.testing.assert_allclose(tr.p, tr.e / tr.sum_e, rtol=1e-14)
    assert tr.loss == pytest.approx(-math.log(tr.p[2]), rel=1e-12)
    assert tr.loss == pytest.approx(tr.lse - 1.7, rel=1e-12)


def test_logits_past_float64_are_clamped_and_flagged():
    tr = head_forward(np.array([[1e308, 1e308], [0.0, 0.0]]), np.zeros(2), np.array([10.0, 10]), 1)
    assert tr.overflow and tr.z[0] == FLOAT_MAX
    assert np.all(np.isfinite(tr.z)) and tr.p[0] == 1.0
    assert tr.loss == pytest.approx(torch_loss(tr.z, 1)[1], rel=1e-12)  # both FLOAT_MAX: huge


# --------------------------------------------------- the head on torch's nn.RNN


def torch_rnn_head(ex, W, b):
    """torch.nn.RNN's last hidden state through nn.Linear, float64."""
    p = ex.params
    H, I = p.W_xh.shape
    rnn = torch.nn.RNN(I, H, nonlinearity=p.nonlinearity, batch_first=True, dtype=f64)
    fc = torch.nn.Linear(H, len(b), dtype=f64)
    with torch.no_grad():
        for name, v in (
            ("weight_ih_l0", p.W_xh),
            ("weight_hh_l0", p.W_hh),
            ("bias_ih_l0", p.b_xh),
            ("bias_hh_l0", p.b_hh),
        ):
            getattr(rnn, name).copy_(torch.tensor(v, dtype=f64))
        fc.weight.copy_(torch.tensor(W, dtype=f64))
        fc.bias.copy_(torch.tensor(b, dtype=f64))
        X = torch.tensor(ex.X, dtype=f64).unsqueeze(0)
        h0 = torch.tensor(ex.h0, dtype=f64).view(1, 1, -1)
        _, h_n = rnn(X, h0)
        z = fc(h_n[0])  # (1, C)
    return h_n[0, 0].numpy(), z


def test_the_slide_rnn_with_the_default_head_matches_nn_rnn_and_nn_linear():
    calc = calculate(preset_tables("rnn_slide"))
    head = default_head(2)
    W, b, errors = parse_head(head, 2)
    assert errors == ()
    h_T, z = torch_rnn_head(calc.example, W, b)
    assert list(h_T) == [5.0, 8.0]  # slide 14's last hidden state
    loss = calculate_head(calc, head)
    assert loss.ok
    np.testing.assert_allclose(loss.trace.z, z[0].numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(loss.trace.z, [-1.0, -0.1, -1.8], atol=1e-12)
    for y in range(3):
        tr = calculate_head(calc, HeadTables(head.grid, y)).trace
        ref = F.cross_entropy(z, torch.tensor([y])).item()
        assert tr.loss == pytest.approx(ref, rel=1e-12)
        np.testing.assert_allclose(tr.p, F.softmax(z, dim=1)[0].numpy(), rtol=1e-12)


@pytest.mark.parametrize("nl", ["relu", "tanh"])
@pytest.mark.parametrize("seed,I,H,T,C", [(0, 1, 1, 1, 2), (3, 3, 2, 4, 3), (9, 4, 4, 6, 4)])
def test_random_rnn_and_head_match_torch(nl, seed, I, H, T, C):
    tab = random_tables("rnn", I, H, T, seed, nl)
    calc = calculate(tab)
    head = HeadTables(seeded_head(C, H, seed + 1).grid, C - 1)
    W, b, _ = parse_head(head, H)
    h_T, z = torch_rnn_head(calc.example, W, b)
    tr = calculate_head(calc, head).trace
    np.testing.assert_allclose(tr.h, h_T, atol=1e-12)
    np.testing.assert_allclose(tr.z, z[0].numpy(), atol=1e-12)
    np.testing.assert_allclose(tr.Wh.sum(axis=1) + tr.b, tr.z, atol=1e-12)
    assert tr.loss == pytest.approx(F.cross_entropy(z, torch.tensor([C - 1])).item(), rel=1e-12)


# ------------------------------------------------------------ head tables


def test_default_head_is_seeded_and_reproducible():
    head = default_head(2)
    assert head == seeded_head(3, 2, 17) and head.y == 0
    assert head.classes == 3 and head.hidden == 2
    assert seeded_head(3, 2, 17) == seeded_head(3, 2, 17)
    assert seeded_head(3, 2, 18) != seeded_head(3, 2, 17)
    # One decimal each: numbers a student can multiply by hand.
    assert all(len(s.lstrip("-")) <= 3 for row in head.grid for s in row)


def test_resize_head_keeps_the_overlap_and_the_bias():
    head = HeadTables((("1", "2", "9"), ("3", "4", "8")), y=1)
    wider = resize_head(head, 3, 3)
    assert wider.grid == (("1", "2", "0", "9"), ("3", "4", "0", "8"), ("0", "0", "0", "0"))
    assert wider.y == 1
    narrower = resize_head(head, 2, 1)
    assert narrower.grid == (("1", "9"), ("3", "8"))
    fewer = resize_head(HeadTables(wider.grid, 2), 2, 3)
    assert fewer.classes == 2 and fewer.y == 1  # the target class stays a class
    assert resize_head(head, 99, 2).classes == CLASS_LIMITS[1]
    assert resize_head(head, 0, 2).classes == CLASS_LIMITS[0]


def test_bad_head_cells_are_named_by_row_and_column():
    head = HeadTables((("1", "abc", "0"), ("", "2", "inf")), y=0)
    _, _, errors = parse_head(head, 2)
    assert [(e.field, e.row, e.col, e.code) for e in errors] == [
        ("head", 0, 1, "calc_not_a_number"),
        ("head", 1, 0, "calc_empty_cell"),
        ("head", 1, 2, "calc_infinite"),
    ]
    assert errors[0].params == {"text": "abc"}
    calc = calculate(preset_tables("rnn_slide"))
    loss = calculate_head(calc, head)
    assert not loss.ok and loss.trace is None
    assert loss.share_code.endswith("~21_1_0_0_0_2_0")  # bad cells travel as 0


def test_a_head_of_the_wrong_shape_or_class_is_an_error():
    _, _, errors = parse_head(HeadTables((("1", "2"), ("3", "4")), 0), 2)
    assert [e.code for e in errors] == ["calc_shape"]
    assert errors[0].params == dict(got_rows=2, got_cols=2, rows=2, cols=3)
    _, _, errors = parse_head(HeadTables((("1", "2"),) * 5, 0), 1)
    assert errors[0].params == dict(got_rows=5, got_cols=2, rows=4, cols=2)  # at most 4
    _, _, errors = parse_head(HeadTables((("1", "2"),), 0), 1)
    assert errors[0].params == dict(got_rows=1, got_cols=2, rows=2, cols=2)  # at least 2
    _, _, errors = parse_head(HeadTables((("1", "2"), ("3", "4")), 2), 1)
    assert [(e.code, e.params) for e in errors] == [("calc_head_class", {"y": 3, "C": 2})]


# ------------------------------------------------------------ share codes

# Made before the head existed (commit 56476f5): they must read as they always did.
OLD_RNN = "R323_1_1_1_1_1_1_1_0_0_1_1_0_1_1_0_1_0_0_0_1_0_0_0_0_0"
OLD_LSTM = "L111_1.65_1.63_0.94_-0.19_2_2.7_1.41_4.38_0.62_0_0_1.62_-0.32_0_0_0.59_1_1_2"


def test_old_codes_still_decode_to_the_same_tables():
    assert decode(OLD_RNN) == preset_tables("rnn_slide")
    assert decode(OLD_LSTM) == preset_tables("lstm_slide")
    assert decode_link(OLD_RNN) == (preset_tables("rnn_slide"), None)
    assert decode_link(OLD_LSTM) == (preset_tables("lstm_slide"), None)
    assert encode(preset_tables("rnn_slide")) == OLD_RNN  # the cell's part is unchanged
    assert match_preset(decode(OLD_RNN)) == "rnn_slide"


def test_a_code_with_its_head_round_trips_and_still_matches_the_slide():
    calc = calculate(preset_tables("rnn_slide"))
    head = HeadTables(seeded_head(4, 2, 5).grid, 3)
    code = calculate_head(calc, head).share_code
    assert code == OLD_RNN + encode_head(head) and code.startswith(OLD_RNN + "~44_")
    t, got = decode_link(code)
    assert t == preset_tables("rnn_slide") and got == head
    assert match_preset(t) == "rnn_slide"
    # The default head with class 1 adds nothing: the link is the one made before heads.
    assert calculate_head(calc, default_head(2)).share_code == OLD_RNN
    other_class = HeadTables(default_head(2).grid, 1)
    assert calculate_head(calc, other_class).share_code == OLD_RNN + encode_head(other_class)
    assert decode_link(OLD_RNN + encode_head(other_class))[1].y == 1
    assert decode(code) == t  # decode alone reads the cell and leaves the head
    # URL-safe: '~' is unreserved, numbers keep every digit.
    h2 = HeadTables((("0.1234567890123", "-1e-07", "3"), ("1", "2", "3")), 1)
    assert decode_link(OLD_RNN + encode_head(h2))[1] == h2


@pytest.mark.parametrize(
    "suffix,code,params",
    [
        ("~x1_1", "calc_share_head_start", {"lo": 2, "hi": 4}),
        ("~91_1", "calc_share_head_start", {"lo": 2, "hi": 4}),
        ("~35_" + "_".join(["1"] * 9), "calc_share_head_class", {"y": 5, "C": 3}),
        ("~30_" + "_".join(["1"] * 9), "calc_share_head_class", {"y": 0, "C": 3}),
        ("~21_1_2", "calc_share_head_count", dict(got=2, C=2, H=2, need=6)),
        ("~21_1_2_3_4_5_x", "calc_share_head_number", {"k": 6}),
    ],
)
def test_bad_head_suffixes_say_what_is_wrong(suffix, code, params):
    with pytest.raises(ShareCodeError) as e:
        decode_link(OLD_RNN + suffix)
    assert e.value.code == code and e.value.params == params
    assert decode(OLD_RNN + suffix) == preset_tables("rnn_slide")


def test_a_head_on_an_lstm_code_is_refused():
    with pytest.raises(ShareCodeError) as e:
        decode_link(OLD_LSTM + "~21_1_0_0_0")
    assert e.value.code == "calc_share_head_kind"


def test_a_bad_number_in_the_head_carries_the_cells_reason():
    with pytest.raises(ShareCodeError) as e:
        decode_head("21_1_2_nan_4_5_6", 2)
    assert e.value.cause is not None and e.value.cause.code == "calc_nan"


def test_every_head_grid_parses_back_from_its_code():
    for C in range(CLASS_LIMITS[0], CLASS_LIMITS[1] + 1):
        for H in range(1, 5):
            head = seeded_head(C, H, C * 10 + H, y=C - 1)
            assert decode_head(encode_head(head)[1:], H) == head
            W, b, err = parse_head(head, H)
            assert err == () and W.shape == (C, H) and b.shape == (C,)
    assert parse_tables(decode(OLD_RNN)).errors == ()


# ------------------------------------------------------------ slides 15-17 read literally


def test_the_literal_reading_is_torchs_cross_entropy_on_h_T_5_8():
    """Slides 15-17 draw CE Loss straight from h_T = [5, 8] (no FC layer before slide 18):
    read literally, h_T's two numbers are the logits; for y = 1 (the unit holding 8) the loss
    is 0.0486, for y = 0 it is 3.05 (torch's F.cross_entropy, float64)."""
    calc = calculate(preset_tables("rnn_slide"))
    assert calc.steps[-1].h.tolist() == [5.0, 8.0]
    h = torch.tensor([[5.0, 8.0]], dtype=f64)
    for y, printed in ((1, "0.0486"), (0, "3.05")):
        loss = calculate_head(calc, HeadTables(default_head(2).grid, y))
        ref = F.cross_entropy(h, torch.tensor([y])).item()
        assert loss.literal.loss == pytest.approx(ref, rel=1e-12)
        assert f"{ref:.3g}" == printed
        assert -loss.literal.log_p == pytest.approx(-F.log_softmax(h, dim=1)[0].numpy(), rel=1e-12)
        assert loss.trace.loss != pytest.approx(ref)  # the FC head is another reading


def test_the_literal_reading_survives_a_broken_head_and_a_class_beyond_H():
    calc = calculate(preset_tables("rnn_slide"))
    bad = HeadTables((("x", "1", "0"), ("1", "1", "0"), ("0", "0", "0")), 2)
    loss = calculate_head(calc, bad)
    assert not loss.ok and loss.literal is not None
    assert loss.literal.y == 0  # class 3 is not a unit of h_T (H = 2): the first one stands in
