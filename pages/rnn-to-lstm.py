"""From RNN to LSTM: σ and tanh (slide 29), then the LSTM built up part by part (slides 30-36)."""

import streamlit as st

from core.errors import CoreError
from core.lecture import activations as act
from core.lecture.buildup import STAGES, build_up
from ui.exercises import why_view as exercise
from ui.format import decimals
from ui.i18n import error_text, t
from ui.lecture import activations as draw
from ui.lecture import buildup as view
from ui.lecture.layout import table_height
from ui.page import LINK, ideas, projected, start
from ui.snippets import view as snippet
from ui.snippets.lecture import activation_snippet, product_snippet

lang = start()
STAGE = "rnn_to_lstm.stage"


@st.cache_data(show_spinner=False)
def numbers():
    """Slide 29's curves and marks and slides 30-36's stages: fixed, computed once."""
    marks = act.slide_markers()
    return {f: act.curve(f) for f in act.FUNCTIONS}, marks, build_up()


def move(by: int) -> None:
    """A stepper button: one stage back or forward, kept within slides 30-36."""
    k = st.session_state.get(STAGE, 0) + by
    st.session_state[STAGE] = min(max(k, 0), len(STAGES) - 1)


curves, marks, stages = numbers()
st.title(t("rnn_to_lstm.title", lang))
st.caption(t("rnn_to_lstm.slides", lang))
st.write(t("rnn_to_lstm.intro", lang))

# One idea per screen in projector mode, the slide shown's open.
act_idea, build_idea, exercise_idea = ideas(
    [
        (t("rnn_to_lstm.act.title", lang), (29,)),
        (t("rnn_to_lstm.build.title", lang), range(30, 37)),
        (t("exercises.heading", lang), ()),
    ]
)
# ------------------------------------------------------------------ slide 29: σ and tanh
with act_idea:
    st.header(t("rnn_to_lstm.act.title", lang))
    left, right = st.columns(2)
    left.latex(
        r"\sigma(x) = \frac{1}{1 + e^{-x}} = \frac{e^x}{e^x + 1}, \quad 0 \le \sigma(x) \le 1"
    )
    right.latex(r"\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}, \quad -1 \le \tanh(x) \le 1")
    left.latex(r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))")
    right.latex(r"\tanh'(x) = 1 - \tanh^2(x)")
    st.write(t("rnn_to_lstm.act.body", lang, share=draw.share_percent()))
    for column, name in zip(st.columns(2), act.FUNCTIONS, strict=True):
        figure = draw.activation_figure(curves[name], marks, lang)
        column.plotly_chart(projected(figure), config=draw.CONFIG, key=f"rnn_to_lstm.fig_{name}")
    st.write(t("rnn_to_lstm.marks.body", lang))
    st.caption(draw.markers_legend(marks, lang))
    st.dataframe(draw.markers_table(marks, lang), hide_index=True, key="rnn_to_lstm.marks")
    st.caption(t("rnn_to_lstm.c_note", lang, exact=view.vec(stages[-1].c)))
    snippet.show(activation_snippet(marks), lang, key="rnn_to_lstm.code_act")

    st.subheader(t("rnn_to_lstm.mat.title", lang))
    st.write(t("rnn_to_lstm.mat.body", lang))
    for line in draw.SYMBOLIC_PRODUCT:
        st.latex(line)
    left, right = st.columns(2)
    mat_help = t("rnn_to_lstm.mat.help", lang)
    text_A = left.text_input(
        t("rnn_to_lstm.mat.A", lang), "1 2; 3 4", key="rnn_to_lstm.A", help=mat_help, **LINK
    )
    text_B = right.text_input(
        t("rnn_to_lstm.mat.B", lang), "5 6; 7 8", key="rnn_to_lstm.B", help=mat_help, **LINK
    )
    try:
        product = act.worked_product(act.parse_matrix(text_A), act.parse_matrix(text_B))
    except CoreError as err:
        st.error(error_text(err, lang))
    else:
        for line in draw.product_latex(product):
            st.latex(line)
        snippet.show(product_snippet(product), lang, key="rnn_to_lstm.code_product")

# ------------------------------------------------------------------ slides 30-36: the build-up
with build_idea:
    st.header(t("rnn_to_lstm.build.title", lang))
    st.write(t("rnn_to_lstm.build.body", lang))
    back, forward = st.columns(2)
    now = st.session_state.get(STAGE, 0)  # a button that cannot move is off, not silent
    prev_label, next_label = t("rnn_to_lstm.prev", lang), t("rnn_to_lstm.next", lang)
    back.button(prev_label, key="rnn_to_lstm.prev", on_click=move, args=(-1,), disabled=now == 0)
    last = now == len(STAGES) - 1
    forward.button(next_label, key="rnn_to_lstm.next", on_click=move, args=(1,), disabled=last)
    k = st.select_slider(
        t("rnn_to_lstm.stage", lang),
        options=range(len(STAGES)),
        format_func=lambda i: str(stages[i].slide),
        key=STAGE,
        **LINK,
    )
    stage = stages[k]
    st.subheader(view.stage_label(stage, lang))
    st.write(t(f"rnn_to_lstm.why.{stage.name}", lang))
    for line in view.gate_latex(stage) + view.cell_latex(stage):
        st.latex(line)
    h_col, c_col = st.columns(2)
    for column, name in ((h_col, "h"), (c_col, "c")):
        value, delta = view.outputs(stages, k)[name]
        column.metric(
            t(f"rnn_to_lstm.{name}", lang),
            value or t("rnn_to_lstm.no_c", lang),
            delta=delta,
            delta_color="off",
        )
    picture, table = st.columns([2, 3])
    picture.graphviz_chart(view.diagram(stages, k, lang), width="content")
    table.caption(t("rnn_to_lstm.numbers", lang))
    table.dataframe(
        view.values_styler(stage, lang),
        hide_index=True,
        height=table_height(len(stage.values)),
        key="rnn_to_lstm.values",
    )
    table.caption(t("rnn_to_lstm.z_note", lang))
    if stage.name == "filter_output":
        last = view.vec(stage.h)
        st.success(t("rnn_to_lstm.done", lang, h=last, c=view.vec(stage.c)))
        st.caption(t("rnn_to_lstm.erratum", lang, h=decimals(float(stage.h[0]), 5)))
        st.page_link("pages/calculator.py", label=t("rnn_to_lstm.to_calculator", lang), icon="🧮")
    with st.expander(t("rnn_to_lstm.all_steps", lang)):
        st.dataframe(view.summary_table(stages, lang), hide_index=True, key="rnn_to_lstm.summary")
with exercise_idea:
    exercise.show(lang)  # which part of the cell fixes slide 28, and why
