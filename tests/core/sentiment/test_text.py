"""The cleaning steps (slide 23's five and teencode), and syllable tokens (language:
test_language.py)."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.sentiment.text import (
    CLEANING_STEPS,
    TEENCODE,
    clean,
    clean_steps,
    expand_teencode,
    lowercase,
    normalize_whitespace,
    preprocess,
    remove_emoji,
    remove_punct_digits,
    remove_urls_html,
    strip_diacritics,
    teencode_matches,
    tokenize,
)
from tests.support.paths import DATA

# ---------------------------------------------------------------- cleaning steps


def test_steps_are_the_five_of_slide_23_in_order_with_teencode_second():
    keys = [k for k, _ in CLEANING_STEPS]
    assert keys == ["urls_html", "teencode", "punct_digits", "emoji", "whitespace", "lowercase"]
    steps = clean_steps("Xin chào")
    assert [s.key for s in steps] == keys


def test_urls_really_go():
    text = "Xem menu https://foody.vn/ha-noi/quan?x=1&y=2 hoặc www.foody.vn/abc nhé http://a.b"
    out = remove_urls_html(text)
    assert "foody" not in out and "http" not in out and "www" not in out
    assert out.split() == ["Xem", "menu", "hoặc", "nhé"]
    step = clean_steps(text)[0]
    assert step.removed == (
        "https://foody.vn/ha-noi/quan?x=1&y=2",
        "www.foody.vn/abc",
        "http://a.b",
    )


def test_html_tags_and_entities_go():
    out = remove_urls_html('<p>Ngon&nbsp;lắm</p><br/><a href="x">đây</a>')
    assert out.split() == ["Ngon", "lắm", "đây"]


def test_punctuation_and_digits_go_but_underscores_and_letters_stay():
    text = "Giá 295k/nồi , ngon!!! (thật) — “tuyệt” nhân_viên 1 2 3 đẹp…"
    out = remove_punct_digits(text)
    assert out.split() == ["Giá", "k", "nồi", "ngon", "thật", "tuyệt", "nhân_viên", "đẹp"]
    assert not re.search(r"\d", out)


def test_emoji_flags_and_emoticons_go():
    text = "Ngon 😋👍🏽 cờ 🇻🇳 gia đình 👨‍👩‍👧 tim ❤️ sao ★ xong"
    out = remove_emoji(text)
    assert out.split() == ["Ngon", "cờ", "gia", "đình", "tim", "sao", "xong"]
    assert all(unicodedata.category(c)[0] in "LZ" for c in out)
    assert clean_steps(text)[3].removed == ("😋👍🏽", "🇻🇳", "👨\u200d👩\u200d👧", "❤️", "★")


def test_whitespace_is_one_space_between_words():
    assert normalize_whitespace("  a \n\t b\u200b  c \r\n") == "a b c"


def test_lowercase_handles_vietnamese_capitals():
    assert lowercase("ĐẸP QUÁ Ừ Ổn") == "đẹp quá ừ ổn"


def test_slide_23_example_end_to_end():
    text = (
        "Quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử , nhưng thực_sự ăn xong "
        "thấy không được ngon. 👍👍</p>\nMình được 1 cô bạn giới_thiệu đến đây , tìm địa_chỉ "
        "khá dễ. Menu nước uống chất khỏi nói . https://foody.com"
    )
    steps = clean_steps(text)
    assert steps[-1].text == clean(text)
    assert steps[-1].text == (
        "quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử nhưng thực_sự ăn xong "
        "thấy không được ngon mình được cô bạn giới_thiệu đến đây tìm địa_chỉ khá dễ menu "
        "nước uống chất khỏi nói"
    )
    assert steps[0].removed == ("</p>", "https://foody.com")
    assert steps[1].removed == () and steps[5].removed == ()


# ---------------------------------------------------------------- teencode


def test_teencode_forms_become_their_words_as_words_of_their_own():
    text = "Ko ngon, k đc j cả; nv bt, bao h quay lại thì cx ok"
    assert clean(text) == (
        "không ngon không được gì cả nhân viên bình thường bao giờ quay lại thì cũng ok"
    )
    step = clean_steps(text)[1]
    assert step.key == "teencode"
    assert step.removed == (
        "Ko → không", "k → không", "đc → được", "j → gì", "nv → nhân viên",
        "bt → bình thường", "h → giờ", "cx → cũng",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("giá 50k một phần", "giá 50 nghìn một phần"),  # a price: thousand đồng
        ("giá 50 k một phần", "giá 50 nghìn một phần"),
        ("mở cửa lúc 7h sáng", "mở cửa lúc 7 giờ sáng"),
        ("mua 2kg cua", "mua 2kg cua"),  # the kilogram is not teencode
        ("khoai kho ngon", "khoai kho ngon"),  # forms inside longer words
        ("2 ng thì vừa", "2 người thì vừa"),  # after a number, other forms are words
    ],
)
def test_teencode_reads_units_after_numbers_and_leaves_parts_of_words_alone(text, expanded):
    assert expand_teencode(text) == expanded


def test_every_teencode_form_is_expanded_and_each_full_form_is_plain_vietnamese():
    for form, full in TEENCODE.items():
        assert expand_teencode(f"quán {form} nhé") == f"quán {full} nhé", form
        assert expand_teencode(f"{form.upper()}!") == f"{full}!", form
        assert form == form.lower() and form != full
        assert not teencode_matches(full), (form, full)  # expanding twice changes nothing


def test_decomposed_unicode_is_composed_first():
    nfd = unicodedata.normalize("NFD", "Quán ĐẸP")
    assert preprocess(nfd) == ["quán", "đẹp"]


# ---------------------------------------------------------------- tokens


def test_underscores_and_spaces_give_the_same_tokens():
    a = preprocess("Nhân_viên dễ_thương , không_gian rộng_rãi .")
    b = preprocess("Nhân viên dễ thương , không gian rộng rãi .")
    assert a == b == ["nhân", "viên", "dễ", "thương", "không", "gian", "rộng", "rãi"]


syllable = st.text(
    alphabet="abcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậéèẻẽẹ", min_size=1, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.lists(syllable, min_size=1, max_size=3), min_size=0, max_size=12))
def test_token_equality_holds_for_any_segmentation(words):
    underscored = " ".join("_".join(w) for w in words)
    typed = " ".join(" ".join(w) for w in words)
    expanded = [t for w in words for s in w for t in TEENCODE.get(s, s).split()]
    assert preprocess(underscored) == preprocess(typed) == expanded


@pytest.mark.skipif(not DATA.is_dir(), reason="NTC-SCV data folder absent")
def test_token_equality_on_real_reviews():
    files = sorted((DATA / "data_train" / "test" / "pos").glob("*.txt"))[:300]
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert preprocess(text) == preprocess(text.replace("_", " ")), f.name


def test_tokenize_drops_empty_pieces():
    assert tokenize("_a__b_ c ") == ["a", "b", "c"]
    assert tokenize("") == []


def test_strip_diacritics_types_like_a_hurried_user():
    assert strip_diacritics("Quán này ngon, Đẹp lắm, được") == "Quan nay ngon, Dep lam, duoc"
