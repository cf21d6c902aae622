"""The sentiment page's HTML: marked cleaning steps, token chips, the heat line, the verdict.

Every piece of user text that ends up in HTML goes through `esc` (html.escape) here, in
one place; the words around it come from the catalog in the reader's language.
"""

from __future__ import annotations

import html
from collections import Counter

from ui.i18n import t
from ui.markdown import md_escape

SHORT_CHARS = 200  # a long text is shown this short first, the rest one click away
SHOW_CHARS = 2_000  # a cleaning step, opened, shows at most this much text
SHOW_TOKENS = 40  # token chips shown before "… and N more" (the rest one toggle away)
SHOW_UNREAD = 40  # tokens past max_len listed before "... and N more"
SHOW_KINDS = 30  # distinct removed pieces listed as chips

# The verdict's colours, shared with the charts: white words on them reach WCAG AA's 4.5:1
# (the brighter #2f9e44 and #e03131 gave 3.4 and 4.5).
POS, NEG = "#2a7f3b", "#c92a2a"
_POS_RGB = "47, 158, 68"  # green: pushes towards "positive"
_NEG_RGB = "224, 49, 49"  # red: pushes towards "negative"
_CHIP = "display:inline-block;margin:2px 3px;padding:2px 7px;border-radius:6px;"


def cut_point(text: str, limit: int = SHORT_CHARS) -> int:
    """Where to shorten text to at most limit characters: len(text) if it fits, else the
    last whitespace before limit (so no word is split), or limit if that leaves < 80%."""
    if len(text) <= limit:
        return len(text)
    k = max(text.rfind(ch, 0, limit + 1) for ch in " \n\t")
    return k if k >= 0.8 * limit else limit


def shortened(text: str, limit: int = SHORT_CHARS) -> str:
    """text itself if it fits in limit characters, else its head cut at a word's end and
    how many characters are left out: "quán ngon … (+1,234)"."""
    short = text[: cut_point(text, limit)]
    return short if short == text else f"{short} … (+{len(text) - len(short):,})"


def esc(s: str) -> str:
    """User text as HTML text: <, >, &, and both quotes escaped."""
    return html.escape(s, quote=True)


def marked_html(
    before: str, key: str, spans: list[tuple[int, int]], lang: str, limit: int = SHOW_CHARS
) -> str:
    """`before` escaped, with what the step changes struck through in red (case: underlined);
    cut at a word's end near `limit` characters, saying how many more there are."""
    end = cut_point(before, limit)
    shown, cut = before[:end], len(before) - end
    out, pos = [], 0
    for a, b in spans:
        if a < pos or a >= len(shown):
            continue
        out.append(esc(shown[pos:a]))
        piece = shown[a:b]
        if key == "whitespace":
            piece = "␣" * len(piece)  # make invisible characters visible
            style = "background:#ffe3e3;color:#c92a2a;"
        elif key == "lowercase":
            style = "background:#fff3bf;text-decoration:underline;font-weight:700;"
        else:
            style = "background:#ffe3e3;color:#c92a2a;text-decoration:line-through;"
        out.append(f'<span style="{style}">{esc(piece)}</span>')
        pos = b
    out.append(esc(shown[pos:]))
    tail = f' <i style="color:#868e96">{t("sentiment.more_chars", lang, n=cut)}</i>' if cut else ""
    body = "".join(out).replace("\n", "⏎<br>")
    return (
        '<div style="font-size:1.05rem;line-height:1.7;white-space:pre-wrap;'
        "word-break:break-word;padding:6px 10px;border:1px solid #dee2e6;"
        f'border-radius:8px;background:#f8f9fa">{body}{tail}</div>'
    )


def removed_html(removed: tuple[str, ...], lang: str, key: str = "") -> str:
    """The pieces a step took out, as escaped red chips (grouped, with counts). Pieces it
    replaced by words (`key` teencode, accents: "do → đồ") keep the text's font: monospace
    fonts draw Vietnamese tone marks beside the letter ("đô`")."""
    if not removed:
        return ""
    counts = Counter(removed)
    font = "" if key in ("teencode", "accents") else "font-family:monospace"
    chips = []
    for piece, n in list(counts.items())[:SHOW_KINDS]:
        label = esc(piece) if piece.strip() else "␣" * len(piece.replace("\r\n", "\n"))
        times = f" ×{n}" if n > 1 else ""
        chips.append(
            f'<span style="{_CHIP}background:#ffe3e3;color:#c92a2a;{font}">{label}{times}</span>'
        )
    more = len(counts) - SHOW_KINDS
    if more > 0:
        chips.append(
            f'<span style="color:#868e96">{t("sentiment.more_kinds", lang, n=more)}</span>'
        )
    return f'<div style="line-height:2">{"".join(chips)}</div>'


def unchanged_line(steps: list, lang: str) -> str:
    """One Markdown line naming the cleaning steps (core StepTraces) that changed nothing."""
    names = "; ".join(f"{s.number}. {t(f'sentiment.step.{s.key}', lang)}" for s in steps)
    return t("sentiment.unchanged", lang, steps=names)


def word_list(tokens: list[str], positions: list[int]) -> str:
    """Tokens as Markdown, quoted with their position from 1: «ngon» (#5), «dở» (#9)."""
    return ", ".join(f"«{md_escape(tokens[k])}» (#{k + 1})" for k in positions)


def tokens_html(
    tokens: list[str],
    ids: list[int],
    unknown: list[bool],
    max_len: int,
    lang: str,
    show: int | None = None,
) -> str:
    """Each read token with its vocabulary index; <unk> in red; unread tokens greyed.

    show: at most this many chips, then "… and N more tokens" (None: every token).
    """
    more = 0
    if show is not None and len(tokens) > show:
        ids, more = ids[:show], len(tokens) - min(show, len(ids))
        tokens = tokens[: len(ids)]
    chips = []
    for k, (tok, i, unk) in enumerate(zip(tokens, ids, unknown, strict=False), start=1):
        if unk:
            style = "background:#ffe3e3;border:2px dashed #c92a2a;"
            idx = f"{i} {esc('<unk>')}"
        else:
            style = "background:#e7f5ff;border:1px solid #74c0fc;"
            idx = str(i)
        chips.append(
            f'<span title="{esc(t("sentiment.token_tip", lang, t=k))}" style="{_CHIP}{style}">'
            f'{esc(tok)}<sub style="color:#495057;margin-left:3px">{idx}</sub></span>'
        )
    unread = tokens[len(ids) :]
    if unread:
        cut = esc(t("sentiment.cut_here", lang, max_len=max_len))
        chips.append(f'<div style="margin:6px 0 2px;color:#c92a2a;font-weight:700">{cut}</div>')
        for tok in unread[:SHOW_UNREAD]:
            chips.append(
                f'<span style="{_CHIP}background:#f1f3f5;color:#adb5bd;'
                f'text-decoration:line-through">{esc(tok)}</span>'
            )
        if len(unread) > SHOW_UNREAD:
            chips.append(f'<span style="color:#868e96">… (+{len(unread) - SHOW_UNREAD:,})</span>')
    if more:
        chips.append(
            f'<span style="color:#868e96">{esc(t("sentiment.more_tokens", lang, n=more))}</span>'
        )
    return f'<div style="font-size:1.05rem;line-height:2.1">{"".join(chips)}</div>'


def _gap(n: int) -> str:
    """A grey chip standing for n tokens left out of the heat line."""
    return f'<span style="{_CHIP}background:#f1f3f5;color:#868e96">⋯ (+{n:,})</span>'


def heat_html(
    tokens: list[str],
    influence: list[float],
    unknown: list[bool],
    windows: list[tuple[int, int]] | None = None,
) -> str:
    """Tokens on a green (pushes positive) / red (pushes negative) background, escaped.

    windows: only these token ranges [start, end), a ⋯ (+n) chip for each gap (None: all).
    """
    scale = max((abs(v) for v in influence), default=0.0) or 1.0
    n = len(tokens)
    windows = [(0, n)] if windows is None else windows
    chips, pos = [], 0
    for a, b in windows:
        if a > pos:
            chips.append(_gap(a - pos))
        chips += [_heat_chip(tokens[k], influence[k], unknown[k], scale) for k in range(a, b)]
        pos = b
    if pos < n:
        chips.append(_gap(n - pos))
    return f'<div style="font-size:1.2rem;line-height:2.2">{"".join(chips)}</div>'


# A token that moves P(positive) by at least this share of the most any token does also
# carries its sign, + or −, so the way it pushes is never said by colour alone (WCAG 1.4.1).
SIGN_FROM = 0.15


def _heat_chip(tok: str, v: float, unk: bool, scale: float) -> str:
    """One token of the heat line: its colour (and, when it counts, a sign) says which way it
    pushes, the colour's strength how hard."""
    rgb = _POS_RGB if v >= 0 else _NEG_RGB
    alpha = 0.08 + 0.82 * min(abs(v) / scale, 1.0)
    border = "border:2px dashed #495057;" if unk else "border:1px solid transparent;"
    sign = ("+" if v >= 0 else "−") if abs(v) >= SIGN_FROM * scale else ""
    mark = f'<sup style="font-weight:700">{sign}</sup>' if sign else ""
    return (
        f'<span title="{v:+.3f}" style="{_CHIP}{border}'
        f'background:rgba({rgb},{alpha:.2f})">{esc(tok)}{mark}</span>'
    )


def verdict_html(label: str, p: float, lang: str) -> str:
    """A big coloured badge; only model output goes in, never user text.

    data-label carries the label in English for programs (tests), whatever the language.
    """
    color, icon = (POS, "👍") if label == "positive" else (NEG, "👎")
    word = esc(t(f"sentiment.label.{label}", lang).upper())
    return (
        f'<div data-label="{label}" style="background:{color};color:white;border-radius:14px;'
        'padding:12px 20px;text-align:center"><div style="font-size:2.1rem;font-weight:800;'
        f'line-height:1.2">{icon} {word}</div><div style="font-size:1.15rem">'
        f"P(positive) = {p:.3f}</div></div>"
    )
