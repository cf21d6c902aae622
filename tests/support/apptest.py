"""Open a page of the real app (app.py's navigation, language switch and error guard) in AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.paths import APP

# Seconds per run: the machine is shared and a first run may load a model.
TIMEOUT = 60


def open_page(
    page: str, lang: str | None = None, query: dict | None = None, state: dict | None = None
) -> AppTest:
    """The app with `page` ("pages/calculator.py") shown; lang as if the link said ?lang=.

    query is set after the first run, the way a visitor's link reaches the page; state is
    session state set before the first run (a hand-off another page left behind).
    """
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if lang is not None:
        at.query_params["lang"] = lang
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
