"""The numbers behind the curves k steps back: the RNN's Jacobian chain, the LSTM's forget gates.

RNN: dL/dh_(T-k) = prod_j W_hh^T diag(act'(a_(T-j))) dL/dh_T, set beside rho(W_hh)^k (what
W_hh alone does) and the real gradient's ratio. LSTM: along the cell path dc_T/dc_(T-k) is
the product of the forget gates f_T ... f_(T-k+1).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RNNWhy:
    """The Jacobian chain behind the RNN curve, k steps back from T."""

    spectral_radius: float  # rho(W_hh), the largest |eigenvalue|
    spectral_norm: float  # ||W_hh||_2, largest singular value: a per-step upper bound
    mean_act_deriv: float  # mean of act'(a_t) over steps and units (NaN ones skipped)
    ks: np.ndarray  # (K,) steps back
    chain_log10: np.ndarray  # (K,) log10 || prod_{j<k} W_hh^T diag(act'(a_{T-j})) ||_2
    rho_log10: np.ndarray  # (K,) log10 rho^k
    grad_ratio_log10: np.ndarray  # (K,) log10 ||dL/dh_{T-k}|| / ||dL/dh_T||
    per_step_factor: float  # geometric mean of the chain per step: the scalar view's w


@dataclass(frozen=True)
class LSTMWhy:
    """The forget gates behind the LSTM cell path, k steps back from T."""

    mean_forget: float  # mean of f_t over steps and units
    ks: np.ndarray  # (K,)
    forget_prod_log10_mean: np.ndarray  # (K,) log10 of the unit-mean of prod f
    forget_prod_log10_max: np.ndarray  # (K,) log10 of the best-remembering unit's prod f
    per_step_factor: float  # geometric mean of f: the scalar view's w for the cell path
    max_abs_cell: float = math.nan  # max |c_t| over steps and units
    mean_tanh_deriv_cell: float = math.nan  # mean of tanh'(c_t) = 1 - tanh^2(c_t): ~0 = saturated


def steps_back(T: int) -> np.ndarray:
    """The k (steps back from T) at which the why-numbers are reported."""
    ks = [k for k in (1, 2, 5, 10, 20, 50, 100, 200, 300, 400, 500) if k < T]
    if T - 1 >= 1 and T - 1 not in ks:
        ks.append(T - 1)
    return np.array(sorted(ks), dtype=int)


def act_derivative(a: np.ndarray, activation: str) -> np.ndarray:
    """act'(a_t) (T, H); NaN where a_t is not finite: past an overflow it is undefined."""
    with np.errstate(invalid="ignore", over="ignore"):
        D = 1.0 - np.tanh(a) ** 2 if activation == "tanh" else (a > 0).astype(np.float64)
    return np.where(np.isfinite(a), D, np.nan)


def rnn_why(
    W_hh: np.ndarray,
    pre: np.ndarray,
    activation: str,
    grad_norms: np.ndarray,
    chain_log10: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> RNNWhy:
    """The RNN's why-numbers from its W_hh (H, H), a_t (T, H) and ||dL/dh_t|| (T,).

    chain_log10 is the backend's `rnn_chain_log10` (core/gradients/run.py).
    """
    D = act_derivative(pre, activation)
    T = pre.shape[0]
    rho = float(np.max(np.abs(np.linalg.eigvals(W_hh))))
    sigma = float(np.linalg.norm(W_hh, 2))
    ks = steps_back(T)
    chain = chain_log10(W_hh, D, ks) if len(ks) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho_log = ks * (math.log10(rho) if rho > 0 else -math.inf)
        g = grad_norms
        ratio = np.log10(g[T - 1 - ks]) - np.log10(g[T - 1]) if len(ks) else np.zeros(0)
    if len(ks) and np.isfinite(chain[-1]):
        factor = 10 ** (chain[-1] / ks[-1])
    elif len(ks) and chain[-1] == -math.inf:
        factor = 0.0
    else:
        factor = math.nan
    finite_D = D[np.isfinite(D)]
    return RNNWhy(
        spectral_radius=rho,
        spectral_norm=sigma,
        mean_act_deriv=float(finite_D.mean()) if finite_D.size else math.nan,
        ks=ks,
        chain_log10=np.asarray(chain, dtype=np.float64),
        rho_log10=np.asarray(rho_log, dtype=np.float64),
        grad_ratio_log10=np.asarray(ratio, dtype=np.float64),
        per_step_factor=float(factor),
    )


def lstm_why(pre: np.ndarray, cs: np.ndarray) -> LSTMWhy:
    """The LSTM's why-numbers from its gate pre-activations z_t (T, 4H), gates (i, f, g, o),
    and its cell states c_t (T, H)."""
    H = pre.shape[1] // 4
    z_f = pre[:, H : 2 * H]  # (T, H) forget-gate pre-activations
    with np.errstate(invalid="ignore"):
        log10_f = -np.logaddexp(0.0, -z_f) / math.log(10)  # log10 sigmoid(z), no underflow
    T = z_f.shape[0]
    ks = steps_back(T)
    # dc_T / dc_{T-k} along the cell path = f_T * f_{T-1} * ... * f_{T-k+1}
    cum = np.cumsum(log10_f[::-1], axis=0)  # cum[k-1] = sum of the last k log10 f
    mean_log, max_log = [], []
    for k in ks:
        row = cum[k - 1]  # (H,)
        ln = row * math.log(10)
        mean_log.append((np.logaddexp.reduce(ln) - math.log(H)) / math.log(10))
        max_log.append(float(np.max(row)))
    f = np.power(10.0, log10_f)
    factor = 10 ** (float(np.mean(log10_f))) if T else math.nan
    return LSTMWhy(
        mean_forget=float(np.mean(f)),
        ks=ks,
        forget_prod_log10_mean=np.array(mean_log, dtype=np.float64),
        forget_prod_log10_max=np.array(max_log, dtype=np.float64),
        per_step_factor=factor,
        max_abs_cell=float(np.max(np.abs(cs))),
        mean_tanh_deriv_cell=float(np.mean(1.0 - np.tanh(cs) ** 2)),
    )
