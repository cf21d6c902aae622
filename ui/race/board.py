"""The race on screen: a progress bar, the two curves and, once it stops, the verdict."""

from __future__ import annotations

import streamlit as st

from core.race import Race
from ui.i18n import t
from ui.race import figures, words


class Board:
    """Places kept for one run of the page, so that each redraw replaces the last."""

    def __init__(self, lang: str):
        self.lang = lang
        self.progress = st.progress(0.0)
        left, right = st.columns(2)
        self.loss, self.accuracy = left.empty(), right.empty()
        self.verdict = st.empty()

    def draw(self, race: Race) -> None:
        """The progress bar and both curves as they are now."""
        c, n, lang = race.config, race.step_count, self.lang
        self.progress.progress(n / c.steps, text=t("race.progress", lang, step=n, steps=c.steps))
        # Keyed by the step: between two evaluations the accuracy figure is the same, and two
        # identical unkeyed charts in one run are one element id twice.
        loss = figures.loss_figure(race.history, c.steps, c.symbols, lang)
        acc = figures.accuracy_figure(race.history, c.steps, race.chance, lang)
        self.loss.plotly_chart(loss, config=figures.CONFIG, key=f"race_loss_{n}")
        self.accuracy.plotly_chart(acc, config=figures.CONFIG, key=f"race_acc_{n}")

    def conclude(self, race: Race) -> None:
        """The curves, where each model stands, and whether the race was stopped early."""
        self.draw(race)
        with self.verdict.container():
            st.success(words.verdict(race, self.lang))
            st.caption(words.reach(race, self.lang))
            if not race.done:
                st.info(t("race.stopped", self.lang, step=race.step_count))
