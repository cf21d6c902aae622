"""The language-model page's controls: the corpus, the sampling settings, the loss's targets,
and the page's two cached resources (the counts of a corpus, the shipped LSTM LM)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.errors import CoreError
from core.lm import corpus, generation_loss, ngram
from core.lm.runtime import OnnxLM
from core.lm.tokens import sentences
from ui.controls import section
from ui.i18n import error_text
from ui.page import LINK, choice, text_link

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "lm"
ss = st.session_state


@st.cache_resource(max_entries=8, show_spinner=False)  # not copied per run: never mutated
def counted(text: str) -> tuple[ngram.NgramCounts, int]:
    """The n-gram counts of a corpus, and its number of sentences."""
    sents = sentences(text)
    return ngram.count(sents), len(sents)


@st.cache_resource(show_spinner=False)
def language_model() -> OnnxLM:
    """The shipped LSTM LM, read once per process."""
    return OnnxLM(MODEL_DIR)


@st.cache_data(max_entries=256, show_spinner=False)
def next_words(prompt: tuple[str, ...]) -> list:
    """The LM's likeliest next words after prompt, once per process for each prompt."""
    return language_model().top_next(list(prompt))


@st.cache_data(max_entries=256, show_spinner=False)
def continuation(
    prompt: tuple[str, ...], length: int, temperature: float, top_k: int, seed: int, end: bool
):
    """A continuation of prompt, written once per process: the same seed writes the same text,
    so a class trying the teacher's prompt and seed costs one generation."""
    return language_model().generate(list(prompt), length, temperature, top_k, seed, end)


def _set_corpus(text: str, example: str) -> None:
    """The corpus, and its example sentence unless the student typed one of their own."""
    if ss.get("lm_sentence", corpus.TOY_SENTENCE) in corpus.EXAMPLE_SENTENCES:
        ss["lm_sentence"] = example
    ss["lm_corpus"] = text


def _load_reviews(lang: str) -> None:
    """The review sample as the corpus; a missing sample is worded above the box, kept."""
    try:
        _set_corpus(corpus.read_sample(MODEL_DIR), corpus.REVIEW_SENTENCE)
    except CoreError as err:
        ss["lm_corpus_error"] = error_text(err, lang)


def corpus_box(lang: str) -> str:
    """Two corpus buttons (the reviews, the toy) and the editable corpus; returns its text."""
    say = section("lm.counts", lang)
    left, right = st.columns(2)
    left.button(say("load_reviews"), key="lm_load_reviews", on_click=_load_reviews, args=(lang,))
    toy = (corpus.TOY_CORPUS, corpus.TOY_SENTENCE)
    right.button(say("load_toy"), key="lm_load_toy", on_click=_set_corpus, args=toy)
    if err := ss.pop("lm_corpus_error", None):
        st.error(err)
    ss.setdefault("lm_corpus", corpus.TOY_CORPUS)
    ss.setdefault("lm_sentence", corpus.TOY_SENTENCE)
    return st.text_area(key="lm_corpus", height=150, **text_link("lm_corpus", say("corpus"), lang))


def sampling(lang: str) -> tuple[float, int, int, int, bool]:
    """Temperature, top-k, seed, length of a continuation, and whether </s> may end it."""
    say = section("lm.neural", lang)
    a, b = st.columns(2)
    temperature = a.slider(say("temperature"), 0.1, 2.0, 0.8, 0.1, key="lm_temperature", **LINK)
    top_k = b.slider(say("top_k"), 1, 50, 10, key="lm_top_k", **LINK)
    seed = a.number_input(say("seed"), 0, 2**31 - 1, 0, key="lm_seed", **LINK)
    length = b.slider(say("length"), 1, 60, 25, key="lm_length", **LINK)
    write_on = st.toggle(say("write_on"), key="lm_write_on", help=say("write_on_help"), **LINK)
    return float(temperature), int(top_k), int(seed), int(length), not write_on


def targets(steps: int, lang: str) -> list[int]:
    """The word each step of the slides' example should predict, one box per step."""
    say = section("lm.loss", lang)
    words = range(len(generation_loss.B_FC))
    return [
        choice(
            col.selectbox,
            say("target", t=i + 1),
            words,
            default=generation_loss.TARGETS[i],
            key=f"lm_y{i + 1}",
            format_func=lambda k: say("word", k=k),
        )
        for i, col in enumerate(st.columns(steps))
    ]
