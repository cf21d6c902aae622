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
    MAX_REVIEW_CHARS,
    SHORT_CHARS,
    ReviewTrace,
    cut_point,
    heat_windows,
    looks_unaccented,
    top_influences,
)
from ui.i18n import t
from ui.markdown import md_escape
from ui.sentiment import card as card_words
from ui.sentiment import figures, markup, tables


def one_review(v: ReviewTrace | None, verdicts: list, chosen: str, vocab_size: int,
               typed_chars: int, lang: str) -> None:  # fmt: skip
    """Every section of one review, top to bottom: the chosen model's verdict, the same
    review through every model, then (when the chosen model answered: v) language,
    cleaning, tokens, why and inside. typed_chars: the length of what the visitor typed."""
    if v is not None and v.cut_chars:
        st.warning(t("sentiment.cut", lang, chars=typed_chars, limit=MAX_REVIEW_CHARS,
                     cut=v.cut_chars))  # fmt: skip
    if v is not None:
        verdict(v, lang)  # the verdict first, so the room sees it at a glance
    comparison(verdicts, chosen, lang)
    if v is None:
        return
    language(v, lang)
    cleaning(v, lang)
    tokens(v, vocab_size, lang)
    if v.analysis.label is not None:
        why(v, lang)
        inside(v, lang)


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
    st.caption(
        t("sentiment.server_time", lang, ms=v.compute_ms, model=tables.model_name(v.model, lang))
    )


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


def comparison(verdicts: list, chosen: str, lang: str) -> None:
    """The same review through every model: verdict, P(positive), time; a model that
    could not be loaded says so in its row."""
    st.subheader(t("sentiment.h.compare", lang))
    df = tables.comparison_table(verdicts, chosen, lang)
    st.table(df.style.format({"P(positive)": "{:.1%}", df.columns[3]: "{:.1f}"}, na_rep="—"),
             hide_index=True)  # fmt: skip
    st.caption(t("sentiment.compare_caption", lang))


def why(v: ReviewTrace, lang: str) -> None:
    """Leave-one-out heat, strongest tokens, P after each token."""
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
    pos, neg = (tables.influence_table(r, lang) for r in top_influences(v.read_tokens, a.influence))
    _pair(pos, neg, lang, ("sentiment.top_pos", "sentiment.top_neg"))
    st.markdown(t("sentiment.prefix_heading", lang))
    st.plotly_chart(figures.prefix_figure(v.read_tokens, a.p_prefix, lang),
                    key="sentiment_prefix_chart", config=figures.CONFIG)  # fmt: skip


def inside(v: ReviewTrace, lang: str) -> None:
    """Inside the chosen model: the LSTM's gates and cell state, the RNN's hidden states
    (heat maps opening on the units that move most at the decisive words), or each token's
    exact share of the bag's logit (it keeps no state)."""
    st.subheader(t(f"sentiment.h.inside.{v.model}", lang))
    if v.model == "bag":
        a, total = v.analysis, sum(v.shares)
        st.caption(t("sentiment.bag_caption", lang, T=len(v.shares), temp=v.temperature))
        st.markdown(t("sentiment.bag_sum", lang, bias=v.bias, total=total, logit=total + v.bias,
                      p=a.p_positive, diff=v.max_abs_diff))  # fmt: skip
        st.plotly_chart(figures.shares_figure(v.read_tokens, v.shares, lang),
                        key="sentiment_shares_chart", config=figures.CONFIG)  # fmt: skip
        return
    rnn = v.model == "rnn"
    st.caption(t("sentiment.rnn_caption" if rnn else "sentiment.gates_caption", lang,
                 diff=v.max_abs_diff))  # fmt: skip
    f, n = v.focus, len(v.gates["unit"])
    if st.toggle(t("sentiment.all_units", lang, n=n), key="sentiment_all_units"):
        st.markdown(t("sentiment.all_sorted_rnn" if rnn else "sentiment.all_sorted", lang, n=n))
        rows = None
    else:
        words = markup.word_list(v.read_tokens, f.words)
        st.markdown(t("sentiment.focus_rnn" if rnn else "sentiment.focus", lang, k=len(f.units),
                      words=words))  # fmt: skip
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


def model_card(card, lang: str, key: str) -> None:
    """One model's card: data, setup, validation metrics and curves, size and speed (as
    core.training.report measured them), and what the model gets wrong. key: the model's
    name, which keeps its charts apart from the other cards'."""
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
            st.plotly_chart(figures.confusion_figure(card.confusion, lang), config=figures.CONFIG,
                            key=f"sentiment_confusion_chart_{key}")  # fmt: skip
    with c2:
        st.markdown(t("sentiment.card.curves", lang))
        if card.curves:
            st.plotly_chart(figures.curves_figure(card.curves, card.best_epoch, lang),
                            key=f"sentiment_curves_chart_{key}", config=figures.CONFIG)  # fmt: skip
    # Below both columns, a third of the card's width each: in the curves' column a third
    # was too narrow for "2,028 reviews/s", and Streamlit cut the value short.
    for col, (label, value, help_) in zip(st.columns(3), card_words.speed_metrics(card, lang),
                                          strict=True):  # fmt: skip
        col.metric(label, value, help=help_)
    if card.file_bytes:
        st.caption(card_words.files_caption(card.file_bytes))
    st.markdown(t("sentiment.card.limits", lang))
    st.markdown("\n".join(f"- {x}" for x in card_words.limits(card, lang)))
