"""The gradient explorer page, driven through the real app by widget key.

The behaviour tests read the English page (?lang=en) and name texts from the catalog where
a sentence is checked; the language tests drive the main widgets in both languages.
"""

import json
import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.calculator.presets import slide_lstm, slide_rnn
from core.nn.cells import LSTMParams, RNNParams
from tests.support import apptest
from tests.support.lang import other_language, visible_text
from tests.support.paths import APP
from ui.i18n import t

PAGE = "pages/gradients.py"


def open_page(state: dict | None = None, lang: str = "en") -> AppTest:
    """The app on the gradients page in lang, with session state set before the first run."""
    return apptest.open_page(PAGE, lang, state=state)


def charts(at: AppTest) -> dict[str, dict]:
    """The page's plotly figures by widget key ("scalar", "bptt"), as the browser gets them."""
    out = {}
    for el in at.get("plotly_chart"):
        key = el.proto.id.rsplit("-", 1)[-1].removesuffix("_chart")  # $$ID-<hash>-<key>
        out[key] = json.loads(el.proto.spec)
    return out


def trace_names(spec: dict) -> list[str]:
    return [t.get("name", "") for t in spec["data"]]


def errors(at: AppTest) -> str:
    return " | ".join(e.value for e in at.error)


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page()


def test_default_page_draws_both_charts_and_the_why_tables(page):
    assert not page.exception and not page.error
    c = charts(page)
    assert set(c) == {"scalar", "bptt"}
    names = trace_names(c["bptt"])
    assert any(n.startswith("RNN") for n in names) and any(n.startswith("LSTM") for n in names)
    assert c["bptt"]["layout"]["yaxis"]["type"] == "log"
    assert c["scalar"]["layout"]["yaxis"]["type"] == "log"
    assert len(page.table) == 2  # RNN Jacobian chain, LSTM forget-gate products
    text = " ".join(m.value for m in page.markdown)
    assert "ρ(W_hh)" in text and "W_hhᵀ · diag(act′(a_t))" in text
    assert any("ρ(W_hh) = **" in c.value for c in page.caption)  # beside the scale slider


def test_scalar_presets_and_controls():
    at = open_page()
    at.button(key="scalar_preset_double").click().run()
    assert at.number_input(key="scalar_w").value == 2.0
    assert "w = 2" in json.dumps(charts(at)["scalar"]["layout"]["title"])
    at.number_input(key="scalar_n").set_value(10).run()
    at.number_input(key="scalar_x0").set_value(3.0).run()
    assert not at.exception
    metric = at.metric[0]
    assert float(metric.value) == pytest.approx(3.0 * 2**10)
    at.button(key="scalar_preset_half").click().run()
    assert at.number_input(key="scalar_w").value == 0.5
    assert float(at.metric[0].value) == pytest.approx(3.0 * 0.5**10, rel=1e-2)
    # slide 28 shows 0.5^n and 2^n together: the other one is drawn behind the reader's
    names = trace_names(charts(at)["scalar"])
    assert names[:2] == [t("gradients.scalar.slide_curve", "en", w="2"), "|input·wⁿ|"]


def test_scalar_overflow_and_zero_are_marked_not_blank():
    at = open_page()
    at.number_input(key="scalar_w").set_value(2.0).run()
    at.number_input(key="scalar_n").set_value(2000).run()
    spec = charts(at)["scalar"]
    assert any("exploded" in n for n in trace_names(spec))
    assert any("exploded" in a["text"] for a in spec["layout"]["annotations"])
    assert "10^602" in at.metric[0].value  # 2^2000, written without overflowing
    at.number_input(key="scalar_w").set_value(0.0).run()
    spec = charts(at)["scalar"]
    assert t("gradients.fig.vanished_trace", "en", name="|input·wⁿ|") in trace_names(spec)
    assert "vanished (< 1e-300)" in t("gradients.fig.vanished_trace", "en", name="x")
    assert not at.exception


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_scalar_non_finite_w_gets_a_message_next_to_the_field(bad):
    """The browser's number box turns inf/NaN into 0; session state can still carry them."""
    at = open_page()
    at.number_input(key="scalar_w").set_value(bad).run()
    assert not at.exception and "scalar" in charts(at)
    at = open_page({"scalar_w": bad})
    assert not at.exception
    assert "finite" in errors(at)
    assert "scalar" not in charts(at)  # the BPTT section still works below it
    assert "bptt" in charts(at)


def test_every_bptt_control_by_key():
    at = open_page()
    before = charts(at)["bptt"]
    at.number_input(key="bptt_hidden").set_value(8).run()
    at.number_input(key="bptt_length").set_value(50).run()
    at.number_input(key="bptt_seed").set_value(7).run()
    at.radio(key="bptt_activation").set_value("relu").run()
    at.slider(key="bptt_scale").set_value(1.5).run()
    at.slider(key="bptt_forget_bias").set_value(6.0).run()
    assert not at.exception and not at.error
    spec = charts(at)["bptt"]
    assert spec != before
    assert "T = 50, H = 8, RNN relu" in json.dumps(spec["layout"]["title"])
    # Clipping: the switch adds the clipped curves and says by how much.
    at.toggle(key="bptt_clip").set_value(True).run()
    at.number_input(key="bptt_max_norm").set_value(0.5).run()
    assert not at.exception
    names = trace_names(charts(at)["bptt"])
    assert any("clipped" in n for n in names)
    assert any("→" in s.value and "×" in s.value for s in at.success)


def test_bptt_presets():
    at = open_page()
    at.button(key="bptt_preset_explode").click().run()
    assert at.radio(key="bptt_activation").value == "relu"
    assert at.slider(key="bptt_scale").value == 2.0
    at.button(key="bptt_preset_overflow").click().run()
    assert at.number_input(key="bptt_length").value == 500
    assert not at.exception
    spec = charts(at)["bptt"]
    assert any("exploded" in n for n in trace_names(spec))
    assert any("exploded" in a["text"] for a in spec["layout"].get("annotations", []))
    assert at.warning  # the forward pass itself overflowed: said in words
    at.toggle(key="bptt_clip").set_value(True).run()
    assert "cannot rescale inf/NaN" in errors(at)
    at.button(key="bptt_preset_vanish").click().run()
    assert at.radio(key="bptt_activation").value == "tanh"
    assert not at.exception


def test_underflow_shows_vanished_markers():
    at = open_page()
    at.slider(key="bptt_scale").set_value(0.1).run()
    at.number_input(key="bptt_length").set_value(500).run()
    assert not at.exception
    spec = charts(at)["bptt"]
    assert any("vanished (< 1e-300)" in n for n in trace_names(spec))
    assert any("vanished" in a["text"] for a in spec["layout"]["annotations"])


@pytest.mark.parametrize(
    "key,value,words",
    [
        ("bptt_length", 0, "sequence length"),
        ("bptt_hidden", 0, "hidden size"),
    ],
)
def test_edge_values_get_a_clear_message_and_no_crash(key, value, words):
    at = open_page()
    at.number_input(key=key).set_value(value).run()
    assert not at.exception
    assert words in errors(at)
    assert "bptt" not in charts(at) and "scalar" in charts(at)
    at.number_input(key=key).set_value(5).run()  # and it comes back
    assert "bptt" in charts(at) and not at.error


def test_bad_max_norm_is_refused_next_to_the_field():
    at = open_page()
    at.toggle(key="bptt_clip").set_value(True).run()
    at.number_input(key="bptt_max_norm").set_value(0.0).run()
    assert not at.exception
    assert "max norm" in errors(at)
    for bad in (math.nan, math.inf):
        at = open_page({"bptt_clip": True, "bptt_max_norm": bad})
        assert not at.exception
        assert "max norm" in errors(at)


def test_calculator_hand_off_uses_the_calculators_lstm_by_default():
    at = open_page({"explorer_cell": {"kind": "lstm", "params": slide_lstm().params}})
    assert at.radio(key="bptt_source").value == "calculator"
    assert any("H = 1, I = 1" in i.value for i in at.info)
    text = " ".join(m.value for m in at.markdown)
    assert t("gradients.bptt.forget_cell", "en", values="1.62") in text  # its own, not the slider
    assert at.number_input(key="bptt_hidden_cell").value == 1
    assert at.number_input(key="bptt_hidden_cell").disabled
    assert "H = 1" in json.dumps(charts(at)["bptt"]["layout"]["title"])
    assert "calculator's cell" in " ".join(m.value for m in at.markdown)
    at.number_input(key="bptt_length").set_value(40).run()
    at.radio(key="bptt_source").set_value("random").run()
    assert not at.exception
    assert "H = 64" in json.dumps(charts(at)["bptt"]["layout"]["title"])


def test_the_slides_cell_repeated_says_why_the_lstm_loses():
    """Issue 11: the lecture's LSTM fed x = 1 for 200 steps; the page says why it loses."""
    ex = slide_lstm()
    at = open_page({"explorer_cell": {"kind": "lstm", "params": ex.params, "inputs": ex.X}})
    assert at.radio(key="bptt_cell_inputs").value == "random"  # opened on a fair comparison
    # There the LSTM still vanishes, through its forget gates (issue 20), not by saturation.
    assert _callout_kinds(at, "en") == ["forget_gates"]
    at.radio(key="bptt_cell_inputs").set_value("calculator").run()
    assert _callout_kinds(at, "en") == ["saturated_cell"]
    assert any(i.value.startswith("Here the LSTM keeps little gradient") for i in at.info)


def test_calculator_hand_off_with_an_rnn_and_its_inputs():
    ex = slide_rnn()
    at = open_page({"explorer_cell": {"kind": "rnn", "params": ex.params, "inputs": ex.X}})
    assert not at.error
    assert t("gradients.bptt.activation_cell", "en", act="relu") in " ".join(
        m.value for m in at.markdown
    )
    assert any("repeated" in c.value for c in at.caption)
    assert "RNN relu" in json.dumps(charts(at)["bptt"]["layout"]["title"])


def test_a_broken_hand_off_is_said_not_raised():
    ex = slide_lstm()
    W = ex.params.W_hh.copy()
    W[:] = np.inf
    nan_cell = LSTMParams(ex.params.W_ih, W, ex.params.b_ih, ex.params.b_hh)
    at = open_page({"explorer_cell": {"kind": "lstm", "params": nan_cell}})
    assert "inf or NaN" in errors(at)
    at.radio(key="bptt_source").set_value("random").run()
    assert not at.error and "bptt" in charts(at)

    at = open_page({"explorer_cell": {"params": "not a cell"}})
    assert any("malformed" in w.value for w in at.warning)
    assert "bptt" in charts(at)

    at = open_page({"explorer_cell": {"kind": "lstm", "params": "not params"}})
    assert "LSTMParams" in errors(at)

    rnn_as_lstm = RNNParams(np.ones((2, 1)), np.eye(2), np.zeros(2), np.zeros(2))
    at = open_page({"explorer_cell": {"kind": "lstm", "params": rnn_as_lstm}})
    assert "LSTMParams" in errors(at)


def test_one_step_and_zero_recurrent_weights_are_explained():
    at = open_page()
    at.number_input(key="bptt_length").set_value(1).run()
    assert not at.exception and not at.error
    assert "no earlier step" in " ".join(m.value for m in at.markdown)
    at.number_input(key="bptt_length").set_value(20).run()
    at.slider(key="bptt_scale").set_value(0.0).run()
    assert not at.exception
    # W_hh = 0: h_1 cannot reach h_T at all, so its gradient is exactly 0, and said so.
    assert at.metric[2].value == "0"  # after the scalar view's two metrics
    assert "exactly 0" in " ".join(m.value for m in at.markdown)
    assert any("vanished" in n for n in trace_names(charts(at)["bptt"]))


def test_the_calculators_button_lands_here_with_its_cell():
    """The real hand-off: the calculator page's button, not a hand-set session state."""
    at = AppTest.from_file(str(APP), default_timeout=apptest.TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/calculator.py").run()
    at.button(key="calc_to_explorer").click().run()
    assert not at.exception
    assert at.radio(key="bptt_source").value == "calculator"
    lang = at.session_state["lang"]
    assert lang == "en"  # the hand-off keeps the reader's language
    info = t("gradients.bptt.handoff_info", lang, H=1, I=1, kind="LSTM", other="RNN")
    assert any(i.value == info for i in at.info)
    # Issue 11: x = 1 repeated 200 times saturates the lecture's cell; the page opens on
    # random inputs for the same weights and says what it changed and why.
    assert at.radio(key="bptt_cell_inputs").value == "random"
    assert any(i.value.startswith(t("gradients.bptt.inputs_changed", lang).split(":")[0])
               and "147" in i.value for i in at.info)  # fmt: skip
    random_note = t("gradients.bptt.inputs_random", lang, seed=0, I=1)
    assert any(c.value == random_note for c in at.caption)
    assert "bptt" in charts(at)
    at.switch_page(PAGE)  # AppTest would rerun the page it last switched to: the calculator
    at.radio(key="bptt_cell_inputs").set_value("calculator").run()
    note = t("gradients.bptt.inputs_calculator", lang, steps=1, T=200)
    assert any(c.value == note for c in at.caption)  # the calculator's own inputs, repeated
    assert "repeated" in t("gradients.bptt.inputs_calculator", "en", steps=1, T=200)
    assert "bptt" in charts(at)


# ------------------------------------------------------------ limits said, not silent


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_out_of_range_hidden_size_says_its_limits(lang):
    """Issue 11: H = 256 used to leave a red border and nothing else. Now the page says 1-128."""
    at = open_page(lang=lang)
    assert "128" in at.number_input(key="bptt_hidden").label  # the limits are in the label
    at.number_input(key="bptt_hidden").set_value(256).run()
    assert not at.exception
    want = t("error.gradients_out_of_range", lang, field=t("gradients.field.hidden_size", lang),
             lo="1", hi="128", got="256")  # fmt: skip
    assert want in errors(at)
    assert "bptt" not in charts(at)
    at.number_input(key="bptt_length").set_value(900).run()
    assert "500" in errors(at) and "900" in errors(at)


# ------------------------------------------------------------ one language at a time


def _drive(at: AppTest) -> list[AppTest]:
    """The page's main widgets, one state after another (each returned for a check)."""
    seen = [at]
    at.button(key="scalar_preset_double").click().run()
    at.number_input(key="scalar_n").set_value(2000).run()  # overflow markers and labels
    seen.append(at)
    at.number_input(key="scalar_w").set_value(0.0).run()  # vanished markers
    at.button(key="bptt_preset_overflow").click().run()  # forward overflow, undefined chain
    at.toggle(key="bptt_clip").set_value(True).run()  # clipping cannot repair
    seen.append(at)
    at.button(key="bptt_preset_explode").click().run()
    at.number_input(key="bptt_max_norm").set_value(0.5).run()  # clipped curves
    seen.append(at)
    at.number_input(key="bptt_hidden").set_value(256).run()  # an out-of-range message
    at.number_input(key="scalar_n").set_value(-1).run()
    seen.append(at)
    return seen


def _texts(at: AppTest) -> str:
    """What the reader sees: widgets and prose, and the words inside the charts."""
    parts = [visible_text(at)]
    for spec in charts(at).values():
        lay = spec["layout"]
        parts.append(json.dumps(lay.get("title", {}), ensure_ascii=False))
        for axis in ("xaxis", "yaxis"):
            parts.append(json.dumps(lay.get(axis, {}).get("title", {}), ensure_ascii=False))
        parts += [a["text"] for a in lay.get("annotations", [])]
        parts += [d.get("name", "") for d in spec["data"]]
    parts += [
        str(tb.value.index.name) + " " + " ".join(map(str, tb.value.columns)) for tb in at.table
    ]
    parts += [" ".join(map(str, tb.value.values.ravel())) for tb in at.table]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Gradients through time"), ("vi", "Gradient qua thời gian")]
)
def test_the_page_shows_only_its_language(lang, title):
    """English: no Vietnamese word; Vietnamese: no English sentence, in every driven state."""
    at = open_page(lang=lang)
    for state in _drive(at):
        assert not state.exception
        assert other_language(_texts(state), lang) == []
    assert title in _texts(at)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_hand_off_reads_in_one_language(lang):
    ex = slide_lstm()
    cell = {"kind": "lstm", "params": ex.params, "inputs": ex.X}
    at = open_page({"explorer_cell": cell}, lang=lang)
    text = _texts(at)
    assert "147" in text  # the saturation said, in this language
    at.radio(key="bptt_cell_inputs").set_value("calculator").run()
    text += _texts(at)  # and why the LSTM loses
    assert other_language(text, lang) == []
    assert t("gradients.why.cell_mark", lang) in text


# ------------------------------------------------------------ issue 20: the callout's claim


def _verdicts(at: AppTest, lang: str) -> list[str]:
    """The three spans' verdicts (RNN, LSTM, LSTM cell), in order: the last three verdict
    lines (Vietnamese words the scalar view's regime, above them, the same way)."""
    kinds = ("vanishing", "exploding", "kept", "zero", "overflow", "zero_last")
    words = {t(f"gradients.verdict.{k}", lang) for k in kinds}
    return [m.value for m in at.markdown if m.value in words][-3:]


def _callout_kinds(at: AppTest, lang: str) -> list[str]:
    """Which LSTM callouts the page shows, told apart by their words after the span."""
    kinds = ("saturated_cell", "forget_gates", "other_gates", "exploding")
    tails = {k: t(f"gradients.why.lstm_loss_{k}", lang, span="§", c="", d="", f="") for k in kinds}
    tails = {k: v.split("§)")[1][:15] for k, v in tails.items()}
    return [k for i in at.info for k, tail in tails.items() if tail in i.value]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_preset_says_nothing_false_about_the_lstm(lang):
    """Exploding (ReLU, scale 2): the RNN's gradient explodes, the LSTM's is kept, and no
    callout says the LSTM loses; Overflow: the LSTM explodes too, and the callout says so."""
    at = open_page(lang=lang)

    def callouts():
        return _callout_kinds(at, lang)

    def verdicts():
        return _verdicts(at, lang)

    assert callouts() == []  # the page opens on the vanishing preset: the lecture's point
    assert verdicts()[:2] == [
        t("gradients.verdict.vanishing", lang),
        t("gradients.verdict.kept", lang),
    ]
    at.button(key="bptt_preset_explode").click().run()
    assert verdicts()[:2] == [
        t("gradients.verdict.exploding", lang),
        t("gradients.verdict.kept", lang),
    ]
    assert callouts() == []
    at.button(key="bptt_preset_overflow").click().run()
    assert verdicts()[1] == t("gradients.verdict.exploding", lang)
    assert callouts() == ["exploding"]
    at.button(key="bptt_preset_vanish").click().run()
    assert callouts() == [] and not at.exception


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_from_the_calculator_the_vanishing_lstm_is_said_and_the_lectures_point_one_click_away(lang):
    """The hand-off opens on the calculator's cell, whose LSTM vanishes too: the callout
    says why and names the random network, which one click later shows the lecture's point."""
    ex = slide_lstm()
    at = open_page({"explorer_cell": {"kind": "lstm", "params": ex.params, "inputs": ex.X}}, lang)
    assert at.radio(key="bptt_source").value == "calculator"
    random = t("gradients.bptt.source_random", lang)
    hint = t("gradients.why.cell_hint", lang, random=random)
    said = [i.value for i in at.info if i.value.endswith(hint)]
    assert len(said) == 1
    assert _callout_kinds(at, lang) == ["forget_gates"]
    assert other_language(said[0], lang) == []
    at.radio(key="bptt_source").set_value("random").run()
    assert not at.exception and not any(i.value.endswith(hint) for i in at.info)
    verdicts = _verdicts(at, lang)[:2]
    assert verdicts == [t("gradients.verdict.vanishing", lang), t("gradients.verdict.kept", lang)]
