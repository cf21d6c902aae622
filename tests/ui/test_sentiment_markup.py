"""The sentiment page's HTML: user text always escaped, marks where core says, words in lang."""

from __future__ import annotations

import html
import re

import pytest

from core.sentiment.review import change_spans
from tests.support.lang import vietnamese_words
from ui.sentiment.markup import (
    SHORT_CHARS,
    SHOW_CHARS,
    cut_point,
    heat_html,
    marked_html,
    removed_html,
    shortened,
    tokens_html,
    unchanged_line,
    verdict_html,
    word_list,
)

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a & b \"'"]


def _visible(body: str) -> str:
    """The text a browser shows for an HTML body (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", body))


def _marked(before: str, key: str, removed: tuple[str, ...], lang: str = "vi") -> str:
    return marked_html(before, key, change_spans(before, key, removed), lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_html_helper_escapes_user_text(payload, lang):
    bodies = [
        _marked(payload + " quán ngon", "urls_html", (), lang),
        _marked(payload, "punct_digits", ("<", ">"), lang),
        removed_html((payload,), lang),
        tokens_html([payload, "ngon", payload], [1, 5], [True, False], 2, lang),
        heat_html([payload, "ngon"], [0.3, -0.1], [True, False]),
    ]
    for body in bodies:
        assert "<script" not in body and "<img" not in body and 'onerror="' not in body
        assert payload in _visible(body)  # shown to the reader as typed


def test_marked_html_strikes_what_the_step_removed_in_order():
    before = "Ngon quá!!! 10 điểm, https://x.vn"
    body = _marked(before, "punct_digits", ("!!!", "10", ","))
    struck = re.findall(r"line-through;\">([^<]*)</span>", body)
    assert struck == ["!!!", "10", ","]
    assert _visible(body) == before  # nothing is lost from the text shown


def test_marked_html_shows_whitespace_and_case_changes():
    body = _marked("  Quán   ngon\n", "whitespace", ())
    assert _visible(body).count("␣") == 2 + 3 + 1  # leading, the run, the newline
    body = _marked("Quán Ngon", "lowercase", ())
    assert re.findall(r"underline;font-weight:700;\">([^<]*)</span>", body) == ["Q", "N"]


def test_a_long_step_is_cut_and_says_how_much_in_each_language():
    before = "a" * (SHOW_CHARS + 1234)
    assert "(+1,234 ký tự)" in _marked(before, "emoji", (), "vi")
    assert "(+1,234 characters)" in _marked(before, "emoji", (), "en")


def test_removed_chips_group_repeats():
    body = removed_html(("!", "!", "?"), "en")
    assert "! ×2" in _visible(body) and "?" in _visible(body)
    assert removed_html((), "en") == ""
    many = tuple(f"w{k}" for k in range(35))
    assert "+5 more kinds" in removed_html(many, "en")
    assert "+5 loại khác" in removed_html(many, "vi")


def test_heat_colours_follow_the_sign_and_size_of_the_influence():
    body = heat_html(["ngon", "dở", "quán"], [0.4, -0.2, 0.0], [False, False, False])
    spans = re.findall(r"rgba\(([\d, ]+),([\d.]+)\)\">([^<]*)<", body)
    (g, a_pos, t1), (r, a_neg, t2), (_, a_zero, t3) = spans
    assert (t1, t2, t3) == ("ngon", "dở", "quán")
    assert g == "47, 158, 68" and r == "224, 49, 49"
    assert float(a_pos) > float(a_neg) > float(a_zero)  # |0.4| > |-0.2| > 0


def test_a_token_that_counts_carries_its_sign_besides_its_colour():
    body = heat_html(["ngon", "dở", "quán"], [0.4, -0.2, 0.01], [False, False, False])
    marks = re.findall(r">([^<>]+)<sup[^>]*>([+−])</sup>", body)
    assert marks == [("ngon", "+"), ("dở", "−")]  # "quán" moves P by 2.5% of the most: no sign


def test_tokens_html_marks_unknown_tokens_and_the_cut_in_each_language():
    body = tokens_html(["a", "b", "c", "d"], [5, 1], [False, True], 2, "vi")
    assert body.count("&lt;unk&gt;") == 1
    assert "Cắt tại token 2" in body
    assert 'line-through">c<' in body and 'line-through">d<' in body
    en = tokens_html(["a", "b", "c", "d"], [5, 1], [False, True], 2, "en")
    assert "Cut at token 2" in en and "Cắt" not in en


def test_verdict_badge_words_the_label_and_keeps_it_for_programs():
    vi = verdict_html("negative", 0.123, "vi")
    en = verdict_html("negative", 0.123, "en")
    assert "TIÊU CỰC" in vi and "NEGATIVE" in en and "TIÊU CỰC" not in en
    for body in (vi, en):
        assert 'data-label="negative"' in body and "P(positive) = 0.123" in body
    assert "TÍCH CỰC" in verdict_html("positive", 0.9, "vi")


def test_a_truncated_review_shows_where_the_model_stops(model):
    from core.sentiment.review import MAX_REVIEW_CHARS, review_trace

    v = review_trace(model, "quán ngon " * (MAX_REVIEW_CHARS // 5))
    a = v.analysis
    body = tokens_html(list(a.tokens), a.ids, a.unknown, a.max_len, "vi")
    assert f"Cắt tại token {a.max_len}" in body
    assert body.count("line-through") == 40  # SHOW_UNREAD greyed tokens, then "… (+N)"
    assert f"(+{len(a.tokens) - a.max_len - 40:,})" in body


# ------------------------------------------------------------ a long review, shortened


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_long_step_shows_a_short_head_cut_at_a_word_and_escapes_it(lang):
    before = (PAYLOADS[1] + " quán ngon ") * 40  # long, with markup in it
    short = marked_html(before, "urls_html", [], lang, limit=SHORT_CHARS)
    shown = _visible(short)
    head = shown.split("…")[0].rstrip()
    assert len(head) <= SHORT_CHARS and before.startswith(head)
    assert before[len(head)] == " "  # cut where a word ends
    n = len(before) - len(head)
    assert {"vi": f"(+{n:,} ký tự)", "en": f"(+{n:,} characters)"}[lang] in shown
    assert "<img" not in short and "&lt;img" in short
    whole = marked_html(before, "urls_html", [], lang, limit=len(before))
    assert _visible(whole) == before  # opened: every character, still escaped
    assert "<img" not in whole


def test_cut_point_keeps_short_text_and_never_splits_a_word():
    assert cut_point("ngon quá", 300) == len("ngon quá")
    text = "quán ngon " * 40  # 400 characters, a space every 5th or 10th
    k = cut_point(text, SHORT_CHARS)
    assert 0.8 * SHORT_CHARS <= k <= SHORT_CHARS
    assert text[k] == " " and text[k - 1] != " "  # cut at a word's end
    assert cut_point("x" * 500, 100) == 100  # one endless word: cut at the limit
    # a space too early (past 80% lost) is not worth it: cut at the limit
    assert cut_point("a " + "x" * 500, 100) == 100
    assert cut_point("x" * 85 + "\n" + "y" * 50, 100) == 85  # a line break counts


def test_shortened_says_how_much_is_left_out():
    assert shortened("quán ngon") == "quán ngon"
    text = "quán ngon " * 40  # 400 characters
    assert shortened(text) == text[:199] + " … (+201)"  # cut after the 20th "ngon"
    assert shortened("x" * 2_345, 100) == "x" * 100 + " … (+2,245)"


def test_unchanged_line_names_the_quiet_steps_in_each_language():
    from core.sentiment.review import step_traces
    from core.sentiment.text import clean_steps

    text = "Quán ngon"
    steps = step_traces(text, clean_steps(text))
    quiet = [s for s in steps if not s.n_removed]
    assert [s.number for s in quiet] == [1, 2, 3, 4, 5]  # only lowercasing changes it
    vi, en = unchanged_line(quiet, "vi"), unchanged_line(quiet, "en")
    assert vi.startswith("**Không thay đổi gì:**") and "4. Bỏ emoji, biểu tượng, cờ" in vi
    assert en.startswith("**Changed nothing:**") and "1. Remove URLs and HTML tags" in en
    assert "2. Expand teencode" in en and "2. Viết đầy đủ teencode" in vi
    assert en.count(";") == 4 and vietnamese_words(en) == []


def test_word_list_quotes_tokens_as_markdown_with_their_position():
    assert word_list(["quán", "*ngon*", "lắm"], [1, 2]) == "«\\*ngon\\*» (#2), «lắm» (#3)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_token_chips_are_capped_with_how_many_more(lang):
    tokens = [f"t{k}" for k in range(100)] + [PAYLOADS[0]]
    ids, unknown = list(range(2, 92)), [False] * 90  # max_len 90: 11 unread
    capped = tokens_html(tokens, ids, unknown, 90, lang, show=40)
    assert capped.count("<sub") == 40 and "t39<" in capped and "t40<" not in capped
    assert {"vi": "… và 61 token nữa", "en": "… and 61 more tokens"}[lang] in _visible(capped)
    whole = tokens_html(tokens, ids, unknown, 90, lang)  # the toggle on: every read token
    assert whole.count("<sub") == 90 and "<script" not in whole
    assert PAYLOADS[0] in _visible(whole)  # the unread tail, escaped
    short = tokens_html(tokens[:30], ids[:30], unknown[:30], 90, lang, show=40)
    assert short == tokens_html(tokens[:30], ids[:30], unknown[:30], 90, lang)  # under the cap


def test_heat_windows_draw_only_their_tokens_and_count_the_gaps():
    tokens = [f"w{k}" for k in range(20)]
    tokens[5] = PAYLOADS[0]
    body = heat_html(tokens, [0.1] * 20, [False] * 20, [(3, 6), (10, 12)])
    chips = re.findall(r">([^<]*)(?:<sup[^>]*>[+−]</sup>)?</span>", body)
    assert chips == [
        "⋯ (+3)", "w3", "w4", html.escape(PAYLOADS[0]), "⋯ (+4)", "w10", "w11", "⋯ (+8)"
    ]  # fmt: skip
    assert "<script" not in body
    assert heat_html(tokens, [0.1] * 20, [False] * 20, [(0, 20)]) == heat_html(
        tokens, [0.1] * 20, [False] * 20
    )


def test_replaced_words_keep_the_texts_font_and_removed_marks_are_monospace():
    """A monospace font draws "đồ"'s tone mark beside the letter: chips of words put in
    (teencode, accents) keep the text's font; punctuation and spaces stay monospace."""
    assert "monospace" in removed_html(("!",), "en", "punct_digits")
    for key in ("teencode", "accents"):
        body = removed_html(("do → đồ",), "en", key)
        assert "monospace" not in body and "do → đồ" in _visible(body)
