"""The calculator drawn with Streamlit: one calculation and the reader's language in, widgets out.

Every string comes from the catalog (ui/strings/calculator.toml); every piece of text a
visitor typed (a bad cell, a share code) goes through md_escape before Markdown.
"""

from __future__ import annotations

import streamlit as st

from core.calculator.share import ShareCodeError
from core.calculator.tables import FIELDS, SIZE_LIMITS, Tables
from core.calculator.trace import Calculation
from ui.calculator import state
from ui.calculator.diagram import cell_dot
from ui.calculator.lines import (
    GateLines,
    erratum,
    fmt_vec,
    gate_lines,
    slide_c_line,
    state_lines,
)
from ui.calculator.markup import formula_html
from ui.calculator.tables import checks_frame, editor_frames, field_title, trace_frame
from ui.calculator.words import field_errors, gate_title, saturation, share_error
from ui.format import slide
from ui.i18n import t
from ui.markdown import md_escape
from ui.page import hold

KINDS = ("lstm", "rnn_relu", "rnn_tanh")


def url_warning(err: ShareCodeError, lang: str) -> None:
    """A share link that could not be read: why, and that the slide example is shown."""
    st.warning(t("calculator.url_error", lang, why=md_escape(share_error(err, lang))))


def _value(name: str, values: tuple[float, ...]) -> None:
    """A metric for a scalar; a large code line for a vector (metrics truncate long text)."""
    if len(values) == 1:
        st.metric(name, slide(values[0]))
    else:
        st.html(formula_html(fmt_vec(values), name=name))


def _marked(text: str, marked: bool) -> str:
    """A line's Markdown, with the slide's mark (?gate=) when it is the line the slide shows."""
    return f"👉 :orange-background[{text}]" if marked else text


def _gate_row(g: GateLines, activation: str, lang: str, marked: bool = False) -> None:
    """One gate as the slides write it: name | the substituted sum | its activation."""
    with st.container(border=True):
        name, line, act = st.columns([1.3, 4, 1.4], vertical_alignment="center")
        name.markdown(_marked(f"**{gate_title(g.name, activation, lang)}**", marked))
        if any(g.saturated):
            name.caption(t("calculator.gate_saturated", lang))
        for text in g.lines:
            line.html(formula_html(text))
        with act:
            if len(g.act) == 1:
                st.metric(f"{g.name} = {g.act_lines[0].split(' = ')[0]}", slide(g.act[0]))
            else:
                for text in g.act_lines:
                    st.html(formula_html(f"{g.name}{text}", 5))


def _step(calc: Calculation, k: int, lang: str, mark: str | None = None) -> None:
    """Step k's gates and state update, the way the slides lay them out; `mark` names the
    line a slide is about (f, i, g, o, or c and h for the state lines)."""
    s = calc.steps[k - 1]
    for g in gate_lines(calc, k):
        tr = s.gates[g.name] if g.name != "h" else s.update
        _gate_row(g, tr.activation, lang, marked=g.name == mark and calc.kind == "lstm")
    st.markdown(f"**{t('calculator.state_heading_' + calc.kind, lang)}**")
    for line in state_lines(calc, k):
        if mark and line.startswith(f"{mark}_t"):  # the line the slide is about
            st.markdown(_marked(f"`{line}`", True))
        else:
            st.html(formula_html(line))
    if s.overflow:
        st.warning(t("calculator.overflow", lang, t=k))


def _checks(calc: Calculation, lang: str) -> None:
    """Every slide value recomputed: a narrow table, its notes stacked under it."""
    st.markdown(f"**{t('calculator.checks_heading', lang)}**")
    st.table(checks_frame(calc, lang), hide_index=True, border="horizontal")
    r = calc.rounding
    for c in calc.slide_checks:
        if c.note:
            params = dict(fc=slide(r.fc), ig=slide(r.ig), c=slide(r.c), exact_c=slide(r.exact_c, 4))
            params.update(exact_tanh=slide(r.exact_tanh_c, 5))
            note = t(f"calculator.note_{c.note}", lang, **params)
            st.caption(f"{t('calculator.slide', lang)} {c.slide} · {c.quantity}: {note}")


def lstm_slide(calc: Calculation, lang: str, mark: str | None = None) -> None:
    """Slides 43-50: the four gates, c_t and h_t, the slides' rounding and erratum; the line
    of one slide marked (see _step)."""
    st.markdown(t("calculator.lstm_intro", lang))
    _step(calc, 1, lang, mark)
    r = calc.rounding
    cols = st.columns(4)
    cols[0].metric(t("calculator.metric_c_slide", lang), slide(r.c))
    cols[1].metric(t("calculator.metric_c_exact", lang), slide(r.exact_c, 4))
    cols[2].metric(t("calculator.metric_tanh_slide", lang), slide(r.tanh_c))
    cols[3].metric(t("calculator.metric_h_slide", lang), slide(r.h))
    st.info(t("calculator.rounding_note", lang, line=slide_c_line(r), exact=slide(r.exact_c, 4)))
    wrong, right, exact = erratum(r)
    params = dict(wrong=wrong, right=right, exact=exact, printed=slide(r.printed_h))
    st.warning(t("calculator.erratum", lang, **params))
    _checks(calc, lang)


def rnn_slide(calc: Calculation, lang: str) -> None:
    """Slides 11-13: three ReLU steps side by side, then every slide value."""
    st.markdown(t("calculator.rnn_intro", lang))
    for col, s in zip(st.columns(3), calc.steps, strict=True):
        with col, st.container(border=True):
            st.markdown(f"**t = {s.t}** · x_{s.t} = `{fmt_vec(s.x)}`")
            for line in state_lines(calc, s.t):
                st.markdown(f"`{line}`")
            st.metric(f"h{s.t}", fmt_vec(s.h))
    st.caption(t("calculator.rnn_x2_note", lang))
    _checks(calc, lang)


def custom_controls(lang: str) -> None:
    """Cell kind, sizes, seed, and the random / slide-example buttons."""
    hold("calc_kind", KINDS)
    st.radio(
        t("calculator.kind_label", lang),
        KINDS,
        format_func=lambda k: t(f"calculator.kind_{k}", lang),
        key="calc_kind",
        horizontal=True,
        on_change=state.on_kind,
    )
    c = st.columns([1, 1, 1, 1, 1.6, 1.6], vertical_alignment="bottom")
    for col, name in zip(c, "IHT", strict=False):
        label = t(f"calculator.size_{name}", lang)
        col.number_input(label, *SIZE_LIMITS[name], key=f"calc_{name}", on_change=state.on_size)
    c[3].number_input(t("calculator.seed", lang), 0, 10**9, key="calc_seed")
    c[4].button(
        t("calculator.random", lang),
        key="calc_random",
        on_click=state.on_random,
        width="stretch",
        wrap=True,
    )
    c[5].button(
        t("calculator.slide_button", lang),
        key="calc_slide",
        wrap=True,  # "↺ Slide ex…" at 150% zoom: a cut label is unreadable
        on_click=state.on_slide,
        width="stretch",
    )


def editors(base: Tables, lang: str) -> tuple[Tables, dict]:
    """One editable text table per grid: what the student typed (unparsed), error slots."""
    frames, grids, slots = editor_frames(base, lang), {}, {}
    if base.kind == "lstm":  # the slides show f first; the packed rows follow PyTorch
        st.caption(t("calculator.editor_order", lang))
    left, right = st.columns(2)
    for k, name in enumerate(FIELDS):
        df = frames[name]
        with left if k % 2 == 0 else right:
            st.markdown(f"**{field_title(name, lang)}**")
            st.space("small")  # room for the table's toolbar, which would cover the heading
            out = st.data_editor(
                df,
                key=state.EDITORS[name],
                num_rows="fixed",
                column_config={c: st.column_config.TextColumn(c) for c in df.columns},
                width="stretch",
                height=35 * (len(df) + 1) + 3,  # every row visible: no inner scroll
            )
            grids[name] = tuple(tuple(r) for r in out.itertuples(index=False))
            slots[name] = st.empty()  # this table's errors go right under it
    return Tables(base.kind, base.nonlinearity, grids), slots


def errors(calc: Calculation, typed: Tables, slots: dict, lang: str) -> None:
    """Each table's bad cells under it, and how many there are at the top."""
    for name, texts in field_errors(calc.errors, typed, lang).items():
        title = field_title(name, lang)
        slots[name].error("\n\n".join(f"**{title}** · {md_escape(e)}" for e in texts))
    st.error(t("calculator.errors_count", lang, n=len(calc.errors)))


def explore(calc: Calculation, lang: str, show_steps: bool) -> None:
    """Step selector, live diagram, warnings, downloads and the hand-off."""
    T, k = len(calc.steps), 1
    if T > 1:
        state.step(T)
        k = st.slider(t("calculator.step_label", lang), 1, T, key="calc_step")
    s = calc.steps[k - 1]
    if show_steps:
        st.header(t("calculator.step_heading", lang, t=k))
        _step(calc, k, lang)
        cols = st.columns(2)
        with cols[0]:
            _value(f"h_{k}", tuple(s.h))
        if calc.kind == "lstm":
            with cols[1]:
                _value(f"c_{k}", tuple(s.c))
    # Half the width on a wide screen (stretched further its text would be huge), the
    # whole width on a phone, where the columns stack.
    diagram, notes = st.columns(2)
    diagram.markdown(f"**{t('calculator.diagram_heading', lang)}**")
    diagram.graphviz_chart(cell_dot(calc, k, lang), width="stretch")
    here = [x for x in calc.saturations if x.t == k]
    for x in here:
        notes.warning(saturation(x, len(s.h), lang), icon="⚠️")
    if len(calc.saturations) > len(here):
        others = sorted({x.t for x in calc.saturations if x.t != k})
        n = len(calc.saturations) - len(here)
        notes.caption(t("calculator.sat_elsewhere", lang, n=n, steps=", ".join(map(str, others))))
    for x in calc.steps:
        if x.overflow and not show_steps:
            st.warning(t("calculator.overflow", lang, t=x.t))
    with st.expander(t("calculator.trace_heading", lang)):
        st.dataframe(trace_frame(calc, lang), hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    c1.download_button(
        t("calculator.csv", lang),
        calc.csv,
        file_name=f"trace_{calc.kind}.csv",
        mime="text/csv",
        key="calc_csv",
    )
    if c2.button(t("calculator.to_explorer", lang), key="calc_to_explorer"):
        state.hand_off(calc)


def share(code: str, lang: str) -> None:
    """The link that reopens this exercise (cell, and the RNN's head if any)."""
    st.markdown(t("calculator.share", lang))
    # Wrapped: a box that scrolls sideways is one a keyboard cannot reach (WCAG 2.1.1).
    st.code(f"{st.context.url or ''}?w={code}&lang={lang}", language=None, wrap_lines=True)
