"""One language at a time: every visible string, in Vietnamese and English, behind a key.

The catalog is one dict, assembled from a section per page (ui/strings/*.py) so that
each page's words sit together; a key is `<section>.<name>` and must be unique.
Placeholders are str.format fields ("{n} bước"), the same in both languages.
The lecture's own terms and quoted slide or review text are not translated: KEPT lists
the terms a page may show in either language.
"""

from __future__ import annotations

import string

from core.errors import CoreError
from ui.strings import bag, calculator, common, gradients, lm, race, rnn_to_lstm, sentiment

LANGS = ("vi", "en")
DEFAULT = "vi"
NAMES = {"vi": "Tiếng Việt", "en": "English"}

SECTIONS = {
    "common": common.STRINGS,
    "calculator": calculator.STRINGS,
    "gradients": gradients.STRINGS,
    "sentiment": sentiment.STRINGS,
    "bag": bag.STRINGS,
    "rnn_to_lstm": rnn_to_lstm.STRINGS,
    "lm": lm.STRINGS,
    "race": race.STRINGS,
}

# Terms shown as they are in both languages: the lecture's names for things.
KEPT = frozenset(
    common.KEPT
    | calculator.KEPT
    | gradients.KEPT
    | sentiment.KEPT
    | bag.KEPT
    | rnn_to_lstm.KEPT
    | lm.KEPT
    | race.KEPT
)


def _merge(sections: dict[str, dict[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for name, strings in sections.items():
        for key, entry in strings.items():
            if key in catalog:
                raise KeyError(f"catalog key {key!r} of section {name!r} is defined twice")
            catalog[key] = entry
    return catalog


CATALOG = _merge(SECTIONS)


def placeholders(text: str) -> set[str]:
    """The str.format field names in text."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def lang_or_default(lang: str | None) -> str:
    """lang if the site speaks it, else the default (a hand-edited ?lang=xx lands here)."""
    return lang if lang in LANGS else DEFAULT


def t(key: str, lang: str, **params) -> str:
    """The catalog's text for key in lang, its placeholders filled from params."""
    text = CATALOG[key][lang]
    return text.format(**params) if params else text


def error_text(err: CoreError, lang: str) -> str:
    """A core error worded for the reader: the catalog's `error.<code>` with its params."""
    return t(f"error.{err.code}", lang, **err.params)
