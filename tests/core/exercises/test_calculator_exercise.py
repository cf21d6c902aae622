"""The calculator's "your turn": seeded, the calculator's own cell, held to torch in float64."""

import numpy as np
import pytest
import torch

from core.calculator.parse import parse_tables
from core.exercises.calculator import LSTM_VALUES, RNN_STEPS, cell_exercise, exercise_tables

SEEDS = range(12)


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_a_seed_is_one_exercise(kind):
    a, b = cell_exercise(kind, 7), cell_exercise(kind, 7)
    assert a.tables == b.tables and a.expected == b.expected
    others = {str(cell_exercise(kind, s).tables.grids) for s in SEEDS}
    assert len(others) == len(SEEDS)


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_numbers_have_one_decimal(kind):
    for s in SEEDS:
        for grid in exercise_tables(kind, s).grids.values():
            for row in grid:
                for cell in row:
                    assert float(cell) == round(float(cell), 1), cell


def _example(ex):
    parsed = parse_tables(ex.tables)
    assert not parsed.errors
    return parsed.example


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_values_are_torch_lstmcell_in_float64(seed):
    ex = cell_exercise("lstm", seed)
    assert tuple(ex.expected) == LSTM_VALUES
    e = _example(ex)
    p = e.params
    cell = torch.nn.LSTMCell(p.input_size, p.hidden_size, dtype=torch.float64)
    with torch.no_grad():
        for name in ("W_ih", "W_hh", "b_ih", "b_hh"):
            getattr(cell, name.replace("W_", "weight_").replace("b_", "bias_")).copy_(
                torch.from_numpy(getattr(p, name))
            )
        x = torch.from_numpy(e.X[:1])
        h0 = torch.from_numpy(e.h0).unsqueeze(0)
        c0 = torch.from_numpy(e.c0).unsqueeze(0)
        h, c = cell(x, (h0, c0))
        z = x @ cell.weight_ih.T + cell.bias_ih + h0 @ cell.weight_hh.T + cell.bias_hh
        i, f, g, o = z.chunk(4, dim=1)
    want = {
        "f": torch.sigmoid(f), "i": torch.sigmoid(i), "g": torch.tanh(g),
        "o": torch.sigmoid(o), "c": c, "h": h,
    }  # fmt: skip
    for name, value in want.items():
        assert ex.expected[name] == pytest.approx(float(value[0, 0]), abs=1e-12), name


@pytest.mark.parametrize("seed", SEEDS)
def test_rnn_values_are_torch_rnncell_relu_in_float64(seed):
    ex = cell_exercise("rnn", seed)
    assert tuple(ex.expected) == tuple(f"h_{t}" for t in range(1, RNN_STEPS + 1))
    e = _example(ex)
    p = e.params
    cell = torch.nn.RNNCell(p.input_size, p.hidden_size, nonlinearity="relu", dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(p.W_xh))
        cell.weight_hh.copy_(torch.from_numpy(p.W_hh))
        cell.bias_ih.copy_(torch.from_numpy(p.b_xh))
        cell.bias_hh.copy_(torch.from_numpy(p.b_hh))
        h = torch.from_numpy(e.h0).unsqueeze(0)
        for t in range(RNN_STEPS):
            h = cell(torch.from_numpy(e.X[t : t + 1]), h)
            assert ex.expected[f"h_{t + 1}"] == pytest.approx(float(h[0, 0]), abs=1e-12)
    assert ex.step_of("h_3") == 3 and ex.step_of("f") == 1


def test_an_rnn_exercise_is_never_mostly_zeros():
    for s in range(40):
        hs = np.array(list(cell_exercise("rnn", s).expected.values()))
        assert (hs == 0).sum() <= 1, s


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        exercise_tables("gru", 1)
