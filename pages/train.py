"""Train it yourself (slide 27): a bag, an RNN or an LSTM learns NTC-SCV reviews live."""

import streamlit as st

from core.classifier import validate
from core.classifier.data import counts
from core.errors import CoreError
from core.sentiment import ModelUnavailable, zoo
from ui.controls import section
from ui.format import grouped
from ui.page import settings, start
from ui.pool import forget, shipped_model
from ui.train import board, controls, words

lang = start()
say = section("train", lang)
controls.init()


@st.cache_data(max_entries=64, show_spinner=False)
def shipped_verdict(name: str, text: str):
    """The shipped model's verdict on text (None if its files cannot be loaded)."""
    try:
        return zoo.verdict(shipped_model(name), text)
    except ModelUnavailable:
        return None


st.title(say("title"))
st.caption(say("caption"))
n_train, n_valid = counts()
st.markdown(say("intro", train=grouped(n_train, lang), valid=grouped(n_valid, lang)))

# Projected, the settings wait behind one button: the first screen is the run, not a form.
with settings(lang):
    config = controls.settings(lang)
try:
    validate(config)
except CoreError as e:
    st.error(words.problem_text(e, lang))
    st.info(say("fix"))
    forget("train")
    st.stop()

redraw = controls.redraw(config)


# Only this part reruns while the run plays: the settings above stay as they are. Train
# and Stop are drawn with the board, from the same look at the replay (ui/pool.py: Redraw).
@st.fragment(run_every=redraw.every)
def training_board() -> None:
    frame = controls.look(config)
    controls.buttons(config, frame, lang)
    if frame is None:
        st.info(say("ready"))
        return
    board.show(frame, lang)
    if redraw.outgrown(frame.over, frame.position):
        st.rerun()  # the whole page: another redraw rate, or over (the review box below)


training_board()
seen = controls.look(config)
model = seen.model if seen is not None else None
if model is not None:
    st.header(say("try_title"))
    text = board.review_box(lang)
    board.compare(config.kind, model.p_positive(text), shipped_verdict(config.kind, text), lang)
