"""The page's widgets and session state: the review, the span, the state and threshold, the
intervention.

Keys: inside_text (the review, in the address while it fits), inside_span_<digest> (a range
of token positions, one slider per review: span_key; in the address as ?inside_span=4-6),
inside_state, inside_threshold, inside_kind, inside_value_h and inside_value_c (all in the
address); inside_units and inside_from, which follow the span's selection (set through
session state) until the student picks others, and are in the address as
?inside_units=3,17,42 and ?inside_from=5 while they differ from it. Tokens in the address
are counted from 1, as the sliders show them.
A new review opens the span on its first contrast or negation word.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from core.inside.rank import CONTRAST, NEGATION
from core.inside.run import Intervention
from core.inside.trace import STATES, first_cue
from core.sentiment.review import EXAMPLES
from ui.i18n import t
from ui.page import LINK, choice, link, linked, text_link

ss = st.session_state
FIRST = EXAMPLES["neg2"]  # a contrast ("nhưng") and a negation ("không được") to start on
KINDS = ("h", "c", "f1", "f0", "i0")  # clamp h, clamp c, forget gate 1 or 0, input gate 0
DEFAULT_UNITS = 6  # units the intervention starts with: the span's strongest


def review(lang: str) -> str:
    """The review box (Ctrl+Enter or leaving it applies the text)."""
    return st.text_area(
        value=FIRST,
        height=110,
        key="inside_text",
        help=t("inside.review_help", lang),
        **text_link("inside_text", t("inside.review", lang), lang),
    )


def _default_span(tokens: list[str]) -> tuple[int, int]:
    """The first contrast or negation word and the word after it, else the first token."""
    k = first_cue(tokens, CONTRAST)
    k = first_cue(tokens, NEGATION) if k is None else k
    if k is None:
        return 0, 0
    return k, min(k + 1, len(tokens) - 1)


def span_key(tokens: list[str]) -> str:
    """The span slider's key for this review: a new review is a new slider, which opens on
    the review's own default span (a range slider takes its range from `value`, so its
    state cannot be reset through session state)."""
    digest = hashlib.sha1("\u241f".join(tokens).encode()).hexdigest()[:10]
    return f"inside_span_{digest}"


def span(tokens: list[str], lang: str) -> tuple[int, int]:
    """The marked span as [start, stop): a range slider over the review's tokens, in the
    address as ?inside_span=4-6 (the first and last token, counted from 1 as the slider
    shows them). Bind would write the shown words, percent-encoded, under a key that
    changes with the review."""
    default = _default_span(tokens)
    given = _span_of(linked("inside_span"), len(tokens))
    a, b = st.select_slider(
        t("inside.span", lang),
        options=range(len(tokens)),
        value=default if given is None else given,
        format_func=lambda k: f"{k + 1} · {tokens[k]}",
        key=span_key(tokens),
        help=t("inside.span_help", lang),
        persist_state="session",
    )
    link("inside_span", None if (a, b) == default else f"{a + 1}-{b + 1}")
    return a, b + 1


def _span_of(text: str | None, n: int) -> tuple[int, int] | None:
    """?inside_span=4-6 as slider positions (3, 5); None unless it is a span of n tokens."""
    first, _, last = (text or "").partition("-")
    if not (first.isdigit() and last.isdigit()):
        return None
    a, b = int(first) - 1, int(last) - 1
    return (a, b) if 0 <= a <= b < n else None


def state_and_threshold(lang: str) -> tuple[str, float]:
    """Which state to read (h or c) and the threshold a unit must stay above."""
    left, right = st.columns(2)
    which = choice(
        left.radio,
        t("inside.state", lang),
        STATES,
        format_func=lambda s: t(f"inside.state.{s}", lang),
        key="inside_state",
        horizontal=True,
    )
    threshold = right.slider(
        t("inside.threshold", lang),
        min_value=0.05,
        max_value=1.5,
        value=0.3,
        step=0.05,
        key="inside_threshold",
        help=t("inside.threshold_help", lang),
        **LINK,
    )
    return which, float(threshold)


def intervention(
    tokens: list[str], hidden: int, chosen, start: int, lang: str
) -> Intervention | None:
    """The intervention the student sets up: units (the span's selection at first), what to
    change, from which token; None while no unit is chosen."""
    mark = (tuple(tokens), tuple(int(u) for u in chosen), start)
    auto_units, auto_from = [int(u) for u in chosen[:DEFAULT_UNITS]], min(start, len(tokens) - 1)
    if ss.get("inside_units_of") != mark:  # a new selection: the units and start follow it
        ss["inside_units_of"] = mark
        ss["inside_units"], ss["inside_from"] = auto_units, auto_from
    # A link's own units and start win over the selection's on the run that opens the page
    # (on that run the selection is new, so the lines above have just reset them).
    if (given := units_of(linked("inside_units"), hidden)) is not None:
        ss["inside_units"] = given
    if (given := position_of(linked("inside_from"), len(tokens))) is not None:
        ss["inside_from"] = given
    if "inside_units" in ss:  # sent to the browser again: see ui/page.choice
        ss["inside_units"] = list(ss["inside_units"])
    units = st.multiselect(
        t("inside.units", lang),
        range(hidden),
        format_func=lambda u: t("inside.fig.unit", lang, unit=u),
        key="inside_units",
        help=t("inside.units_help", lang),
        persist_state="session",
    )
    left, right = st.columns(2)
    kind = choice(
        left.radio,
        t("inside.kind", lang),
        KINDS,
        format_func=lambda k: t(f"inside.kind.{k}", lang),
        key="inside_kind",
    )
    if kind in ("h", "c"):
        top = 1.0 if kind == "h" else 5.0  # h lives in (-1, 1); c is unbounded
        value = right.slider(
            t(f"inside.value.{kind}", lang),
            min_value=-top,
            max_value=top,
            value=0.0,
            step=0.1,
            key=f"inside_value_{kind}",
            **LINK,
        )
    else:
        value = 1.0 if kind == "f1" else 0.0
    first = right.select_slider(
        t("inside.from", lang),
        options=range(len(tokens)),
        format_func=lambda k: f"{k + 1} · {tokens[k]}",
        key="inside_from",
        persist_state="session",
    )
    same = [int(u) for u in units] == auto_units
    link("inside_units", None if same else ",".join(str(int(u)) for u in units))
    link("inside_from", None if int(first) == auto_from else str(int(first) + 1))
    if not units:
        return None
    return Intervention(int(first), tuple(int(u) for u in units), kind[0], float(value))


def units_of(text: str | None, hidden: int) -> list[int] | None:
    """?inside_units=3,17,42 as units (an empty value: none chosen); None when absent or
    not a list of distinct units of this LSTM (the selection's units stand then)."""
    if text is None:
        return None
    try:
        units = [int(u) for u in text.split(",")] if text.strip() else []
    except ValueError:
        return None
    ok = all(0 <= u < hidden for u in units) and len(set(units)) == len(units)
    return units if ok else None


def position_of(text: str | None, n: int) -> int | None:
    """?inside_from=5 (the 5th token, as the slider shows it) as the position 4 of a review
    of n tokens; None when absent or out of the review."""
    try:
        k = int(text) - 1 if text is not None else None
    except ValueError:
        return None
    return k if k is not None and 0 <= k < n else None
