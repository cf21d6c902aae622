"""Bag or sequence (slides 7-9, 24): the same words, reordered, through three encoders."""

import streamlit as st

from core.errors import CoreError
from core.lecture.bag import ENCODERS, MAX_WORDS, SIZES, bag_or_sequence
from ui.exercises import bag_view as exercise
from ui.i18n import error_text, t
from ui.lecture import bag as view
from ui.lecture.layout import table_height
from ui.page import LINK, choice, ideas, settings, start, text_link
from ui.snippets import view as snippet
from ui.snippets.lecture import bag_snippet

lang = start()
encode = st.cache_data(bag_or_sequence, max_entries=64, show_spinner=False)

st.title(t("bag.title", lang))
st.caption(t("bag.slides", lang))
st.write(t("bag.intro", lang))

# ------------------------------------------------------------------ controls
# In projector mode behind one button: the first projected screen is an idea.
with settings(lang):
    help_words = t("bag.words_help", lang, most=MAX_WORDS)
    text_a = st.text_input(
        value="dog bites man",
        key="bag.a",
        help=help_words,
        **text_link("bag.a", t("bag.a", lang), lang),
    )
    mode = choice(
        st.radio,
        t("bag.mode", lang),
        ("reverse", "free"),
        format_func=lambda m: t(f"bag.mode.{m}", lang),
        key="bag.mode",
        horizontal=True,
    )
    if mode == "free":
        text_b = st.text_input(
            value="a man bites the dog",
            key="bag.b",
            help=help_words,
            **text_link("bag.b", t("bag.b", lang), lang),
        )
    else:
        text_b = " ".join(reversed(text_a.split()))

    with st.expander(t("bag.settings", lang)):
        left, right = st.columns(2)
        seed = left.number_input(
            t("bag.seed", lang), 0, 9999, 0, key="bag.seed", help=t("bag.seed_help", lang), **LINK
        )
        D = right.select_slider(
            t("bag.D", lang), range(SIZES["D"][0], SIZES["D"][1] + 1), 3, key="bag.D", **LINK
        )
        H = right.select_slider(
            t("bag.H", lang), range(SIZES["H"][0], SIZES["H"][1] + 1), 2, key="bag.H", **LINK
        )
        cap = left.toggle(t("bag.cap", lang), key="bag.cap", **LINK)
        V = left.number_input(
            t("bag.V", lang),
            3,
            30,
            4,
            key="bag.V",
            disabled=not cap,
            help=t("bag.V_help", lang),
            **LINK,
        )

try:
    r = encode([text_a, text_b], D=D, H=H, seed=int(seed), max_vocab=V if cap else None)
except CoreError as err:
    st.error(error_text(err, lang))
    st.stop()

# One idea per screen in projector mode (slide 24: the indices; slides 7-9: the encoders).
index_idea, embed_idea, enc_idea, exercise_idea = ideas(
    [
        (t("bag.index.title", lang), (24,)),
        (t("bag.embed.title", lang), ()),
        (t("bag.enc.title", lang), (7, 8, 9)),
        (t("exercises.heading", lang), ()),
    ]
)
# ------------------------------------------------------------------ slide 24
with index_idea:
    st.header(t("bag.index.title", lang))
    st.write(t("bag.index.body", lang))
    for n in range(len(r.sentences)):
        st.html(view.chips(r, n))  # every word escaped in ui; st.html parses no Markdown
    if (r.lengths < r.ids.shape[1]).any():
        st.caption(t("bag.pad_note", lang, M=r.ids.shape[1]))
    unknown = int((r.ids == 1).sum())
    if unknown:
        st.caption(t("bag.unk_note", lang, count=unknown))
    left, right = st.columns([1, 2])
    left.caption(t("bag.vocab", lang))
    vocab = view.vocab_table(r, lang)
    left.dataframe(vocab, hide_index=True, height=table_height(len(vocab)), key="bag.vocab_table")
    right.caption(t("bag.matrix", lang))
    right.dataframe(view.ids_styler(r, lang), key="bag.ids_table")
    right.caption(t("bag.shapes", lang))
    right.dataframe(view.shapes_table(r, lang), hide_index=True, key="bag.shapes_table")

# ------------------------------------------------------------------ the lookup table
with embed_idea:
    st.header(t("bag.embed.title", lang))
    st.write(t("bag.embed.body", lang))
    embedding = view.embedding_table(r, lang)
    st.dataframe(embedding, height=table_height(len(r.vocab)), key="bag.embedding_table")

# ------------------------------------------------------------------ the encoders
with enc_idea:
    st.header(t("bag.enc.title", lang))
    for column, encoder in zip(st.columns(len(ENCODERS)), ENCODERS, strict=True):
        with column, st.container(border=True):
            st.subheader(t(f"bag.enc.{encoder}", lang))
            st.caption(t(f"bag.shape.{encoder}", lang))
            st.write(t(f"bag.enc.{encoder}.body", lang))
            same, words = view.verdict(r, encoder, lang)
            (st.success if same else st.warning)(words, icon="🟰" if same else "↔️")
            rows = r.outputs[encoder].shape[1]
            table = view.output_styler(r, encoder, lang)
            st.dataframe(table, height=table_height(rows), key=f"bag.out_{encoder}")

    with st.expander(t("bag.states", lang)):
        states = view.states_table(r, lang)
        st.dataframe(states, height=table_height(len(states)), key="bag.states_table")
    with st.expander(t("bag.weights", lang)):
        for name, table in view.weights_tables(r).items():
            st.caption(name)
            st.dataframe(table, key=f"bag.w_{name}")
    snippet.show(bag_snippet(r), lang, key="bag.code")

    st.info(view.overall(r, lang))
with exercise_idea:
    exercise.show(lang)  # which output changes when the words move? picked, then shown
