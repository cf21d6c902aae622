"""Home: what the site is, and a door to each part of the lecture."""

import streamlit as st

from ui.i18n import t
from ui.page import start
from ui.slide_map import CARDS, SLIDE_MAP, link_text

lang = start()

st.title("LSTM Lab")
st.markdown(t("home.intro", lang))
for column, (script, icon, key) in zip(st.columns(len(CARDS)), CARDS, strict=True):
    with column, st.container(border=True):
        st.subheader(f"{icon} {t(key + '.title', lang)}")
        st.caption(t(key + ".slides", lang))
        st.write(t(key + ".body", lang))
        st.page_link(script, label=t(key + ".link", lang), icon="➡️")

st.subheader(t("home.map.title", lang))
st.caption(t("home.map.caption", lang))
for r in SLIDE_MAP:
    st.page_link(r.page, label=link_text(r, lang))
