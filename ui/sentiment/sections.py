"""The sentiment page's sections drawn with Streamlit from core's traces, in one language.

Draws, and no session state (ui/sentiment/controls.py owns it). The only widgets here are
keyed "show all" toggles and expanders that choose how much of one trace to draw: they
feed nothing back to core, and nothing here calls core: every number drawn is already in
the trace. Each part drawn is built, and unit-tested, in markup / figures / tables / card.
"""

from __future__ import annotations

import streamlit as st

from core.sentiment.inside import BagInside, LSTMInside, RNNInside
from core.sentiment.review import HEAT_WORDS, MAX_REVIEW_CHARS, ReviewTrace
from ui.i18n import t
from ui.markdown import md_escape
from ui.page import projected
from ui.sentiment import card as card_words
from ui.sentiment import figures, markup, tables
from ui.sentiment.markup import SHORT_CHARS
from ui.snippets import view as snippet
from ui.snippets.model_source import kinds, model_listing


def chart(where, fig, key: str) -> None:
    """A Plotly figure in `where` (st, a column, a tab) without the mode bar, keyed."""
    where.plotly_chart(projected(fig), key=key, config=figures.CONFIG)


def one_review(
    v: ReviewTrace | None,
    verdicts: list,
    chosen: str,
    vocab_size: int,
    typed_chars: int,
    lang: str,
) -> None:
    """Every section of one review, top to bottom: the chosen model's verdict, the same
    review through every model, then (when the chosen model answered: v) language,
    cleaning, tokens, why and inside. typed_chars: the length of what the visitor typed."""
    if v is not None and v.cut_chars:
        cut = v.cut_chars
        st.warning(t("sentiment.cut", lang, chars=typed_chars, limit=MAX_REVIEW_CHARS, cut=cut))
    if v is not None:
        verdict(v, lang)  # the verdict first, so the room sees it at a glance
    comparison(verdicts, chosen, lang)
    if v is None:
        return
    language(v, lang)
    cleaning(v, lang)
    tokens(v, vocab_size, lang)
    if v.inside is not None:
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
    st.header(t("sentiment.h.language", lang))
    c1, c2 = st.columns([1, 3])
    guess = a.language
    p = f"p = {guess.prob:.2f}"
    c1.metric("langid", guess.lang or "—", p, delta_color="off", delta_arrow="off")
    if a.status == "not_vietnamese":
        c2.warning(t("sentiment.not_vi", lang, code=guess.lang, p=guess.prob))
        if v.unaccented:
            c2.info(t("sentiment.unaccented", lang))
    else:
        c2.success(t("sentiment.is_vi", lang))


def _opened(n_chars: int, key: str, lang: str):
    """An expander holding the whole of a long text (shown shortened above it)."""
    return st.expander(t("sentiment.show_text", lang, n=n_chars), key=key)


def cleaning(v: ReviewTrace, lang: str) -> None:
    """Slide 23: the steps that changed nothing on one line; each other step's input, a long
    one shortened (the whole of it one click away), with what it changes marked."""
    st.header(t("sentiment.h.cleaning", lang))
    st.caption(t("sentiment.cleaning_caption", lang))
    quiet = [s for s in v.steps if not s.n_removed]
    if quiet:
        st.markdown(markup.unchanged_line(quiet, lang))
    for s in v.steps:
        if not s.n_removed:
            continue
        title = t(f"sentiment.step.{s.key}", lang)
        st.markdown(
            t("sentiment.step", lang, number=s.number, title=title, step=s.key, n=s.n_removed)
        )
        st.html(markup.marked_html(s.before, s.key, s.spans, lang, limit=SHORT_CHARS))
        if len(s.before) > SHORT_CHARS:
            with _opened(len(s.before), f"sentiment_step_{s.number}_all", lang):
                st.html(markup.marked_html(s.before, s.key, s.spans, lang))
        if s.removed:
            st.html(markup.removed_html(s.removed, lang, s.key))
    st.markdown(t("sentiment.cleaned", lang))
    cleaned = v.analysis.steps[-1].text
    short = markup.shortened(cleaned)
    st.code(short or t("sentiment.empty", lang), language=None, wrap_lines=True)
    if short != cleaned:
        with _opened(len(cleaned), "sentiment_cleaned_all", lang):
            st.code(cleaned, language=None, wrap_lines=True)


def tokens(v: ReviewTrace, vocab_size: int, lang: str) -> None:
    """Slide 24: the tokens, their vocabulary indices, and where the model stops reading."""
    a = v.analysis
    st.header(t("sentiment.h.tokens", lang))
    n, read, unk = len(a.tokens), len(a.ids), sum(a.unknown)
    counts = dict(tokens=n, read=read, max_len=a.max_len, unk=unk, vocab=vocab_size)
    st.markdown(t("sentiment.token_counts", lang, **counts))
    if a.truncated:
        last = md_escape(a.tokens[a.max_len - 1])
        st.warning(t("sentiment.truncated", lang, tokens=n, max_len=a.max_len, last=last))
    if not a.tokens:
        return
    show = markup.SHOW_TOKENS
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
        col.table(table, hide_index=True)


def comparison(verdicts: list, chosen: str, lang: str) -> None:
    """The same review through every model: verdict, P(positive), time; a model that
    could not be loaded says so in its row."""
    st.header(t("sentiment.h.compare", lang))
    st.table(tables.comparison_table(verdicts, chosen, lang), hide_index=True)
    st.caption(t("sentiment.compare_caption", lang))


def why(v: ReviewTrace, lang: str) -> None:
    """Leave-one-out heat, strongest tokens, P after each token."""
    a = v.analysis
    st.header(t("sentiment.h.why", lang))
    st.markdown(t("sentiment.heat_legend", lang))
    windows, n = v.heat, len(v.read_tokens)
    if windows != [(0, n)]:  # a long review: the strongest tokens' surroundings first
        if st.toggle(t("sentiment.all_heat", lang, n=n), key="sentiment_all_heat"):
            windows = None
        else:
            shown = sum(end - start for start, end in windows)
            st.caption(t("sentiment.heat_windows", lang, shown=shown, k=HEAT_WORDS))
    st.html(markup.heat_html(v.read_tokens, a.influence, a.unknown, windows))
    pos, neg = (tables.influence_table(r, lang) for r in (v.top_positive, v.top_negative))
    _pair(pos, neg, lang, ("sentiment.top_pos", "sentiment.top_neg"))
    st.markdown(t("sentiment.prefix_heading", lang))
    chart(st, figures.prefix_figure(v.read_tokens, a.p_prefix, lang), "sentiment_prefix_chart")


def inside(v: ReviewTrace, lang: str) -> None:
    """Inside the chosen model: the LSTM's gates and cell state, the RNN's hidden states
    (heat maps opening on the units that move most at the decisive words), or each token's
    exact share of the bag's logit (it keeps no state)."""
    st.header(t(f"sentiment.h.inside.{v.model}", lang))
    _INSIDE[v.inside.kind](v, v.inside, lang)


def _bag(v: ReviewTrace, bag: BagInside, lang: str) -> None:
    """The bag's logit as a sum of the tokens' shares and the bias."""
    st.caption(t("sentiment.bag_caption", lang, T=len(bag.shares), temp=bag.temperature))
    p, diff = v.analysis.p_positive, bag.max_abs_diff
    total = dict(bias=bag.bias, total=bag.total, logit=bag.logit)
    st.markdown(t("sentiment.bag_sum", lang, **total, p=p, diff=diff))
    chart(st, figures.shares_figure(v.read_tokens, bag.shares, lang), "sentiment_shares_chart")


# The words of each recurrent model's heat maps: (caption, all units, the focus).
_STATE_WORDS = {
    "lstm": ("sentiment.gates_caption", "sentiment.all_sorted", "sentiment.focus"),
    "rnn": ("sentiment.rnn_caption", "sentiment.all_sorted_rnn", "sentiment.focus_rnn"),
}


def _states(v: ReviewTrace, inside: LSTMInside | RNNInside, lang: str) -> None:
    """The heat maps of a recurrent model, first on its decisive units, all on a toggle."""
    caption, all_sorted, focus_words = _STATE_WORDS[inside.kind]
    st.caption(t(caption, lang, diff=inside.max_abs_diff))
    f, n = inside.focus, len(inside.unit)
    if st.toggle(t("sentiment.all_units", lang, n=n), key="sentiment_all_units"):
        st.markdown(t(all_sorted, lang, n=n))
        rows = None
    else:
        words = markup.word_list(v.read_tokens, f.words)
        st.markdown(t(focus_words, lang, k=len(f.units), words=words))
        rows = f.rows
    fig = figures.gates_figure(v.read_tokens, inside.maps, inside.unit, lang, rows, f.words)
    chart(st, fig, "sentiment_gates_chart")


# The one place the inside views part ways on the page: by the model's kind.
_INSIDE = {"bag": _bag, "lstm": _states, "rnn": _states}


def bulk_results(summary, csv: bytes, rows: list[dict], lang: str) -> None:
    """Counts, the label split and the P(positive) histogram; the CSV to download; every
    row, labelled in lang (its toolbar sits beside the download button above it)."""
    c = st.columns(4)
    by_label, by_status = summary.by_label, summary.by_status
    c[0].metric(t("sentiment.m.rows", lang), f"{summary.n:,}")
    c[1].metric(t("sentiment.m.positive", lang), f"{by_label.get('positive', 0):,}")
    c[2].metric(t("sentiment.m.negative", lang), f"{by_label.get('negative', 0):,}")
    other = f"{by_status.get('empty', 0):,} / {by_status.get('not_vietnamese', 0):,}"
    c[3].metric(t("sentiment.m.other", lang), other)
    c1, c2 = st.columns(2)
    chart(c1, figures.split_figure(by_label, lang), "sentiment_split_chart")
    hist = figures.histogram_figure(summary.bin_edges, summary.bin_counts, lang)
    chart(c2, hist, "sentiment_hist_chart")
    st.download_button(
        t("sentiment.download", lang),
        csv,
        file_name="sentiment_results.csv",
        mime="text/csv",
        key="sentiment_download",
        on_click="ignore",
    )
    progress = st.column_config.ProgressColumn(format="%.3f", min_value=0, max_value=1)
    st.dataframe(
        tables.results_table(rows, lang),
        hide_index=True,
        key="sentiment_results_table",
        column_config={"P(positive)": progress},
    )


def model_card(card, lang: str, key: str) -> None:
    """One model's card: data, setup, validation metrics and curves, size and speed (as
    core.training.report measured them), and what the model gets wrong. key: the model's
    name, which keeps its charts apart from the other cards'."""
    st.markdown(t("sentiment.card.setup", lang))
    st.table(card_words.facts_table(card, lang), hide_index=True)
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
            fig = figures.confusion_figure(card.confusion, lang)
            chart(st, fig, f"sentiment_confusion_chart_{key}")
    with c2:
        st.markdown(t("sentiment.card.curves", lang))
        if card.curves:
            fig = figures.curves_figure(card.curves, card.best_epoch, lang)
            chart(st, fig, f"sentiment_curves_chart_{key}")
    # Below both columns, a third of the card's width each: in the curves' column a third
    # was too narrow for "2,028 reviews/s", and Streamlit cut the value short.
    speeds = card_words.speed_metrics(card, lang)
    for col, (label, value, help_) in zip(st.columns(3), speeds, strict=True):
        col.metric(label, value, help=help_)
    if card.file_bytes:
        st.caption(card_words.files_caption(card.file_bytes))
    st.markdown(t("sentiment.card.limits", lang))
    st.markdown("\n".join(f"- {x}" for x in card_words.limits(card, lang)))
    if card.facts.get("kind") in kinds():
        snippet.model(model_listing(card.facts["kind"], card.config), lang)
