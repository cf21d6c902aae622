"""The calculator and the browser's Back and Forward buttons.

Streamlit pushes a browser history entry whenever st.query_params changes the address,
and on Back or Forward reruns the page with that entry's address, flagging the run as
history navigation (its own writes to the address then replace the entry instead of
pushing one). So the address carries what the page shows: ?mode= (a slide example or
custom) and ?w= (the share code: cell kind, sizes, numbers, the RNN's head), written
together once per run. A Back or Forward run whose address is not the one this session
last wrote brings an earlier (or later) entry: the page shows that entry again. Only
those runs: an ordinary rerun may carry an address the browser has not yet updated (a
click right after another), and following it would undo the student's last change.
"""

from __future__ import annotations

import streamlit as st

from core.calculator.loss import default_head
from core.calculator.share import ShareCodeError, decode_link, match_preset
from ui.calculator import state
from ui.calculator.state import URL_CODE, URL_MODE
from ui.streamlit_private import is_back_or_forward

ss = st.session_state


def restore(arrived: bool = False) -> None:
    """On Back or Forward, show the entry the browser went to: its mode, cell and head.

    So too when the page is opened (arrived: a link, a slide step, another page) with an
    address that names what to show: a slide example by its ?mode= alone, or a ?w= cell.
    """
    code = st.query_params.get(URL_CODE, "")
    here = (state.url_mode(), code)
    if here == ss.get("calc_address") or not (arrived or is_back_or_forward()):
        return
    if not code:
        if arrived and here[0] in state.PRESETS:  # a slide's link: its example
            ss["calc_mode"] = here[0]
            state.on_mode()
        return
    try:
        tables, head = decode_link(code)
    except ShareCodeError:
        return  # an address changed by hand: keep what is shown
    if tables.kind == "rnn":  # a code without a head means the default one
        state.load_head(head or default_head(tables.sizes[1]))
    ss["calc_mode"] = here[0] or match_preset(tables) or "custom"
    state.on_mode()  # leaving custom keeps what was typed
    if ss["calc_mode"] == "custom":
        old = ss["calc_tables"]
        # The cell shown so far stays this kind's work for a later switch of kind.
        ss.setdefault("calc_by_kind", {})["lstm" if old.kind == "lstm" else "rnn"] = old
        state.load(tables)
    ss["calc_address"] = here


def write(mode: str, code: str) -> None:
    """Put what the page shows into the address; other parameters (?lang=) stay."""
    # One update, one message: two writes would push two entries for one change.
    st.query_params.update({URL_MODE: mode, URL_CODE: code})
    ss["calc_address"] = (mode, code)
