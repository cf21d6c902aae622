"""The page's tables: the units a span selects, and each ranking's top units."""

from __future__ import annotations

import pandas as pd

from ui.i18n import t


def selection_table(sel, lang: str) -> pd.DataFrame:
    """The selected units and how far above the threshold each stays over the span."""
    return pd.DataFrame(
        {
            t("inside.col.unit", lang): [int(u) for u in sel.units],
            t("inside.col.margin", lang): [f"{m:.3f}" for m in sel.margin],
        }
    )


MEASURE = {"label": "auc", "negation": "d", "contrast": "d", "length": "r"}


def ranking_table(r, lang: str) -> pd.DataFrame:
    """A ranking's top units: the measure (AUC, Cohen's d or Pearson r) and which way."""
    rows = []
    for u, score in zip(r.units, r.scores, strict=True):
        up = score >= (0.5 if r.criterion == "label" else 0.0)
        rows.append(
            {
                t("inside.col.unit", lang): int(u),
                t(f"inside.col.{MEASURE[r.criterion]}", lang): f"{score:+.3f}"
                if r.criterion != "label"
                else f"{score:.3f}",
                t("inside.col.way", lang): t(
                    f"inside.way.{r.criterion}.{'up' if up else 'down'}", lang
                ),
            }
        )
    return pd.DataFrame(rows)
