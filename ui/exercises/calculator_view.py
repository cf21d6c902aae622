"""The calculator's "your turn": a seeded cell's numbers, a box per value, the calculator's
own worked line for each value missed."""

from __future__ import annotations

import streamlit as st

from core.calculator.tables import FIELDS
from core.exercises.calculator import KINDS, CellExercise, cell_exercise
from ui.calculator.lines import gate_lines, state_lines
from ui.calculator.tables import editor_frames, field_title
from ui.exercises import view
from ui.i18n import t
from ui.page import LINK

PAGE = "calc"
CELLS = ("LSTM", "RNN")  # KINDS as the radio and the address write them


def label(name: str) -> str:
    """f_t, c_t... (LSTM, step 1) or h_1, h_2, h_3 (RNN): as the task and the lines write them."""
    return name if "_" in name else f"{name}_t"


def worked(ex: CellExercise, name: str) -> tuple[str, ...]:
    """The calculator's lines for one value only: its gate's sum and activation, c_t's line,
    tanh(c_t) and h_t's line, or an RNN step's three lines."""
    step = ex.step_of(name)
    if ex.kind == "rnn":
        return state_lines(ex.calc, step)
    gates = {g.name: g for g in gate_lines(ex.calc, step)}
    if name in gates:
        return (*gates[name].lines, *gates[name].act_lines)
    lines = state_lines(ex.calc, step)
    starts = ("c_t",) if name == "c" else ("tanh(c_t)", "h_t")
    return tuple(line for line in lines if line.startswith(starts))


def _cell(ex: CellExercise, lang: str) -> None:
    """The exercise's numbers in the calculator's own tables, read-only."""
    frames = editor_frames(ex.tables, lang)
    for names in (FIELDS[:3], FIELDS[3:]):
        for column, name in zip(st.columns(3), names, strict=False):
            column.markdown(f"**{field_title(name, lang)}**")
            column.table(frames[name], border="horizontal")


def show(lang: str) -> None:
    """The whole exercise section; the page calls it once."""
    seed = view.heading(PAGE, lang)
    # The options are the lecture's names, the same in both languages: a bound radio writes
    # the option's label into the address, and a link must open in either language.
    cell = st.radio(
        t("exercises.calc.kind", lang),
        CELLS,
        key="ex_cell",
        horizontal=True,
        help=" · ".join(t(f"exercises.calc.kind_{k}", lang) for k in KINDS),
        **LINK,
    )
    kind = KINDS[CELLS.index(cell)]
    ex = cell_exercise(kind, seed)
    st.markdown(t(f"exercises.calc.task_{kind}", lang))
    _cell(ex, lang)
    labels = {name: label(name) for name in ex.expected}
    view.number_form(
        PAGE,
        f"calc_{kind}",
        (kind, seed),
        labels,
        ex.expected,
        lambda name: worked(ex, name),
        lang,
    )
    view.tally(PAGE, lang)
