"""Fixtures every gradient test module shares: numeric warnings as errors, torch on one thread."""

import warnings

import pytest


@pytest.fixture(autouse=True)
def _no_numeric_warnings():
    """Overflow and underflow must be handled, never leak as RuntimeWarnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield


@pytest.fixture(scope="module")
def torch_on_one_thread():
    """For the modules that compare with the torch reference: see torch_bptt.one_thread."""
    from tests.support.torch_bptt import one_thread  # only these modules need torch

    with one_thread():
        yield
