"""One language at a time: every visible string, in Vietnamese and English, behind a key.

The catalog is one dict, assembled from a data file per page (ui/strings/<section>.toml)
so that each page's words sit together and a translator edits text, not code; a key is
`<section>.<name>` (or `nav.<page>`, `error.<code>`) and must be unique across files.
Placeholders are str.format fields ("{n} bước"), the same in both languages.
The lecture's own terms and quoted slide or review text are not translated: each file's
`kept` list names the terms a page may show in either language.
"""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

from core.errors import CoreError

STRINGS_DIR = Path(__file__).resolve().parent / "strings"

LANGS = ("vi", "en")
DEFAULT = "vi"
NAMES = {"vi": "Tiếng Việt", "en": "English"}


def _read(path: Path) -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    """One section file: its strings by key, and its kept terms."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kept = frozenset(data.pop("kept", ()))
    return {key: dict(entry) for key, entry in data.items()}, kept


_FILES = {p.stem: _read(p) for p in sorted(STRINGS_DIR.glob("*.toml"))}
SECTIONS: dict[str, dict[str, dict[str, str]]] = {k: v[0] for k, v in _FILES.items()}

# Terms shown as they are in both languages: the lecture's names for things.
KEPT = frozenset().union(*(kept for _, kept in _FILES.values()))


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
