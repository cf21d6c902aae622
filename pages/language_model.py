"""Language models (slides 3-6, 18-19): n-gram counts, an LSTM LM, the generation loss."""

from pathlib import Path

import streamlit as st

from core.errors import CoreError
from core.lm import corpus, generation_loss, ngram
from core.lm.runtime import OnnxLM
from core.lm.tokens import pairs, sentences, tokens
from ui.format import significant
from ui.i18n import error_text, t
from ui.lm import counts_view as cview
from ui.lm import loss as lv
from ui.lm import neural as nv
from ui.page import start

lang = start()
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "lm"
SLIDE6 = "trăm năm trong cõi người ta"
ss = st.session_state


@st.cache_resource(max_entries=8, show_spinner=False)  # not copied per run: never mutated
def counted(text: str) -> tuple[ngram.NgramCounts, int]:
    sents = sentences(text)
    return ngram.count(sents), len(sents)


@st.cache_resource(show_spinner=False)
def language_model() -> OnnxLM:
    return OnnxLM(MODEL_DIR)


def set_corpus(text: str, example: str) -> None:
    """The corpus, and its example sentence unless the student typed one of their own."""
    if ss.get("lm_sentence", corpus.TOY_SENTENCE) in corpus.EXAMPLE_SENTENCES:
        ss["lm_sentence"] = example
    ss["lm_corpus"] = text


def load_reviews() -> None:  # a missing sample is worded above the box, the box kept
    try:
        set_corpus(corpus.read_sample(MODEL_DIR), corpus.REVIEW_SENTENCE)
    except CoreError as err:
        ss["lm_corpus_error"] = error_text(err, lang)


st.title(t("lm.title", lang))
st.caption(t("lm.slides", lang))
tab_counts, tab_neural, tab_loss = st.tabs(
    [t("lm.tab.counts", lang), t("lm.tab.neural", lang), t("lm.tab.loss", lang)]
)

with tab_counts:
    st.markdown(t("lm.counts.intro", lang))
    left, right = st.columns(2)
    left.button(t("lm.counts.load_reviews", lang), key="lm_load_reviews", on_click=load_reviews)
    right.button(t("lm.counts.load_toy", lang), key="lm_load_toy", on_click=set_corpus,
                 args=(corpus.TOY_CORPUS, corpus.TOY_SENTENCE))  # fmt: skip
    if err := ss.pop("lm_corpus_error", None):
        st.error(err)
    ss.setdefault("lm_corpus", corpus.TOY_CORPUS)
    ss.setdefault("lm_sentence", corpus.TOY_SENTENCE)
    text = st.text_area(t("lm.counts.corpus", lang), key="lm_corpus", height=150)
    c, n_sent = counted(text)
    n = st.radio(t("lm.counts.n", lang), [1, 2, 3, 4], index=1, horizontal=True, key="lm_n")
    add_one = st.toggle(t("lm.counts.add_one", lang), key="lm_add_one")
    if not n_sent:
        st.warning(t("lm.counts.empty_corpus", lang))
    else:
        st.caption(t("lm.counts.summary", lang, sentences=n_sent, tokens=c.total, V=c.V))
        st.markdown("**" + t("lm.counts.table", lang, n=n) + "**")
        cview.count_table(ngram.table(c, n, add_one=add_one), lang)
        words = tokens(st.text_input(t("lm.counts.sentence", lang), key="lm_sentence"))
        if not words:
            st.info(t("lm.counts.empty_sentence", lang))
        else:
            st.markdown("**" + t("lm.counts.chain", lang, n=n) + "**")
            cview.chains(
                (
                    (t("lm.counts.unigram", lang), ngram.chain(c, words, 1, add_one)),
                    (t("lm.counts.ngram", lang, n=n), ngram.chain(c, words, n, add_one)),
                ),
                add_one,
                lang,
            )

with tab_neural:
    st.markdown(t("lm.neural.intro", lang))
    line = tokens(st.text_input(t("lm.neural.pairs_input", lang), SLIDE6, key="lm_pairs"))
    st.dataframe(nv.pairs_table(pairs(line), lang), hide_index=True)
    try:
        lm = language_model()
    except CoreError as err:
        st.error(error_text(err, lang))
        lm = None
    if lm is not None:
        st.markdown(t("lm.neural.model", lang, V=len(lm.vocab)))
        prompt = tokens(st.text_input(t("lm.neural.prompt", lang), "quán này", key="lm_prompt"))
        if note := nv.unknown_note(prompt, lm.vocab.known, lang):
            st.caption(note)
        st.plotly_chart(nv.next_word_figure(lm.top_next(prompt), lang), config=nv.CONFIG,
                        key="lm_bars")  # fmt: skip
        st.subheader(t("lm.neural.generate", lang))
        a, b = st.columns(2)
        temperature = a.slider(t("lm.neural.temperature", lang), 0.1, 2.0, 0.8, 0.1,
                               key="lm_temperature")  # fmt: skip
        top_k = b.slider(t("lm.neural.top_k", lang), 1, 50, 10, key="lm_top_k")
        seed = a.number_input(t("lm.neural.seed", lang), 0, 2**31 - 1, 0, key="lm_seed")
        length = b.slider(t("lm.neural.length", lang), 1, 60, 25, key="lm_length")
        cont = lm.generate(prompt, int(length), float(temperature), int(top_k), int(seed))
        st.markdown(nv.continuation_markdown(cont))
        if len(cont.words) < length:
            st.caption(t("lm.neural.ended", lang))
        st.caption(t("lm.neural.reproducible", lang))
        with st.expander(t("lm.card.title", lang), expanded=True):
            st.markdown(nv.card_text(lm.metadata, lang))
            st.dataframe(nv.card_table(lm.metadata, lang), hide_index=True)
            st.caption(nv.card_note(lm.metadata, lang))
            st.plotly_chart(nv.curve_figure(lm.metadata, lang), config=nv.CONFIG,
                            key="lm_curve")  # fmt: skip

with tab_loss:
    st.markdown(t("lm.loss.intro", lang))
    hs = generation_loss.slide_hidden_states()
    cols = st.columns(len(hs))
    targets = [
        col.selectbox(t("lm.loss.target", lang, t=i + 1), range(len(generation_loss.B_FC)),
                      index=generation_loss.TARGETS[i], key=f"lm_y{i + 1}",
                      format_func=lambda k: t("lm.loss.word", lang, k=k))
        for i, col in enumerate(cols)
    ]  # fmt: skip
    g = generation_loss.generation_loss(hs, targets=targets)
    st.markdown("**" + t("lm.loss.fc", lang) + "**")
    st.dataframe(lv.fc_table(g, lang), hide_index=True)
    for s in g.steps:
        st.markdown("**" + t("lm.loss.step", lang, t=s.t) + "**")
        st.code(lv.step_lines(g, s), language=None, wrap_lines=True)
    st.metric(t("lm.loss.total", lang), significant(g.total))
    st.code(lv.total_line(g), language=None, wrap_lines=True)
    st.caption(t("lm.loss.mean", lang, mean=significant(g.mean)))
