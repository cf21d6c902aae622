"""Inside the LSTM: what the sentiment LSTM's units track, on validation reviews (Part 3)."""

import streamlit as st

from core.inside.rank import rank_units
from core.inside.states import build_states
from core.inside.trace import explore, intervene, read_review
from core.sentiment import ModelUnavailable
from ui.i18n import t
from ui.inside import controls, view
from ui.page import start
from ui.pool import shipped_model
from ui.sentiment.errors import error_markdown

lang = start()


def get_model():
    """The shipped sentiment LSTM: the one copy the sentiment page reads too."""
    return shipped_model("lstm")


@st.cache_resource(show_spinner=False)
def validation():
    """The validation reviews' states and the units' rankings: once per process, bounded."""
    model = get_model()
    states = build_states(model.weights())
    return states, rank_units(states, model.vocab.itos)


@st.cache_data(max_entries=32, show_spinner=False)
def read(text: str):
    """The review through the LSTM once per text: widget reruns that keep it cost nothing."""
    return read_review(get_model(), text)


st.title(t("inside.title", lang))
st.caption(t("inside.slides", lang))
try:
    model = get_model()
except ModelUnavailable as err:
    st.error(error_markdown(err, lang))
    st.stop()
hidden = model.weights().hidden_size
st.write(t("inside.intro", lang, hidden=hidden))

text = controls.review(lang)
review = read(text) if text.strip() else None
if review is None:
    st.info(t("inside.empty", lang))
    st.stop()
if review.analysis.status == "not_vietnamese":
    st.warning(t("inside.not_vietnamese", lang))

st.header(t("inside.select.title", lang))
span = controls.span(review.tokens, lang)
which, threshold = controls.state_and_threshold(lang)
view.review_line(review, span, lang)
with st.spinner(t("inside.loading", lang)):
    states, ranks = validation()
found = explore(model, review, states, span, which, threshold)
view.selection(review, found, span, threshold, lang)
view.matches(found, states, lang)

st.header(t("inside.intervene.title", lang))
view.how("intervene", lang)
chosen = found.selection.units
iv = controls.intervention(review.tokens, hidden, chosen, span[0], lang)
changed = intervene(model, review, iv) if iv is not None else None
view.intervention(review, changed, iv, lang)

view.rankings(ranks, states, lang)
