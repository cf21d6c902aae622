"""What every test may ask for: the repository's paths, the course data, the shipped model.

Browser fixtures (a running server, Chromium) live in tests/e2e/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.support.paths import DATA, MODELS, ROOT
from ui.streamlit_private import pin_navigation_mode_for_apptest

pin_navigation_mode_for_apptest()  # AppTest runs app.py every time, as a visitor's server does


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
