"""Core's errors on the sentiment page: worded by the catalog, made inert for Markdown."""

from __future__ import annotations

from core.errors import CoreError
from ui.i18n import error_text
from ui.markdown import md_escape


def error_markdown(exc: CoreError, lang: str) -> str:
    """The catalog's `error.<code>` for exc in lang, escaped for st.error (it may quote a
    file or column name the visitor chose)."""
    params = {
        k: ", ".join(map(repr, v)) if isinstance(v, list | tuple) else v
        for k, v in exc.params.items()
    }  # a list of columns reads as 'a', 'b'
    return md_escape(error_text(CoreError(exc.code, **params), lang))
