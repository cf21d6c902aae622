"""A snippet on the page: an expander holding the code, copyable, under the numbers it makes."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t


def show(code: str, lang: str, key: str) -> None:
    """The PyTorch code behind the numbers just shown, closed until the student opens it."""
    with st.expander(t("snippets.expander", lang), icon=":material/code:", key=key):
        st.caption(t("snippets.caption", lang))
        st.code(code, language="python")


def model(code: str, lang: str) -> None:
    """A model card's nn.Module as trained (cards sit inside an expander: no nesting)."""
    st.markdown(t("snippets.model", lang))
    st.code(code, language="python")
