"""Training race (the consequence of slide 28): an RNN and an LSTM learn a long memory task live."""

import streamlit as st

from core.errors import CoreError
from core.race import validate
from ui.controls import section
from ui.page import start
from ui.race import controls, words
from ui.race.board import Board

lang = start()
say = section("race", lang)
EVERY = 5  # redraw the curves every few steps: each redraw is a Plotly figure sent to the browser
controls.init()

st.title(say("title"))
st.caption(say("caption"))
st.markdown(say("intro"))

config = controls.settings(lang)
try:
    validate(config)
except CoreError as e:
    st.error(words.problem_text(e, lang))
    st.info(say("fix"))
    controls.finished()
    st.stop()

race, running = controls.current(config, lang)
if race is None:
    st.info(say("ready"))
    st.stop()

board = Board(lang)
if running:
    for step in race.run():  # a Stop click interrupts this loop at the next redraw
        if step.step % EVERY == 0 and not race.done:
            board.draw(race)
    controls.finished()
    st.rerun()  # once more, so that the Stop button shows the race is over
if race.step_count:
    board.conclude(race)
