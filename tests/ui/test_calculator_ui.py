"""ui.calculator: the slides' lines, the diagram and its escaping, table labels and words."""

import re

import numpy as np
import pytest

from core.calculator.share import ShareCodeError, decode
from core.calculator.tables import FIELDS, Tables, preset_tables, random_tables
from core.calculator.trace import calculate
from tests.core.calculator.test_calculator import HUGE_RNN, with_cell
from ui.calculator import diagram, lines, tables, words
from ui.format import slide
from ui.i18n import LANGS, t
from ui.markdown import ZWSP, md_escape


def _gate_lines(result, k=1):
    return {g.name: (g.lines, g.act_lines) for g in lines.gate_lines(result, k)}


# ------------------------------------------------------------- slide lines


def test_lstm_slide_gate_lines_read_like_the_slides():
    r = calculate(preset_tables("lstm_slide"))
    assert r.ok and r.preset == "lstm_slide"
    assert _gate_lines(r) == {
        "f": (("1.63×1 + 0 + 2.7×1 + 1.62 = 5.95",), ("σ(5.95) = 0.997",)),
        "i": (("1.65×1 + 0.62 + 2×1 + 0 = 4.27",), ("σ(4.27) = 0.986",)),
        "g": (("0.94×1 - 0.32 + 1.41×1 + 0 = 2.03",), ("tanh(2.03) = 0.966",)),
        "o": (("-0.19×1 + 0 + 4.38×1 + 0.59 = 4.78",), ("σ(4.78) = 0.992",)),
    }
    assert [g.name for g in lines.gate_lines(r, 1)] == ["f", "i", "g", "o"]  # the slides' order


def test_lstm_slide_checks_print_every_slide_value():
    r = calculate(preset_tables("lstm_slide"))
    got = {c.quantity: (*lines.check_cells(c), c.agrees) for c in r.slide_checks}
    assert got == {
        "z_f": ("5.95", "5.95", "5.95", True),
        "z_i": ("4.27", "4.27", "4.27", True),
        "z_g": ("2.03", "2.03", "2.03", True),
        "z_o": ("4.78", "4.78", "4.78", True),
        "f = σ(z_f)": ("0.997", "0.997", "0.9974", True),
        "i = σ(z_i)": ("0.986", "0.986", "0.98621", True),
        "g = tanh(z_g)": ("0.966", "0.966", "0.96609", True),
        "o = σ(z_o)": ("0.992", "0.992", "0.99167", True),
        "c_t = f⊙c_(t-1) + i⊙g": ("2.946", "2.946", "2.9476", True),
        "tanh(c_t)": ("0.994", "0.994", "0.99451", True),
        "h_t = o⊙tanh(c_t)": ("1.986", "0.986", "0.98623", False),
    }
    assert lines.slide_c_line(r.rounding) == "c_t = 0.997×2 + 0.986×0.966 = 1.994 + 0.952 = 2.946"
    assert lines.erratum(r.rounding) == (
        "0.992 + 0.994 = 1.986",
        "0.992 × 0.994 = 0.986",
        "0.98623",
    )


def test_rnn_slide_per_step_lines():
    r = calculate(preset_tables("rnn_slide"))
    assert [lines.state_lines(r, k) for k in (1, 2, 3)] == [
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
    assert [lines.check_cells(c)[1] for c in r.slide_checks][2::3] == ["[2, 3]", "[4, 6]", "[5, 8]"]


def test_lstm_state_lines_substitute_every_number():
    r = calculate(preset_tables("lstm_slide"))
    assert lines.state_lines(r, 1) == (
        # Factors at 4 decimals: at 3 they miss the printed products (0.997×2 is 1.994).
        "c_t = f⊙c_(t-1) + i⊙g = 0.9974×2 + 0.9862×0.9661 = 1.995 + 0.953 = 2.948",
        "tanh(c_t) = tanh(2.948) = 0.995",
        "h_t = o⊙tanh(c_t) = 0.9917×0.9945 = 0.986",
    )


def test_gate_line_terms_add_up_to_the_printed_pre_activation():
    """Each line's terms, read back as numbers, sum to the pre-activation it prints."""
    t = Tables(
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
    r = calculate(t)
    line = lines.gate_lines(r, 1)[0].lines[0]
    assert line == "0.5×2 - 2×(-1) - 0.25 + 1.5×(-3) + 0.125 = -1.625"
    lhs = line.split(" = ")[0].replace("×", "*")
    assert eval(lhs) == pytest.approx(-1.625)  # noqa: S307 - our own digits


def test_vector_gates_number_their_units():
    r = calculate(random_tables("lstm", 1, 2, 1, 0))
    g = lines.gate_lines(r, 1)[0]
    assert [x[:4] for x in g.lines] == ["[1] ", "[2] "] and g.act_lines[1].startswith("[2] σ(")


def test_slide_prints_like_the_slides():
    assert [slide(v) for v in (5.95, 2.0, -0.32, 0.99740, -0.0001, 0.0, 1e300, 1234567.0)] == [
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
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        r = calculate(HUGE_RNN)
        text = " ".join(lines.state_lines(r, 2)) + diagram.cell_dot(r, 2, "en")
    assert "inf" not in text and "nan" not in text
    assert "1.8e+308" in lines.state_lines(r, 2)[0]
    assert r.steps[0].overflow


# ------------------------------------------------------------------ diagram


@pytest.mark.parametrize("lang", LANGS)
def test_diagram_carries_live_values_and_is_balanced(lang):
    r = calculate(preset_tables("lstm_slide"))
    dot = diagram.cell_dot(r, 1, lang)
    assert dot.startswith("digraph LSTM {") and dot.rstrip().endswith("}")
    for s in ("σ(5.95)\n= 0.997", "c_t = +\n2.948", "\n0.986", "cp -> fc"):
        assert s in dot
    assert t("calculator.diagram_saturated", lang) in dot  # the forget gate, |z| = 5.95
    assert dot.count("{") == dot.count("}")
    wide = calculate(random_tables("lstm", 1, 2, 1, 0))
    assert "[" in diagram.cell_dot(wide, 1, lang).split("h_t = o⊙tanh(c_t)")[1]  # H > 1
    rnn = diagram.cell_dot(calculate(preset_tables("rnn_slide")), 3, lang)
    assert "[5, 8]" in rnn and "[4, 7]" in rnn and "ReLU" in rnn


def test_diagram_is_laid_out_top_to_bottom_with_legible_text():
    """At 390 px a left-to-right diagram shrank to 4 px text: rows, not columns."""
    dot = diagram.cell_dot(calculate(preset_tables("lstm_slide")), 1, "vi")
    assert "rankdir=TB" in dot and "fontsize=11" in dot
    ranks = [line for line in dot.splitlines() if "rank=same" in line]
    assert ranks and all(line.count(";") <= 4 for line in ranks)  # at most three side by side
    assert "{rank=same; f; i;}" in dot and "{rank=same; g; o;}" in dot


def test_dot_labels_are_escaped():
    assert diagram.node("a", 'x "y" \\') == '  a [label="x \\"y\\" \\\\"];'
    assert diagram.dot_escape('"];evil[') == '\\"];evil['


# -------------------------------------------------------------- table labels


def test_labels_in_both_languages_keep_the_notation_as_columns():
    vi = tables.labels("lstm", 2, 1, 3, "vi")
    en = tables.labels("lstm", 2, 1, 3, "en")
    for name in FIELDS:
        assert vi[name][1] == en[name][1]  # columns: edits are keyed by them
    assert vi["W_x"][0][:2] == ["i · cổng vào", "f · cổng quên"]
    assert en["W_x"][0] == [
        "i · input gate",
        "f · forget gate",
        "g · candidate memory",
        "o · output gate",
    ]
    assert en["X"] == (["t=1", "t=2", "t=3"], ["x[1]", "x[2]"])
    assert tables.labels("lstm", 1, 2, 1, "en")["W_h"][0][:3] == ["i[1]", "i[2]", "f[1]"]
    assert tables.labels("rnn", 1, 2, 1, "vi")["b"] == (["h[1]", "h[2]"], ["b_xh", "b_hh"])


@pytest.mark.parametrize("lang", LANGS)
def test_editor_frames_hold_the_grids_under_their_labels(lang):
    t_ = preset_tables("lstm_slide")
    frames = tables.editor_frames(t_, lang)
    assert list(frames) == list(FIELDS)
    assert frames["W_x"]["x[1]"].tolist() == ["1.65", "1.63", "0.94", "-0.19"]
    assert list(frames["state"].index) == ["h_0", "c_0"]
    # no blank header cell over the row labels (axe: empty-table-header)
    assert all(f.index.name for f in frames.values())
    assert tables.field_title("W_x", lang) == t("calculator.field_W_x", lang)


def test_field_titles_differ_between_languages():
    titles = {lang: [tables.field_title(n, lang) for n in FIELDS] for lang in LANGS}
    assert all(v != e for v, e in zip(titles["vi"], titles["en"], strict=True) if "Bias" not in v)


def test_the_checks_column_of_computed_values_is_named_in_written_vietnamese():
    """Not the loanword "app": the column holds what this page computes from the slide's weights."""
    r = calculate(preset_tables("lstm_slide"))
    headers = list(tables.checks_frame(r, "vi").columns)
    assert headers[3] == "trang này tính"
    assert not any(re.search(r"\bapp\b", h) for h in headers)
    assert list(tables.checks_frame(r, "en").columns)[3] == "computed here"


@pytest.mark.parametrize("lang", LANGS)
def test_checks_and_trace_frames_are_labelled_in_the_language(lang):
    r = calculate(preset_tables("lstm_slide"))
    df = tables.checks_frame(r, lang)
    cols = [t(f"calculator.checks_{k}", lang) for k in tables.CHECK_COLUMNS]
    assert list(df.columns) == cols and len(df) == 11
    assert list(df[cols[2]])[:-1] == list(df[cols[3]])[:-1] and set(df[cols[5]][:-1]) == {"✓"}
    # The last row, slides 49-50's h_t: printed 1.986, the product 0.986, marked the erratum.
    erratum = {"vi": "✗ đính chính", "en": "✗ erratum"}[lang]
    assert list(df.iloc[-1])[2:] == ["1.986", "0.986", "0.98623", erratum]
    assert list(df[cols[0]])[:4] == ["44", "45", "46", "47"] and list(df[cols[0]])[-1] == "49-50"
    tr = tables.trace_frame(r, lang)
    assert list(tr.columns) == [
        "t",
        t("calculator.trace_quantity", lang),
        t("calculator.trace_unit", lang, j=1),
    ]
    assert len(tr) == len(r.table_rows)


# --------------------------------------------------------------------- words


# What each kind of bad cell is called, in each language.
EMPTY = ("empty cell", "ô trống")
INFINITE = ("infinite", "vô cực")
BAD_CELLS = {
    None: EMPTY, "": EMPTY, "inf": INFINITE, "-inf": INFINITE, "1e400": INFINITE,
    "abc": ("'abc' is not a number", "'abc' không phải là số"),
    "nan": ("NaN is not a number", "NaN không phải là số"),
    "NaN": ("NaN is not a number", "NaN không phải là số"),
}  # fmt: skip


@pytest.mark.parametrize("value", list(BAD_CELLS))
def test_bad_cell_is_worded_with_its_row_and_column(value):
    en_words, vi_words = BAD_CELLS[value]
    t_ = with_cell(preset_tables("lstm_slide"), "W_h", 2, 0, value)
    (e,) = calculate(t_).errors
    en, vi = words.field_error(e, t_, "en"), words.field_error(e, t_, "vi")
    assert en.startswith("g · candidate memory, h[1]: ") and en_words in en
    assert vi.startswith("g · ô nhớ ứng viên, h[1]: ") and vi_words in vi


def test_shape_mismatch_is_worded():
    t_ = preset_tables("rnn_slide")
    short = Tables("rnn", "relu", {**t_.grids, "W_h": t_.grids["W_h"][:1]})
    (e,) = calculate(short).errors
    en = words.field_error(e, short, "en")
    assert "shape mismatch" in en and "1×2" in en and "2×2" in en
    assert "sai kích thước" in words.field_error(e, short, "vi")
    grouped = words.field_errors(calculate(short).errors, short, "en")
    assert list(grouped) == ["W_h"]


@pytest.mark.parametrize(
    "code,en_words,vi_words",
    [
        ("hello", "does not start like 'L111_'", "không bắt đầu như 'L111_'"),
        ("L511_1", "I=5 is out of range (1-4)", "I=5 nằm ngoài giới hạn (1-4)"),
        ("L111_1_2_3", "has 3 numbers, a LSTM with I=1, H=1, T=1 needs 19", "có 3 số"),
        (
            "L111_" + "_".join(["1"] * 18 + ["abc"]),
            "number 19 of the code: 'abc' is not",
            "số thứ 19",
        ),
        ("R323_" + "_".join(["1"] * 24 + ["nan"]), "number 25 of the code: NaN", "số thứ 25"),
    ],
)
def test_share_code_errors_are_worded_in_each_language(code, en_words, vi_words):
    with pytest.raises(ShareCodeError) as info:
        decode(code)
    assert en_words in words.share_error(info.value, "en")
    assert vi_words in words.share_error(info.value, "vi")


@pytest.mark.parametrize("lang", LANGS)
def test_saturation_warning_names_the_gate_and_its_derivative(lang):
    r = calculate(preset_tables("lstm_slide"))
    msg = words.saturation(r.saturations[0], 1, lang)
    assert "5.95" in msg and "0.0026" in msg and "f" in msg and "t=1" in msg
    assert t("calculator.sat_unit", lang, unit=1) not in msg  # one unit: no unit number
    tanh = calculate(
        Tables("rnn", "tanh", {**preset_tables("rnn_slide").grids, "X": (("2", "2", "2"),) * 3})
    )
    assert "|8| > 5" in words.saturation(tanh.saturations[1], 2, lang)
    assert t("calculator.sat_unit", lang, unit=2) in words.saturation(tanh.saturations[1], 2, lang)


def test_gate_titles_are_one_language_at_a_time():
    assert words.gate_title("f", "sigmoid", "en") == "f · forget gate"
    assert words.gate_title("f", "sigmoid", "vi") == "f · cổng quên"
    assert words.gate_title("h", "relu", "en") == "h · hidden update (ReLU)"


# ------------------------------------------------------------- md escaping


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
