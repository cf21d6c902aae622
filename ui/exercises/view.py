"""What every exercise draws: its heading and seed, a form of number boxes or choices, the
verdicts (a miss with the worked line for that value only) and the page's tally.

One form per exercise: typing does not rerun the page, only Check does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from core.exercises.answers import Checked, check_all
from ui.calculator.markup import formula_html
from ui.exercises import state
from ui.format import slide
from ui.i18n import error_text, t
from ui.markdown import md_escape
from ui.page import hold

ss = st.session_state


def heading(page: str, lang: str) -> int:
    """The section's heading and the seed bar; returns the seed."""
    st.header(t("exercises.heading", lang))
    return state.seed_bar(page, lang)


def _box(qid: str, name: str) -> str:
    return f"ex_{qid}_{name}"


def number_form(
    page: str,
    qid: str,
    token: tuple,
    labels: dict[str, str],
    expected: dict[str, float],
    worked: Callable[[str], Sequence[str]],
    lang: str,
) -> None:
    """A box per value, checked on submit; every verdict kept for the exercise `token`.

    labels: value name -> its label ("f_t"); worked(name): the lines a miss reveals.
    """
    state.fresh(qid, token, tuple(_box(qid, n) for n in labels))
    with st.form(f"ex_form_{qid}", border=True):
        columns = st.columns(min(len(labels), 3))
        for k, (name, label) in enumerate(labels.items()):
            columns[k % len(columns)].text_input(label, key=_box(qid, name))
        st.caption(t("exercises.how_to_type", lang))
        sent = st.form_submit_button(t("exercises.check", lang), key=f"ex_check_{qid}")
    if sent:
        typed = {name: ss.get(_box(qid, name), "") for name in labels}
        checked = check_all(expected, typed)
        answered = [c for c in checked if c.answered]
        state.count(page, sum(c.right for c in answered), len(answered))
        state.keep(qid, checked)
    checked = state.kept(qid)
    if checked is None:
        return
    if not any(c.answered or c.error for c in checked):
        st.info(t("exercises.nothing_typed", lang))
    for c in checked:
        _verdict(c, labels[c.name], worked, lang)


def _verdict(c: Checked, label: str, worked, lang: str) -> None:
    """One value's verdict: right, or wrong with its worked line, or not a number."""
    typed = md_escape(c.text.strip())
    if c.error is not None:
        why = md_escape(error_text(c.error, lang))
        st.error(t("exercises.not_a_number", lang, name=label, why=why))
    elif c.right:
        st.markdown(t("exercises.right", lang, name=label, typed=typed, exact=slide(c.expected)))
    elif c.answered:
        st.markdown(t("exercises.wrong", lang, name=label, typed=typed))
        for line in worked(c.name):
            st.html(formula_html(line, 5))


def choice_form(
    page: str,
    qid: str,
    token: tuple,
    question: str,
    options: Sequence[str],
    name_of: Callable[[str], str],
    is_right: Callable[[str], bool],
    lang: str,
) -> str | None:
    """Choices, checked on submit; returns the answer picked once checked (kept for `token`)."""
    key = f"ex_{qid}_pick"
    state.fresh(qid, token, (key,))
    with st.form(f"ex_form_{qid}", border=True):
        hold(key, options)
        st.radio(question, options, index=None, format_func=name_of, key=key)
        sent = st.form_submit_button(t("exercises.check", lang), key=f"ex_check_{qid}")
    if sent:
        picked = ss.get(key)
        if picked is None:
            st.info(t("exercises.pick_first", lang))
        else:
            state.count(page, int(is_right(picked)), 1)
            state.keep(qid, picked)
    return state.kept(qid)


def choice_verdict(picked: str, answer: str, name_of: Callable[[str], str], lang: str) -> None:
    """Right, or which answer was right."""
    if picked == answer:
        st.success(t("exercises.choice_right", lang, answer=name_of(answer)), icon="✅")
    else:
        words = t("exercises.choice_wrong", lang, picked=name_of(picked), answer=name_of(answer))
        st.error(words, icon="❌")


def tally(page: str, lang: str) -> None:
    """The session's right / tried on this page."""
    right, tried = state.tally(page)
    st.markdown(t("exercises.tally", lang, right=right, tried=tried))
