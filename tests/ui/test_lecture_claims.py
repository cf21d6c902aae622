"""What the site says about the lecture, held to the slide text (the seed), issue 20.

Each test reads the claim from the catalog (ui/strings/*.toml) or the code that makes it and
the fact from ../shared/seed/ (tests/support/seed.py)."""

from __future__ import annotations

import re

import pytest

from core.lm.corpus import TOY_CORPUS, TOY_SENTENCE
from tests.support.seed import slide_parts, slide_text
from ui.i18n import CATALOG
from ui.site import PARTS

LANGS = ("vi", "en")


def _named(text: str) -> set[int]:
    """Slide numbers a text cites: 'slide 41', 'slides 32-36', 'Slide 27-30'."""
    out = set()
    for m in re.finditer(r"[Ss]lides? ((?:\d+(?:-\d+)?(?:, | and | và |; )?)+)", text):
        for a, b in re.findall(r"(\d+)(?:-(\d+))?", m.group(1)):
            out |= set(range(int(a), int(b or a) + 1))
    return out


# ------------------------------------------------------------ the cell state c


def test_the_cell_state_first_appears_on_slide_32_and_its_formula_on_41():
    slides = slide_text()
    with_c = sorted(n for n, text in slides.items() if "Cell State" in text)
    assert with_c[:5] == [32, 33, 34, 35, 36] and 41 in with_c
    assert not any("Cell State" in slides[n] for n in range(27, 32))
    assert "⊙" in slides[41] and "LSTM– Current Cell State" in slides[41]


@pytest.mark.parametrize("lang", LANGS)
def test_where_the_site_says_the_cell_state_c_is_it_is(lang):
    slides = slide_text()
    text = CATALOG["sentiment.zoo.length_gap"][lang]
    named = _named(text)
    assert named and all("Cell State" in slides[n] for n in named), named


# ------------------------------------------------------------ the parts and slide 20


def test_slide_20_is_the_last_slide_of_part_1():
    parts = slide_parts()
    assert "Pytorch - Demo" in slide_text()[20] and parts[20] == 1 and parts[21] == 2
    assert (PARTS[0].last, PARTS[1].first) == (20, 21)


@pytest.mark.parametrize("lang", LANGS)
def test_no_string_outside_the_sentiment_catalog_puts_slide_20_in_part_2(lang):
    for key, entry in CATALOG.items():
        if key.startswith(("home.part2", "map.sentiment")) or key == "home.sentiment.slides":
            assert 20 not in _named(entry[lang]), (key, entry[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_sentiment_pages_caption_starts_at_slide_21(lang):
    named = _named(CATALOG["sentiment.caption"][lang])
    assert min(named) == 21 and 24 not in named, named


# ------------------------------------------------------------ the loss on h_T (slides 15-17)


def test_an_fc_layer_first_appears_on_slide_18():
    slides = slide_text()
    assert [n for n in range(3, 51) if "FC Layer" in slides[n]] == [18]
    for n in (15, 16, 17):
        assert "Last Hidden State" in slides[n] or "CE" in slides[n], n


@pytest.mark.parametrize("lang", LANGS)
def test_the_loss_intro_says_the_fc_layer_is_not_on_slides_15_to_17(lang):
    text = CATALOG["calculator.loss_intro"][lang]
    assert {15, 16, 17, 18} <= _named(text)
    # It names slide 18 as where an FC layer first appears, not 15-17 as putting one there.
    assert "18" in text.split("FC")[1][:80] or "18" in text.split("FC")[0][-80:]


# ------------------------------------------------------------ the toy n-gram corpus


def test_only_i_go_to_school_of_the_toy_corpus_is_on_the_slides():
    seed = "\n".join(slide_text().values())
    assert "i,go,to,school" in seed.replace("“", "").replace("”", "")
    lines = TOY_CORPUS.splitlines()
    assert lines[0] == TOY_SENTENCE == "i go to school"
    for line in lines[1:]:  # ours: each has a word the slides never use
        assert any(re.search(rf"\b{w}\b", seed) is None for w in line.split()), line


@pytest.mark.parametrize("lang", LANGS)
def test_the_toy_corpus_button_says_what_is_the_slides_and_what_is_ours(lang):
    text = CATALOG["lm.counts.load_toy"][lang]
    assert "i go to school" in text and _named(text) == {3}
    assert str(len(TOY_CORPUS.splitlines()) - 1) in text


# ------------------------------------------------------------ slide 25 and the shipped LSTM


def test_slide_25_is_embedding_rnn_last_hidden_state_classifier_and_nothing_more():
    s25 = slide_text()[25]
    for part in ("Embedding Layer", "RNN Layer", "Last Hidden State", "Classifier"):
        assert part in s25
    assert "attention" not in s25.lower() and "mean" not in s25.lower()


@pytest.mark.parametrize("lang", LANGS)
def test_no_string_calls_the_shipped_lstm_slide_25s_form(lang):
    """Its classifier also reads the mean of the h and an attention average (README,
    core/training/model.py): more than slide 25's last hidden state."""
    for key, entry in CATALOG.items():
        text = entry[lang]
        assert "25's form" not in text and "dạng slide 25" not in text, key


# ------------------------------------------------------------ slide 24


def test_slide_24_is_the_bag_pages_example():
    """[dog, bites, man] and its lookup table: worked on the bag page, claimed by it alone."""
    s24 = slide_text()[24]
    assert "[dog, bites, man]" in s24 and "Embedding Matrix" in s24
    for lang in LANGS:
        assert 24 in _named(CATALOG["bag.slides"][lang])
        assert 24 not in _named(CATALOG["home.sentiment.slides"][lang])
