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

redraw = controls.redraw(config)


# Only this part reruns while the replay plays: the settings above stay as they are. Start
# and Stop are drawn with the board, from the same look at the replay (ui/pool.py: Redraw).
@st.fragment(run_every=redraw.every)
def race_board() -> None:
    frame = controls.look(config)
    controls.buttons(config, frame, lang)
    if frame is None:
        st.info(say("ready"))
        return
    board.show(frame, lang)
    if redraw.outgrown(frame.over, frame.position):
        st.rerun()  # the whole page, to redraw at another rate or stop redrawing


race_board()
