"""Bag or sequence: the trace of core/lecture/bag.py as tables, token chips and verdicts.

Typed words reach the page in two ways only: inside DataFrames (Streamlit shows cell
text as text) and inside token chips, whose HTML escapes every word.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from core.lecture.bag import PAD, UNK, BagOrSequence
from ui.format import decimals
from ui.i18n import t

NAMES = ("A", "B", "C", "D")  # sentences, in the order typed
SAME_BG = "background-color: #d3f9d8"  # green: A and B agree
DIFF_BG = "background-color: #ffe3e3"  # red: they do not
PAD_BG = "color: #868e96; background-color: #f1f3f5"  # padding: present but empty

CHIP_CSS = (
    "display:inline-block;margin:2px 4px 2px 0;padding:1px 8px;border-radius:12px;"
    "border:1px solid #ced4da;font-family:monospace;white-space:nowrap"
)
CHIP_KIND = {"word": "#fff", "pad": "#f1f3f5", "unk": "#fff3bf"}


def chips(r: BagOrSequence, n: int) -> str:
    """Sentence n as HTML chips 'word → index', padding included; every word escaped."""
    out = []
    for m, idx in enumerate(r.ids[n]):
        word = r.sentences[n][m] if m < r.lengths[n] else r.vocab.tokens[PAD]
        kind = "pad" if idx == PAD else "unk" if idx == UNK else "word"
        style = f"{CHIP_CSS};background:{CHIP_KIND[kind]}"
        out.append(f'<span style="{style}">{html.escape(word)} → <b>{int(idx)}</b></span>')
    label = html.escape(NAMES[n])
    return f'<div style="line-height:2"><b>{label}</b>&nbsp; {"".join(out)}</div>'


def vocab_table(r: BagOrSequence, lang: str) -> pd.DataFrame:
    """Slide 24's IDX | Token table."""
    return pd.DataFrame(
        {t("bag.col.idx", lang): range(len(r.vocab)), t("bag.col.token", lang): r.vocab.tokens}
    )


def _sentence_index(r: BagOrSequence, lang: str) -> list[str]:
    return [t("bag.sentence", lang, name=NAMES[n]) for n in range(len(r.sentences))]


def ids_table(r: BagOrSequence, lang: str) -> pd.DataFrame:
    """The N x M input matrix, one row per sentence."""
    cols = [t("bag.position", lang, m=m + 1) for m in range(r.ids.shape[1])]
    df = pd.DataFrame(r.ids, index=_sentence_index(r, lang), columns=cols)
    df.index.name = t("bag.col.sentence", lang)  # a header over the row names, never blank
    return df


def ids_styler(r: BagOrSequence, lang: str):
    """The input matrix with padding cells greyed."""
    df = ids_table(r, lang)
    return df.style.apply(lambda _: np.where(r.ids == PAD, PAD_BG, ""), axis=None)


def embedding_table(r: BagOrSequence, lang: str) -> pd.DataFrame:
    """The V x D lookup table, rows named 'index · token'."""
    rows = [f"{i} · {tok}" for i, tok in enumerate(r.vocab.tokens)]
    cols = [f"d{d + 1}" for d in range(r.E.shape[1])]
    df = pd.DataFrame([[decimals(v) for v in row] for row in r.E], index=rows, columns=cols)
    df.index.name = f"{t('bag.col.idx', lang)} · {t('bag.col.token', lang)}"
    return df


def shapes_table(r: BagOrSequence, lang: str) -> pd.DataFrame:
    """Each quantity's shape, written as the slides write it: 2 × 3 × 3."""
    rows = [
        (t(f"bag.shape.{name}", lang), " × ".join(str(s) for s in shape))
        for name, shape in r.shapes.items()
    ]
    return pd.DataFrame(rows, columns=[t("bag.col.what", lang), t("bag.col.shape", lang)])


def _components(r: BagOrSequence, encoder: str, lang: str) -> list[str]:
    D, M = r.E.shape[1], r.ids.shape[1]
    if encoder == "flatten":
        return [t("bag.comp.flatten", lang, m=m + 1, d=d + 1) for m in range(M) for d in range(D)]
    if encoder == "bag":
        return [t("bag.comp.bag", lang, d=d + 1) for d in range(D)]
    return [t("bag.comp.rnn", lang, k=k + 1) for k in range(r.rnn.hidden_size)]


def output_table(r: BagOrSequence, encoder: str, lang: str) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per output number: A's, B's, and whether they agree; plus the agree mask.

    Long rather than wide, so Flatten's M·D numbers fit a phone's width.
    """
    out = r.outputs[encoder]  # (N, K)
    equal = out[0] == out[1]  # (K,) exact: the bag's mean is order-free bit for bit
    data = {NAMES[n]: [decimals(v) for v in out[n]] for n in range(2)}
    data[t("bag.col.equal", lang)] = np.where(equal, "=", "≠")
    df = pd.DataFrame(data, index=_components(r, encoder, lang))
    df.index.name = t("bag.col.component", lang)
    return df, equal


def output_styler(r: BagOrSequence, encoder: str, lang: str):
    """The output table, rows green where A = B and red where they differ."""
    df, equal = output_table(r, encoder, lang)
    colors = np.where(equal, SAME_BG, DIFF_BG)[:, None].repeat(df.shape[1], axis=1)
    return df.style.apply(lambda _: colors, axis=None)


def verdict(r: BagOrSequence, encoder: str, lang: str) -> tuple[bool, str]:
    """(same?, the sentence saying so) for one encoder."""
    _, equal = output_table(r, encoder, lang)
    if equal.all():
        return True, t("bag.same", lang)
    return False, t("bag.differ", lang, count=int((~equal).sum()), total=equal.size)


def states_table(r: BagOrSequence, lang: str) -> pd.DataFrame:
    """The RNN's hidden state after each word, sentences side by side (blank on padding)."""
    M, H = r.ids.shape[1], r.rnn.hidden_size
    data = {
        f"{NAMES[n]} · h{k + 1}": [decimals(r.states[n, m, k]) for m in range(M)]
        for n in range(2)
        for k in range(H)
    }
    df = pd.DataFrame(data, index=[t("bag.step", lang, m=m + 1) for m in range(M)])
    df.index.name = t("bag.col.step", lang)
    return df


def weights_tables(r: BagOrSequence) -> dict[str, pd.DataFrame]:
    """W_xh (H x D), W_hh (H x H), b_xh, b_hh as small tables named by the equation."""
    p = r.rnn
    rows = [f"h{k + 1}" for k in range(p.hidden_size)]

    def table(a, cols):
        a = np.atleast_2d(a).reshape(len(rows), -1)
        df = pd.DataFrame([[decimals(v) for v in row] for row in a], index=rows, columns=cols)
        df.index.name = "h"  # the rows are hidden units h1..hH: no blank header cell
        return df

    D, H = p.input_size, p.hidden_size
    return {
        "W_xh": table(p.W_xh, [f"d{d + 1}" for d in range(D)]),
        "W_hh": table(p.W_hh, [f"h{k + 1}" for k in range(H)]),
        "b_xh": table(p.b_xh, ["b_xh"]),
        "b_hh": table(p.b_hh, ["b_hh"]),
    }


def overall(r: BagOrSequence, lang: str) -> str:
    """The page's conclusion for these two sentences."""
    if r.sentences[0] == r.sentences[1]:
        return t("bag.verdict.identical", lang)
    return t("bag.verdict.reordered" if r.reordered else "bag.verdict.other", lang)
