"""Every use of Streamlit's private API, in one module, each with why no public one serves.

Checked against Streamlit 1.67: its public API has no way to leave the old pages/-folder
mode before st.navigation first runs, nor to tell a Back or Forward run from a rerun for
state that is not one widget (the calculator's tables; `bind="query-params"` covers single
widgets only), nor to drop the English "Press Ctrl+Enter to apply" under a text area whose
page has its own button for it, nor to draw a button's shortcut in a colour that can be read,
nor to say "Running... Stop" in the reader's language (the only markup of Streamlit's own
this site styles).
tests/ui/test_streamlit_private.py fails, naming the attribute, when an
upgrade moves any of them; nothing else in the repository imports `streamlit.runtime`.
"""

from __future__ import annotations

import functools

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

# The release this module was read against; the test fails on any other until it is re-read.
CHECKED_WITH = "1.67.0"


def in_pages_folder_mode() -> bool:
    """Whether this server still routes by pages/ file names (st.navigation has not run yet)."""
    return bool(PagesManager.uses_pages_directory)


def leave_pages_folder_mode() -> None:
    """What st.navigation does on its first run: route by the app's own navigation from now on."""
    PagesManager.uses_pages_directory = False


def is_back_or_forward() -> bool:
    """Whether the browser's Back or Forward button started this run."""
    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def hide_input_hint(widget_key: str) -> None:
    """Hide Streamlit's own typing hint under the widget keyed widget_key.

    The hint is English on every page; a page that asks for text with a button of its own
    (in the reader's language) does not need it. The browser test of the sentiment page
    fails if a release renames the element and the hint shows again.
    """
    if not widget_key.isidentifier():
        raise ValueError(f"{widget_key!r} is not a widget key this site uses")
    st.html(
        f'<style>.st-key-{widget_key} [data-testid="InputInstructions"]{{display:none}}</style>'
    )


def legible_shortcut(widget_key: str) -> None:
    """Draw the shortcut shown in the button keyed widget_key at the button's own text colour.

    Streamlit fades it to 60% opacity: on a primary button that is 3:1 against the button
    (WCAG AA asks 4.5:1), whatever the theme's colour. The accessibility browser test fails
    if a release renames the element and the faded shortcut is back.
    """
    if not widget_key.isidentifier():
        raise ValueError(f"{widget_key!r} is not a widget key this site uses")
    st.html(f"<style>.st-key-{widget_key} button kbd{{opacity:1}}</style>")


# Streamlit's corner status ("Running..." and a Stop button), shown when a run takes over
# half a second; STATUS_TESTID is what its bundle names it (the test reads the bundle).
STATUS_TESTID = "stStatusWidget"


def status_rule(lang: str) -> str:
    """A style hiding Streamlit's corner status on a page that is not in English, "" on one
    that is. The status has no translation: a class saw its English "Stop" on Vietnamese
    pages while the race ran. The site's own progress (spinners, progress bars, the race's
    Stop) speaks the reader's language, and Streamlit greys out what is being redrawn."""
    if lang == "en":
        return ""
    return f'<style>[data-testid="{STATUS_TESTID}"]{{display:none}}</style>'


def pin_navigation_mode_for_apptest() -> None:
    """Make every AppTest run behave as a server that has already run app.py once.

    AppTest forgets the mode before each run and would then run a switched-to page script
    alone (no language switch, no error guard); a visitor's server never does after its
    first run. The first-run deep link is the browser tests' job
    (tests/e2e/test_first_visit_e2e.py).
    """
    init = PagesManager.__init__

    @functools.wraps(init)
    def steady_state(self, *args, **kwargs):
        init(self, *args, **kwargs)
        leave_pages_folder_mode()

    PagesManager.__init__ = steady_state
