"""Text side of the sentiment pipeline (slides 22-24): language, cleaning, tokens.

The language half lives in core/sentiment/language.py (re-exported here). Pure Python
+ langid + NumPy, no torch: the app and the classify command run it
on every review, and the trainer runs the very same functions on the data, so the
model reads at inference exactly what it was trained on.

Tokens are syllables: the data joins the syllables of a word with underscores
(`nhân_viên`) while people type spaces (`nhân viên`), so splitting on both gives
the same tokens for either form (tests/core/sentiment/test_text.py proves it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from core.sentiment.language import (  # noqa: F401 (re-exported: one import for the text side)
    LanguageGuess,
    detect_language,
    detect_languages,
)

# ------------------------------------------------------------------- cleaning

URL_HTML = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"  # links, with or without a scheme
    r"|<[^<>\n]{0,200}>"  # HTML tags such as <p>, </p>, <br/>, <a href=...>
    r"|&(?:[a-zA-Z]{2,8}|#\d{1,6});",  # HTML entities (&amp; &nbsp; &#39;)
    re.IGNORECASE,
)

# Emoji live in several Unicode categories; these code points glue them together
# (zero-width joiner, variation selectors, keycap, tag characters for flags).
_EMOJI_GLUE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


def _is_punct_or_digit(ch: str) -> bool:
    # The underscore is kept: it joins a word's syllables, and tokenize splits on it.
    if ch == "_":
        return False
    cat = unicodedata.category(ch)
    return cat[0] == "P" or cat == "Nd" or cat in ("Sm", "Sc") or (ch.isascii() and cat == "Sk")


def _is_emoji(ch: str) -> bool:
    cp = ord(ch)
    cat = unicodedata.category(ch)
    return (
        cat in ("So", "Sk", "Cs", "Co", "No")  # pictographs, flags' letters, modifiers
        or cp in _EMOJI_GLUE
        or 0xE0020 <= cp <= 0xE007F
    )


def _char_class(pred: Callable[[str], bool]) -> str:
    """A regex character class of the code points up to U+1FFFF that match pred."""
    parts, start = [], None
    for cp in range(0x20000):
        if pred(chr(cp)):
            start = cp if start is None else start
        elif start is not None:
            parts.append(re.escape(chr(start)) + "-" + re.escape(chr(cp - 1)))
            start = None
    return "".join(parts)


@lru_cache(maxsize=1)
def _run_patterns() -> dict[str, re.Pattern]:
    """Compiled once, on first use (scanning Unicode takes ~0.1 s; per-char calls are slow)."""
    emoji = _char_class(_is_emoji) + "\U000e0020-\U000e007f\U000f0000-\U0010ffff"
    return {
        "punct_digits": re.compile("[" + _char_class(_is_punct_or_digit) + "]+"),
        "emoji": re.compile("[" + emoji + "]+"),
    }


def _remove_runs(text: str, key: str) -> tuple[str, tuple[str, ...]]:
    """Replace every run of characters of class key by one space; return the runs."""
    pattern = _run_patterns()[key]
    return pattern.sub(" ", text), tuple(m.group(0) for m in pattern.finditer(text))


def remove_urls_html(text: str) -> str:
    """Step 1: drop links (https://..., www....) and HTML tags/entities."""
    return _urls_html(text)[0]


def _urls_html(text: str) -> tuple[str, tuple[str, ...]]:
    removed = tuple(m.group(0) for m in URL_HTML.finditer(text))
    return URL_HTML.sub(" ", text), removed


# Teencode: the short forms people type, each with its full word(s). The one list the
# cleaning, the page and the tests read. Chosen from what the training reviews contain
# (counts of each form standing alone, not right after a number, in the 30,000 training
# reviews); left out on purpose: "v" (mostly the emoticon ":v"), "hông"/"hem" (also
# words of their own), "a"/"e" (pronouns), "dk"/"đk" (also "điều kiện", "đăng ký"),
# "kg" (also the kilogram, and one left after "2kg" would change on a second cleaning).
TEENCODE: dict[str, str] = {
    "ko": "không",  # 15,415
    "k": "không",  # 7,997 (and 12,797 after a number: see AFTER_NUMBER)
    "kh": "không",  # 146
    "khg": "không",  # 13
    "hok": "không",  # 263
    "đc": "được",  # 4,563
    "dc": "được",  # 1,256
    "j": "gì",  # 1,044
    "bt": "bình thường",  # 442
    "bth": "bình thường",  # 75
    "oke": "ok",  # 130
    "okie": "ok",  # 119
    "oki": "ok",  # 35
    "vs": "với",  # 2,119
    "r": "rồi",  # 834
    "rùi": "rồi",  # 293
    "ng": "người",  # 6,756
    "nv": "nhân viên",  # 1,491
    "mn": "mọi người",  # 85
    "mk": "mình",  # 83
    "mik": "mình",  # 48
    "cx": "cũng",  # 130
    "cg": "cũng",  # 80
    "wa": "quá",  # 174
    "wá": "quá",  # 67
    "nhìu": "nhiều",  # 725
    "lun": "luôn",  # 1,210
    "thik": "thích",  # 220
    "mún": "muốn",  # 217
    "iu": "yêu",  # 91
    "ntn": "như thế nào",  # 147
    "h": "giờ",  # 538 ("bao h")
    "trc": "trước",  # 571
    "nhg": "nhưng",  # 215
    "z": "vậy",  # 82
}
# Right after a number these forms are units, not words: "50k" is fifty thousand đồng
# (12,797 in the training reviews), "7h" seven o'clock (1,568).
AFTER_NUMBER: dict[str, str] = {"k": "nghìn", "h": "giờ"}


def _alternation(forms) -> str:
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


# A form counts only as a word of its own: no letter touching it (an underscore joins
# syllables, so it separates as a space does; a digit does too, as cleaning drops it and
# the form must read the same on a second cleaning). Right after a number (a space or an
# underscore between them allowed), a unit of AFTER_NUMBER is read first. Case is ignored.
TEENCODE_RE = re.compile(
    rf"(?<=\d)(?P<unit>[ _]?(?:{_alternation(AFTER_NUMBER)}))"
    rf"|(?P<form>{_alternation(TEENCODE)})",
    re.IGNORECASE,
)


def _alone(text: str, m: re.Match) -> bool:
    """Whether the match stands alone: no letter touches it (a unit: none after it). Letters
    by str.isalpha, not regex \\w: the '²' of 'z²' goes with the digits, and 'z' must read
    the same then as now (cleaning twice changes nothing)."""
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not after.isalpha() and (m.group("unit") is not None or not before.isalpha())


def _full(m: re.Match) -> str:
    if m.group("unit") is not None:
        return " " + AFTER_NUMBER[m.group("unit").lstrip(" _").lower()]
    return TEENCODE[m.group("form").lower()]


def teencode_matches(text: str) -> list[re.Match]:
    """The forms step 2 replaces in text, in order (their spans mark the page's text)."""
    return [m for m in TEENCODE_RE.finditer(text) if _alone(text, m)]


def _expanded(m: re.Match) -> str:
    return _full(m) if _alone(m.string, m) else m.group(0)


def expand_teencode(text: str) -> str:
    """Step 2: teencode becomes its full words (`ko đc` -> `không được`, `50k` -> `50 nghìn`)."""
    return TEENCODE_RE.sub(_expanded, text)


def _teencode(text: str) -> tuple[str, tuple[str, ...]]:
    changed = tuple(
        f"{m.group(0).strip(' _')} → {_full(m).strip()}" for m in teencode_matches(text)
    )
    return expand_teencode(text), changed


def remove_punct_digits(text: str) -> str:
    """Step 3: drop punctuation and digits (each run becomes a space, so words stay apart)."""
    return _run_patterns()["punct_digits"].sub(" ", text)


def remove_emoji(text: str) -> str:
    """Step 4: drop emoticons, flags and other emoji."""
    return _run_patterns()["emoji"].sub(" ", text)


_WS = re.compile(r"[\s\u200b\u200c\u2060\ufeff]+")


def normalize_whitespace(text: str) -> str:
    """Step 5: every run of whitespace (newlines, tabs, zero-width) becomes one space."""
    return _WS.sub(" ", text).strip()


def _whitespace(text: str) -> tuple[str, tuple[str, ...]]:
    removed = tuple(m.group(0) for m in _WS.finditer(text) if m.group(0) != " ")
    return normalize_whitespace(text), removed


def lowercase(text: str) -> str:
    """Step 6: lowercase (Vietnamese capitals included)."""
    return text.lower()


CLEANING_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("urls_html", remove_urls_html),
    ("teencode", expand_teencode),
    ("punct_digits", remove_punct_digits),
    ("emoji", remove_emoji),
    ("whitespace", normalize_whitespace),
    ("lowercase", lowercase),
)

# The same steps, each also telling what it took out (the page lists the pieces).
_TRACED: dict[str, Callable[[str], tuple[str, tuple[str, ...]]]] = {
    "urls_html": _urls_html,
    "teencode": _teencode,
    "punct_digits": lambda s: _remove_runs(s, "punct_digits"),
    "emoji": lambda s: _remove_runs(s, "emoji"),
    "whitespace": _whitespace,
    "lowercase": lambda s: (lowercase(s), ()),
}


@dataclass(frozen=True)
class CleanStep:
    key: str  # one of CLEANING_STEPS' keys
    text: str  # the text after this step
    removed: tuple[str, ...]  # the pieces this step took out ("ko → không": replaced), in order


def clean_steps(text: str) -> list[CleanStep]:
    """The cleaning steps, with the text after each one: slide 23's five, and teencode
    expanded second (before digits go, so a price's "k" is still seen as one)."""
    # NFC first: a keyboard may send "ê" + combining accent; the vocabulary is composed.
    s = unicodedata.normalize("NFC", text)
    steps = []
    for key, _ in CLEANING_STEPS:
        s, removed = _TRACED[key](s)
        steps.append(CleanStep(key, s, removed))
    return steps


def clean(text: str, steps=CLEANING_STEPS) -> str:
    """All the cleaning steps (or those given); == clean_steps(text)[-1].text."""
    s = unicodedata.normalize("NFC", text)
    for _, fn in steps:
        s = fn(s)
    return s


# ------------------------------------------------------------------- tokens

_SPLIT = re.compile(r"[\s_]+")


def tokenize(cleaned: str) -> list[str]:
    """Syllables: split on whitespace and underscores, so `nhân_viên` == `nhân viên`."""
    return [t for t in _SPLIT.split(cleaned) if t]


def preprocess(text: str, steps=CLEANING_STEPS) -> list[str]:
    """tokenize(clean(text, steps))."""
    return tokenize(clean(text, steps))


def strip_diacritics(text: str) -> str:
    """Vietnamese typed without accents: `quán này ngon` -> `quan nay ngon` (đ -> d)."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))
