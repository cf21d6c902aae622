"""The sentiment page's sections drawn with Streamlit from core's traces, in one language.

Draws, and no session state (pages/sentiment.py owns it). The only widgets here are
keyed "show all" toggles and expanders that choose how much of one trace to draw: they
feed nothing back to core. Each part drawn is built, and unit-tested, in markup /
figures / tables / card.
"""

from __future__ import annotations

import streamlit as st

from core.sentiment.review import (
    HEAT_WORDS,
    SHORT_CHARS,
    ReviewTrace,
    cut_point,
    heat_windows,
    looks_unaccented,
    top_influences,
    top_phrases,
)
from ui.i18n import t
from ui.markdown import md_escape
from ui.sentiment import card as card_words
from ui.sentiment import figures, markup, tables


def verdict(v: ReviewTrace, lang: str) -> None:
    """The verdict badge and its two numbers, or why there is none; the server's time."""
    a = v.analysis
    if a.label is None:
        st.warning(t("sentiment.nothing_left", lang))
    else:
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            st.html(markup.verdict_html(a.label, a.p_positive, lang))
        c2.metric("P(positive)", f"{a.p_positive:.1%}")
        c3.metric(t("sentiment.tokens_read", lang), f"{len(a.ids)} / {a.max_len}")
    st.caption(t("sentiment.server_time", lang, ms=v.compute_ms))


def language(v: ReviewTrace, lang: str) -> None:
    """Slide 22: what langid says, and what that means for the verdict."""
    a = v.analysis
    st.subheader(t("sentiment.h.language", lang))
    c1, c2 = st.columns([1, 3])
    c1.metric("langid", a.language.lang or "—", f"p = {a.language.prob:.2f}",
              delta_color="off", delta_arrow="off")  # fmt: skip
    if a.status == "not_vietnamese":
        c2.warning(t("sentiment.not_vi", lang, code=a.language.lang, p=a.language.prob))
        if looks_unaccented(a.text):
            c2.info(t("sentiment.unaccented", lang))
    else:
        c2.success(t("sentiment.is_vi", lang))


def _opened(n_chars: int, key: str, lang: str):
    """An expander holding the whole of a long text (shown shortened above it)."""
    return st.expander(t("sentiment.show_text", lang, n=n_chars), key=key)


def cleaning(v: ReviewTrace, lang: str) -> None:
    """Slide 23: the steps that changed nothing on one line; each other step's input, a long
    one shortened (the whole of it one click away), with what it changes marked."""
    st.subheader(t("sentiment.h.cleaning", lang))
    st.caption(t("sentiment.cleaning_caption", lang))
    quiet = [s for s in v.steps if not s.n_removed]
    if quiet:
        st.markdown(markup.unchanged_line(quiet, lang))
    for s in v.steps:
        if not s.n_removed:
            continue
        title = t(f"sentiment.step.{s.key}", lang)
        st.markdown(t("sentiment.step", lang, number=s.number, title=title, step=s.key,
                      n=s.n_removed))  # fmt: skip
        st.html(markup.marked_html(s.before, s.key, s.spans, lang, limit=SHORT_CHARS))
        if len(s.before) > SHORT_CHARS:
            with _opened(len(s.before), f"sentiment_step_{s.number}_all", lang):
                st.html(markup.marked_html(s.before, s.key, s.spans, lang))
        if s.removed:
            st.html(markup.removed_html(s.removed, lang))
    st.markdown(t("sentiment.cleaned", lang))
    cleaned = v.analysis.steps[-1].text
    short = cleaned[: cut_point(cleaned, SHORT_CHARS)]
    more = f" … (+{len(cleaned) - len(short):,})" if len(short) < len(cleaned) else ""
    st.code(short + more or t("sentiment.empty", lang), language=None, wrap_lines=True)
    if more:
        with _opened(len(cleaned), "sentiment_cleaned_all", lang):
            st.code(cleaned, language=None, wrap_lines=True)


def tokens(v: ReviewTrace, vocab_size: int, lang: str) -> None:
    """Slide 24: the tokens, their vocabulary indices, and where the model stops reading."""
    a = v.analysis
    st.subheader(t("sentiment.h.tokens", lang))
    st.markdown(t("sentiment.token_counts", lang, tokens=len(a.tokens), read=len(a.ids),
                  max_len=a.max_len, unk=sum(a.unknown), vocab=vocab_size))  # fmt: skip
    if a.truncated:
        last = md_escape(a.tokens[a.max_len - 1])
        st.warning(t("sentiment.truncated", lang, tokens=len(a.tokens), max_len=a.max_len,
                     last=last))  # fmt: skip
    if not a.tokens:
        return
    n, show = len(a.tokens), markup.SHOW_TOKENS
    if n > show and st.toggle(t("sentiment.all_tokens", lang, n=n), key="sentiment_all_tokens"):
        show = None
    st.html(markup.tokens_html(list(a.tokens), a.ids, a.unknown, a.max_len, lang, show=show))


def _pair(left, right, lang: str, heads: tuple[str, str] | None) -> None:
    """Two small tables side by side (towards positive, towards negative).

    Static tables: st.dataframe's toolbar covered the heading above it at phone width.
    """
    for col, table, head in zip(st.columns(2), (left, right), heads or (None, None), strict=True):
        if head:
            col.markdown(f"**{t(head, lang)}**")
        table[table.columns[0]] = table[table.columns[0]].map(md_escape)  # cells are Markdown
        col.table(table.style.format({table.columns[1]: "{:+.3f}"}), hide_index=True)


def why(v: ReviewTrace, has_bag: bool, order: int, lang: str) -> None:
    """Leave-one-out heat, the LSTM / phrase-bag split, strongest tokens, P after each token."""
    a = v.analysis
    st.subheader(t("sentiment.h.why", lang))
    st.markdown(t("sentiment.heat_legend", lang))
    windows, n = heat_windows(a.influence), len(v.read_tokens)
    if windows != [(0, n)]:  # a long review: the strongest tokens' surroundings first
        if st.toggle(t("sentiment.all_heat", lang, n=n), key="sentiment_all_heat"):
            windows = None
        else:
            shown = sum(end - start for start, end in windows)
            st.caption(t("sentiment.heat_windows", lang, shown=shown, k=HEAT_WORDS))
    st.html(markup.heat_html(v.read_tokens, a.influence, a.unknown, windows))
    if has_bag:
        total = a.lstm_logit + a.bag_vote
        st.markdown(t("sentiment.logit_split", lang, lstm=a.lstm_logit, bag=a.bag_vote,
                      total=total, p=a.p_positive, order=order))  # fmt: skip
        st.markdown(t("sentiment.bag_votes", lang))
        pos, neg = (tables.phrase_table(r, lang) for r in top_phrases(a.phrases))
        _pair(pos, neg, lang, None)
    pos, neg = (tables.influence_table(r, lang) for r in top_influences(v.read_tokens, a.influence))
    _pair(pos, neg, lang, ("sentiment.top_pos", "sentiment.top_neg"))
    st.markdown(t("sentiment.prefix_heading", lang))
    st.plotly_chart(figures.prefix_figure(v.read_tokens, a.p_prefix, lang),
                    key="sentiment_prefix_chart", config=figures.CONFIG)  # fmt: skip


def inside(v: ReviewTrace, lang: str) -> None:
    """The gates and cell state of the real model, token by token."""
    st.subheader(t("sentiment.h.inside", lang))
    st.caption(t("sentiment.gates_caption", lang, diff=v.max_abs_diff))
    f, n = v.focus, len(v.gates["unit"])
    if st.toggle(t("sentiment.all_units", lang, n=n), key="sentiment_all_units"):
        st.markdown(t("sentiment.all_sorted", lang, n=n))
        rows = None
    else:
        words = markup.word_list(v.read_tokens, f.words)
        st.markdown(t("sentiment.focus", lang, k=len(f.units), words=words))
        rows = f.rows
    st.plotly_chart(figures.gates_figure(v.read_tokens, v.gates, lang, rows, f.words),
                    key="sentiment_gates_chart", config=figures.CONFIG)  # fmt: skip


def bulk_summary(summary, lang: str) -> None:
    """Counts, the label split and the P(positive) histogram."""
    c = st.columns(4)
    c[0].metric(t("sentiment.m.rows", lang), f"{summary.n:,}")
    c[1].metric(t("sentiment.m.positive", lang), f"{summary.by_label.get('positive', 0):,}")
    c[2].metric(t("sentiment.m.negative", lang), f"{summary.by_label.get('negative', 0):,}")
    st_ = summary.by_status
    c[3].metric(t("sentiment.m.other", lang),
                f"{st_.get('empty', 0):,} / {st_.get('not_vietnamese', 0):,}")  # fmt: skip
    c1, c2 = st.columns(2)
    c1.plotly_chart(figures.split_figure(summary.by_label, lang), key="sentiment_split_chart",
                    config=figures.CONFIG)  # fmt: skip
    c2.plotly_chart(figures.histogram_figure(summary.bin_edges, summary.bin_counts, lang),
                    key="sentiment_hist_chart", config=figures.CONFIG)  # fmt: skip


def bulk_table(rows: list[dict], lang: str) -> None:
    """Every row, labelled in lang (its toolbar sits beside the download button above it)."""
    progress = st.column_config.ProgressColumn(format="%.3f", min_value=0, max_value=1)
    st.dataframe(tables.results_table(rows, lang), hide_index=True, key="sentiment_results_table",
                 column_config={"P(positive)": progress})  # fmt: skip


def model_card(card, lang: str, last_view, last_bulk) -> None:
    """Data, setup, validation metrics and curves, speed, and what the model gets wrong.

    last_view: (tokens, ms) of this server's last analysis; last_bulk: (rows, seconds).
    """
    st.markdown(t("sentiment.card.setup", lang))
    st.table(card_words.facts_table(card, lang))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(t("sentiment.card.metrics", lang))
        if card.metrics:
            df = tables.metrics_table(card.metrics, lang)
            fmt = {df.columns[1]: "{:,}", df.columns[2]: "{:.2%}", df.columns[3]: "{:.3f}"}
            st.table(df.style.format(fmt), hide_index=True)
        else:
            st.info(t("sentiment.card.no_metrics", lang))
        if card.confusion is not None:
            st.plotly_chart(figures.confusion_figure(card.confusion, lang),
                            key="sentiment_confusion_chart", config=figures.CONFIG)  # fmt: skip
    with c2:
        st.markdown(t("sentiment.card.curves", lang))
        if card.curves:
            st.plotly_chart(figures.curves_figure(card.curves, card.best_epoch, lang),
                            key="sentiment_curves_chart", config=figures.CONFIG)  # fmt: skip
        size = sum(card.file_bytes.values())
        c = st.columns(3)
        c[0].metric(t("sentiment.m.size", lang), f"{size / 2**20:.1f} MB" if size else "?")
        c[1].metric(t("sentiment.m.one", lang), f"{last_view[1]:.0f} ms" if last_view else "—",
                    help=t("sentiment.m.one_help", lang,
                           tokens=last_view[0] if last_view else "?"))  # fmt: skip
        rate = last_bulk[0] / max(last_bulk[1], 1e-9) if last_bulk else None
        c[2].metric(t("sentiment.m.bulk", lang),
                    t("sentiment.m.bulk_value", lang, rate=rate) if rate else "—",
                    help=t("sentiment.m.bulk_help", lang))  # fmt: skip
        if card.file_bytes:
            st.caption(card_words.files_caption(card.file_bytes))
    st.markdown(t("sentiment.card.limits", lang))
    st.markdown("\n".join(f"- {x}" for x in card_words.limits(card, lang)))
