"""The shipped LSTM and a small set of validation states, once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lstm():
    """The shipped sentiment LSTM; skips when it is not shipped."""
    from core.sentiment import ModelUnavailable, load_model

    try:
        return load_model(name="lstm")
    except ModelUnavailable as exc:
        pytest.skip(f"the shipped LSTM is not available: {exc}")


@pytest.fixture(scope="session")
def few_states(lstm):
    """States of the first 40 validation reviews of each label, 60 tokens each."""
    from core.inside.states import build_states

    return build_states(lstm.weights(), per_class=40, max_tokens=60)
