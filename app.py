"""LSTM Lab: entry point. Picks the language, builds the navigation, guards every page."""

import streamlit as st

from ui.i18n import LANGS, NAMES, lang_or_default, t

st.set_page_config(page_title="LSTM Lab", page_icon="🔁", layout="wide")


def language() -> str:
    """The reader's language: the link's ?lang= on a session's first run, then the switch.

    Written back to the URL on every run, so a copied link opens in the same language
    and page switches (which clear the query string) keep it.
    """
    ss = st.session_state
    if "lang" not in ss:
        ss["lang"] = lang_or_default(st.query_params.get("lang"))
    st.sidebar.radio(
        "🌐 " + t("common.lang_label", ss["lang"]),
        LANGS,
        format_func=NAMES.get,
        horizontal=True,
        key="lang",
    )
    st.query_params["lang"] = ss["lang"]
    return ss["lang"]


def navigation(lang: str) -> st.navigation:
    """All pages of the site, in the order of the lecture, named in the reader's language."""
    return st.navigation(
        [
            st.Page("pages/home.py", title=t("nav.home", lang), icon="🏠", default=True),
            st.Page(
                "pages/language_model.py",
                title=t("nav.language_model", lang),
                icon="🔮",
                url_path="language-model",
            ),
            st.Page(
                "pages/calculator.py",
                title=t("nav.calculator", lang),
                icon="🧮",
                url_path="calculator",
            ),
            st.Page(
                "pages/gradients.py",
                title=t("nav.gradients", lang),
                icon="📉",
                url_path="gradients",
            ),
            st.Page(
                "pages/sentiment.py",
                title=t("nav.sentiment", lang),
                icon="💬",
                url_path="sentiment",
            ),
        ]
    )


lang = language()
page = navigation(lang)
st.session_state["nav_ready"] = True  # see ui/page.py: deep links after a restart
try:
    page.run()
except Exception as exc:  # noqa: BLE001 - the last line of defence for a visitor
    # Streamlit's own control flow (reruns, page switches, st.stop) must pass through.
    if type(exc).__module__.startswith("streamlit"):
        raise
    st.error(t("common.page_error", lang, kind=type(exc).__name__))
