"""The LSTM tab: slide 6's pairs, next-syllable bars, a continuation, the model card."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from core.lm.runtime import Continuation
from core.lm.tokens import EOS
from ui.charts import readable
from ui.format import grouped
from ui.i18n import t
from ui.markdown import md_escape

CONFIG = {"displayModeBar": False}  # the toolbar would sit on the titles on a phone


def pairs_table(pairs: list[tuple[list[str], str]], lang: str) -> pd.DataFrame:
    """Slide 6's source -> target rows."""
    return pd.DataFrame(
        {
            t("lm.col.source", lang): [" ".join(src) for src, _ in pairs],
            t("lm.col.target", lang): [tgt for _, tgt in pairs],
        }
    )


def word_label(word: str, lang: str) -> str:
    return t("lm.neural.eos", lang) if word == EOS else word


def next_word_figure(top: list[tuple[str, float]], lang: str) -> go.Figure:
    """Horizontal bars, likeliest on top; labels escaped (Plotly reads tags in text)."""
    words = [html.escape(word_label(w, lang)) for w, _ in top][::-1]
    probs = [p for _, p in top][::-1]
    fig = go.Figure(
        go.Bar(
            x=probs,
            y=words,
            orientation="h",
            text=[f"{p:.1%}" for p in probs],
            textposition="auto",
            marker_color="#1f77b4",
            hovertemplate="%{y}: %{x:.2%}<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": t("lm.neural.bars", lang), "x": 0, "xanchor": "left"},
        xaxis={"title": {"text": t("lm.neural.axis_p", lang)}, "rangemode": "tozero",
               "nticks": 5, "tickformat": ".0%", "automargin": True},
        yaxis={"automargin": True, "type": "category"},
        height=360,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )  # fmt: skip
    return readable(fig)


def continuation_markdown(c: Continuation) -> str:
    """The prompt in bold, the model's syllables after it; all typed text escaped."""
    prompt = md_escape(" ".join(c.prompt))
    written = md_escape(" ".join(c.words))
    return f"**{prompt}** {written}" if prompt else written


def unknown_note(words: list[str], known, lang: str) -> str | None:
    """Which typed syllables the model reads as <unk>, or None."""
    unk = sorted({w for w in words if not known(w)})
    if not unk:
        return None
    return t("lm.neural.unknown", lang, words=", ".join(md_escape(w) for w in unk))


def _percent(x: float, lang: str) -> str:
    return f"{grouped(100 * x, lang, 1)}%"


def ended_text(c: Continuation, temperature: float, top_k: int, lang: str) -> str:
    """Why the text stopped: the model's P(</s>) at that step, and what sampling made of it."""
    return t(
        "lm.neural.ended",
        lang,
        p=_percent(c.end_p, lang),
        q=_percent(c.end_q, lang),
        k=top_k,
        T=f"{temperature:g}",
        toggle=t("lm.neural.write_on", lang),
    )


def card_text(meta: dict, lang: str) -> str:
    """The model card's paragraph, filled from metadata.json."""
    m, d = meta["config"]["model"], meta["data"]
    return t(
        "lm.card.body",
        lang,
        train=grouped(d["train_reviews"], lang),
        tokens=grouped(d["train_tokens"], lang),
        val=grouped(d["validation_reviews"], lang),
        curve=grouped(meta["config"]["training"]["curve_reviews"], lang),
        val_tokens=grouped(meta["validation"]["tokens"], lang),
        V=m["vocab_size"],
        D=m["embed_dim"],
        H=m["hidden_size"],
        params=grouped(meta["parameters"], lang),
        mb=grouped(meta["onnx"]["bytes"] / 1e6, lang, 1),
        command=meta["command"],
        seed=meta["seed"],
        minutes=f"{meta['seconds']['total'] / 60:.0f}",
    )


def card_note(meta: dict, lang: str) -> str:
    """Why the n-grams rank as they do; how much text the LSTM read."""
    tr = meta["config"]["training"]
    return t("lm.card.note", lang, seen=grouped(tr["epochs"] * tr["tokens_per_epoch"], lang))


def card_table(meta: dict, lang: str) -> pd.DataFrame:
    """Validation perplexity: the LSTM, then the add-one n-grams, on the same tokens."""
    v = meta["validation"]
    names = [t("lm.card.lstm", lang, epoch=meta["best_epoch"])]
    values = [v["lstm_perplexity"]]
    for n, ppl in v["ngram_add_one_perplexity"].items():
        names.append(t("lm.card.ngram", lang, n=n))
        values.append(ppl)
    return pd.DataFrame(
        {t("lm.card.model", lang): names, "perplexity": [grouped(x, lang, 1) for x in values]}
    )


def curve_figure(meta: dict, lang: str) -> go.Figure:
    """Training and validation perplexity after each epoch."""
    ep = meta["epochs"]
    x = [e["epoch"] for e in ep]
    # The curve scores a random subset of the validation reviews after each epoch; the
    # card's table scores all of them once: both counts come from the metadata.
    n = grouped(meta["config"]["training"]["curve_reviews"], lang)
    val = grouped(meta["data"]["validation_reviews"], lang)
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=[e["train_perplexity"] for e in ep],
        mode="lines+markers",
        name=t("lm.card.train_curve", lang),
        line={"dash": "solid"},
        marker={"symbol": "circle", "size": 8},
    )
    # dashed with squares: the two curves differ by more than Plotly's colours
    fig.add_scatter(x=x, y=[e["val_perplexity_curve"] for e in ep], mode="lines+markers",
                    name=t("lm.card.val_curve", lang, n=n, val=val), line={"dash": "dash"},
                    marker={"symbol": "square", "size": 8})  # fmt: skip
    fig.update_layout(
        title={"text": t("lm.card.curve", lang), "x": 0, "xanchor": "left"},
        xaxis={"title": {"text": "epoch"}, "dtick": 1, "automargin": True},
        yaxis={"title": {"text": "perplexity"}, "automargin": True},
        legend={"orientation": "h", "y": -0.3},
        height=320,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    return readable(fig)
