"""The calculator page's session state: which tables are shown, and the widgets' callbacks.

Keys: calc_tables (what the editors hold now), calc_base (what the editors started
from), calc_mode, calc_kind, calc_I/H/T, calc_seed, calc_step, calc_by_kind (each cell
kind's last custom tables, so switching kinds and back keeps the work), calc_last_ok,
calc_lang (the language the editors were drawn in), calc_address (the ?mode= and ?w= the
page last wrote, see ui/calculator/history.py); for the RNN's head (slides 15-17):
calc_head (what its editor started from), calc_head_typed (what it held last run),
calc_classes, calc_class (the true class, 0-based).
"""

from __future__ import annotations

import streamlit as st

from core.calculator.loss import HeadTables, default_head, resize_head
from core.calculator.share import ShareCodeError, decode_link, match_preset
from core.calculator.tables import (
    FIELDS,
    PRESETS,
    Tables,
    preset_tables,
    random_tables,
    resize_tables,
    with_nonlinearity,
)
from core.calculator.trace import Calculation

EDITORS = {name: f"calc_ed_{name}" for name in FIELDS}
MODES = (*PRESETS, "custom")
URL_MODE, URL_CODE = "mode", "w"  # the address's slide example or custom, and share code
URL_MARK = "gate"  # the line a slide is about (read only: ui/lecture_slides.py writes it)
HEAD_EDITOR = "calc_ed_head"
ss = st.session_state


def kind_key(t: Tables) -> str:
    """The kind radio's value for these tables: lstm, rnn_relu or rnn_tanh."""
    return "lstm" if t.kind == "lstm" else f"rnn_{t.nonlinearity or 'relu'}"


def load(t: Tables) -> None:
    """Make t the custom tables: sizes, kind and fresh editors follow it."""
    ss["calc_base"] = ss["calc_tables"] = t
    ss["calc_I"], ss["calc_H"], ss["calc_T"] = t.sizes
    ss["calc_kind"] = kind_key(t)
    ss.pop("calc_step", None)
    for key in EDITORS.values():
        ss.pop(key, None)  # edits were relative to the old tables


def init() -> ShareCodeError | None:
    """First run of a session: the weights in the URL if any, else the LSTM slide example.

    Returns the error of a share code that could not be read (once), else None.
    """
    if "calc_tables" in ss:
        # Streamlit drops the mode radio's state while another page runs: back from there
        # (the sidebar, or the browser's Back) the student finds the mode left.
        if "calc_prev_mode" in ss:
            ss.setdefault("calc_mode", ss["calc_prev_mode"])
        return None
    mode = url_mode() if url_mode() in PRESETS else "lstm_slide"  # ?mode=rnn_slide stays
    tables, error = preset_tables(mode), None
    code = st.query_params.get(URL_CODE)
    if code:
        try:
            tables, head = decode_link(code)
            mode = url_mode() or match_preset(tables) or "custom"
            if head is not None:
                load_head(head)
        except ShareCodeError as exc:
            error = exc
    ss["calc_mode"] = mode
    load(tables)
    return error


def url_mode() -> str:
    """The address's ?mode= if it names one of the page's modes, else ''."""
    mode = st.query_params.get(URL_MODE, "")
    return mode if mode in MODES else ""


def sync_custom(lang: str) -> None:
    """Widgets' state the custom mode needs, kept across slide modes and language switches."""
    t = ss["calc_tables"]
    # Streamlit drops a widget's state on runs that do not draw it (the slide modes), and
    # after another page may leave an older value instead: the tables say what is right.
    keys = ("calc_I", "calc_H", "calc_T", "calc_kind")
    for key, value in zip(keys, (*t.sizes, kind_key(t)), strict=True):
        if ss.get(key) != value:
            ss[key] = value
    # The editors' row labels are words: another language is another table to Streamlit,
    # which would start it afresh. Keep what was typed as the new starting point.
    if ss.setdefault("calc_lang", lang) != lang:
        ss["calc_lang"] = lang
        ss["calc_base"] = t
        for key in EDITORS.values():
            ss.pop(key, None)


def on_mode() -> None:
    """Leaving custom keeps its tables; entering it from a slide starts from that slide."""
    mode, prev = ss["calc_mode"], ss.get("calc_prev_mode")
    if prev == "custom":  # keep what was typed for the way back
        ss["calc_base"] = ss["calc_tables"]
        for key in EDITORS.values():
            ss.pop(key, None)
    # Untouched custom tables follow the example the student comes from.
    if mode == "custom" and prev in PRESETS and match_preset(ss["calc_tables"]):
        load(preset_tables(prev))


def on_kind() -> None:
    """Another cell kind: its own last tables this session, else its slide example."""
    kind, old = ss["calc_kind"], ss["calc_tables"]
    by_kind = ss.setdefault("calc_by_kind", {})
    by_kind["lstm" if old.kind == "lstm" else "rnn"] = old  # the work done so far
    if kind.startswith("rnn") and old.kind == "rnn":
        load(with_nonlinearity(old, kind.split("_")[1]))  # same numbers, other activation
    elif (kept := by_kind.get("lstm" if kind == "lstm" else "rnn")) is not None:
        load(kept if kind == "lstm" else with_nonlinearity(kept, kind.split("_")[1]))
    else:
        on_slide()


def on_size() -> None:
    """New I, H or T: the numbers that still fit stay, the rest are 0."""
    load(resize_tables(ss["calc_tables"], ss["calc_I"], ss["calc_H"], ss["calc_T"]))


def on_random() -> None:
    """A random exercise of the chosen kind and sizes, from the seed."""
    kind = ss["calc_kind"]
    nl = kind.split("_")[1] if kind.startswith("rnn") else "relu"
    cell = "lstm" if kind == "lstm" else "rnn"
    load(random_tables(cell, ss["calc_I"], ss["calc_H"], ss["calc_T"], ss["calc_seed"], nl))


def on_slide() -> None:
    """Back to the slides' example of the chosen kind."""
    kind = ss["calc_kind"]
    t = preset_tables("lstm_slide" if kind == "lstm" else "rnn_slide")
    load(with_nonlinearity(t, "tanh") if kind == "rnn_tanh" else t)


def step(T: int) -> None:
    """Keep the step selector within a sequence that got shorter."""
    if ss.get("calc_step", 1) > T:
        ss["calc_step"] = T


def hand_off(calc: Calculation) -> None:
    """Open the gradient explorer on this cell (pages/gradients.py reads `explorer_cell`)."""
    ex = calc.example
    ss["explorer_cell"] = {"kind": calc.kind, "params": ex.params, "inputs": ex.X}
    st.switch_page("pages/gradients.py")


# ------------------------------------------------------------- the head (slides 15-17)


def load_head(head: HeadTables) -> None:
    """Make head the one the head's editor starts from, with its classes and true class."""
    ss["calc_head"] = ss["calc_head_typed"] = head
    ss["calc_classes"], ss["calc_class"] = head.classes, head.y
    ss.pop(HEAD_EDITOR, None)  # edits were relative to the old head


def sync_head(H: int) -> HeadTables:
    """The head the editor starts from, fitted to hidden size H; edits outlive other modes."""
    # Streamlit drops a widget's state on runs that do not draw it (the LSTM modes):
    # what the editor held last is then the new starting point.
    if HEAD_EDITOR not in ss and "calc_head_typed" in ss:
        ss["calc_head"] = ss["calc_head_typed"]
    head = ss.get("calc_head") or default_head(H)
    if head.hidden != H:  # another RNN's hidden size: keep what still fits
        head = resize_head(head, head.classes, H)
        ss.pop(HEAD_EDITOR, None)
    ss["calc_head"] = head
    ss.setdefault("calc_classes", head.classes)
    ss.setdefault("calc_class", head.y)
    return head


def keep_head(typed: HeadTables) -> None:
    """Remember what the head's editor holds, for runs that do not draw it."""
    ss["calc_head_typed"] = typed


def on_classes() -> None:
    """Another number of classes: the rows that still fit stay, new ones are 0."""
    head = ss.get("calc_head_typed") or ss["calc_head"]
    load_head(
        resize_head(HeadTables(head.grid, ss.get("calc_class", 0)), ss["calc_classes"], head.hidden)
    )


def on_head_reset() -> None:
    """Back to the seeded default head, true class 1."""
    H = ss["calc_head"].hidden
    load_head(default_head(H))
