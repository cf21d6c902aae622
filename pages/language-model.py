"""Language models (slides 3-6, 18-19): n-gram counts, an LSTM LM, the generation loss."""

import streamlit as st

from core.errors import CoreError
from core.lm import generation_loss, ngram
from core.lm.tokens import pairs, tokens
from ui.controls import section
from ui.exercises import lm_view as exercise
from ui.format import significant
from ui.i18n import error_text
from ui.lm import controls
from ui.lm import counts_view as cview
from ui.lm import loss as lv
from ui.lm import neural as nv
from ui.page import LINK, projected, start, tabs, text_link
from ui.snippets import view as snippet
from ui.snippets.lm import generation_snippet

lang = start()
say = section("lm", lang)
SLIDE6 = "trăm năm trong cõi người ta"

st.title(say("title"))
st.caption(say("slides"))
names = {k: say(f"tab.{k}") for k in ("counts", "neural", "loss")}
tab_counts, tab_neural, tab_loss = tabs("lm_tab", names)

with tab_counts:
    st.markdown(say("counts.intro"))
    c, n_sent = controls.counted(controls.corpus_box(lang))
    n = st.radio(say("counts.n"), [1, 2, 3, 4], index=1, horizontal=True, key="lm_n", **LINK)
    add_one = st.toggle(say("counts.add_one"), key="lm_add_one", **LINK)
    if not n_sent:
        st.warning(say("counts.empty_corpus"))
    else:
        st.caption(say("counts.summary", sentences=n_sent, tokens=c.total, V=c.V))
        st.markdown("**" + say("counts.table", n=n) + "**")
        cview.count_table(ngram.table(c, n, add_one=add_one), lang)
        words = tokens(
            st.text_input(
                key="lm_sentence", **text_link("lm_sentence", say("counts.sentence"), lang)
            )
        )
        if not words:
            st.info(say("counts.empty_sentence"))
        else:
            st.markdown("**" + say("counts.chain", n=n) + "**")
            unigram = (say("counts.unigram"), ngram.chain(c, words, 1, add_one))
            ngrams = (say("counts.ngram", n=n), ngram.chain(c, words, n, add_one))
            cview.chains((unigram, ngrams), add_one, lang)
    exercise.show(lang)  # P(w|h) and a perplexity, from a seeded corpus

with tab_neural:
    st.markdown(say("neural.intro"))
    line = tokens(st.text_input(say("neural.pairs_input"), SLIDE6, key="lm_pairs", **LINK))
    st.dataframe(nv.pairs_table(pairs(line), lang), hide_index=True)
    try:
        lm = controls.language_model()
    except CoreError as err:
        st.error(error_text(err, lang))
        lm = None
    if lm is not None:
        st.markdown(say("neural.model", V=len(lm.vocab)))
        prompt = tokens(st.text_input(say("neural.prompt"), "quán này", key="lm_prompt", **LINK))
        if note := nv.unknown_note(prompt, lm.vocab.known, lang):
            st.caption(note)
        bars = nv.next_word_figure(controls.next_words(tuple(prompt)), lang)
        st.plotly_chart(projected(bars), config=nv.CONFIG, key="lm_bars")
        st.subheader(say("neural.generate"))
        temperature, top_k, seed, length, end = controls.sampling(lang)
        cont = controls.continuation(tuple(prompt), length, temperature, top_k, seed, end)
        st.markdown(nv.continuation_markdown(cont))
        if cont.ended:
            st.caption(nv.ended_text(cont, temperature, top_k, lang))
        st.caption(say("neural.reproducible"))
        with st.expander(say("card.title"), expanded=True):
            st.markdown(nv.card_text(lm.metadata, lang))
            st.dataframe(nv.card_table(lm.metadata, lang), hide_index=True)
            st.caption(nv.card_note(lm.metadata, lang))
            curve = nv.curve_figure(lm.metadata, lang)
            st.plotly_chart(projected(curve), config=nv.CONFIG, key="lm_curve")

with tab_loss:
    st.markdown(say("loss.intro"))
    hs = generation_loss.slide_hidden_states()
    g = generation_loss.generation_loss(hs, targets=controls.targets(len(hs), lang))
    st.markdown("**" + say("loss.fc") + "**")
    st.dataframe(lv.fc_table(g, lang), hide_index=True)
    for s in g.steps:
        st.markdown("**" + say("loss.step", t=s.t) + "**")
        st.code(lv.step_lines(g, s), language=None, wrap_lines=True)
    st.metric(say("loss.total"), significant(g.total))
    st.code(lv.total_line(g), language=None, wrap_lines=True)
    st.caption(say("loss.mean", mean=significant(g.mean)))
    snippet.show(generation_snippet(g), lang, key="lm_code")
