"""The page's HTML: a review's tokens with a span marked, a match, a unit's strong places.

Every token goes through html.escape here (reviews are user text, and the validation
reviews are data); the words around them come from the catalog in the reader's language.
"""

from __future__ import annotations

import html

from ui.i18n import t
from ui.sentiment.markup import NEG, POS

# The span is marked by a border and bold as well as a colour (never colour alone).
_MARK = (
    "background:#fff3bf;border:2px solid #e67700;border-radius:5px;padding:0 4px;font-weight:700"
)


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def span_html(tokens, start: int, stop: int, before: bool = False, after: bool = False) -> str:
    """tokens escaped, those in [start, stop) marked; "…" where the review goes on."""
    words = [
        f'<mark style="{_MARK}">{esc(tok)}</mark>' if start <= k < stop else esc(tok)
        for k, tok in enumerate(tokens)
    ]
    text = " ".join(words)
    return ("… " if before else "") + text + (" …" if after else "")


def _badge(label: str, lang: str) -> str:
    colour = POS if label == "positive" else NEG
    word = esc(t(f"inside.label.{label}", lang))
    style = f"background:{colour};color:white;border-radius:6px;padding:0 6px"
    return f'<span style="{style}">{word}</span>'


def match_html(m, length: int, lang: str) -> str:
    """One match: its review's label and the model's verdict, then its tokens, span marked.

    length: the review's number of tokens, to say whether the window cuts it."""
    label = "positive" if m.label == 1 else "negative"
    verdict = "positive" if m.p >= 0.5 else "negative"
    head = t("inside.match.head", lang, review=m.review + 1, label=_badge(label, lang),
             verdict=_badge(verdict, lang), p=f"{m.p:.2f}")  # fmt: skip
    a, b = m.start - m.first, m.stop - m.first
    body = span_html(m.window, a, b, before=m.first > 0, after=m.first + len(m.window) < length)
    return (
        f'<div style="margin:0 0 10px 0;line-height:1.9"><div>{head}</div><div>{body}</div></div>'
    )


def spot_html(spot, length: int) -> str:
    """A unit's strong place: its token marked among its neighbours."""
    a = spot.at - spot.start
    body = span_html(spot.tokens, a, a + 1, before=spot.start > 0, after=spot.stop < length)
    return f'<div style="line-height:1.9">{body} <small>(Δc = {spot.delta:+.2f})</small></div>'
