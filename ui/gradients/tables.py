"""The explorer's "why" tables: the RNN's Jacobian chain and the LSTM's forget-gate products."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.gradients.explorer import ExplorerResult
from ui.gradients.words import fmt_log10
from ui.i18n import t

# Formula headers: the same in both languages (symbols, no words).
CHAIN = "‖∏ W_hhᵀ diag(act′)‖₂"
RHO_K = "ρ^k"
RATIO = "‖∂L/∂h_{T-k}‖ / ‖∂L/∂h_T‖"
OVERFLOW_MARK = "⚠"


def _after_overflow(r: ExplorerResult, ks: np.ndarray) -> np.ndarray:
    """(K,) bool: step T-k is at or after the step whose hidden state overflowed."""
    t0 = r.rnn.overflow_from
    if t0 is None:
        return np.zeros(len(ks), dtype=bool)
    return (len(r.steps) - ks) >= t0


def rnn_why_table(r: ExplorerResult, lang: str) -> pd.DataFrame:
    """k steps back -> the chain's norm, rho^k and the real gradient's ratio (10^x written out).

    A chain past a forward overflow is undefined, not "overflow": its cell says so, the
    finite columns stay numbers, and the k whose step comes after the overflow carry ⚠.
    """
    w = r.rnn_why
    after = _after_overflow(r, w.ks)

    def chain(lg: float) -> str:
        if math.isnan(lg) and r.rnn.overflow_from is not None:
            return t("gradients.num.undefined", lang)
        return fmt_log10(lg, lang)

    k_col = t("gradients.why.col_k", lang)
    return pd.DataFrame(
        {
            k_col: [
                f"{k} {OVERFLOW_MARK}" if late else str(k)
                for k, late in zip(w.ks, after, strict=True)
            ],
            CHAIN: [chain(v) for v in w.chain_log10],
            RHO_K: [fmt_log10(v, lang) for v in w.rho_log10],
            RATIO: [fmt_log10(v, lang) for v in w.grad_ratio_log10],
        }
    ).set_index(k_col)


def lstm_why_table(r: ExplorerResult, lang: str) -> pd.DataFrame:
    """k steps back -> the product of forget gates, for the mean unit and the best one."""
    w = r.lstm_why
    k_col = t("gradients.why.col_k", lang)
    return pd.DataFrame(
        {
            k_col: [str(k) for k in w.ks],
            t("gradients.why.col_forget_mean", lang): [
                fmt_log10(v, lang) for v in w.forget_prod_log10_mean
            ],
            t("gradients.why.col_forget_max", lang): [
                fmt_log10(v, lang) for v in w.forget_prod_log10_max
            ],
        }
    ).set_index(k_col)
