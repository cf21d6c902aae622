"""What every page script does first: hand a deep link to the navigation, learn the language.

The only module of ui/ that touches Streamlit's session; the rest of ui/ is plain
functions of core's traces and a language code, testable without a page.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.i18n import DEFAULT, lang_or_default


def start() -> str:
    """Run this first in a page script; returns the reader's language ("vi" or "en").

    Streamlit treats an app with a folder named pages/ as an old-style (v1) multipage
    app until st.navigation first runs in the process. A deep link opened first after
    a restart (a teacher's shared /calculator?... link) would then run the page script
    alone: file-name sidebar, no page config, no language switch, no error guard. So the
    run is handed back to app.py, whose st.navigation clears that flag for good. The flag
    is Streamlit's private API: revisit on a Streamlit upgrade. A session that has run
    app.py once ("nav_ready") is never handed back: a rerun would drop the click that
    caused this run (AppTest resets the flag on every run).
    """
    if PagesManager.uses_pages_directory and "nav_ready" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return lang_or_default(st.session_state.get("site_lang", DEFAULT))
