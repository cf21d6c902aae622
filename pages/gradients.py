"""Gradient explorer (slide 28): input·w^n, then real BPTT through an RNN and an LSTM."""

import streamlit as st

import core.gradients as g
from ui.controls import section
from ui.gradients import controls, draw, words
from ui.page import start

lang = start()
say = section("gradients", lang)
# The heavy part, keyed by the controls (a frozen config and the calculator's cell).
explore_cached = st.cache_data(g.explore, max_entries=64, show_spinner=say("bptt.computing"))
controls.init()

st.title(say("title"))
st.caption(say("caption"))
st.markdown(say("intro"))

# ============================================================ 1. scalar view
st.header(say("scalar.header"))
left, right = st.columns([1, 2], gap="large")
with left:
    scalar = controls.scalar(lang)
try:
    series = g.with_slide(scalar.x0, scalar.w, scalar.n)
except g.BadInput as e:
    controls.show_problems(e, scalar.slots, lang)
    right.info(say("scalar.fix"))
else:
    with right:
        draw.scalar(series, lang)

# ============================================================ 2. real BPTT
st.header(say("bptt.header"))
st.markdown(say("bptt.intro"))
cell, use_cell = controls.calculator_cell(lang)
config, slots = controls.networks(cell, use_cell, lang)
try:
    r = explore_cached(config, cell if use_cell else None)
except g.BadInput as e:
    controls.show_problems(e, slots, lang)
    st.info(say("bptt.nothing_yet"))
    st.stop()
slots["weight_scale"].caption(words.rho_caption(r, lang))
draw.bptt(r, lang)
