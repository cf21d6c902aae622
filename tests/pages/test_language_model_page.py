"""The language-model page through the real app (AppTest), in each language, every control."""

import pytest

from core.lm import generation_loss as gl
from core.lm.corpus import REVIEW_SENTENCE, TOY_CORPUS, TOY_SENTENCE
from core.lm.runtime import OnnxLM
from core.lm.tokens import tokens
from tests.support.apptest import open_page
from tests.support.lang import english_strings, vietnamese_words, visible_text
from tests.support.paths import MODELS
from ui.format import significant
from ui.i18n import t
from ui.lm import neural as nv

PAGE = "pages/language-model.py"
SLIDE6 = "trăm năm trong cõi người ta"


def metric(at, label: str) -> str:
    """The value of the metric whose label is exactly label."""
    found = [m.value for m in at.metric if m.label == label]
    assert found, (label, [m.label for m in at.metric])
    return found[0]


def model_text(prompt: str, length=25, temperature=0.8, top_k=10, seed=0) -> str:
    """What the model itself says for these settings: continuation and its top ten words."""
    lm = OnnxLM(MODELS / "lm")
    words = tokens(prompt)
    cont = lm.generate(words, length, temperature, top_k, seed)
    return " ".join([*cont.words, *(w for w, _ in lm.top_next(words))])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_counts_tab_substitutes_the_numbers_and_shows_what_a_zero_does(lang):
    at = open_page(PAGE, lang=lang)
    uni, bi = t("lm.counts.unigram", lang), t("lm.counts.ngram", lang, n=2)
    assert at.text_area(key="lm_corpus").value == TOY_CORPUS
    # P(i go to school): unigram 3/24 * 4/24 * 3/24 * 3/24; bigram 3/24 * 2/3 * 3/4 * 2/3 = 1/24
    assert metric(at, t("lm.counts.ppl", lang, model=uni)) == significant((108 / 24**4) ** -0.25)
    assert metric(at, t("lm.counts.ppl", lang, model=bi)) == significant(24**0.25)
    assert "P(i go to school) = 0.125 × 0.6667 × 0.75 × 0.6667 = 0.04167" in [
        c.value.splitlines()[0] for c in at.code
    ]
    at.radio(key="lm_n").set_value(3).run()
    tri = t("lm.counts.ngram", lang, n=3)
    assert metric(at, t("lm.counts.ppl", lang, model=tri)) == significant(18**0.25)  # 1/8*2/3*1*2/3
    at.radio(key="lm_n").set_value(2).run()
    at.text_input(key="lm_sentence").set_value("you like school").run()
    assert metric(at, t("lm.counts.ppl", lang, model=bi)) == "∞"
    assert any("P\\(like \\| you\\)" in w.value for w in at.warning)
    at.toggle(key="lm_add_one").set_value(True).run()
    assert not at.warning and at.success[0].value == t("lm.counts.smoothed", lang)
    assert metric(at, t("lm.counts.ppl", lang, model=bi)) != "∞"
    at.text_input(key="lm_sentence").set_value("!!!").run()
    assert at.info[0].value == t("lm.counts.empty_sentence", lang)
    at.text_area(key="lm_corpus").set_value("...\n").run()
    assert at.warning[0].value == t("lm.counts.empty_corpus", lang)
    assert not at.exception


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_review_corpus_loads_with_one_click_and_the_toy_comes_back(lang):
    at = open_page(PAGE, lang=lang)
    at.button(key="lm_load_reviews").click().run()
    assert len(at.text_area(key="lm_corpus").value.splitlines()) == 2000
    summary = [c.value for c in at.caption if "V =" in c.value][0]
    assert summary.startswith("2000 ")
    for n in (1, 4):
        at.radio(key="lm_n").set_value(n).run()
        assert not at.exception
    at.button(key="lm_load_toy").click().run()
    assert at.text_area(key="lm_corpus").value == TOY_CORPUS
    assert not at.exception


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_example_sentence_follows_the_corpus_but_a_typed_one_stays(lang):
    """With the reviews loaded, "i go to school" was all unseen: every perplexity infinite."""
    at = open_page(PAGE, lang=lang)
    bi = t("lm.counts.ppl", lang, model=t("lm.counts.ngram", lang, n=2))
    at.button(key="lm_load_reviews").click().run()
    sentence = at.text_input(key="lm_sentence").value
    assert sentence == REVIEW_SENTENCE and vietnamese_words(sentence)
    assert metric(at, bi) != "∞" and not at.warning
    at.button(key="lm_load_toy").click().run()
    assert at.text_input(key="lm_sentence").value == TOY_SENTENCE
    at.text_input(key="lm_sentence").set_value("you like school").run()
    at.button(key="lm_load_reviews").click().run()
    assert at.text_input(key="lm_sentence").value == "you like school"
    assert not at.exception


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_lstm_tab_writes_what_the_model_writes_for_a_seed(lang):
    at = open_page(PAGE, lang=lang)
    at.text_input(key="lm_pairs").set_value("một hai ba").run()
    assert len(at.dataframe) >= 3
    at.text_input(key="lm_prompt").set_value("nhân viên").run()
    at.slider(key="lm_temperature").set_value(1.2).run()
    at.slider(key="lm_top_k").set_value(5).run()
    at.slider(key="lm_length").set_value(12).run()
    at.number_input(key="lm_seed").set_value(42).run()
    lm = OnnxLM(MODELS / "lm")
    want = nv.continuation_markdown(lm.generate(["nhân", "viên"], 12, 1.2, 5, 42))
    assert want in [m.value for m in at.markdown]
    at.run()  # the same settings again: the same text
    assert want in [m.value for m in at.markdown]
    assert len(at.get("plotly_chart")) == 2  # next-word bars, the card's curve
    assert not at.exception


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_loss_tab_follows_the_targets(lang):
    at = open_page(PAGE, lang=lang)
    total = t("lm.loss.total", lang)
    hs = gl.slide_hidden_states()
    assert metric(at, total) == significant(gl.generation_loss(hs).total)
    at.selectbox(key="lm_y1").set_value(2).run()
    at.selectbox(key="lm_y2").set_value(1).run()
    at.selectbox(key="lm_y3").set_value(1).run()
    assert metric(at, total) == significant(gl.generation_loss(hs, targets=(2, 1, 1)).total)
    assert at.selectbox(key="lm_y1").format_func(2) == t("lm.loss.word", lang, k=2)


def texts_in_every_state(lang: str) -> str:
    """What the page shows by default, with a zero factor, with smoothing, with no sentence."""
    at = open_page(PAGE, lang=lang)
    shown = [visible_text(at)]
    at.text_input(key="lm_sentence").set_value("we like school").run()
    shown.append(visible_text(at))
    at.toggle(key="lm_add_one").set_value(True).run()
    shown.append(visible_text(at))
    at.text_input(key="lm_sentence").set_value("").run()
    shown.append(visible_text(at))
    assert not at.exception
    return "\n".join(shown)


def test_english_page_has_no_vietnamese_interface_word():
    text = texts_in_every_state("en")
    assert "The chain rule, factor by factor" in text
    assert t("lm.counts.empty_sentence", "en") in text and "A factor is 0 at" in text
    allowed = " ".join([SLIDE6, "quán này", model_text("quán này")])
    assert vietnamese_words(text, allowed=allowed) == []


def test_vietnamese_page_has_no_english_interface_string():
    text = texts_in_every_state("vi")
    assert "Quy tắc chuỗi, từng thừa số" in text
    assert t("lm.counts.smoothed", "vi") in text and "Thừa số bằng 0 ở" in text
    assert english_strings(text) == []


def test_a_class_on_the_teachers_prompt_and_seed_costs_one_generation(monkeypatch):
    """The second student with the same prompt and settings gets the first one's text,
    computed once per process (the model is deterministic for a seed)."""
    written = []
    generate = OnnxLM.generate

    def counted(self, *args):
        written.append(args)
        return generate(self, *args)

    monkeypatch.setattr(OnnxLM, "generate", counted)
    texts = []
    for lang in ("vi", "en"):
        at = open_page(PAGE, lang=lang)
        at.text_input(key="lm_prompt").set_value("phục vụ rất").run()
        at.number_input(key="lm_seed").set_value(7_301).run()  # a seed no other test uses
        texts.append([m.value for m in at.markdown if "phục vụ rất" in m.value])
    assert texts[0] and texts[0] == texts[1]
    assert [a for a in written if a[0] == ["phục", "vụ", "rất"] and a[4] == 7_301] == [
        (["phục", "vụ", "rất"], 25, 0.8, 10, 7_301, True)
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_text_that_ends_says_why_and_write_past_the_end_runs_to_length(lang):
    """Seed 2 after "quán này" draws </s> at once (the model's own generate says so); the
    caption gives the model's and the sampled odds of </s>; the toggle lets it write on."""
    lm = OnnxLM(MODELS / "lm")
    cont = lm.generate(["quán", "này"], 25, 0.8, 10, 2)
    assert cont.ended
    at = open_page(PAGE, lang=lang)
    at.text_input(key="lm_prompt").set_value("quán này").run()
    at.number_input(key="lm_seed").set_value(2).run()
    want = nv.ended_text(cont, 0.8, 10, lang)
    assert want in [c.value for c in at.caption]
    at.toggle(key="lm_write_on").set_value(True).run()
    assert not at.exception and want not in [c.value for c in at.caption]
    longer = lm.generate(["quán", "này"], 25, 0.8, 10, 2, allow_end=False)
    assert len(longer.words) == 25
    assert nv.continuation_markdown(longer) in [m.value for m in at.markdown]
