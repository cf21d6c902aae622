"""Which language a review is in (slide 22): langid, with normalised probabilities.

langid's model is unpacked once and kept in a NumPy cache file, and many texts are
scored on their non-zero features only; the answers are langid.classify's own.
"""

from __future__ import annotations

import array
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np


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
