"""What the pages' controls share: a page's own catalog section, and presets put into state.

Plain functions of a language and a state mapping (the page passes st.session_state), so
that they are testable without a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from core.errors import CoreError
from ui.format import grouped
from ui.i18n import error_text, t


def section(name: str, lang: str) -> Callable[..., str]:
    """t() for one page's keys: section("race", lang)("title") is t("race.title", lang)."""

    def say(key: str, **params) -> str:
        return t(f"{name}.{key}", lang, **params)

    return say


def apply_preset(
    state: MutableMapping[str, Any], values: Mapping[str, Any], only_unset: bool = False
) -> None:
    """Put a preset's widget values into state; only_unset keeps those the student has set.

    A widget a preset sets is keyed, so its value lives in session state and a button's
    callback can move it before the next run. It is also given value= the page's default
    state: a browser that redraws the widget before its value arrives (a click right after
    the page opened) falls back to that default, which was the widget's built-in 0 before
    (a race started that quickly ran with T = 0), and a link leaves out a setting at its
    default. config.toml silences Streamlit's log line about a widget given both.
    """
    for key, value in values.items():
        if only_unset:
            state.setdefault(key, value)
        else:
            state[key] = value


def limit(x: float, lang: str) -> str:
    """A setting's limit: a whole number grouped as the language writes it ("2,147,483,647"),
    a rate as it is ("0.0001")."""
    return grouped(x, lang) if isinstance(x, int) else f"{x:g}"


def with_limits(key: str, limits: tuple[float, float], lang: str) -> str:
    """A setting's label with its limits, e.g. "Sequence length T (5–100)"."""
    low, high = limits
    return t(key, lang, low=limit(low, lang), high=limit(high, lang))


def out_of_range(err: CoreError, section: str, lang: str) -> str:
    """A setting core refused, in words: the field named in the reader's language (catalog
    key "<section>.field.<field>"), its limits and the value; any other error as it is."""
    if err.code != f"{section}_out_of_range":
        return error_text(err, lang)
    p = err.params
    return t(
        f"error.{err.code}",
        lang,
        field=t(f"{section}.field.{p['field']}", lang),
        low=limit(p["low"], lang),
        high=limit(p["high"], lang),
        value=p["value"],
    )
