"""A snippet on the page: an expander holding the code, copyable, under the numbers it makes."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t


def show(code: str, lang: str, key: str) -> None:
    """The PyTorch code behind the numbers just shown, closed until the student opens it."""
    with st.expander(t("snippets.expander", lang), icon=":material/code:", key=key):
        st.caption(t("snippets.caption", lang))
        _code(code)


def model(code: str, lang: str) -> None:
    """A model card's nn.Module as trained (cards sit inside an expander: no nesting)."""
    st.markdown(t("snippets.model", lang))
    _code(code)


def _code(code: str) -> None:
    """The code, copyable. Wrapped: a box that scrolls sideways is a region a keyboard cannot
    reach (axe: scrollable-region-focusable); the copy button copies the lines as written.
    Not highlighted: Streamlit colours Python's keywords, numbers and comments at 3.1-3.8:1
    on its code background (WCAG AA asks 4.5:1), and no theme setting reaches those colours."""
    st.code(code, language=None, wrap_lines=True)
