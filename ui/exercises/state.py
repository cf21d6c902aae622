"""The exercises' session state: the seed in the link, each exercise's last verdict, the tally.

The seed is one widget bound to the address (?seed=), kept across pages for the session: a
teacher's link gives the whole class the same exercises on every page. A verdict is kept
with the exercise it answered (its token), so a rerun shows it again and a new exercise
starts blank.
"""

from __future__ import annotations

import secrets

import streamlit as st

from ui.i18n import t
from ui.page import LINK

ss = st.session_state
SEED = "seed"  # the widget's key and the address's parameter
MAX_SEED = 999_999
FIRST_SEED = 1
TALLY = "ex_tally"  # {page: [right, tried]}


def _new_seed() -> None:
    """Another exercise: a seed other than this one (the address follows the widget)."""
    old = ss.get(SEED)
    new = old
    while new == old:
        new = 1 + secrets.randbelow(MAX_SEED)
    ss[SEED] = new


def seed_bar(page: str, lang: str) -> int:
    """The exercise number (in the link) and "New exercise"; returns the seed."""
    number, button = st.columns([1, 1], vertical_alignment="bottom")
    seed = number.number_input(
        t("exercises.seed", lang),
        0,
        MAX_SEED,
        FIRST_SEED,
        key=SEED,
        help=t("exercises.seed_help", lang),
        **LINK,
    )
    button.button(t("exercises.new", lang), key=f"ex_new_{page}", on_click=_new_seed)
    return int(seed)


def fresh(qid: str, token: tuple, keys: tuple[str, ...]) -> None:
    """A new exercise in slot qid: its answer boxes emptied, the last verdict dropped.

    Called before the boxes are drawn in the run, when Streamlit still lets their state be set.
    """
    if ss.get(f"ex_token_{qid}") == token:
        return
    for key in keys:
        ss.pop(key, None)
    ss.pop(f"ex_result_{qid}", None)
    ss[f"ex_token_{qid}"] = token


def keep(qid: str, result: object) -> None:
    """The verdict of the answer just checked, shown again on every rerun of this exercise."""
    ss[f"ex_result_{qid}"] = result


def kept(qid: str) -> object | None:
    """This exercise's last verdict, if it has been answered."""
    return ss.get(f"ex_result_{qid}")


def count(page: str, right: int, tried: int) -> None:
    """Add checked answers to the page's tally for the session."""
    tally = ss.setdefault(TALLY, {})
    r, n = tally.get(page, (0, 0))
    tally[page] = (r + right, n + tried)


def tally(page: str) -> tuple[int, int]:
    """(right, tried) on this page in this session."""
    return ss.get(TALLY, {}).get(page, (0, 0))
