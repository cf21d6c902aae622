"""The LSTM built up (slides 30-36): each stage's numbers, and the last one is the LSTM step."""

import numpy as np
import pytest
import torch

from core.calculator.presets import slide_lstm
from core.lecture.buildup import NEW, SLIDES, STAGES, build_up
from core.nn.cells import LSTMParams, lstm_step, lstm_update


def _torch_cell(ex):
    p = ex.params
    cell = torch.nn.LSTMCell(p.input_size, p.hidden_size, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih.copy_(torch.tensor(p.W_ih))
        cell.weight_hh.copy_(torch.tensor(p.W_hh))
        cell.bias_ih.copy_(torch.tensor(p.b_ih))
        cell.bias_hh.copy_(torch.tensor(p.b_hh))
        h, c = cell(torch.tensor(ex.X[:1]), (torch.tensor(ex.h0[None]), torch.tensor(ex.c0[None])))
    return h[0].numpy(), c[0].numpy()


def test_one_stage_per_slide_30_to_36():
    stages = build_up()
    assert [s.name for s in stages] == list(STAGES)
    assert [s.slide for s in stages] == list(range(30, 37)) == list(SLIDES.values())
    assert [s.new for s in stages] == [NEW[n] for n in STAGES]


def test_the_last_stage_is_the_calculators_lstm_step_and_torchs_cell():
    ex = slide_lstm()
    last = build_up(ex)[-1]
    step = lstm_step(ex.params, ex.X[0], ex.h0, ex.c0)
    np.testing.assert_array_equal(last.h, step.h)
    np.testing.assert_array_equal(last.c, step.c)
    z = np.concatenate([step.gates[g].pre for g in "ifgo"])
    *_, c_u, h_u = lstm_update(z, ex.c0)
    np.testing.assert_array_equal(last.h, h_u)
    np.testing.assert_array_equal(last.c, c_u)
    h_t, c_t = _torch_cell(ex)
    np.testing.assert_allclose(last.h, h_t, rtol=0, atol=1e-14)
    np.testing.assert_allclose(last.c, c_t, rtol=0, atol=1e-14)


def test_each_stage_on_the_slide_example():
    s = {st.name: st for st in build_up()}

    def r(a, n=3):
        return None if a is None else round(float(a[0]), n)

    assert (r(s["rnn"].h), r(s["rnn"].c)) == (0.966, None)  # tanh(2.03), slide 46's g
    assert r(s["filter_input"].values["i"]) == 0.986
    assert (r(s["filter_input"].h), r(s["filter_input"].c)) == (0.953, None)  # 0.986*0.966
    assert (r(s["memory"].h), r(s["memory"].c)) == (0.953, 2.0)  # c_{t-1} = 2, carried
    assert r(s["add"].c, 4) == 2.9528 and r(s["add"].h, 4) == 2.9528  # 2 + i*g
    assert r(s["forget"].values["f"]) == 0.997
    assert r(s["forget"].c, 4) == 2.9476  # slide 48's c_t (printed 2.946)
    assert r(s["normalise"].h) == 0.995  # tanh(2.9476); slide 49 rounds to 0.994
    assert round(np.tanh(2.946), 3) == 0.994
    assert r(s["filter_output"].values["o"]) == 0.992
    assert r(s["filter_output"].h, 5) == 0.98623  # slide 49: o * tanh(c) (not "+")


def test_values_accumulate_and_only_slide_34_changes_an_earlier_one():
    stages = build_up()
    for prev, cur in zip(stages, stages[1:], strict=False):
        assert set(prev.values) <= set(cur.values)
        assert set(cur.values) - set(prev.values) <= set(cur.new)
        changed = {k for k in prev.values if not np.array_equal(prev.values[k], cur.values[k])}
        assert changed == ({"c"} if cur.name == "forget" else set())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_any_lstm_ends_in_its_own_step(seed):
    rng = np.random.default_rng(seed)
    H, I = 2, 3
    p = LSTMParams(
        rng.normal(size=(4 * H, I)), rng.normal(size=(4 * H, H)),
        rng.normal(size=4 * H), rng.normal(size=4 * H),
    )  # fmt: skip
    ex = type(slide_lstm())(p, rng.normal(size=(1, I)), rng.normal(size=H), rng.normal(size=H))
    last = build_up(ex)[-1]
    h_t, c_t = _torch_cell(ex)
    np.testing.assert_allclose(last.h, h_t, rtol=0, atol=1e-12)
    np.testing.assert_allclose(last.c, c_t, rtol=0, atol=1e-12)
