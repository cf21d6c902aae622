"""Home: what the site is, and the lecture's three parts in its order, a card per page."""

import streamlit as st

from ui import lecture_slides
from ui.i18n import t
from ui.page import start
from ui.site import PARTS
from ui.slide_map import SLIDE_MAP, link_text, topic_text

lang = start()

st.title("LSTM Lab")
st.markdown(t("home.intro", lang))
for part in PARTS:
    st.header(t(f"home.{part.name}.title", lang), divider="gray")
    st.caption(t(f"home.{part.name}.caption", lang))
    # Rows of three columns, even for a part with one card: every card the same width.
    rows = [part.pages[k : k + 3] for k in range(0, len(part.pages), 3)]
    for column, p in ((c, p) for row in rows for c, p in zip(st.columns(3), row, strict=False)):
        card = f"home.{p.name}"
        with column, st.container(border=True):
            st.subheader(f"{p.icon} {t(card + '.title', lang)}")
            st.caption(t(card + ".slides", lang))
            st.write(t(card + ".body", lang))
            st.page_link(p.script, label=t(card + ".link", lang), icon="➡️")

st.header(t("home.map.title", lang), divider="gray")
st.caption(t("home.map.caption", lang))
for r in SLIDE_MAP:  # each opens its first slide's state, with the slide controls
    where = lecture_slides.address(r.first)
    st.page_link(r.page, label=link_text(r, lang), query_params=where)
    st.caption(topic_text(r, lang))
