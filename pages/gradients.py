"""Gradient explorer (slide 28): input·w^n, then real BPTT through an RNN and an LSTM."""

import streamlit as st

import core.gradients as g
from core.errors import CoreError
from ui.gradients import draw, words
from ui.i18n import error_text, t
from ui.page import start

lang = start()
ss = st.session_state


def T(key: str, **params) -> str:
    """This page's catalog text in the reader's language."""
    return t(f"gradients.{key}", lang, **params)


# The heavy part, keyed by the controls (a frozen config and the calculator's cell).
explore_cached = st.cache_data(g.explore, max_entries=64, show_spinner=T("bptt.computing"))
saturating_cached = st.cache_data(g.saturating_inputs, max_entries=64, show_spinner=False)
PRESETS = {  # activation, ρ(W_hh), T; each puts the forget bias back to 3
    "vanish": ("tanh", 1.0, 200), "explode": ("relu", 2.0, 200), "overflow": ("relu", 8.0, 500),
}  # fmt: skip


def preset(name: str, put=ss.__setitem__) -> None:
    """Set the controls to a preset (put=ss.setdefault: only those still unset)."""
    keys = ("bptt_activation", "bptt_scale", "bptt_length", "bptt_forget_bias")
    for key, value in zip(keys, (*PRESETS[name], 3.0), strict=True):
        put(key, value)


# Preset buttons set these, so they start from session state, never from value=.
preset("vanish", ss.setdefault)
ss.setdefault("scalar_w", 0.5)

st.title(T("title"))
st.caption(T("caption"))
st.markdown(T("intro"))

# ============================================================ 1. scalar view
st.header(T("scalar.header"))
left, right = st.columns([1, 2], gap="large")
with left:
    for col, w0, name in zip(st.columns(2), (0.5, 2.0), ("half", "double"), strict=True):
        col.button(T(f"scalar.preset_{name}"), key=f"scalar_preset_{name}", width="stretch",
                   on_click=ss.__setitem__, args=("scalar_w", w0),
                   help=T("scalar.preset_help", w=f"{w0:g}"))  # fmt: skip
    w = st.number_input(T("scalar.w"), step=0.1, format="%.4g", key="scalar_w")
    sbox = {"w": st.empty()}
    n = st.number_input(T("scalar.n", max=g.MAX_SCALAR_STEPS), value=50, step=1, key="scalar_n")
    sbox["n"] = st.empty()
    x0 = st.number_input(T("scalar.x0"), value=1.0, step=0.5, format="%.4g", key="scalar_x0")
    sbox["x0"] = st.empty()
try:
    s = g.scalar_series(x0, w, n)
except g.BadInput as e:
    for field, text in words.problems_text(e, lang).items():  # next to the field, limits said
        sbox[field].error(text)
    right.info(T("scalar.fix"))
else:
    with right:
        draw.scalar(s, lang)

# ============================================================ 2. real BPTT
st.header(T("bptt.header"))
st.markdown(T("bptt.intro"))
# The calculator's hand-off: {"kind": "rnn" | "lstm", "params": RNNParams | LSTMParams, "inputs"}.
cell, use_cell = None, False
if ss.get("explorer_cell") is not None:
    try:
        cell = g.cell_from_handoff(ss["explorer_cell"])
    except CoreError as e:
        st.warning(error_text(e, lang))
if cell is not None:
    kind = str(cell.kind).upper()
    names = {v: T(f"bptt.source_{v}", kind=kind) for v in ("calculator", "random")}
    source = st.radio(T("bptt.source"), names, 0, names.get, horizontal=True, key="bptt_source")
    use_cell = source == "calculator"
box = {"cell": st.empty()}
own = use_cell and cell.fits()  # else core names what is wrong with the cell
if own:
    st.info(words.handoff_info(cell, lang))
cell_inputs = "calculator"
if own and cell.inputs is not None:  # x = 1 repeated saturates the lecture's cell: say so
    big_c = saturating_cached(cell, ss["bptt_length"])
    ss.setdefault("bptt_cell_inputs", "random" if big_c else "calculator")
    opts = {v: T(f"bptt.cell_inputs_{v}") for v in ("calculator", "random")}
    cell_inputs = st.radio(T("bptt.cell_inputs"), opts, 0, opts.get, horizontal=True,
                           key="bptt_cell_inputs")  # fmt: skip
    if big_c and cell_inputs == "random":
        st.info(T("bptt.inputs_changed", T=ss.bptt_length, c=f"{big_c:.3g}", **opts))
for col, name in zip(st.columns(3), PRESETS, strict=True):
    col.button(T(f"bptt.preset_{name}"), key=f"bptt_preset_{name}", on_click=preset,
               args=(name,), width="stretch")  # fmt: skip

c1, c2, c3, c4 = st.columns(4, gap="medium")
with c1:
    if own:
        hidden = st.number_input(T("bptt.hidden_cell"), value=cell.params.hidden_size,
                                 disabled=True, key="bptt_hidden_cell",
                                 help=T("bptt.hidden_cell_help"))  # fmt: skip
    else:
        hidden = st.number_input(T("bptt.hidden", max=g.MAX_HIDDEN), value=64, key="bptt_hidden")
    box["hidden_size"] = st.empty()
    length = st.number_input(T("bptt.length", max=g.MAX_LENGTH), step=10, key="bptt_length")
    box["seq_len"] = st.empty()
    seed = st.number_input(T("bptt.seed", max=g.MAX_SEED), value=0, key="bptt_seed")
    box["seed"] = st.empty()
with c2:
    if own and cell.kind == "rnn":
        activation = cell.params.nonlinearity
        st.markdown(T("bptt.activation_cell", act=activation))
    else:
        activation = st.radio(T("bptt.activation"), ["tanh", "relu"], horizontal=True,
                              key="bptt_activation")  # fmt: skip
    box["activation"] = st.empty()
    scale = st.slider(T("bptt.scale"), 0.0, 10.0, step=0.05, key="bptt_scale",
                      help=T("bptt.scale_help"))  # fmt: skip
    box["weight_scale"] = st.empty()
with c3:
    if own and cell.kind == "lstm":
        forget_bias = 0.0  # unused: the cell keeps its own
        st.markdown(T("bptt.forget_cell", values=words.forget_bias_values(cell.params)))
    else:
        forget_bias = st.slider(T("bptt.forget"), -5.0, 10.0, step=0.5, key="bptt_forget_bias",
                                help=T("bptt.forget_help"))  # fmt: skip
    box["forget_bias"] = st.empty()
with c4:
    clip = st.toggle(T("bptt.clip"), value=False, key="bptt_clip", help=T("bptt.clip_help"))
    max_norm = st.number_input(T("bptt.max_norm"), value=1.0, step=0.5, format="%.4g",
                               key="bptt_max_norm", disabled=not clip)  # fmt: skip
    box["max_norm"] = st.empty()

config = g.ExplorerConfig(
    hidden_size=hidden or 0, seq_len=length or 0, seed=seed or 0, activation=activation or "tanh",
    weight_scale=scale, forget_bias=forget_bias, clip=clip,
    max_norm=float("nan") if max_norm is None else max_norm, cell_inputs=cell_inputs,
)  # fmt: skip
try:
    r = explore_cached(config, cell if use_cell else None)
except g.BadInput as e:
    for field, text in words.problems_text(e, lang).items():
        box.get(field, box["cell"]).error(text)
    st.info(T("bptt.nothing_yet"))
    st.stop()
box["weight_scale"].caption(words.rho_caption(r, lang))
draw.bptt(r, lang)
