"""σ and tanh, drawn: curves, slopes, shaded saturated zones, marks, table, the worked product."""

import numpy as np
import pytest

from core.lecture import activations as act
from ui.i18n import t
from ui.lecture import activations as draw

MARKS = act.slide_markers()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", act.FUNCTIONS)
def test_each_figure_has_curve_slope_marks_and_two_shaded_zones(name, lang):
    c = act.curve(name)
    fig = draw.activation_figure(c, MARKS, lang)
    value, slope, marks, slope_marks = fig.data
    np.testing.assert_array_equal(value.y, c.value)
    np.testing.assert_array_equal(slope.y, c.slope)
    assert slope.line.dash == "dash"
    mine = [m for m in MARKS if m.function == name]
    assert list(marks.x) == [m.z for m in mine] and list(marks.y) == [m.value for m in mine]
    assert list(marks.text) == [m.name for m in mine]
    assert list(slope_marks.y) == [m.slope for m in mine]
    zones = [(s.x0, s.x1) for s in fig.layout.shapes]
    assert zones == [(-8.0, -c.edge), (c.edge, 8.0)]
    assert all(s.layer == "below" for s in fig.layout.shapes)
    assert fig.layout.title.text == t(f"rnn_to_lstm.fig.{name}", lang)
    assert fig.layout.xaxis.title.text == t("rnn_to_lstm.fig.x", lang)
    assert fig.layout.yaxis.title.text == t("rnn_to_lstm.fig.y", lang)
    assert fig.layout.annotations[0].text == t("rnn_to_lstm.fig.saturated", lang)
    assert draw.CONFIG == {"displayModeBar": False}


def test_sigmoid_marks_f_i_o_and_tanh_marks_g_and_c():
    s = draw.activation_figure(act.curve("sigmoid"), MARKS, "en").data[2]
    th = draw.activation_figure(act.curve("tanh"), MARKS, "en").data[2]
    assert list(s.text) == ["f", "i", "o"] and list(th.text) == ["g", "c"]


@pytest.mark.parametrize("name", act.FUNCTIONS)
def test_each_mark_is_labelled_on_a_row_of_its_own(name):
    """Labels by annotation, not trace text: σ's f, i, o are a few px apart on a phone."""
    fig = draw.activation_figure(act.curve(name), MARKS, "en")
    mine = [m for m in MARKS if m.function == name]
    labels = fig.layout.annotations[1:]
    assert [(a.text, a.x, a.y) for a in labels] == [(m.name, m.z, m.value) for m in mine]
    assert fig.data[2].mode == "markers"
    rows = sorted(a.ay for a in labels)
    assert all(b - a >= draw.LABEL_STEP for a, b in zip(rows, rows[1:], strict=False))
    assert all(a.ay > 0 for a in labels)  # below the marks, which sit near the curve's top


def test_every_mark_lies_in_a_shaded_zone():
    for m in MARKS:
        assert abs(m.z) > act.curve(m.function).edge


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_marks_table_has_a_column_per_quantity(lang):
    df = draw.markers_table(MARKS, lang)
    assert list(df.columns)[1:] == ["f", "i", "g", "o", "c_t"]
    rows = df.set_index(df.columns[0])
    assert rows.loc[t("rnn_to_lstm.col.slide", lang)].tolist() == ["44", "45", "46", "47", "48"]
    assert rows.loc[t("rnn_to_lstm.col.slide_z", lang)].tolist() == [
        "5.95",
        "4.27",
        "2.03",
        "4.78",
        "2.946",
    ]
    assert rows.loc[t("rnn_to_lstm.col.value", lang)].tolist()[:4] == [
        "0.9974",
        "0.9862",
        "0.9661",
        "0.9917",
    ]
    assert set(rows.loc[t("rnn_to_lstm.col.saturated", lang)]) == {t("rnn_to_lstm.yes", lang)}
    legend = draw.markers_legend(MARKS, lang)
    assert legend.startswith(t("rnn_to_lstm.mark.f", lang) + " (σ)")


def test_the_worked_product_writes_every_term_with_negatives_in_brackets():
    p = act.worked_product([[1, -2], [3, 4]], [[5, 6], [-7, 8]])
    factors, terms, result = draw.product_latex(p)
    assert factors.count(r"\begin{bmatrix}") == 2
    assert r"1 \cdot 5 + (-2) \cdot (-7)" in terms
    assert r"3 \cdot 6 + 4 \cdot 8" in terms
    assert result == r"= \begin{bmatrix}19 & -10 \\ -13 & 50\end{bmatrix}"


def test_the_symbolic_product_is_slide_29s_in_two_lines():
    first, second = draw.SYMBOLIC_PRODUCT
    assert "a_1" in first and "d_2" in first
    for entry in ("a_1a_2 + b_1c_2", "a_1b_2 + b_1d_2", "c_1a_2 + d_1c_2", "c_1b_2 + d_1d_2"):
        assert entry in second
    assert draw.share_percent() == 10
