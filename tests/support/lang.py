"""Is a page in one language? What a reader sees, and the words of the other language in it.

English pages must show no Vietnamese interface word: a word with a letter only Vietnamese
uses (đ, ư, ơ, ă, â, ê, ô or a tone mark) gives it away. Vietnamese pages must show no
English interface string: any English catalog text that differs from its Vietnamese twin.
Quoted slide text, review text and the lecture's kept terms are passed in as allowed.
"""

from __future__ import annotations

import re
import unicodedata

from ui.i18n import CATALOG, KEPT, NAMES

# Letters and marks English never uses: Vietnamese's extra vowels, đ, and the five tones.
_VI_BASE = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave acute tilde hook dot
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_vietnamese_word(word: str) -> bool:
    """True if the word has a letter or tone mark that only Vietnamese (here) uses."""
    if any(ch in _VI_BASE for ch in word):
        return True
    return any(m in _TONES for m in unicodedata.normalize("NFD", word))


def vietnamese_words(text: str, allowed: str = "") -> list[str]:
    """The Vietnamese words in text that are not in `allowed` (quoted text) nor kept terms."""
    ok = {w.lower() for w in _WORD.findall(allowed)}
    ok |= {w.lower() for term in (*KEPT, *NAMES.values()) for w in _WORD.findall(term)}
    return [w for w in _WORD.findall(text) if is_vietnamese_word(w) and w.lower() not in ok]


def _fragments(template: str) -> list[str]:
    """The literal pieces of a catalog text, placeholders and Markdown marks removed."""
    parts = re.split(r"\{[^{}]*\}", template)
    return [p.strip(" *_`.:;,()·-—\n") for p in parts]


def english_strings(text: str, min_words: int = 3) -> list[str]:
    """English catalog fragments (min_words or more words) that appear in text.

    Short fragments are skipped: a two-word English phrase can also be a technical term
    the Vietnamese text quotes on purpose.
    """
    found = []
    for entry in CATALOG.values():
        if entry["en"] == entry["vi"]:
            continue
        for frag in _fragments(entry["en"]):
            if len(frag.split()) >= min_words and frag not in entry["vi"] and frag in text:
                found.append(frag)
    return sorted(set(found))


_TEXT_ATTRS = ("value", "label", "body", "help", "placeholder", "caption")


def visible_text(at) -> str:
    """Everything an AppTest run shows as words: titles, prose, labels, options, metrics, tabs."""
    out: list[str] = []

    def walk(node) -> None:
        for attr in _TEXT_ATTRS:
            v = getattr(node, attr, None)
            if isinstance(v, str):
                out.append(v)
        for attr in ("options",):
            v = getattr(node, attr, None)
            if isinstance(v, (list, tuple)):
                out.extend(str(o) for o in v)
        proto = getattr(node, "proto", None)
        for attr in ("label", "body", "title"):
            v = getattr(proto, attr, None) if proto is not None else None
            if isinstance(v, str):
                out.append(v)
        for child in getattr(node, "children", {}).values() if hasattr(node, "children") else ():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def other_language(text: str, lang: str, allowed: str = "") -> list[str]:
    """What text shows of the language the page is not in: Vietnamese words on an English
    page (allowed text and kept terms excepted), English interface strings on a Vietnamese one."""
    return vietnamese_words(text, allowed=allowed) if lang == "en" else english_strings(text)
