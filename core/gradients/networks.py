"""The two networks the explorer compares, as weights: seeded random ones or the calculator's.

NumPy only (no backend involved), so a seed gives the same weights and inputs whichever
BPTT backend runs them. Random recurrent weights are rescaled to an exact spectral radius:
that number, not the raw weights, decides vanishing or exploding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.errors import CoreError
from core.gradients.limits import INPUT_SIZE
from core.nn.cells import LSTMParams, RNNParams


@dataclass(frozen=True)
class CalculatorCell:
    """The calculator's hand-worked cell, used as-is in the explorer."""

    kind: str  # "rnn" or "lstm"
    params: RNNParams | LSTMParams
    inputs: np.ndarray | None = None  # (T0, I) tiled to the run's length; None: seeded N(0, 1)

    def fits(self) -> bool:
        """The kind and the weights agree (an "rnn" with RNNParams, an "lstm" with LSTMParams)."""
        want = {"rnn": RNNParams, "lstm": LSTMParams}.get(str(self.kind))
        return want is not None and isinstance(self.params, want)


def cell_from_handoff(handoff: dict) -> CalculatorCell:
    """The calculator's hand-off {"kind", "params", "inputs"?} as a cell (checked by validate).

    Raises CoreError("gradients_handoff_malformed") when it is not such a dict.
    """
    try:
        return CalculatorCell(handoff["kind"], handoff["params"], handoff.get("inputs"))
    except (TypeError, KeyError, AttributeError) as e:
        raise CoreError("gradients_handoff_malformed", f"bad hand-off: {e!r}") from None


@dataclass(frozen=True)
class InputsSource:
    """Where the run's inputs X (T, I) came from, for the page to say."""

    kind: str  # "calculator" (its steps repeated) or "random" (seeded N(0, 1))
    steps: int  # the calculator's T0, or T for random inputs
    size: int  # I
    seed: int | None  # the seed of random inputs


def with_spectral_radius(A: np.ndarray, rho: float) -> np.ndarray:
    """A rescaled so that its largest |eigenvalue| is exactly rho (A square)."""
    r = float(np.max(np.abs(np.linalg.eigvals(A))))
    return A * (rho / r) if r > 0 else A


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([int(seed), stream])  # one stream per use of the seed


def random_inputs(T: int, I: int, seed: int) -> np.ndarray:
    """The seeded inputs X (T, I), N(0, 1), shared by both networks."""
    return _rng(seed, 0).standard_normal((T, I))


def random_rnn(H: int, I: int, activation: str, scale: float, seed: int) -> RNNParams:
    """Seeded RNN weights with rho(W_hh) = scale exactly, whatever H."""
    g = _rng(seed, 1)
    bound = 1.0 / math.sqrt(H)  # PyTorch's own init range for the rest
    return RNNParams(
        W_xh=g.uniform(-bound, bound, (H, I)),
        W_hh=with_spectral_radius(g.standard_normal((H, H)), scale),
        b_xh=g.uniform(-bound, bound, H),
        b_hh=g.uniform(-bound, bound, H),
        nonlinearity=activation,
    )


def random_lstm(H: int, I: int, scale: float, forget_bias: float, seed: int) -> LSTMParams:
    """Seeded LSTM weights; each gate's W_h has spectral radius = scale; b_f set."""
    g = _rng(seed, 2)
    bound = 1.0 / math.sqrt(H)
    W_ih = g.uniform(-bound, bound, (4 * H, I))
    W_hh = g.standard_normal((4 * H, H))
    for k in range(4):  # gate blocks i, f, g, o
        W_hh[k * H : (k + 1) * H] = with_spectral_radius(W_hh[k * H : (k + 1) * H], scale)
    b_ih = g.uniform(-bound, bound, 4 * H)
    b_hh = g.uniform(-bound, bound, 4 * H)
    # Gate order i, f, g, o: the forget gate's total bias b_if + b_hf is the control.
    b_ih[H : 2 * H] = forget_bias
    b_hh[H : 2 * H] = 0.0
    return LSTMParams(W_ih, W_hh, b_ih, b_hh)


def networks(
    T: int,
    hidden_size: int,
    activation: str,
    weight_scale: float,
    forget_bias: float,
    seed: int,
    cell: CalculatorCell | None = None,
    cell_inputs: str = "calculator",
) -> tuple[RNNParams, LSTMParams, np.ndarray, InputsSource]:
    """The RNN, the LSTM, their shared inputs X (T, I), and where X came from.

    With the calculator's cell, that network is the cell itself and the other one is a
    random network of the same size built from the controls; its inputs are the cell's
    own, repeated, unless cell_inputs is "random".
    """
    H = cell.params.hidden_size if cell is not None else int(hidden_size)
    I = cell.params.input_size if cell is not None else INPUT_SIZE
    if cell is not None and cell.inputs is not None and cell_inputs == "calculator":
        X0 = np.asarray(cell.inputs, dtype=np.float64)  # (T0, I)
        X = np.resize(X0, (T, I))  # the calculator's inputs, repeated
        source = InputsSource("calculator", X0.shape[0], I, None)
    else:
        X = random_inputs(T, I, seed)
        source = InputsSource("random", T, I, int(seed))
    if cell is not None and cell.kind == "rnn":
        rnn = cell.params
    else:
        rnn = random_rnn(H, I, activation, weight_scale, seed)
    if cell is not None and cell.kind == "lstm":
        lstm = cell.params
    else:
        lstm = random_lstm(H, I, weight_scale, forget_bias, seed)
    return rnn, lstm, X, source
