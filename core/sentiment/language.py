"""Which language a review is in (slide 22): langid, told what reviews here are written in.

langid alone turns short Vietnamese away: "ngon" has none of its n-grams and gets its
prior's English, "ngon quá" reads as Spanish, emoji get a random language. So:

1. No letter at all (emoji, digits, punctuation): UNDETERMINED (""), not a language.
2. langid chooses among CANDIDATES only (langid's own set_languages arithmetic).
3. When langid's choice is not Vietnamese, Vietnamese evidence is weighed in:
   - each letter only Vietnamese writes (đ ă ơ ư ĩ ũ and the tone-marked vowels of
     U+1EA0-U+1EF9, e.g. ạ ế ộ ữ) adds VI_LETTER_NATS to Vietnamese's log-score;
   - a text whose words are, for at least SHAPE_SHARE of them, Vietnamese syllables
     once their marks are stripped (onset + vowel cluster + final: "quan nay ngon
     lam") or common teencode ("k", "ko", "dc") adds SHAPE_NATS per such word.
   Measured on the 30,000 training reviews: of the 257 that langid (among CANDIDATES)
   does not call Vietnamese, this gives back 50, all of them Vietnamese typed without
   diacritics; English reviews there score 0.1-0.4 on the share. Text langid already
   calls Vietnamese keeps langid's numbers exactly.

The letters â ê ô and the marks of á à ã é è are shared with French, Spanish and
Portuguese, so they are left to langid's n-grams rather than counted as proof.

langid's model is unpacked once and kept in a NumPy cache file, and many texts are
scored on their non-zero features only; the numbers are langid.classify's own.
"""

from __future__ import annotations

import array
import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

VIETNAMESE = "vi"
UNDETERMINED = ""  # the language of a text with no letter to judge (blank, emoji, digits)

# Who writes reviews of places in Vietnam, and so what langid may answer. In the 30,000
# NTC-SCV training reviews langid finds vi (29,736) and en (216); the rest of its answers
# (la, jv, tl, se, br, id, ms...) are Vietnamese typed without diacritics, plus one
# Russian, one Chinese and one French review. So: Vietnamese; English, the visitors' and
# code-switchers' language; French (historic ties, visitors). Then the scripts of the
# largest groups of visitors and of the neighbours (Chinese, Japanese, Korean, Russian,
# Thai, Khmer, Lao): their letters share no n-gram with Latin text, so they cost short
# Vietnamese nothing, and without them such a review would be forced into vi or en.
# Left out: the Latin-script languages that took short Vietnamese (es, pt, it, de, la,
# tl, id, ms...); a Spanish or German review then reads as en or fr: still not vi.
CANDIDATES = ("vi", "en", "fr", "zh", "ja", "ko", "ru", "th", "km", "lo")

VI_LETTER_NATS = 4.0  # per Vietnamese-only letter: e^4 = 55 times the odds
SHAPE_NATS = 5.0  # per word, for a text written in Vietnamese syllables
SHAPE_SHARE = 0.8  # of its words: English reviews here score 0.1-0.4, unaccented vi 0.8-1

_WORDS = re.compile(r"[^\W\d_]+")
_VI_ONLY = re.compile("[đăơưĩũĐĂƠƯĨŨ\u1ea0-\u1ef9]")
# A syllable without its marks: onset, vowel cluster (the longest first), final (the
# accents table counts only such syllables as known, too).
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:oai|oay|oao|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|uai"
    r"|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|yu|a|e|i|o|u|y)"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# Teencode and shorthands of Vietnamese reviews (không, được, gì, rồi, vậy, nhân viên...).
TEENCODE = frozenset(
    {"k", "ko", "kg", "kh", "khg", "hk", "hok", "dc", "đc", "j", "r", "z", "mk", "mn", "ns"}
    | {"vs", "bt", "ok", "oki", "nv", "sp", "cf", "ck", "vk", "ntn", "trc", "sdt"}
)


@dataclass(frozen=True)
class LanguageGuess:
    lang: str  # ISO 639-1, e.g. "vi"; UNDETERMINED ("") when the text has no letter
    prob: float  # normalised over CANDIDATES, in [0, 1]; 0.0 when undetermined
    # What decided: "langid" (its n-grams), "letters" / "syllables" (Vietnamese evidence
    # overturned langid's choice), "none" (no letter to judge).
    basis: str = "langid"


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
                    nb_ptc,
                    z["nb_pc"],
                    nb_ptc.shape[0],
                    [str(c) for c in z["nb_classes"]],
                    array.array("H", z["tk_nextmove"].tobytes()),
                    tk_output,
                    norm_probs=True,
                )
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
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """langid's (F, C) P(feature | language) in float64 and (C,) log prior for CANDIDATES
    only (in that order, Vietnamese first), as langid's set_languages cuts them; converted
    once (langid's own dot product promotes the table to float64 on every call)."""
    ident = _identifier()
    classes = list(ident.nb_classes)
    columns = np.array([classes.index(c) for c in CANDIDATES])
    nb_ptc = ident.nb_ptc[:, columns].astype(np.float64)
    return np.ascontiguousarray(nb_ptc), ident.nb_pc[columns]


def _log_scores(texts: Sequence[str]) -> np.ndarray:
    """langid's log P(text, language) of each text over CANDIDATES, (N, C).

    A review lights up a few hundred of langid's 7,480 byte n-grams, so the product with
    the (F, C) table is done on those rows: identical numbers (tests check them against
    langid.classify), and no large BLAS call, which on a busy machine stalled for
    milliseconds waiting for its threads.
    """
    ident = _identifier()
    nb_ptc, nb_pc = _tables()
    logp = np.empty((len(texts), nb_ptc.shape[1]))
    for n, t in enumerate(texts):
        fv = _features(ident, t)  # (F,) counts
        nz = np.flatnonzero(fv)
        logp[n] = fv[nz].astype(np.float64) @ nb_ptc[nz] + nb_pc
    return logp


def _normalise(logp: np.ndarray) -> np.ndarray:
    """Probabilities per row, the same normalisation as langid's norm_probs=True."""
    p = np.exp(logp - logp.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def has_letter(text: str) -> bool:
    """Whether text holds a letter of any script (Unicode category L*), the thing langid
    judges; digits, emoji, punctuation and numerals such as Ⅻ are not letters."""
    return any(ch.isalpha() for ch in text)


def _strip_marks(text: str) -> str:
    """Lowercase letters without their marks, đ as d (the syllable test reads the shape)."""
    s = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn").replace("đ", "d")


def vietnamese_evidence(text: str) -> tuple[float, str]:
    """Nats to add to Vietnamese's log-score, and which evidence gave them ("letters",
    "syllables", or "" for none)."""
    text = unicodedata.normalize("NFC", text)
    letters = VI_LETTER_NATS * len(_VI_ONLY.findall(text))
    words = _WORDS.findall(_strip_marks(text))
    shaped = sum(w in TEENCODE or SYLLABLE.fullmatch(w) is not None for w in words)
    syllables = SHAPE_NATS * shaped if words and shaped >= SHAPE_SHARE * len(words) else 0.0
    nats = letters + syllables
    return nats, ("" if not nats else "letters" if letters >= syllables else "syllables")


def detect_languages(texts: Sequence[str]) -> list[LanguageGuess]:
    """The language of each text: UNDETERMINED without a letter, else langid among
    CANDIDATES, with Vietnamese letters and syllables weighed in when langid says other
    than Vietnamese (see the module's docstring)."""
    if not texts:
        return []
    logp = _log_scores(texts)  # (N, C), column 0 is Vietnamese
    best = logp.argmax(axis=1)
    basis = ["langid"] * len(texts)
    for n, t in enumerate(texts):
        if best[n] != 0 and has_letter(t):
            nats, why = vietnamese_evidence(t)
            logp[n, 0] += nats
            if why and logp[n].argmax() == 0:
                basis[n] = why
    p = _normalise(logp)
    best = p.argmax(axis=1)
    return [
        LanguageGuess(CANDIDATES[k], float(row[k]), why)
        if has_letter(t)
        else LanguageGuess(UNDETERMINED, 0.0, "none")
        for t, k, row, why in zip(texts, best, p, basis, strict=True)
    ]


def detect_language(text: str) -> LanguageGuess:
    """The language of text (slide 22), with a probability in [0, 1]."""
    return detect_languages([text])[0]
