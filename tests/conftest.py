"""What every test may ask for: the repository's paths, the course data, the shipped model.

Browser fixtures (a running server, Chromium) live in tests/e2e/conftest.py.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager

from tests.support.paths import DATA, MODELS, ROOT

_init = PagesManager.__init__


def _v2_only(self, *args, **kwargs):
    """A running server stops treating pages/ as an old-style (v1) app once app.py's
    st.navigation has run; AppTest forgets that before every run, and would then run a
    switched-to page script without app.py (no language switch, no error guard). Pin the
    server's steady state so AppTest runs app.py every time, as a visitor's server does.
    (The first-run deep link is the browser tests' job: tests/e2e/test_site.py.)"""
    _init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False


PagesManager.__init__ = _v2_only


@pytest.fixture(scope="session")
def root():
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def data_dir():
    """The NTC-SCV folder beside the repository (../shared/data/ntc-scv); skips without it."""
    if not (DATA / "data_train").is_dir():
        pytest.skip(f"needs the NTC-SCV data at {DATA}")
    return DATA


@pytest.fixture(scope="session")
def model():
    """The shipped sentiment model, loaded once for the whole run; skips if not shipped."""
    from core.sentiment import ModelUnavailable, load_model

    try:
        return load_model(MODELS)
    except ModelUnavailable as exc:
        pytest.skip(f"no usable shipped model: {exc}")


@pytest.fixture(scope="session", params=("bag", "rnn", "lstm"))
def zoo(request):
    """Each shipped model in turn (bag, rnn, lstm); skips the ones not shipped."""
    from core.sentiment import ModelUnavailable, load_model

    try:
        return load_model(MODELS, name=request.param)
    except ModelUnavailable as exc:
        pytest.skip(f"no usable shipped {request.param} model: {exc}")
