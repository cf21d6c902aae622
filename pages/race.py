"""Training race (the consequence of slide 28): an RNN and an LSTM learn a long memory task live."""

import streamlit as st

from core.errors import CoreError
from core.race import validate
from ui.controls import section
from ui.page import settings, start
from ui.pool import forget
from ui.race import board, controls, words

lang = start()
say = section("race", lang)
controls.init()

st.title(say("title"))
st.caption(say("caption"))
st.markdown(say("intro"))

# Projected, the settings wait behind one button: the first screen is the run, not a form.
with settings(lang):
    config = controls.settings(lang)
try:
    validate(config)
except CoreError as e:
    st.error(words.problem_text(e, lang))
    st.info(say("fix"))
    forget("race")
    st.stop()

replay, redraw = controls.current(config, lang)
if replay is None:
    st.info(say("ready"))
    st.stop()


# Only this part reruns while the replay plays: the settings above stay as they are.
@st.fragment(run_every=redraw.every)
def race_board() -> None:
    frame = controls.frame(replay)
    board.show(frame, lang)
    if redraw.outgrown(frame.over, frame.position):
        st.rerun()  # the whole page: out of the queue, over (Stop off), or a lost run (Redraw)


race_board()
