"""σ and tanh (slide 29): slopes against autograd, saturation edges, the slide example's marks."""

import math

import numpy as np
import pytest
import torch

from core.calculator.presets import slide_lstm
from core.errors import CoreError
from core.lecture import activations as act


@pytest.mark.parametrize(("name", "torch_fn"), [("sigmoid", torch.sigmoid), ("tanh", torch.tanh)])
def test_curves_and_slopes_match_torch_autograd(name, torch_fn):
    c = act.curve(name, -12, 12, 241)
    z = torch.tensor(c.z, dtype=torch.float64, requires_grad=True)
    y = torch_fn(z)
    y.sum().backward()
    np.testing.assert_allclose(c.value, y.detach().numpy(), rtol=0, atol=1e-15)
    np.testing.assert_allclose(c.slope, z.grad.numpy(), rtol=0, atol=1e-15)


@pytest.mark.parametrize("name", act.FUNCTIONS)
def test_the_slope_at_the_saturation_edge_is_a_tenth_of_its_peak(name):
    edge = act.saturation_edge(name)
    peak = float(act.SLOPE[name](0.0))
    assert peak == act.PEAK[name]
    for z in (edge, -edge):
        assert float(act.SLOPE[name](z)) == pytest.approx(0.1 * peak, rel=1e-12)
    assert float(act.SLOPE[name](edge * 1.01)) < 0.1 * peak < float(act.SLOPE[name](edge * 0.99))


def test_slide_29_ranges():
    s, t = act.curve("sigmoid", -30, 30), act.curve("tanh", -30, 30)
    assert s.value.min() >= 0 and s.value.max() <= 1
    assert t.value.min() >= -1 and t.value.max() <= 1


def test_the_slide_example_marks_match_the_lecture_table():
    marks = {m.name: m for m in act.slide_markers()}
    # LECTURE.md's table: (pre-activation, slide value) per gate, slides 44-47
    table = {"f": (5.95, 0.997), "i": (4.27, 0.986), "g": (2.03, 0.966), "o": (4.78, 0.992)}
    for g, (pre, value) in table.items():
        assert round(marks[g].z, 2) == pre and marks[g].slide_z == pre
        assert round(marks[g].value, 3) == value
    assert [marks[g].slide for g in "figo"] == [44, 45, 46, 47]
    assert marks["g"].function == "tanh" and marks["f"].function == "sigmoid"
    # slide 48 prints c_t = 2.946 (it rounds before adding); exact is 2.9476
    assert marks["c"].slide == 48 and marks["c"].slide_z == 2.946
    assert round(marks["c"].z, 4) == 2.9476
    # slide 49's tanh(c_t) = 0.994 is tanh of the slide's 2.946; the exact c gives 0.9945
    assert round(float(np.tanh(marks["c"].slide_z)), 3) == 0.994
    assert round(marks["c"].value, 4) == 0.9945


def test_every_slide_mark_is_saturated_and_its_slope_is_autograds():
    for m in act.slide_markers(slide_lstm()):
        assert m.saturated, m.name
        z = torch.tensor(m.z, dtype=torch.float64, requires_grad=True)
        (torch.sigmoid(z) if m.function == "sigmoid" else torch.tanh(z)).backward()
        assert m.slope == pytest.approx(z.grad.item(), abs=1e-15)
        assert m.slope < 0.1 * act.PEAK[m.function]


def test_the_worked_product_matches_torch_term_by_term():
    A = [[1.0, 2.0], [3.0, 4.0]]
    B = [[5.0, 6.0], [7.0, 8.0]]
    p = act.worked_product(A, B)
    np.testing.assert_array_equal(p.C, (torch.tensor(A) @ torch.tensor(B)).numpy())
    # slide 29: top left a1 a2 + b1 c2, top right a1 b2 + b1 d2
    assert p.terms[0, 0].tolist() == [1 * 5, 2 * 7]
    assert p.terms[0, 1].tolist() == [1 * 6, 2 * 8]
    assert p.terms[1, 0].tolist() == [3 * 5, 4 * 7]
    assert p.terms[1, 1].tolist() == [3 * 6, 4 * 8]


def test_a_non_conforming_product_is_refused():
    with pytest.raises(ValueError):
        act.worked_product(np.ones((2, 3)), np.ones((2, 2)))


def test_matrices_parse_from_text_and_bad_text_is_a_coded_error():
    np.testing.assert_array_equal(act.parse_matrix("1 2; 3 4"), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(act.parse_matrix("0.5, -1\n2 1e1"), [[0.5, -1], [2, 10]])
    for bad in ("", "1 2 3; 4 5 6", "1 2; x 4", "1 2; 3", "nan 1; 2 3", "inf 1; 2 3"):
        with pytest.raises(CoreError) as exc:
            act.parse_matrix(bad)
        assert exc.value.code == "matrix_parse"
        assert exc.value.params == {"rows": 2, "cols": 2}
    assert math.isfinite(act.saturation_edge("tanh"))
