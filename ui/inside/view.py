"""The page's sections drawn with Streamlit from core's results, in one language. Draws only:
the numbers are all in what it is given; each piece is built in figures, markup, tables."""

from __future__ import annotations

import streamlit as st

from core.inside.rank import CLEAN, CONTRAST, CRITERIA, NEGATION, Ranking
from core.inside.states import ValidationStates
from core.inside.trace import Explored, ReviewRun
from ui.i18n import t
from ui.inside import figures, markup, tables
from ui.page import projected

SPOT_UNITS = 3  # units of a ranking whose strongest places are shown


def chart(fig, key: str) -> None:
    st.plotly_chart(projected(fig), key=key, config=figures.CONFIG)


def how(key: str, lang: str, **params) -> None:
    """A view's "how to read it", set apart from the view's own words."""
    st.info(t(f"inside.read.{key}", lang, **params), icon="👀")


def review_line(r: ReviewRun, span: tuple[int, int], lang: str) -> None:
    """The review as the model reads it, the span marked, and the model's verdict."""
    st.html(f'<div style="line-height:2">{markup.span_html(r.tokens, *span)}</div>')
    label = t(f"inside.label.{r.analysis.label}", lang)
    st.caption(
        t("inside.verdict", lang, label=label, p=f"{r.analysis.p_positive:.3f}",
          diff=f"{r.max_abs_diff:.1e}")
    )  # fmt: skip


def selection(r: ReviewRun, x: Explored, span, threshold: float, lang: str) -> None:
    """How many units the span turns on, which, and their values over the review."""
    sel = x.selection
    how("select", lang)
    n = len(sel.units)
    state = t(f"inside.state.{x.which}", lang)
    if not n:
        st.warning(t("inside.none_selected", lang, state=state, threshold=f"{threshold:.2f}"))
        return
    st.markdown(t("inside.selected", lang, n=n, state=state, threshold=f"{threshold:.2f}"))
    fig = figures.units_figure(
        r.tokens, getattr(r.run, x.which), sel.units, span, threshold, x.which, lang
    )
    chart(fig, "inside.fig_units")
    with st.expander(t("inside.selected_table", lang, n=n)):
        st.dataframe(tables.selection_table(sel, lang), hide_index=True, key="inside.sel_table")


def matches(x: Explored, states: ValidationStates, lang: str) -> None:
    """The validation spans where the selected units turn on together."""
    st.subheader(t("inside.match.title", lang))
    how("match", lang, n=len(states))
    if not len(x.selection.units):
        st.caption(t("inside.match.need_units", lang))
        return
    if not x.matches:
        st.warning(t("inside.match.none", lang))
    lengths = states.lengths
    for m in x.matches:
        st.html(markup.match_html(m, int(lengths[m.review]), lang))
    agree = sum((m.p >= 0.5) == (m.label == 1) for m in x.matches)
    st.caption(t("inside.match.time", lang, ms=f"{x.search_ms:.0f}", n=len(x.matches),
                 agree=agree))  # fmt: skip


def intervention(r: ReviewRun, changed, iv, lang: str) -> None:
    """P(positive) after each token without and with the intervention."""
    if iv is None or changed is None:
        st.warning(t("inside.intervene.no_units", lang))
        return
    fig = figures.intervention_figure(r.tokens, r.run.p, changed.p, iv.start, lang)
    chart(fig, "inside.fig_intervene")
    before, after = float(r.run.p[-1]), float(changed.p[-1])
    flipped = (before >= 0.5) != (after >= 0.5)
    key = "inside.intervene.flip" if flipped else "inside.intervene.same"
    st.markdown(t(key, lang, before=f"{before:.3f}", after=f"{after:.3f}"))


def rankings(rank: dict[str, Ranking], states: ValidationStates, lang: str) -> None:
    """Per question, its top units, whether one is clean, and the strongest places."""
    st.header(t("inside.rank.title", lang))
    how("rank", lang, n=len(states), hidden=states.h.shape[1])
    if not any(r.clean for r in rank.values()):
        st.warning(t("inside.rank.none_at_all", lang))
    lengths = states.lengths
    tabs = st.tabs([t(f"inside.rank.{c}", lang) for c in CRITERIA])
    for tab, c in zip(tabs, CRITERIA, strict=True):
        r = rank[c]
        with tab:
            words = {"negation": NEGATION, "contrast": CONTRAST}.get(c, ())
            st.markdown(t(f"inside.rank.{c}.body", lang, n=r.count, words=", ".join(words)))
            best = f"{r.scores[0]:.2f}" if len(r.units) else "–"
            unit = int(r.units[0]) if len(r.units) else 0
            if r.clean:
                st.success(t(f"inside.rank.{c}.clean", lang, unit=unit, score=best))
            else:
                st.info(t(f"inside.rank.{c}.not_clean", lang, score=best, bar=CLEAN[c]))
            st.dataframe(tables.ranking_table(r, lang), hide_index=True, key=f"inside.rank_{c}")
            for u, spots in list(zip(r.units, r.spots, strict=True))[:SPOT_UNITS]:
                st.markdown(f"**{t('inside.fig.unit', lang, unit=int(u))}**")
                st.html("".join(markup.spot_html(s, int(lengths[s.review])) for s in spots))
