"""Home: what the site is, and the lecture's three parts in its order, a card per page."""

import streamlit as st

from ui.i18n import t
from ui.page import start
from ui.slide_map import PARTS, SLIDE_MAP, link_text, topic_text

lang = start()

st.title("LSTM Lab")
st.markdown(t("home.intro", lang))
for part, _, _, cards in PARTS:
    st.header(t(part + ".title", lang), divider="gray")
    st.caption(t(part + ".caption", lang))
    # Three columns even for a part with one card: every card the same width.
    for column, (script, icon, key) in zip(st.columns(3), cards, strict=False):
        with column, st.container(border=True):
            st.subheader(f"{icon} {t(key + '.title', lang)}")
            st.caption(t(key + ".slides", lang))
            st.write(t(key + ".body", lang))
            st.page_link(script, label=t(key + ".link", lang), icon="➡️")

st.header(t("home.map.title", lang), divider="gray")
st.caption(t("home.map.caption", lang))
for r in SLIDE_MAP:
    st.page_link(r.page, label=link_text(r, lang))
    st.caption(topic_text(r, lang))
