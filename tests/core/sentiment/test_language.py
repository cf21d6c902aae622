"""Language detection (slide 22): langid's own numbers, and short Vietnamese not turned away.

Moved from test_text.py; detect_languages' scores are held to langid.classify's own (with
set_languages) where the Vietnamese evidence is not consulted.
"""

import langid
import pytest

from core.sentiment.language import (
    CANDIDATES,
    SHAPE_NATS,
    UNDETERMINED,
    VI_LETTER_NATS,
    has_letter,
    vietnamese_evidence,
)
from core.sentiment.text import detect_language, detect_languages, strip_diacritics


@pytest.fixture(scope="module")
def restricted():
    """langid's own identifier, told to choose among CANDIDATES (its set_languages)."""
    from langid.langid import LanguageIdentifier, model

    ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    ident.set_languages(list(CANDIDATES))
    return ident


def test_detects_vietnamese_and_english_with_normalised_probability():
    vi = detect_language("Quán này đồ ăn ngon , nhân viên phục vụ nhiệt tình , sẽ quay lại .")
    en = detect_language("The room is cheap and the staff is so nice, near the city center.")
    assert (vi.lang, en.lang) == ("vi", "en")
    assert 0.9 < vi.prob <= 1.0 and 0.5 < en.prob <= 1.0


def test_blank_text_has_no_language():
    assert detect_language("  \n ").lang == ""
    assert detect_language("").prob == 0.0


# ------------------------------------------------------------------ issue 13


ORDINARY = [
    "Mình được 1 cô bạn giới_thiệu đến đây , tìm địa_chỉ khá dễ .",
    "Visiting Da Nang frequently but this is the first time",
    "The coffee is great and the staff are friendly, I love this place.",
    "C'est très bon, je reviendrai avec mes amis.",
    "Le service était lent mais le repas était délicieux.",
    "Das Essen war sehr gut",  # German is no candidate: langid's best among them
    "好吃，服务也很好",
    "맛있어요, 또 올게요",
    "Очень вкусно и недорого",
    "Terrible service, never again.",
]


def test_ordinary_text_keeps_langids_numbers_among_the_candidates(restricted):
    """Where the Vietnamese evidence is not consulted (langid says vi, or the text has no
    Vietnamese letter or shape), the answer is langid's own with set_languages."""
    for guess, text in zip(detect_languages(ORDINARY), ORDINARY, strict=True):
        lang, prob = restricted.classify(text)
        assert (guess.lang, guess.basis) == (lang, "langid"), text
        assert guess.prob == pytest.approx(prob, abs=1e-9)


@pytest.mark.parametrize(
    "text",
    [
        "ngon",  # langid: English (it knows none of its n-grams: its prior speaks)
        "ngon quá",  # langid: Spanish
        "Không tệ",
        "bún chả ngon",
        "Bún chả ở đây ngon",
        "quan nay ngon lam, gia re",  # no diacritics
        "do an ngon, phuc vu nhanh, se quay lai",
        "k ngon",  # teencode
        "binh thuong",
        "Phở ở đây ngon",
        "dở",
    ],
)
def test_short_vietnamese_is_vietnamese(text):
    g = detect_language(text)
    assert g.lang == "vi", (text, g)
    assert 0.5 < g.prob <= 1.0
    if strip_diacritics(text) == text:  # only its shape can tell langid's English apart
        assert g.basis in ("langid", "syllables")


@pytest.mark.parametrize(
    "text,lang",
    [
        ("The food was great.", "en"),
        ("Terrible service, never again.", "en"),
        ("The phở here is the best in town, I come back every week.", "en"),  # one dish name
        ("Nice place", "en"),
        ("C'est très bon, je reviendrai.", "fr"),
        ("Le service était lent mais le repas était délicieux.", "fr"),
        ("très bon", "fr"),  # ê, è and ô are French too: not proof of Vietnamese
        ("好吃", "zh"),
        ("おいしい", "ja"),
        ("맛있어요", "ko"),
        ("Очень вкусно", "ru"),
    ],
)
def test_other_languages_are_still_detected(text, lang):
    assert detect_language(text).lang == lang


def test_the_evidence_is_what_overturned_langid():
    assert detect_language("ngon").basis == "syllables"
    assert langid.classify("ngon")[0] == "en"  # langid alone: why the evidence is needed
    assert detect_language("The food was great.").basis == "langid"
    assert vietnamese_evidence("The food was great.") == (0.0, "")
    # ì is shared with Italian; đ, ư, ợ are Vietnamese only; both words are syllables.
    nats, why = vietnamese_evidence("Mình được")
    assert why == "letters" and nats == pytest.approx(3 * VI_LETTER_NATS + 2 * SHAPE_NATS)
    assert vietnamese_evidence("quan nay ngon lam")[1] == "syllables"
    assert vietnamese_evidence("I love this place")[0] == 0.0  # 2 of 4 words: under 80%


@pytest.mark.parametrize(
    "text", ["😀", "👍👍👍", "123 456", "!!! ???", "10/10 ❤️", "🇻🇳", "Ⅻ", "½", "  😋\n"]
)
def test_no_letter_is_undetermined_not_a_random_language(text):
    assert not has_letter(text)
    g = detect_language(text)
    assert (g.lang, g.prob, g.basis) == (UNDETERMINED, 0.0, "none")
    assert langid.classify(text)[0] not in ("", "vi")  # langid alone would say one


def test_detection_in_a_batch_equals_one_at_a_time():
    texts = [*ORDINARY, "ngon", "😀", "", "k ngon", "quan nay ngon lam"]
    assert detect_languages(texts) == [detect_language(t) for t in texts]


def test_every_answer_is_a_candidate_or_undetermined():
    texts = [*ORDINARY, "ngon", "😀", "", "La comida estaba muy buena", "Xin chào"]
    for g in detect_languages(texts):
        assert g.lang in CANDIDATES or g.lang == UNDETERMINED
        assert g.basis in ("langid", "letters", "syllables", "none")


def test_no_letter_is_never_turned_away_as_not_vietnamese(model):
    """Emoji, digits, punctuation: no tokens remain after cleaning, so the status is
    `empty` (nothing to classify), not `not_vietnamese`; short Vietnamese is `ok`."""
    texts = ["😀😀", "123", "!!! 👍", "ngon", "ngon quá", "Không tệ", "bún chả ngon", "k ngon"]
    results = model.classify(texts)
    assert [r.status for r in results] == ["empty"] * 3 + ["ok"] * 5
    assert [r.language for r in results] == ["", "", ""] + ["vi"] * 5
    for text in texts:
        a = model.analyze(text)
        assert a.status != "not_vietnamese" and a.language.lang in ("", "vi")


def test_letterless_text_with_tokens_is_not_not_vietnamese(model):
    """Ⅻ (a numeral, not a letter) survives cleaning as a token: classified, status ok."""
    r = model.classify(["Ⅻ"])[0]
    assert r.language == UNDETERMINED and r.status == "ok"
