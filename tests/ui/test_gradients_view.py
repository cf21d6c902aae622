"""The gradient explorer's figures, tables and words, built without a page, in both languages."""

import math

import numpy as np
import pytest

from core.calculator.presets import slide_lstm
from core.gradients import (
    BadInput,
    CalculatorCell,
    ExplorerConfig,
    explore,
    scalar_series,
    validate,
    with_slide,
)
from tests.support.lang import other_language
from ui.gradients import figures, tables, words
from ui.i18n import t

LANGS = ["vi", "en"]


@pytest.fixture(scope="module")
def vanishing():
    """tanh, rho = 0.1, T = 500: the RNN's gradient underflows to below 1e-300."""
    return explore(ExplorerConfig(hidden_size=16, weight_scale=0.1, seq_len=500))


@pytest.fixture(scope="module")
def overflow():
    """ReLU, rho = 8, T = 500, clipping on: the forward pass itself overflows."""
    cfg = ExplorerConfig(
        hidden_size=32, activation="relu", weight_scale=8.0, seq_len=500, clip=True
    )
    return explore(cfg)


@pytest.fixture(scope="module")
def clipped():
    cfg = ExplorerConfig(hidden_size=16, seq_len=60, activation="relu", weight_scale=1.6,
                         clip=True, max_norm=0.5, seed=2)  # fmt: skip
    return explore(cfg)


def _words(fig) -> str:
    lay = fig.layout
    parts = [lay.title.text, lay.xaxis.title.text, lay.yaxis.title.text]
    parts += [a.text for a in lay.annotations] + [tr.name for tr in fig.data]
    return "\n".join(p for p in parts if p)


@pytest.mark.parametrize("lang", LANGS)
def test_scalar_figure_log_axis_titles_and_overflow_marks(lang):
    fig = figures.scalar_figure(scalar_series(1.0, 2.0, 2000), lang)
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "|input · w^n|, w = 2"
    assert fig.layout.xaxis.title.text == t("gradients.scalar.x_title", lang)
    assert fig.layout.yaxis.title.text == t("gradients.fig.y_title", lang)
    names = [tr.name for tr in fig.data]
    assert names == ["|input·wⁿ|", t("gradients.fig.exploded_trace", lang, name="|input·wⁿ|")]
    overflowed = 2000 - 1024 + 1  # 2^1024 and beyond
    assert len(fig.data[1].x) == overflowed and fig.data[1].marker.symbol == "x"
    (note,) = fig.layout.annotations
    assert note.text == t("gradients.fig.exploded_note", lang, name="|input·wⁿ|", count=overflowed)
    # The overflow is at large n (right): its label sits at the empty left edge, in the plot.
    assert (note.xref, note.xanchor, note.showarrow) == ("paper", "left", False) and note.x <= 0.05
    assert other_language(_words(fig), lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_scalar_figure_marks_vanished_values_on_the_floor(lang):
    s = scalar_series(1.0, 0.0, 5)
    fig = figures.scalar_figure(s, lang)
    floor = fig.data[1]
    assert floor.marker.symbol == "triangle-down" and list(floor.x) == [1, 2, 3, 4, 5]
    assert floor.name == t("gradients.fig.vanished_trace", lang, name="|input·wⁿ|")
    assert fig.layout.annotations[0].text == t(
        "gradients.fig.vanished_note", lang, name="|input·wⁿ|", count=5
    )
    assert np.isnan(fig.data[0].y[1:]).all()  # the line stops; the markers say why


@pytest.mark.parametrize("lang", LANGS)
def test_bptt_figure_traces_axes_and_labels(vanishing, lang):
    fig = figures.bptt_figure(vanishing, lang)
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.exponentformat == "power"
    assert fig.layout.title.text == "‖∂L/∂h_t‖, T = 500, H = 16, RNN tanh"
    assert fig.layout.xaxis.title.text == t("gradients.fig.bptt_x_title", lang)
    assert fig.layout.yaxis.title.text == t("gradients.fig.y_title", lang)
    names = [tr.name for tr in fig.data]
    assert names[:2] == ["RNN ‖∂L/∂h_t‖", "RNN: " + names[1].split(": ", 1)[1]]
    assert names[1] == t("gradients.fig.vanished_trace", lang, name="RNN")
    assert "LSTM ‖∂L/∂h_t‖" in names and t("gradients.fig.cell_curve", lang) in names
    count = int(vanishing.rnn.vanished.sum())
    notes = [a.text for a in fig.layout.annotations]
    assert t("gradients.fig.vanished_note", lang, name="RNN", count=count) in notes
    assert other_language(_words(fig), lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_bptt_figure_labels_stay_inside_the_plot(overflow, lang):
    """Labels anchored at the plot's right edge in paper units never leave a narrow chart."""
    fig = figures.bptt_figure(overflow, lang)
    assert fig.layout.annotations
    for a in fig.layout.annotations:
        assert (a.xref, a.yref, a.xanchor) == ("paper", "paper", "right")
        assert 0.95 <= a.x <= 1 and 0 <= a.y <= 1 and not a.showarrow
    exploded = [tr for tr in fig.data if tr.marker.symbol == "x"]
    assert exploded and exploded[0].name == t("gradients.fig.exploded_trace", lang, name="RNN")
    assert all(y == exploded[0].y[0] for y in exploded[0].y)  # pinned to one ceiling
    assert figures.CONFIG["displayModeBar"] is False  # the toolbar covered titles on a phone


@pytest.mark.parametrize("lang", LANGS)
def test_clipped_curves_are_dashed_and_named(clipped, lang):
    fig = figures.bptt_figure(clipped, lang)
    dashed = [tr for tr in fig.data if tr.line.dash == "dash"]
    coef = f"{clipped.rnn.clip_coef:.2g}"
    assert dashed[0].name == t("gradients.fig.clipped_curve", lang, name="RNN", coef=coef)
    np.testing.assert_allclose(dashed[0].y, clipped.rnn.clipped_norms)
    kinds = [k for k, _ in words.clip_messages(clipped, lang)]
    assert kinds[0] == "success"


@pytest.mark.parametrize("lang", LANGS)
def test_why_tables_show_finite_numbers_and_mark_the_overflow(overflow, lang):
    """Issue 11: past an overflow the chain is undefined, not 'overflow' beside a finite ratio."""
    df = tables.rnn_why_table(overflow, lang)
    t0, T = overflow.rnn.overflow_from, len(overflow.steps)
    assert t0 is not None
    marked = [k for k in df.index if k.endswith(tables.OVERFLOW_MARK)]
    assert marked == [k for k in df.index if T - int(k.split()[0]) >= t0]
    assert set(df[tables.CHAIN]) == {t("gradients.num.undefined", lang)}
    finite = np.isfinite(overflow.rnn_why.grad_ratio_log10)
    assert finite.any()
    for shown, ok in zip(df[tables.RATIO], finite, strict=True):
        assert (shown != t("gradients.num.overflow", lang)) == ok
    assert t("gradients.why.rnn_factor_undefined", lang, t=t0) in words.rnn_why_text(overflow, lang)
    lstm = tables.lstm_why_table(overflow, lang)
    assert list(lstm.columns) == [t("gradients.why.col_forget_mean", lang),
                                  t("gradients.why.col_forget_max", lang)]  # fmt: skip


def test_numbers_are_written_without_overflowing():
    assert words.fmt_log10(602.06, "en") == "10^602.1"
    assert words.fmt_log10(-math.inf, "vi") == t("gradients.num.exact_zero", "vi")
    assert words.fmt_log10(math.nan, "en") == "overflow"
    assert words.number_text(math.inf, "en") == t("gradients.num.inf", "en")
    assert words.number_text(0.5**50, "en") == "8.882e-16"  # 0.5**50 = 8.8817842e-16


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_core_can_report_is_worded_with_its_limits(lang):
    cfg = ExplorerConfig(hidden_size=256, seq_len=0, seed=-1, activation="sigmoid",
                         weight_scale=-1.0, forget_bias=math.inf, max_norm=0.0)  # fmt: skip
    problems = validate(cfg)
    assert set(problems) == {"hidden_size", "seq_len", "seed", "activation", "weight_scale",
                             "forget_bias", "max_norm"}  # fmt: skip
    text = words.problems_text(BadInput(problems), lang)
    assert (
        "1" in text["hidden_size"] and "128" in text["hidden_size"] and "256" in text["hidden_size"]
    )
    assert "500" in text["seq_len"] and "tanh, relu" in text["activation"]
    for field, message in text.items():
        assert t(f"gradients.field.{field}", lang) in message
        assert "{" not in message and "None" not in message
        assert other_language(message, lang) == []
    ex = slide_lstm()
    bad = [
        CalculatorCell("gru", ex.params),
        CalculatorCell("rnn", ex.params),
        CalculatorCell("lstm", ex.params, inputs=np.ones((2, 3))),
        CalculatorCell("lstm", ex.params, inputs=np.full((2, 1), np.nan)),
    ]
    for cell in bad:
        (message,) = words.problems_text(BadInput(validate(ExplorerConfig(), cell)), lang).values()
        assert "{" not in message and "None" not in message
        assert other_language(message, lang) == []
    W = ex.params.W_hh.copy()
    W[0, 0] = np.nan
    nan_cell = CalculatorCell(
        "lstm", type(ex.params)(ex.params.W_ih, W, ex.params.b_ih, ex.params.b_hh)
    )
    (message,) = words.problems_text(BadInput(validate(ExplorerConfig(), nan_cell)), lang).values()
    assert "NaN" in message  # what was wrong, in either language
    (message,) = words.problems_text(BadInput(validate(ExplorerConfig(), bad[1])), lang).values()
    assert "RNNParams" in message  # LSTM weights handed over as an RNN: the type it needs


@pytest.mark.parametrize("lang", LANGS)
def test_when_the_lstm_loses_one_sentence_says_why(lang):
    ex = slide_lstm()
    r = explore(ExplorerConfig(seq_len=200), CalculatorCell("lstm", ex.params, np.ones((1, 1))))
    text = words.lstm_loss_text(r, lang)
    c = f"{r.lstm_why.max_abs_cell:.3g}"
    span = words.fmt_log10(r.lstm.span_log10, lang)
    d = words.number_text(r.lstm_why.mean_tanh_deriv_cell, lang)
    hint = t("gradients.why.cell_hint", lang, random=t("gradients.bptt.source_random", lang))
    assert (
        text == t("gradients.why.lstm_loss_saturated_cell", lang, c=c, d=d, span=span) + " " + hint
    )
    assert c in text and span in text and text.count(".") >= 1 and "{" not in text
    assert other_language(text, lang) == []
    forget = explore(ExplorerConfig(hidden_size=32, seq_len=200, forget_bias=-3.0))
    f = f"{forget.lstm_why.per_step_factor:.3g}"
    assert f in words.lstm_loss_text(forget, lang)
    assert words.lstm_loss_text(explore(ExplorerConfig(seq_len=50)), lang) is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("preset", "claim"),
    [("vanish", None), ("explode", None), ("overflow", "lstm_loss_exploding")],
)
def test_each_presets_callout_says_what_its_numbers_show(preset, claim, lang):
    """Issue 20: "Exploding (ReLU, scale 2)" said the LSTM loses while the RNN's gradient
    grew 3.14e16-fold and the LSTM's 55-fold. Now: no callout where the LSTM keeps its
    gradient; "explodes too", with its own span, where it grows past 1000."""
    from ui.gradients.controls import PRESETS

    activation, scale, T = PRESETS[preset]
    r = explore(ExplorerConfig(hidden_size=64, seq_len=T, activation=activation,
                               weight_scale=scale, forget_bias=3.0))  # fmt: skip
    text = words.lstm_loss_text(r, lang)
    if claim is None:
        assert text is None
        return
    ratio = float(r.lstm.norms[0] / r.lstm.norms[-1])  # the curve's own ends
    assert ratio > 1e3 and words.number_text(ratio, lang) in text
    assert text.startswith(t(f"gradients.why.{claim}", lang, span="X", f="Y").split("(")[0])
    assert other_language(text, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_scalar_figure_draws_slide_28s_other_weight_behind_the_readers(lang):
    """On w = 0.5 the chart also draws 2^n, as slide 28 shows both; thin, dotted, grey,
    named, and without overflowed points (2^n past float64 is a gap, not a line to inf)."""
    mine, double = with_slide(1.0, 0.5, 1100)
    fig = figures.scalar_figure(mine, lang, [double])
    ref = fig.data[0]
    assert ref.name == t("gradients.scalar.slide_curve", lang, w="2")
    assert ref.line.dash == "dot" and ref.line.color == figures.SLIDE_GREY
    assert ref.y[10] == pytest.approx(2.0**10) and np.isnan(ref.y[1100])
    assert fig.data[1].name == "|input·wⁿ|"  # the reader's curve is drawn over it
