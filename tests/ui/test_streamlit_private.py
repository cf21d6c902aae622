"""Streamlit's private API, as ui/streamlit_private.py uses it: each test names what moved
when an upgrade breaks it, instead of the site failing silently (a deep link that loses the
navigation, a Back button that does nothing)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
import streamlit
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
from streamlit.testing.v1 import AppTest

from ui import streamlit_private


def test_the_installed_streamlit_is_the_one_the_adapter_was_read_against():
    assert streamlit.__version__ == streamlit_private.CHECKED_WITH, (
        "Streamlit changed: re-read ui/streamlit_private.py against it (does a public API "
        "now cover the need? do the attributes below still mean the same?), then update "
        "CHECKED_WITH"
    )


def test_the_pages_folder_flag_is_set_from_the_folder_and_read_by_the_script_runner(tmp_path):
    assert "uses_pages_directory" in vars(PagesManager), "PagesManager.uses_pages_directory"
    original_init = PagesManager.__init__.__wrapped__  # tests/conftest.py pinned the mode
    saved = PagesManager.uses_pages_directory
    try:
        for has_pages, expected in ((True, True), (False, False)):
            app = tmp_path / ("with" if has_pages else "without")
            (app / "pages").mkdir(parents=True) if has_pages else app.mkdir()
            (app / "app.py").write_text("")
            PagesManager.uses_pages_directory = None
            original_init(object.__new__(PagesManager), str(app / "app.py"))
            assert streamlit_private.in_pages_folder_mode() is expected
        streamlit_private.leave_pages_folder_mode()
        assert streamlit_private.in_pages_folder_mode() is False
    finally:
        PagesManager.uses_pages_directory = saved
    # The runner chooses the old mode by this flag, and st.navigation clears it: the hand-off
    # in ui/page.py does what st.navigation would.
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner.ScriptRunner)
    nav = inspect.getsource(streamlit.commands.navigation.navigation)
    assert "PagesManager.uses_pages_directory = False" in nav


def test_the_run_context_still_carries_the_history_flag():
    fields = {f.name for f in dataclasses.fields(ScriptRunContext)}
    assert "is_history_navigation" in fields, "ScriptRunContext.is_history_navigation"


def _script():
    import streamlit as st

    from ui.streamlit_private import in_pages_folder_mode, is_back_or_forward

    st.write(f"history={is_back_or_forward()} pages={in_pages_folder_mode()}")


def test_an_ordinary_run_is_neither_back_nor_forward_and_apptest_is_pinned():
    at = AppTest.from_function(_script).run()
    assert not at.exception, at.exception
    assert at.markdown[0].value == "history=False pages=False"


def _hinted():
    from ui.streamlit_private import hide_input_hint

    hide_input_hint("review_box")


def test_the_hint_rule_names_only_its_widget_and_refuses_anything_but_a_key():
    at = AppTest.from_function(_hinted).run()
    assert not at.exception, at.exception
    (style,) = [el.proto.body for el in at.get("html")]
    assert '.st-key-review_box [data-testid="InputInstructions"]{display:none}' in style
    for bad in ("x} body{display:none", "a b", "</style>"):
        with pytest.raises(ValueError, match="widget key"):
            streamlit_private.hide_input_hint(bad)


def _shortcut():
    from ui.streamlit_private import legible_shortcut

    legible_shortcut("classify")


def test_the_shortcut_rule_names_only_its_button_and_refuses_anything_but_a_key():
    at = AppTest.from_function(_shortcut).run()
    assert not at.exception, at.exception
    (style,) = [el.proto.body for el in at.get("html")]
    assert ".st-key-classify button kbd{opacity:1}" in style
    for bad in ("x} body{display:none", "a b", "</style>"):
        with pytest.raises(ValueError, match="widget key"):
            streamlit_private.legible_shortcut(bad)


def test_the_status_rule_names_the_corner_status_streamlits_bundle_draws():
    """The rule hides Streamlit's "Running... Stop" on a Vietnamese page, and the name it
    hides is still the one the installed front end gives the status (a rename would bring
    the English Stop back without a word)."""
    from pathlib import Path

    bundle = Path(streamlit.__file__).parent / "static" / "static" / "js"
    named = f"`{streamlit_private.STATUS_TESTID}`"
    assert any(named in js.read_text(errors="ignore") for js in bundle.glob("index.*.js"))
    rule = streamlit_private.status_rule("vi")
    assert rule == '<style>[data-testid="stStatusWidget"]{display:none}</style>'
    assert streamlit_private.status_rule("en") == ""
