"""LSTM Lab: entry point. Picks the language, builds the navigation, guards every page."""

import streamlit as st

from ui.i18n import LANGS, NAMES, lang_or_default, t
from ui.page import declare_language, follow_slide, presenting, projector_style, slide_bar
from ui.site import HOME, PARTS, Page

# A projector needs the whole width: the sidebar starts closed there.
sidebar = "collapsed" if presenting() else "auto"
st.set_page_config(
    page_title="LSTM Lab", page_icon="🔁", layout="wide", initial_sidebar_state=sidebar
)


def language() -> str:
    """The reader's language: the link's ?lang= on a session's first run, then the switch.

    Kept in plain session state ("site_lang") as well as in the switch's widget state:
    Streamlit may drop a widget's state when a page hands over with st.switch_page, and
    plain state survives. Written back to the URL on every run, so a copied link opens
    in the same language and page switches (which clear the query string) keep it.
    """
    ss = st.session_state
    if "site_lang" not in ss:
        ss["site_lang"] = lang_or_default(st.query_params.get("lang"))
    ss["lang"] = ss["site_lang"]  # the switch shows the stored language

    def switched() -> None:
        ss["site_lang"] = ss["lang"]

    st.sidebar.radio(
        "🌐 " + t("common.lang_label", ss["site_lang"]),
        LANGS,
        format_func=NAMES.get,
        horizontal=True,
        key="lang",
        on_change=switched,
    )
    st.query_params["lang"] = ss["site_lang"]
    return ss["site_lang"]


def navigation(lang: str) -> st.navigation:
    """All pages of the site, grouped by the lecture's parts, named in the reader's language."""

    def page(p: Page) -> st.Page:
        return st.Page(
            p.script,
            title=t(f"nav.{p.name}", lang),
            icon=p.icon,
            url_path=p.url_path or None,
            default=p is HOME,
        )

    sections = {"": [page(HOME)]}
    for part in PARTS:
        sections[t(f"nav.{part.name}", lang)] = [page(p) for p in part.pages]
    return st.navigation(sections)


def around(page: st.Page, lang: str) -> None:
    """What every page shows above its own content: projector mode and the slide controls.

    "page_arrived" tells a page whether this run opened it (ui/page.py's arrived()).
    """
    ss = st.session_state
    ss["page_arrived"] = ss.get("page_now") != page.url_path
    ss["page_now"] = page.url_path
    n = follow_slide(page.url_path, lang)
    if presenting():
        st.query_params["present"] = "1"  # kept in the address across pages, like ?lang=
        projector_style()
    if n is not None:
        slide_bar(n, lang)


lang = language()
declare_language(lang)
page = navigation(lang)
st.session_state["nav_ready"] = True  # see ui/page.py: deep links after a restart
try:
    around(page, lang)
    page.run()
except Exception as exc:  # noqa: BLE001 - the last line of defence for a visitor
    # Streamlit's own control flow (reruns, page switches, st.stop) must pass through.
    if type(exc).__module__.startswith("streamlit"):
        raise
    st.error(t("common.page_error", lang, kind=type(exc).__name__))
