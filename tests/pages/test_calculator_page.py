"""The calculator page driven through the real app with AppTest, every widget by key.

Labels are looked up in the catalog: the tests hold the numbers and the wiring, and
the language tests at the end hold that each language shows only its own words.
"""

import html
import re

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from core.calculator.parse import parse_tables
from core.calculator.share import decode, encode
from core.calculator.tables import Tables, preset_tables, random_tables
from tests.support.apptest import open_page
from tests.support.lang import english_strings, vietnamese_words, visible_text
from tests.support.torch_bptt import loaded
from ui.calculator.lines import fmt_vec
from ui.calculator.tables import CHECK_COLUMNS, field_title
from ui.format import slide as fmt
from ui.i18n import t
from ui.markdown import ZWSP, shown_text

PAGE = "pages/calculator.py"
SLIDE_CODE = encode(preset_tables("lstm_slide"))


def _open(query: dict | None = None, lang: str | None = None) -> AppTest:
    return open_page(PAGE, lang=lang, query=query)


@pytest.fixture
def at() -> AppTest:
    return _open()


def vi(key: str, **params) -> str:
    """The Vietnamese text the page shows for key (the default language)."""
    return t(key, "vi", **params)


def col(name: str, lang: str = "vi") -> str:
    """A slide-check table column's header."""
    assert name in CHECK_COLUMNS
    return t(f"calculator.checks_{name}", lang)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _markdown(at) -> str:
    """The words of the page's Markdown and of its HTML blocks (the worked formulas), tags
    taken out."""
    blocks = [html.unescape(re.sub(r"<[^>]+>", "", h.proto.body)) for h in at.get("html")]
    return "\n".join([*(m.value for m in at.markdown), *blocks])


def _edit(at, field: str, edits: dict[int, dict[str, str | None]]) -> AppTest:
    """Type into a table the way the browser reports it: rows by position, columns by name."""
    at.session_state[f"calc_ed_{field}"] = {
        "edited_rows": edits,
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    return at


def _custom(at) -> AppTest:
    at.radio(key="calc_mode").set_value("custom").run()
    assert not at.exception, at.exception
    return at


def _torch_lstm(W_ih, W_hh, b_ih, b_hh, X, h0, c0):
    """Independent reference: torch.nn.LSTMCell in float64 over the sequence."""
    f64 = torch.float64
    H = len(h0)
    cell = loaded(torch.nn.LSTMCell(np.shape(W_ih)[1], H, dtype=f64), (W_ih, W_hh, b_ih, b_hh))
    with torch.no_grad():
        h = torch.tensor(np.asarray(h0, dtype=np.float64)).view(1, H)
        c = torch.tensor(np.asarray(c0, dtype=np.float64)).view(1, H)
        out = []
        for x in X:
            h, c = cell(torch.tensor(np.asarray(x, dtype=np.float64)).view(1, -1), (h, c))
            out.append((h[0].numpy().copy(), c[0].numpy().copy()))
    return out


# --------------------------------------------------------------- slide LSTM


def test_opens_on_the_lstm_slide_example_with_every_slide_value(at):
    assert at.radio(key="calc_mode").value == "lstm_slide"
    md = _markdown(at)
    for line in (
        "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95",
        "1.65×1 + 0.62 + 2×1 + 0 = 4.27",
        "0.94×1 - 0.32 + 1.41×1 + 0 = 2.03",
        "-0.19×1 + 0 + 4.38×1 + 0.59 = 4.78",
    ):
        assert line in md
    m = _metrics(at)
    assert m["f = σ(5.95)"] == "0.997"
    assert m["i = σ(4.27)"] == "0.986"
    assert m["g = tanh(2.03)"] == "0.966"
    assert m["o = σ(4.78)"] == "0.992"
    assert m[vi("calculator.metric_c_slide")] == "2.946"
    assert m[vi("calculator.metric_c_exact")] == "2.9476"
    assert m[vi("calculator.metric_tanh_slide")] == "0.994"
    assert m[vi("calculator.metric_h_slide")] == "0.986"
    info = " ".join(i.value for i in at.info)
    assert "1.994 + 0.952 = 2.946" in info and "2.9476" in info


def test_slide_49_erratum_is_shown_as_an_erratum(at):
    erratum = [w.value for w in at.warning if "Đính chính slide 49 và 50" in w.value]
    assert len(erratum) == 1
    assert "0.992 + 0.994 = 1.986" in erratum[0]
    assert "0.992 × 0.994 = 0.986" in erratum[0]
    assert "0.98623" in erratum[0]


def test_slide_check_table_lists_every_value_and_marks_the_erratum(at):
    df = at.table[0].value
    assert len(df) == 11
    *agree, h = df.to_dict("records")
    assert [r[col("printed")] for r in agree] == [r[col("app")] for r in agree]
    assert {r[col("match")] for r in agree} == {"✓"}
    # Slides 49-50 print 1.986 (o + tanh(c_t)); the product they mean is 0.986: ✗, said so.
    assert (h[col("slide")], h[col("printed")], h[col("app")]) == ("49-50", "1.986", "0.986")
    assert h[col("match")] == "✗ đính chính"
    assert "2.9476" in set(df[col("exact")])
    # The notes sit under the table (a note column was cut off at phone width).
    notes = [c.value for c in at.caption if c.value.startswith("Slide ")]
    assert [n.split(" · ")[0] for n in notes] == ["Slide 48", "Slide 49", "Slide 49-50"]


def test_saturated_forget_gate_is_warned_about(at):
    sat = [w.value for w in at.warning if "bão hòa" in w.value]
    assert len(sat) == 1 and "cổng f" in sat[0] and "|5.95| > 5" in sat[0]


def test_url_holds_the_slide_weights(at):
    assert at.query_params["w"] == SLIDE_CODE
    # A copyable link for the teacher (AppTest has no browser URL, so only the query).
    # The link keeps the language, so it opens as the teacher saw it.
    links = [c.value for c in at.code if not c.value.startswith("import torch")]  # not a snippet
    assert links == [f"?w={SLIDE_CODE}&lang=vi"]


# ---------------------------------------------------------------- slide RNN


def test_rnn_slide_example_is_one_click_away(at):
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    assert not at.exception
    m = _metrics(at)
    assert (m["h1"], m["h2"], m["h3"]) == ("[2, 3]", "[4, 6]", "[5, 8]")
    md = _markdown(at)
    for step, (ax, ah) in enumerate(
        [("[2, 2]", "[0, 1]"), ("[2, 2]", "[2, 4]"), ("[1, 1]", "[4, 7]")], start=1
    ):
        assert f"x_t W_xh^T + b_xh = {ax}" in md, step
        assert f"h_(t-1) W_hh^T + b_hh = {ah}" in md, step
    df = at.table[0].value
    assert len(df) == 9 and set(df[col("match")]) == {"✓"}
    assert list(df[col("slide")]) == ["11"] * 3 + ["12"] * 3 + ["13"] * 3
    assert at.query_params["w"] == encode(preset_tables("rnn_slide"))
    # The step selector walks the slide's three steps; and back to the LSTM works.
    at.slider(key="calc_step").set_value(3).run()
    assert not at.exception
    at.radio(key="calc_mode").set_value("lstm_slide").run()
    assert _metrics(at)[vi("calculator.metric_h_slide")] == "0.986"


# ------------------------------------------------------------------- custom


def test_custom_mode_starts_from_the_example_you_came_from(at):
    _custom(at)
    assert at.radio(key="calc_kind").value == "lstm"
    assert [n.value for n in at.number_input if n.key in ("calc_I", "calc_H", "calc_T")] == [
        1,
        1,
        1,
    ]
    W_x = at.data_editor[0].value
    assert list(W_x["x[1]"]) == ["1.65", "1.63", "0.94", "-0.19"]
    assert _metrics(at)["f = σ(5.95)"] == "0.997"
    assert _metrics(at)["h_1"] == "0.986"


def test_a_weight_edit_recomputes_every_output(at):
    _custom(at)
    _edit(at, "W_x", {1: {"x[1]": "2"}})  # W_if: 1.63 -> 2
    ref = _torch_lstm(
        [[1.65], [2.0], [0.94], [-0.19]],
        [[2.0], [2.7], [1.41], [4.38]],
        [0.62, 0, -0.32, 0],
        [0, 1.62, 0, 0.59],
        [[1.0]],
        [1.0],
        [2.0],
    )
    h, c = ref[0]
    m = _metrics(at)
    f = torch.sigmoid(torch.tensor(2 + 2.7 + 1.62, dtype=torch.float64)).item()
    assert m["f = σ(6.32)"] == fmt(f) == "0.998"
    assert m["h_1"] == fmt(h[0])
    assert m["c_1"] == fmt(c[0]) == "2.949"
    assert "2×1 + 0 + 2.7×1 + 1.62 = 6.32" in _markdown(at)
    assert at.query_params["w"].startswith("L111_1.65_2_0.94")
    assert not any("Đính chính" in w.value for w in at.warning)  # no longer the slide


def test_size_change_and_vector_edit_match_torch(at):
    _custom(at)
    at.number_input(key="calc_H").set_value(2).run()
    at.number_input(key="calc_I").set_value(2).run()
    at.number_input(key="calc_T").set_value(2).run()
    assert not at.exception
    assert at.data_editor[0].value.shape == (8, 2)
    _edit(at, "X", {1: {"x[1]": "-1", "x[2]": "0,5"}})  # comma decimal, as typed in Vietnam
    # Resize kept the slide numbers for unit 1 and zero-filled the rest.
    W_ih = np.zeros((8, 2))
    W_hh = np.zeros((8, 2))
    b_ih, b_hh = np.zeros(8), np.zeros(8)
    for k, (wx, wh, bx, bh) in enumerate(
        [(1.65, 2, 0.62, 0), (1.63, 2.7, 0, 1.62), (0.94, 1.41, -0.32, 0), (-0.19, 4.38, 0, 0.59)]
    ):
        W_ih[2 * k, 0], W_hh[2 * k, 0], b_ih[2 * k], b_hh[2 * k] = wx, wh, bx, bh
    ref = _torch_lstm(W_ih, W_hh, b_ih, b_hh, [[1, 0], [-1, 0.5]], [1, 0], [2, 0])
    at.slider(key="calc_step").set_value(2).run()
    md = _markdown(at)
    assert f"h_2 = {fmt_vec(ref[1][0])}" in md
    assert f"c_2 = {fmt_vec(ref[1][1])}" in md
    assert any(s.value == vi("calculator.step_heading", t=2) for s in at.header)


def test_random_preset_is_reproducible_and_shareable(at):
    _custom(at)
    at.number_input(key="calc_T").set_value(3).run()
    at.number_input(key="calc_seed").set_value(7).run()
    at.button(key="calc_random").click().run()
    assert not at.exception
    expect = random_tables("lstm", 1, 1, 3, 7)
    assert at.query_params["w"] == encode(expect)
    first = at.data_editor[0].value.values.tolist()
    assert first == [list(r) for r in expect.grids["W_x"]]
    at.button(key="calc_random").click().run()
    assert at.data_editor[0].value.values.tolist() == first  # same seed, same exercise
    at.number_input(key="calc_seed").set_value(8).run()
    at.button(key="calc_random").click().run()
    assert at.data_editor[0].value.values.tolist() != first


def test_switching_to_rnn_in_custom_mode_loads_its_slide_example(at):
    _custom(at)
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    assert not at.exception
    at.slider(key="calc_step").set_value(3).run()
    assert _metrics(at).get("h_3") is None  # a vector: drawn as a line, not a metric
    assert "h_3 = [5, 8]" in _markdown(at)
    at.radio(key="calc_kind").set_value("rnn_tanh").run()
    ex = parse_tables(decode(at.query_params["w"])).example
    assert ex.params.nonlinearity == "tanh"


def test_edits_survive_a_visit_to_the_slides(at):
    _custom(at)
    _edit(at, "W_x", {0: {"x[1]": "3"}})
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    at.radio(key="calc_mode").set_value("custom").run()
    assert not at.exception
    assert at.data_editor[0].value["x[1]"].iloc[0] == "3"
    assert at.number_input(key="calc_H").value == 1


def test_hand_off_to_the_gradient_explorer(at):
    _custom(at)
    _edit(at, "W_h", {3: {"h[1]": "1.5"}})
    at.button(key="calc_to_explorer").click().run()
    cell = at.session_state["explorer_cell"]
    assert cell["kind"] == "lstm"
    assert cell["params"].W_hh[3, 0] == 1.5 and cell["params"].W_ih[1, 0] == 1.63
    np.testing.assert_array_equal(cell["inputs"], [[1.0]])  # (T, I): the explorer tiles it
    assert not at.exception


def test_csv_download_is_offered(at):
    assert [b.key for b in at.get("download_button")] == ["calc_csv"]


# ---------------------------------------------------------------- bad input


_plain = shown_text


def _errors(at) -> list[str]:
    return [_plain(e.value) for e in at.error]


@pytest.mark.parametrize(
    "value,words",
    [
        (None, "ô trống"),
        ("", "ô trống"),
        ("abc", "'abc' không phải là số"),
        ("nan", "NaN không phải là số"),
        ("inf", "vô cực"),
    ],
)
def test_bad_cell_gets_a_message_naming_it_and_the_page_keeps_working(at, value, words):
    _custom(at)
    _edit(at, "b", {2: {"b_x": value}})
    errors = _errors(at)
    field_msgs = [e for e in errors if field_title("b", "vi") in e]
    assert len(field_msgs) == 1
    assert "g · ô nhớ ứng viên, b_x" in field_msgs[0] and words in field_msgs[0]
    assert any(vi("calculator.errors_count", n=1) in e for e in errors)
    # The last valid result stays on screen.
    assert _metrics(at)["h_1"] == "0.986"
    assert any(vi("calculator.last_valid") in c.value for c in at.caption)
    # The URL keeps the last valid weights; fixing the cell clears the message.
    assert at.query_params["w"] == SLIDE_CODE
    _edit(at, "b", {2: {"b_x": "-0.32"}})
    assert _errors(at) == []


def test_several_bad_cells_in_an_rnn_are_each_named():
    at = _open({"w": encode(random_tables("rnn", 2, 2, 2, 3))})
    _edit(at, "state", {0: {"[1]": "x"}})
    _edit(at, "X", {1: {"x[2]": None}})
    errors = _errors(at)
    assert any("h_0, [1]" in e and "'x'" in e for e in errors)
    assert any("t=2, x[2]" in e and "ô trống" in e for e in errors)
    assert any(vi("calculator.errors_count", n=2) in e for e in errors)


def test_huge_values_compute_without_nan_and_warn_about_overflow(at):
    _custom(at)
    _edit(at, "W_x", {k: {"x[1]": "1e300"} for k in range(4)})
    _edit(at, "X", {0: {"x[1]": "1e300"}})
    assert not at.exception
    overflow = [w.value for w in at.warning if "float64" in w.value]
    assert len(overflow) == 1 and "t=1" in overflow[0]
    vals = _metrics(at)
    assert "nan" not in " ".join(vals.values()).lower()
    # Every gate saturates at 1: c = 1·2 + 1·1 = 3, h = 1·tanh(3).
    assert vals["h_1"] == fmt(np.tanh(3.0)) == "0.995"
    assert vals["c_1"] == "3"


def test_bad_url_says_so_and_falls_back_to_the_slide_example():
    at = _open({"w": "L111_1_2_3"})
    warn = [_plain(w.value) for w in at.warning if "Không đọc được liên kết" in w.value]
    assert len(warn) == 1 and "mã chia sẻ có 3 số" in warn[0]
    assert at.radio(key="calc_mode").value == "lstm_slide"
    assert _metrics(at)[vi("calculator.metric_h_slide")] == "0.986"
    at = _open({"w": "L111_" + "_".join(["1"] * 18 + ["nan"])})
    assert any("số thứ 19" in _plain(w.value) for w in at.warning)
    at = _open({"w": "L111_1_2_3"}, lang="en")
    warn = [_plain(w.value) for w in at.warning if "Could not read the link" in w.value]
    assert len(warn) == 1 and "has 3 numbers" in warn[0]


def test_url_round_trip_opens_the_shared_exercise():
    tab = random_tables("lstm", 2, 3, 4, 21)
    code = encode(tab)
    at = _open({"w": code})
    assert at.radio(key="calc_mode").value == "custom"
    assert at.query_params["w"] == code
    assert [at.number_input(key=k).value for k in ("calc_I", "calc_H", "calc_T")] == [2, 3, 4]
    assert at.data_editor[0].value.values.tolist() == [list(r) for r in tab.grids["W_x"]]
    # And the slide example's own link opens the slide view, not the editor.
    at = _open({"w": encode(preset_tables("rnn_slide"))})
    assert at.radio(key="calc_mode").value == "rnn_slide"


MARKDOWN_PAYLOADS = ["![x](http://127.0.0.1:9/x.png)", "**b**", "[a](javascript:alert(1))", "$x$"]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS + ["<script>alert(1)</script>"])
def test_typed_markdown_or_html_is_quoted_escaped(at, payload):
    _custom(at)
    _edit(at, "W_x", {0: {"x[1]": payload}})
    src = [e.value for e in at.error if field_title("W_x", "vi") in e.value]
    assert len(src) == 1
    # Every punctuation mark of the quoted text is backslashed: Markdown shows it as typed.
    quoted = payload if len(payload) <= 20 else payload[:20]
    assert re.sub(r"([^\w\s])", r"\\\1", quoted) in src[0].replace(ZWSP, "")
    assert f"'{quoted}" in _plain(src[0])


def test_share_link_with_markdown_is_quoted_escaped():
    code = "L111_![](http://x/a.png)" + "_0" * 18
    at = _open({"w": code})
    warn = [w.value for w in at.warning if "Không đọc được liên kết" in w.value]
    assert len(warn) == 1
    assert "![](" not in warn[0] and "\\!\\[\\]\\(http\\:" in warn[0]
    assert at.radio(key="calc_mode").value == "lstm_slide"


def test_step_selector_survives_a_shorter_sequence(at):
    _custom(at)
    at.number_input(key="calc_T").set_value(2).run()
    _edit(at, "X", {1: {"x[1]": "5"}})  # edited: custom keeps its own T = 2
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    at.slider(key="calc_step").set_value(3).run()
    at.radio(key="calc_mode").set_value("custom").run()
    assert not at.exception
    assert at.slider(key="calc_step").value == 2
    assert any(s.value == vi("calculator.step_heading", t=2) for s in at.header)


def test_a_table_with_a_row_missing_is_a_shape_mismatch_message(at):
    _custom(at)
    at.session_state["calc_ed_W_h"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [1]}
    at.run()
    assert not at.exception
    msgs = [e for e in _errors(at) if field_title("W_h", "vi") in e]
    assert len(msgs) == 1
    assert "sai kích thước" in msgs[0] and "3×1, cần 4×1" in msgs[0]
    assert _metrics(at)["h_1"] == "0.986"  # the last valid result stays


def test_the_trace_table_matches_torch_at_full_precision():
    tab = random_tables("lstm", 3, 2, 4, 5)
    at = _open({"w": encode(tab)})
    q = vi("calculator.trace_quantity")
    units = [vi("calculator.trace_unit", j=j) for j in (1, 2)]
    trace = [d.value for d in at.dataframe if q in d.value.columns]
    assert len(trace) == 1
    df = trace[0]
    ex = parse_tables(tab).example
    p = ex.params
    ref = _torch_lstm(p.W_ih, p.W_hh, p.b_ih, p.b_hh, ex.X, ex.h0, ex.c0)
    for step, (h, c) in enumerate(ref, start=1):
        row_h = df[(df["t"] == step) & (df[q] == "h")][units]
        row_c = df[(df["t"] == step) & (df[q] == "c")][units]
        np.testing.assert_allclose(row_h.to_numpy()[0], h, atol=1e-12)
        np.testing.assert_allclose(row_c.to_numpy()[0], c, atol=1e-12)
    assert len(df) == 4 * (2 + 4 * 6 + 4 + 1)


def test_slide_example_button_restores_the_numbers(at):
    _custom(at)
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    _edit(at, "W_x", {0: {"x[1]": "7"}})
    assert at.query_params["w"] != encode(preset_tables("rnn_slide"))
    at.button(key="calc_slide").click().run()
    assert not at.exception
    assert at.data_editor[0].value["x[1]"].tolist() == ["1", "1"]
    assert at.query_params["w"] == encode(preset_tables("rnn_slide"))


def test_saturation_warnings_follow_the_selected_step():
    tab = preset_tables("rnn_slide")
    tab = Tables("rnn", "tanh", {**tab.grids, "X": (("2", "2", "2"),) + tab.grids["X"][1:]})
    at = _open({"w": encode(tab)})  # tanh RNN, pre-activations [7, 8] at t=1 only
    assert at.radio(key="calc_mode").value == "custom"
    sat = [w.value for w in at.warning if "bão hòa" in w.value]
    assert len(sat) == 2 and all("t=1" in w for w in sat)
    assert "|7| > 5" in sat[0] and "|8| > 5" in sat[1]
    at.slider(key="calc_step").set_value(2).run()
    assert not [w for w in at.warning if "bão hòa" in w.value]
    assert any("các bước khác: t = 1" in c.value for c in at.caption)


def test_switching_cell_kind_and_back_keeps_the_edits(at):
    """Issue 12: LSTM edits survived neither a visit to RNN nor the sizes."""
    _custom(at)
    at.number_input(key="calc_H").set_value(2).run()
    _edit(at, "W_x", {0: {"x[1]": "3"}})
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    assert at.data_editor[0].value["x[1]"].tolist() == ["1", "1"]  # the RNN slide example
    at.radio(key="calc_kind").set_value("lstm").run()
    assert not at.exception
    assert at.number_input(key="calc_H").value == 2
    assert at.data_editor[0].value["x[1]"].iloc[0] == "3"


# ------------------------------------------------------ the loss (slides 15-17)

OLD_RNN_CODE = "R323_1_1_1_1_1_1_1_0_0_1_1_0_1_1_0_1_0_0_0_1_0_0_0_0_0"  # a link made before heads


def _rnn(at) -> AppTest:
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    assert not at.exception, at.exception
    return at


def _classes(at):
    """The head's table of classes (its p_k column), wherever the page puts it."""
    found = [tb.value for tb in at.table if "p_k" in tb.value.columns]
    assert len(found) == 1
    return found[0]


def _head_editor(at):
    """The head's editor: the data editor whose rows are the logits z_1.."""
    found = [d for d in at.data_editor if list(d.value.index)[:1] == ["z_1"]]
    assert len(found) == 1
    return found[0]


def _torch_head(
    W, b, y, X=((0, 1, 0), (0, 0, 1), (0, 0, 0)), W_xh=None, W_hh=None, b_xh=None, b_hh=None
):
    """Independent reference: torch.nn.RNN (ReLU) then nn.Linear and cross_entropy, float64."""
    f64 = torch.float64
    W_xh = np.ones((2, 3)) if W_xh is None else W_xh
    W_hh = np.eye(2) if W_hh is None else W_hh
    b_xh = np.ones(2) if b_xh is None else b_xh
    b_hh = np.array([0.0, 1.0]) if b_hh is None else b_hh
    H, I = np.shape(W_xh)
    rnn = torch.nn.RNN(I, H, nonlinearity="relu", batch_first=True, dtype=f64)
    loaded(rnn, (W_xh, W_hh, b_xh, b_hh))
    fc = loaded(torch.nn.Linear(H, len(b), dtype=f64), (W, b))
    with torch.no_grad():
        _, h_n = rnn(torch.tensor(np.asarray(X, dtype=np.float64)).unsqueeze(0))
        z = fc(h_n[0])
        return z[0].numpy(), torch.nn.functional.cross_entropy(z, torch.tensor([y])).item()


DEFAULT_W = [[0.3, -0.3], [0.1, -0.1], [-0.3, -0.1]]
DEFAULT_B = [-0.1, 0.2, 0.5]


def test_the_rnn_slide_ends_in_a_seeded_head_and_its_cross_entropy(at):
    _rnn(at)
    assert any(s.value == vi("calculator.loss_heading") for s in at.header)
    assert vi("calculator.loss_intro", C=3, seed=17) in _markdown(at)
    md = _markdown(at)
    for line in (
        "z_1 = 0.3×5 - 0.3×8 - 0.1 = -1",
        "softmax(z)_2 = e^(z_2) / Σ e^(z_j) = e^(z_2 − m) / Σ e^(z_j − m) = 1 / 1.589 = 0.629",
        "L = −log p_1 = −log(0.256) = 1.363",
    ):
        assert line in md
    z, loss = _torch_head(DEFAULT_W, DEFAULT_B, 0)
    assert _metrics(at)["L = −log p_1"] == fmt(loss) == "1.363"
    np.testing.assert_allclose(z, [-1, -0.1, -1.8], atol=1e-12)
    classes = _classes(at)
    assert list(classes["p_k"]) == ["0.256", "0.629", "0.115"]
    # W_xh and W_hh named once for every step, drawn under each step.
    assert "W_xh = [[1, 1, 1], [1, 1, 1]], W_hh = [[1, 0], [0, 1]]" in md
    dots = [g.proto.spec for g in at.get("graphviz_chart")]
    assert any(d.count('[label=" W_xh"]') == 3 and "CE Loss" in d for d in dots)
    # The default head adds nothing to the link: it is the one made before heads.
    assert at.query_params["w"] == OLD_RNN_CODE


# The head's part of the link for each true class: the default (class 1) adds none.
@pytest.mark.parametrize(("y", "head"), [(0, ""), (1, "~32_"), (2, "~33_")])
def test_choosing_the_true_class_changes_the_loss_as_torch_says(at, y, head):
    _rnn(at)
    at.radio(key="calc_class").set_value(y).run()
    assert not at.exception
    _, loss = _torch_head(DEFAULT_W, DEFAULT_B, y)
    assert _metrics(at)[f"L = −log p_{y + 1}"] == fmt(loss)
    assert f"L = log Σ e^(z_j) − z_{y + 1} = 0.363" in _markdown(at)
    classes = _classes(at)
    assert [r.endswith("◀ y") for r in classes.iloc[:, 0]] == [k == y for k in range(3)]
    code = at.query_params["w"]
    assert code.startswith(OLD_RNN_CODE + head)
    assert (code == OLD_RNN_CODE) == (head == "")


def test_editing_the_head_recomputes_logits_softmax_and_loss(at):
    _rnn(at)
    _edit(at, "head", {0: {"× h[1]": "1"}, 2: {"+ b": "-2"}})
    W = [[1.0, -0.3], [0.1, -0.1], [-0.3, -0.1]]
    b = [-0.1, 0.2, -2.0]
    z, loss = _torch_head(W, b, 0)
    md = _markdown(at)
    assert "z_1 = 1×5 - 0.3×8 - 0.1 = 2.5" in md and "z_3 = -0.3×5 - 0.1×8 - 2 = -4.3" in md
    assert _metrics(at)["L = −log p_1"] == fmt(loss)
    assert at.query_params["w"] == OLD_RNN_CODE + "~31_1_-0.3_-0.1_0.1_-0.1_0.2_-0.3_-0.1_-2"
    np.testing.assert_allclose(z, [2.5, -0.1, -4.3], atol=1e-12)


def test_more_classes_grow_the_head_and_the_reset_restores_it(at):
    _rnn(at)
    at.radio(key="calc_class").set_value(2).run()
    at.number_input(key="calc_classes").set_value(4).run()
    assert not at.exception
    ed = _head_editor(at)
    assert list(ed.value.index) == ["z_1", "z_2", "z_3", "z_4"]
    assert ed.value.values.tolist()[3] == ["0", "0", "0"]
    assert at.radio(key="calc_class").options == [
        vi("calculator.loss_class", k=k) for k in range(1, 5)
    ]
    assert at.radio(key="calc_class").value == 2  # the true class stays
    z, loss = _torch_head(DEFAULT_W + [[0, 0]], DEFAULT_B + [0], 2)
    assert _metrics(at)["L = −log p_3"] == fmt(loss)
    at.number_input(key="calc_classes").set_value(2).run()
    assert at.radio(key="calc_class").value == 1  # class 3 is gone: the last one left
    assert len(_classes(at)) == 2
    at.button(key="calc_head_reset").click().run()
    assert not at.exception
    assert _head_editor(at).value.values.tolist() == [
        ["0.3", "-0.3", "-0.1"],
        ["0.1", "-0.1", "0.2"],
        ["-0.3", "-0.1", "0.5"],
    ]
    assert at.number_input(key="calc_classes").value == 3
    assert _metrics(at)["L = −log p_1"] == "1.363"
    assert at.query_params["w"] == OLD_RNN_CODE


def test_head_edits_outlive_the_lstm_mode_and_the_language_switch(at):
    _rnn(at)
    _edit(at, "head", {1: {"× h[2]": "0.5"}})
    at.radio(key="calc_class").set_value(1).run()
    at.radio(key="calc_mode").set_value("lstm_slide").run()
    assert not [s for s in at.header if s.value == vi("calculator.loss_heading")]
    _rnn(at)
    assert _head_editor(at).value.values.tolist()[1] == ["0.1", "0.5", "0.2"]
    assert at.radio(key="calc_class").value == 1
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert _head_editor(at).value.values.tolist()[1] == ["0.1", "0.5", "0.2"]
    _, loss = _torch_head([[0.3, -0.3], [0.1, 0.5], [-0.3, -0.1]], DEFAULT_B, 1)
    assert _metrics(at)["L = −log p_2"] == fmt(loss)


def test_a_custom_rnn_gets_a_head_that_fits_its_hidden_size(at):
    _rnn(at)
    _custom(at)
    assert at.radio(key="calc_kind").value == "rnn_relu"
    at.number_input(key="calc_H").set_value(3).run()
    assert not at.exception
    ed = _head_editor(at)
    assert list(ed.value.columns) == ["× h[1]", "× h[2]", "× h[3]", "+ b"]
    assert ed.value.values.tolist()[0] == ["0.3", "-0.3", "0", "-0.1"]
    # The resized RNN (zeros where new) through torch, then the resized head.
    W_xh = np.vstack([np.ones((2, 3)), np.zeros((1, 3))])
    W_hh = np.zeros((3, 3))
    W_hh[:2, :2] = np.eye(2)
    W = [[0.3, -0.3, 0], [0.1, -0.1, 0], [-0.3, -0.1, 0]]
    _, loss = _torch_head(W, DEFAULT_B, 0, W_xh=W_xh, W_hh=W_hh, b_xh=[1, 1, 0], b_hh=[0, 1, 0])
    assert _metrics(at)["L = −log p_1"] == fmt(loss)
    at.radio(key="calc_kind").set_value("lstm").run()
    assert not [s for s in at.header if s.value == vi("calculator.loss_heading")]


def test_a_link_with_a_head_opens_the_rnn_slide_with_it():
    code = OLD_RNN_CODE + "~22_1_2_3_-1_0_0.5"
    at = _open({"w": code})
    assert at.radio(key="calc_mode").value == "rnn_slide"
    assert _head_editor(at).value.values.tolist() == [["1", "2", "3"], ["-1", "0", "0.5"]]
    assert at.radio(key="calc_class").value == 1
    _, loss = _torch_head([[1, 2], [-1, 0]], [3, 0.5], 1)
    assert _metrics(at)["L = −log p_2"] == fmt(loss)
    assert at.query_params["w"] == code


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_link_with_a_bad_head_is_worded_and_falls_back(lang):
    at = _open({"w": OLD_RNN_CODE + "~22_1_2"}, lang=lang)
    warn = " ".join(_plain(w.value) for w in at.warning)
    assert t("error.calc_share_head_count", lang, got=2, C=2, H=2, need=6) in warn
    assert at.radio(key="calc_mode").value == "lstm_slide"


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS + ["<script>alert(1)</script>"])
def test_markup_typed_into_the_head_is_quoted_escaped(at, payload):
    _rnn(at)
    _edit(at, "head", {0: {"+ b": payload}})
    src = [e.value for e in at.error if vi("calculator.loss_errors", n=1) in e.value]
    assert len(src) == 1
    quoted = payload if len(payload) <= 20 else payload[:20]
    assert re.sub(r"([^\w\s])", r"\\\1", quoted) in src[0].replace(ZWSP, "")
    assert f"z_1, + b: '{quoted}" in _plain(src[0])
    assert not [m for m in at.metric if m.label.startswith("L = ")]


# ------------------------------------------------------------------ languages

# Quoted lecture text the English page may show as it is: none is Vietnamese today.
QUOTED = ""


def _drive(at) -> list[str]:
    """Every mode and the custom controls; returns what each state showed."""
    shown = [visible_text(at)]
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    at.slider(key="calc_step").set_value(2).run()
    shown.append(visible_text(at))
    _custom(at)
    at.number_input(key="calc_H").set_value(2).run()
    at.number_input(key="calc_T").set_value(2).run()
    _edit(at, "W_x", {0: {"x[1]": "abc"}, 1: {"x[1]": None}})
    shown.append(visible_text(at))
    _edit(at, "W_x", {0: {"x[1]": "9"}, 1: {"x[1]": "1"}})  # saturates: warnings shown
    shown.append(visible_text(at))
    at.radio(key="calc_kind").set_value("rnn_tanh").run()
    at.button(key="calc_random").click().run()
    shown.append(visible_text(at))
    # The loss on the RNN (slides 15-17): classes, the true class, a head edit and its error.
    at.number_input(key="calc_classes").set_value(4).run()
    at.radio(key="calc_class").set_value(3).run()
    shown.append(visible_text(at))
    _edit(at, "head", {0: {"+ b": "abc"}})
    shown.append(visible_text(at))
    at.button(key="calc_head_reset").click().run()
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    shown.append(visible_text(at))
    assert not at.exception, at.exception
    return shown


def test_english_page_shows_no_vietnamese_word():
    at = _open(lang="en")
    assert at.title[0].value == t("calculator.title", "en")
    for text in _drive(at):
        assert vietnamese_words(text, allowed=QUOTED) == []


def test_vietnamese_page_shows_no_english_string():
    at = _open(lang="vi")
    assert at.title[0].value == t("calculator.title", "vi")
    for text in _drive(at):
        assert english_strings(text) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bad_cells_and_links_are_worded_in_the_chosen_language(lang):
    at = _open({"w": "L111_1_2_3"}, lang=lang)
    warn = " ".join(_plain(w.value) for w in at.warning)
    assert t("calculator.url_error", lang, why="X").split("X")[0] in warn
    _custom(at)
    _edit(at, "W_x", {0: {"x[1]": "abc"}})
    errors = " ".join(_errors(at))
    assert t("error.calc_not_a_number", lang, text="abc") in errors
    assert field_title("W_x", lang) in errors
    other = "en" if lang == "vi" else "vi"
    assert t("error.calc_not_a_number", other, text="abc") not in errors


def test_the_language_switch_redraws_the_page_and_keeps_the_numbers(at):
    _custom(at)
    _edit(at, "W_x", {1: {"x[1]": "2"}})
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == t("calculator.title", "en")
    assert _metrics(at)["f = σ(6.32)"] == "0.998"
    assert at.query_params["w"].startswith("L111_1.65_2_0.94")
