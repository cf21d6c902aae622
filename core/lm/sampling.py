"""Reshaping a next-word distribution before drawing from it: temperature and top-k."""

from __future__ import annotations

import numpy as np

from core.errors import CoreError


def reshape(p: np.ndarray, temperature: float, top_k: int, banned=()) -> np.ndarray:
    """p^(1/T) kept on the top_k likeliest ids (banned ids never), renormalised: (V,)."""
    if not temperature > 0:
        raise CoreError("lm_temperature", "temperature must be above 0", value=temperature)
    if top_k < 1:
        raise CoreError("lm_top_k", "top-k must be at least 1", value=top_k)
    logp = np.log(np.clip(np.asarray(p, dtype=np.float64), 1e-300, None)) / temperature
    logp[list(banned)] = -np.inf
    keep = np.argsort(-logp, kind="stable")[:top_k]
    out = np.full_like(logp, -np.inf)
    out[keep] = logp[keep]
    out = np.exp(out - out[keep].max())  # (V,), zero outside the top k
    return out / out.sum()
