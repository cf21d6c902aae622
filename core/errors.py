"""The one error type core raises for what a visitor or a caller can fix.

An error carries a stable `code` and its `params`; the presentation layer words it in
the reader's language (ui/i18n.py, keys `error.<code>`). `str(err)` is a plain English
line for logs and the command line, never shown on a page.
"""

from __future__ import annotations


class CoreError(ValueError):
    """A fixable problem: `code` names it, `params` fill in its message."""

    def __init__(self, code: str, message: str = "", **params):
        self.code = code
        self.params = params
        super().__init__(message or f"{code}: {params}")
