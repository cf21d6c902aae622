"""The loss tab: slides 18-19's per-step cross-entropies and their sum, every number shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.lm.generation_loss import GenerationLoss, StepLoss
from ui.format import significant
from ui.i18n import t


def vec(a: np.ndarray) -> str:
    return "[" + ", ".join(significant(float(x)) for x in a) + "]"


def fc_table(g: GenerationLoss, lang: str) -> pd.DataFrame:
    """W_fc's rows and b_fc, one row per word of the tiny vocabulary."""
    return pd.DataFrame(
        {
            "": [t("lm.loss.word", lang, k=k) for k in range(len(g.b_fc))],
            "W_fc[:, 0]": [significant(x) for x in g.W_fc[:, 0]],
            "W_fc[:, 1]": [significant(x) for x in g.W_fc[:, 1]],
            "b_fc": [significant(x) for x in g.b_fc],
        }
    )


def _p(x: float) -> str:
    """A number inside a sum: negatives in brackets."""
    return f"({significant(x)})" if x < 0 else significant(x)


def step_lines(g: GenerationLoss, s: StepLoss) -> str:
    """One step with every number substituted, as plain text for st.code."""
    lines = [f"h_{s.t} = {vec(s.h)}"]
    for k, z in enumerate(s.z):
        w0, w1, b = (float(v) for v in (*g.W_fc[k], g.b_fc[k]))
        lines.append(
            f"z_{s.t}[{k}] = {_p(w0)}·{_p(float(s.h[0]))} + {_p(w1)}·{_p(float(s.h[1]))}"
            f" + {_p(b)} = {significant(float(z))}"
        )
    e = np.exp(s.z)
    lines += [
        f"p_{s.t} = softmax(z_{s.t}) = exp(z_{s.t}) / Σ exp(z_{s.t})",
        f"    = {vec(e)} / {significant(float(e.sum()))} = {vec(s.p)}",
        f"Y_{s.t} = {vec(s.onehot)}",
        f"CE_{s.t} = -Σ Y_{s.t} · ln p_{s.t} = -ln({significant(float(s.p[s.y]))})"
        f" = {significant(s.ce)}",
    ]
    return "\n".join(lines)


def total_line(g: GenerationLoss) -> str:
    """'L = CE_1 + CE_2 + CE_3 = a + b + c = total'."""
    names = " + ".join(f"CE_{s.t}" for s in g.steps)
    values = " + ".join(significant(s.ce) for s in g.steps)
    return f"L = {names} = {values} = {significant(g.total)}"
