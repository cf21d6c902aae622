"""Calculator: the slides' LSTM and RNN examples worked number by number, then any cell."""

import streamlit as st

from core.calculator.tables import PRESETS, preset_tables
from core.calculator.trace import calculate, calculate_head
from ui.calculator import history, loss_view, state, view
from ui.exercises import calculator_view as exercise
from ui.i18n import t
from ui.page import arrived, hold, ideas, start
from ui.snippets import view as snippet
from ui.snippets.calculator import cell_snippet, head_snippet

lang = start()
ss = st.session_state

url_error = state.init()
history.restore(arrived())  # a link, or the browser's Back or Forward: its mode and cell
st.title(t("calculator.title", lang))
if url_error is not None:
    view.url_warning(url_error, lang)
# The calculator, then "your turn": in projector mode a tab each, one idea per screen.
lesson, exercise_idea = ideas(
    [(t("calculator.title", lang), range(10, 51)), (t("exercises.heading", lang), ())]
)
with lesson:
    hold("calc_mode", (*PRESETS, "custom"))
    mode = st.radio(
        t("calculator.mode_label", lang),
        (*PRESETS, "custom"),
        format_func=lambda m: t(f"calculator.mode_{m}", lang),
        key="calc_mode",
        horizontal=True,
        on_change=state.on_mode,
    )

    if mode == "custom":
        state.sync_custom(lang)
        view.custom_controls(lang)
        typed, slots = view.editors(ss["calc_base"], lang)
        ss["calc_tables"] = typed
        result = calculate(typed)
        if result.ok:
            ss["calc_last_ok"] = result
        else:
            view.errors(result, typed, slots, lang)
            result = ss.get("calc_last_ok")
            if result is not None:
                st.caption(t("calculator.last_valid", lang))
        if result is not None:
            view.explore(result, lang, show_steps=True)
    else:
        result = calculate(preset_tables(mode))
        if mode == "lstm_slide":
            view.lstm_slide(result, lang, st.query_params.get(state.URL_MARK))
        else:
            view.rnn_slide(result, lang)
        view.explore(result, lang, show_steps=False)

    if result is not None:
        snippet.show(cell_snippet(result), lang, key="calc_code")
        code = result.share_code
        if result.kind == "rnn":  # slides 15-17: a head on the last hidden state, and the loss
            head = loss_view.head_controls(len(result.steps[-1].h), lang)
            loss = calculate_head(result, head)
            loss_view.show(result, loss, head, lang)
            snippet.show(head_snippet(loss), lang, key="calc_code_head")
            code = loss.share_code
        view.share(code, lang)
        history.write(mode, code)
    ss["calc_prev_mode"] = mode
with exercise_idea:
    exercise.show(lang)  # "your turn": a seeded cell, checked in core
