"""What every page script does first: hand a deep link to the navigation, learn the language."""

from __future__ import annotations

import streamlit as st

from ui.i18n import DEFAULT, lang_or_default
from ui.streamlit_private import in_pages_folder_mode, leave_pages_folder_mode


def start() -> str:
    """Run this first in a page script; returns the reader's language ("vi" or "en").

    Streamlit treats an app with a folder named pages/ as an old-style multipage app until
    st.navigation first runs in the process. A deep link opened first after a restart (a
    teacher's shared /calculator?... link) would then run the page script alone: file-name
    sidebar, no page config, no language switch, no error guard. So the run is handed back
    to app.py, whose st.navigation routes it from then on. A session that has run app.py
    once ("nav_ready") is never handed back: a rerun would drop the click that caused this run.
    """
    if in_pages_folder_mode() and "nav_ready" not in st.session_state:
        leave_pages_folder_mode()
        st.rerun()
    return lang_or_default(st.session_state.get("site_lang", DEFAULT))
