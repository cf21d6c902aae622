"""The calculator and the browser's Back and Forward buttons (issue 12), through AppTest.

AppTest has no browser history: a Back or Forward is what Streamlit makes of one, a
rerun with that entry's address and the run flagged as history navigation. The flag is
read from Streamlit's run context, which AppTest never sets, so these tests set it;
tests/e2e/test_calculator_history_e2e.py presses the real buttons.
"""

from __future__ import annotations

import contextlib

import pytest
import torch
from streamlit.testing.v1 import AppTest

from core.calculator.loss import HeadTables, default_head
from core.calculator.share import encode, encode_head
from core.calculator.tables import preset_tables
from tests.support.apptest import open_page
from ui.calculator import history
from ui.format import slide as fmt

PAGE = "pages/calculator.py"
SLIDE_CODE = encode(preset_tables("lstm_slide"))
RNN_CODE = encode(preset_tables("rnn_slide"))


@pytest.fixture
def at() -> AppTest:
    return open_page(PAGE)


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def _edit(at: AppTest, field: str, edits: dict) -> AppTest:
    """Type into a table the way the browser reports it: rows by position, columns by name."""
    at.session_state[f"calc_ed_{field}"] = {
        "edited_rows": edits,
        "added_rows": [],
        "deleted_rows": [],
    }
    return _run(at)


def _entry(at: AppTest) -> dict[str, str]:
    """The address the page wrote last: what a history entry of this moment holds."""
    return dict(at.query_params)


def _go(at: AppTest, entry: dict[str, str], monkeypatch, flagged: bool = True) -> AppTest:
    """The browser going to entry: a rerun with its address (flagged as Back/Forward)."""
    for key in ("mode", "w"):
        at.query_params.pop(key, None)
    at.query_params.update(entry)
    patch = monkeypatch.context() if flagged else contextlib.nullcontext()
    with patch as mp:
        if flagged:
            mp.setattr(history, "is_back_or_forward", lambda: True)
        return _run(at)


def _h1(W_xo: float) -> str:
    """Independent reference: the slide's LSTM step (x = h_0 = 1, c_0 = 2), torch's LSTMCell."""
    cell = torch.nn.LSTMCell(1, 1, dtype=torch.float64)
    with torch.no_grad():  # PyTorch's gate order i, f, g, o; the slide's weights
        cell.weight_ih.copy_(torch.tensor([[1.65], [1.63], [0.94], [W_xo]]))
        cell.weight_hh.copy_(torch.tensor([[2.0], [2.7], [1.41], [4.38]]))
        cell.bias_ih.copy_(torch.tensor([0.62, 0, -0.32, 0]))
        cell.bias_hh.copy_(torch.tensor([0, 1.62, 0, 0.59]))
        one = torch.ones(1, 1, dtype=torch.float64)
        h, _ = cell(one, (one, 2 * one))
    return fmt(h.item())


def test_the_address_holds_the_mode_and_the_cell_and_keeps_the_language():
    at = open_page(PAGE, lang="en")
    assert _entry(at) == {"lang": "en", "mode": "lstm_slide", "w": SLIDE_CODE}
    at.radio(key="calc_mode").set_value("custom").run()
    # Custom with the slide's numbers is another entry than the slide: the mode tells them apart.
    assert _entry(at) == {"lang": "en", "mode": "custom", "w": SLIDE_CODE}


def test_back_after_switching_kind_brings_the_edited_lstm_and_forward_the_rnn(at, monkeypatch):
    at.radio(key="calc_mode").set_value("custom").run()
    _edit(at, "W_x", {3: {"x[1]": "-5"}})  # the output gate's W_x: -0.19 -> -5
    lstm = _entry(at)
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    _edit(at, "W_x", {0: {"x[1]": "7"}})  # some work on the RNN too
    rnn = _entry(at)
    assert rnn["mode"] == "custom" and rnn["w"].startswith("R323_7_")

    _go(at, lstm, monkeypatch)  # Back
    assert at.radio(key="calc_mode").value == "custom"
    assert at.radio(key="calc_kind").value == "lstm"
    assert at.data_editor[0].value["x[1]"].tolist() == ["1.65", "1.63", "0.94", "-5"]
    assert {m.label: m.value for m in at.metric}["h_1"] == _h1(-5.0)
    assert _entry(at) == lstm  # the entry is shown as it was, not rewritten

    _go(at, rnn, monkeypatch)  # Forward
    assert at.radio(key="calc_kind").value == "rnn_relu"
    assert at.data_editor[0].value["x[1]"].tolist() == ["7", "1"]
    assert _entry(at) == rnn


def test_work_left_by_back_is_kept_for_a_switch_of_kind(at, monkeypatch):
    at.radio(key="calc_mode").set_value("custom").run()
    lstm = _entry(at)
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    _edit(at, "W_x", {0: {"x[1]": "7"}})
    _go(at, lstm, monkeypatch)  # Back to the LSTM, then the kind's own switch
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    assert not at.exception
    assert at.data_editor[0].value["x[1]"].tolist() == ["7", "1"]


def test_back_to_the_slide_and_forward_to_the_edits(at, monkeypatch):
    slide = _entry(at)
    at.radio(key="calc_mode").set_value("custom").run()
    _edit(at, "W_x", {3: {"x[1]": "-5"}})
    edited = _entry(at)
    _go(at, slide, monkeypatch)
    assert at.radio(key="calc_mode").value == "lstm_slide"
    assert not at.data_editor  # the slide's view, no editors
    _go(at, edited, monkeypatch)
    assert at.radio(key="calc_mode").value == "custom"
    assert at.data_editor[0].value["x[1]"].tolist()[3] == "-5"


def test_back_restores_the_rnn_head_of_that_entry(at, monkeypatch):
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    plain = _entry(at)
    at.radio(key="calc_class").set_value(2).run()
    chosen = _entry(at)
    assert chosen["w"] == RNN_CODE + encode_head(HeadTables(default_head(2).grid, 2))
    _go(at, plain, monkeypatch)
    assert at.radio(key="calc_class").value == 0
    _go(at, chosen, monkeypatch)
    assert at.radio(key="calc_class").value == 2


def test_an_ordinary_rerun_never_follows_the_address(at, monkeypatch):
    """A click right after another may carry an address the browser has not updated yet."""
    at.radio(key="calc_mode").set_value("custom").run()
    lstm = _entry(at)
    at.radio(key="calc_kind").set_value("rnn_relu").run()
    _go(at, lstm, monkeypatch, flagged=False)
    assert at.radio(key="calc_kind").value == "rnn_relu"


def test_an_unreadable_address_on_back_changes_nothing(at, monkeypatch):
    at.radio(key="calc_mode").set_value("rnn_slide").run()
    _go(at, {"mode": "custom", "w": "L111_x"}, monkeypatch)
    assert at.radio(key="calc_mode").value == "rnn_slide"
    assert not at.warning or all("w=" not in w.value for w in at.warning)


def test_a_reloaded_custom_entry_opens_custom_even_on_the_slide_numbers():
    at = open_page(PAGE, query={"mode": "custom", "w": SLIDE_CODE})
    assert at.radio(key="calc_mode").value == "custom"
    assert at.radio(key="calc_kind").value == "lstm"
    # A teacher's link without a mode still opens the slide it holds.
    at = open_page(PAGE, query={"w": RNN_CODE})
    assert at.radio(key="calc_mode").value == "rnn_slide"


def test_a_visit_to_another_page_keeps_the_mode_for_back_and_the_sidebar(at):
    """Streamlit drops the mode radio's state while another page runs; Back to the
    calculator (or its sidebar link) would show the LSTM slide instead of the custom cell."""
    at.radio(key="calc_mode").set_value("custom").run()
    at.radio(key="calc_kind").set_value("rnn_tanh").run()
    entry = _entry(at)
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.radio(key="calc_mode").value == "custom"
    assert at.radio(key="calc_kind").value == "rnn_tanh"
    assert {k: _entry(at)[k] for k in ("mode", "w")} == {k: entry[k] for k in ("mode", "w")}
