"""Text side of the sentiment pipeline (slides 22-24): language, cleaning, tokens.

Pure Python + langid + NumPy, no torch: the app and the classify command run it
on every review, and the trainer runs the very same functions on the data, so the
model reads at inference exactly what it was trained on.

Tokens are syllables: the data joins the syllables of a word with underscores
(`nhân_viên`) while people type spaces (`nhân viên`), so splitting on both gives
the same tokens for either form (tests/core/sentiment/test_text.py proves it).
"""

from __future__ import annotations

import array
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# ------------------------------------------------------------------- language


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # ISO 639-1, e.g. "vi"; "" when the text has nothing to judge
    prob: float  # normalised, in [0, 1]


_LANGID_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
_LANGID_CACHE = _LANGID_CACHE / "lstm-lab" / "langid-1.1.6-model.npz"
_identifier_lock = threading.Lock()


@lru_cache(maxsize=1)
def _identifier():
    """One langid identifier with normalised probabilities.

    langid unpacks its model from a bz2 string (1.5 s idle, 15 s on a busy machine) on
    every start; the unpacked arrays are kept in a NumPy cache file (never a pickle)
    so the app and the classify command start in milliseconds after the first time.
    """
    from langid.langid import LanguageIdentifier, model

    with _identifier_lock:
        try:
            with np.load(_LANGID_CACHE, allow_pickle=False) as z:
                keys, offsets, values = z["tk_keys"], z["tk_offsets"], z["tk_values"]
                tk_output = {
                    int(k): tuple(int(v) for v in values[offsets[j] : offsets[j + 1]])
                    for j, k in enumerate(keys)
                }
                nb_ptc = z["nb_ptc"]
                return LanguageIdentifier(
                    nb_ptc, z["nb_pc"], nb_ptc.shape[0], [str(c) for c in z["nb_classes"]],
                    array.array("H", z["tk_nextmove"].tobytes()), tk_output, norm_probs=True,
                )  # fmt: skip
        except (OSError, KeyError, ValueError):
            pass  # no cache yet (or a broken one): unpack langid's own string
        ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        try:
            _LANGID_CACHE.parent.mkdir(parents=True, exist_ok=True)
            keys = sorted(ident.tk_output)
            lens = [len(ident.tk_output[k]) for k in keys]
            tmp = _LANGID_CACHE.with_name(f"{_LANGID_CACHE.stem}.{os.getpid()}.tmp.npz")
            np.savez(
                tmp,
                nb_ptc=ident.nb_ptc,
                nb_pc=ident.nb_pc,
                nb_classes=np.array(ident.nb_classes),
                tk_nextmove=np.frombuffer(ident.tk_nextmove, dtype=np.uint16),
                tk_keys=np.array(keys, dtype=np.int64),
                tk_offsets=np.concatenate([[0], np.cumsum(lens)]).astype(np.int64),
                tk_values=np.array([v for k in keys for v in ident.tk_output[k]], dtype=np.int64),
            )
            os.replace(tmp, _LANGID_CACHE)
        except OSError:
            pass  # a read-only home only costs the slow start
        return ident


def _features(ident, text: str) -> np.ndarray:
    """langid's byte n-gram counts of text, (F,) uint32; reads but never writes ident."""
    return ident.instance2fv(text)


@lru_cache(maxsize=1)
def _nb_ptc64() -> np.ndarray:
    """langid's P(feature | language) table in float64, converted once (langid's own dot
    product promotes it to float64 on every call, which costs more than the rest)."""
    return _identifier().nb_ptc.astype(np.float64)


def detect_languages(texts: Sequence[str]) -> list[LanguageGuess]:
    """langid's answer for many texts, computed on each text's non-zero features only.

    A review lights up a few hundred of langid's 7,480 byte n-grams, so the product with
    the (F, L) table is done on those rows: identical numbers (test_text checks them
    against langid.classify), and no large BLAS call, which on a busy machine stalled
    for milliseconds waiting for its threads.
    """
    ident = _identifier()
    nb_ptc = _nb_ptc64()  # (F, L)
    if not texts:
        return []
    logp = np.empty((len(texts), nb_ptc.shape[1]))  # (N, L) log P(text, language)
    for n, t in enumerate(texts):
        fv = _features(ident, t)  # (F,) counts
        nz = np.flatnonzero(fv)
        logp[n] = fv[nz].astype(np.float64) @ nb_ptc[nz] + ident.nb_pc
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    p /= p.sum(axis=1, keepdims=True)  # the same normalisation as norm_probs=True
    best = p.argmax(axis=1)
    return [
        LanguageGuess(str(ident.nb_classes[k]), float(row[k]))
        if t.strip()
        else LanguageGuess("", 0.0)
        for t, k, row in zip(texts, best, p, strict=True)
    ]


def detect_language(text: str) -> LanguageGuess:
    """The language of text by langid (slide 22), with a probability in [0, 1]."""
    return detect_languages([text])[0]


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


def remove_punct_digits(text: str) -> str:
    """Step 2: drop punctuation and digits (each run becomes a space, so words stay apart)."""
    return _run_patterns()["punct_digits"].sub(" ", text)


def remove_emoji(text: str) -> str:
    """Step 3: drop emoticons, flags and other emoji."""
    return _run_patterns()["emoji"].sub(" ", text)


_WS = re.compile(r"[\s\u200b\u200c\u2060\ufeff]+")


def normalize_whitespace(text: str) -> str:
    """Step 4: every run of whitespace (newlines, tabs, zero-width) becomes one space."""
    return _WS.sub(" ", text).strip()


def _whitespace(text: str) -> tuple[str, tuple[str, ...]]:
    removed = tuple(m.group(0) for m in _WS.finditer(text) if m.group(0) != " ")
    return normalize_whitespace(text), removed


def lowercase(text: str) -> str:
    """Step 5: lowercase (Vietnamese capitals included)."""
    return text.lower()


CLEANING_STEPS: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("urls_html", "Bỏ URL và thẻ HTML", remove_urls_html),
    ("punct_digits", "Bỏ dấu câu và chữ số", remove_punct_digits),
    ("emoji", "Bỏ emoji, biểu tượng, cờ", remove_emoji),
    ("whitespace", "Chuẩn hoá khoảng trắng", normalize_whitespace),
    ("lowercase", "Chữ thường", lowercase),
)

# The same steps, each also telling what it took out (the page lists the pieces).
_TRACED: dict[str, Callable[[str], tuple[str, tuple[str, ...]]]] = {
    "urls_html": _urls_html,
    "punct_digits": lambda s: _remove_runs(s, "punct_digits"),
    "emoji": lambda s: _remove_runs(s, "emoji"),
    "whitespace": _whitespace,
    "lowercase": lambda s: (lowercase(s), ()),
}


@dataclass(frozen=True)
class CleanStep:
    key: str  # "urls_html" | "punct_digits" | "emoji" | "whitespace" | "lowercase"
    title: str  # short Vietnamese title for display
    text: str  # the text after this step
    removed: tuple[str, ...]  # the pieces this step took out, in order


def clean_steps(text: str) -> list[CleanStep]:
    """The five cleaning steps of slide 23, with the text after each one."""
    # NFC first: a keyboard may send "ê" + combining accent; the vocabulary is composed.
    s = unicodedata.normalize("NFC", text)
    steps = []
    for key, title, _ in CLEANING_STEPS:
        s, removed = _TRACED[key](s)
        steps.append(CleanStep(key, title, s, removed))
    return steps


def clean(text: str) -> str:
    """All five cleaning steps; == clean_steps(text)[-1].text."""
    s = unicodedata.normalize("NFC", text)
    for _, _, fn in CLEANING_STEPS:
        s = fn(s)
    return s


# ------------------------------------------------------------------- tokens

_SPLIT = re.compile(r"[\s_]+")


def tokenize(cleaned: str) -> list[str]:
    """Syllables: split on whitespace and underscores, so `nhân_viên` == `nhân viên`."""
    return [t for t in _SPLIT.split(cleaned) if t]


def preprocess(text: str) -> list[str]:
    """tokenize(clean(text))."""
    return tokenize(clean(text))


def strip_diacritics(text: str) -> str:
    """Vietnamese typed without accents: `quán này ngon` -> `quan nay ngon` (đ -> d)."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))
