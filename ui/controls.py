"""What the pages' controls share: a page's own catalog section, and presets put into state.

Plain functions of a language and a state mapping (the page passes st.session_state), so
that they are testable without a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from ui.i18n import t


def section(name: str, lang: str) -> Callable[..., str]:
    """t() for one page's keys: section("race", lang)("title") is t("race.title", lang)."""

    def say(key: str, **params) -> str:
        return t(f"{name}.{key}", lang, **params)

    return say


def apply_preset(
    state: MutableMapping[str, Any], values: Mapping[str, Any], only_unset: bool = False
) -> None:
    """Put a preset's widget values into state; only_unset keeps those the student has set.

    Widgets a preset sets start from session state, never from value=: Streamlit refuses a
    widget given both, and a button's callback can then move them before the next run.
    """
    for key, value in values.items():
        if only_unset:
            state.setdefault(key, value)
        else:
            state[key] = value
