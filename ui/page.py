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


def declare_language(lang: str) -> None:
    """Say the reader's language on the document itself (<html lang>), which Streamlit
    leaves at "en": a screen reader picks its voice by it, and read Vietnamese pages with
    an English one (WCAG 3.1.1). No public API sets it; a one-line script does, from the
    sidebar: in the main column its empty block pushed every page's title down."""
    st.sidebar.html(language_script(lang), unsafe_allow_javascript=True)


def language_script(lang: str) -> str:
    """The one script the site runs: <html lang> set to lang (or the default language)."""
    code = lang_or_default(lang)  # only a language the site knows reaches the script
    return f'<script>document.documentElement.lang = "{code}";</script>'
