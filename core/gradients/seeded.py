"""The gradient explorer's seeded networks and inputs, drawn without torch.

`TorchCPUGenerator` replays `torch.Generator().manual_seed(seed)` (CPU) in NumPy, so
`random_rnn`, `random_lstm` and `random_inputs` draw for a seed what the torch explorer
drew: the same weights (to the last bit or two of the spectral-radius rescaling) and the
very same inputs. The tests hold them to torch's own draws.
"""

from __future__ import annotations

import math

import numpy as np

from core.gradients.bptt import one_blas_thread
from core.nn.cells import LSTMParams, RNNParams

INPUT_SIZE = 4  # inputs of the random networks; a calculator cell brings its own


class TorchCPUGenerator:
    """torch.Generator().manual_seed(seed) on the CPU, replayed in NumPy.

    Torch's CPU generator is MT19937 seeded like NumPy's legacy RandomState; a float64
    uniform is the low 53 bits of two 32-bit draws (first one high) times 2**-53, and
    randn is Box-Muller: blocks of 16 for 16+ contiguous values, pairs below that with
    the second value cached. Replaying it lets the torch-free explorer draw the very
    networks and inputs the torch version drew for a seed (equal to the last bit or two
    of libm's log/cos/sin; the tests compare them to torch).
    """

    def __init__(self, seed: int):
        if int(seed) < 0:
            raise ValueError(f"seed must be >= 0, got {seed}.")
        # torch's mt19937 keeps the seed's low 32 bits, then init_genrand, as RandomState does.
        self._mt = np.random.RandomState(int(seed) & 0xFFFFFFFF)
        self._cached_normal: float | None = None

    def rand(self, *shape: int) -> np.ndarray:
        """torch.rand(shape, dtype=float64): uniform on [0, 1)."""
        n = math.prod(shape)
        r = self._mt.randint(0, 2**32, size=2 * n, dtype=np.uint64)  # raw 32-bit outputs
        x = (r[0::2] << np.uint64(32)) | r[1::2]
        return ((x & np.uint64(2**53 - 1)).astype(np.float64) * 2.0**-53).reshape(shape)

    def randn(self, *shape: int) -> np.ndarray:
        """torch.randn(shape, dtype=float64)."""
        n = math.prod(shape)
        if n >= 16:
            data = self.rand(n)
            whole = n - n % 16
            data[:whole] = _box_muller_16(data[:whole].reshape(-1, 16)).reshape(-1)
            if n % 16:
                data[n - 16 :] = _box_muller_16(self.rand(16)[None])[0]  # torch redraws 16
            return data.reshape(shape)
        out = np.empty(n)
        for k in range(n):
            if self._cached_normal is not None:
                out[k], self._cached_normal = self._cached_normal, None
                continue
            u1, u2 = self.rand(2)
            r = math.sqrt(-2.0 * math.log1p(-u2))
            theta = 2.0 * math.pi * u1
            self._cached_normal = r * math.sin(theta)
            out[k] = r * math.cos(theta)
        return out.reshape(shape)


def _box_muller_16(u: np.ndarray) -> np.ndarray:
    """Blocks of 16 uniforms (N, 16) -> 16 normals each: u[:8] gives radii, u[8:] angles."""
    radius = np.sqrt(-2.0 * np.log(1.0 - u[:, :8]))
    theta = 2.0 * math.pi * u[:, 8:]
    return np.concatenate([radius * np.cos(theta), radius * np.sin(theta)], axis=1)


def with_spectral_radius(A: np.ndarray, rho: float) -> np.ndarray:
    """A rescaled so that its largest |eigenvalue| is exactly rho (A square)."""
    with one_blas_thread():
        r = float(np.max(np.abs(np.linalg.eigvals(A))))
    return A * (rho / r) if r > 0 else A


def _uniform(g: TorchCPUGenerator, shape, bound: float) -> np.ndarray:
    return (g.rand(*shape) * 2 - 1) * bound  # PyTorch's own init range


def random_rnn(H: int, I: int, activation: str, scale: float, seed: int) -> RNNParams:
    """The explorer's seeded RNN: rho(W_hh) = scale exactly; the same draws as torch's."""
    g = TorchCPUGenerator(seed + 1)
    bound = 1.0 / math.sqrt(H)
    W_xh = _uniform(g, (H, I), bound)
    W_hh = with_spectral_radius(g.randn(H, H), scale)
    b_xh = _uniform(g, (H,), bound)
    b_hh = _uniform(g, (H,), bound)
    return RNNParams(W_xh, W_hh, b_xh, b_hh, nonlinearity=activation)


def random_lstm(H: int, I: int, scale: float, forget_bias: float, seed: int) -> LSTMParams:
    """The explorer's seeded LSTM: each gate's W_h has spectral radius = scale; b_f set."""
    g = TorchCPUGenerator(seed + 2)
    bound = 1.0 / math.sqrt(H)
    W_ih = _uniform(g, (4 * H, I), bound)
    W_hh = g.randn(4 * H, H)
    for k in range(4):  # gate blocks i, f, g, o
        W_hh[k * H : (k + 1) * H] = with_spectral_radius(W_hh[k * H : (k + 1) * H], scale)
    b_ih = _uniform(g, (4 * H,), bound)
    b_hh = _uniform(g, (4 * H,), bound)
    # Gate order i, f, g, o: the forget gate's total bias b_if + b_hf is the control.
    b_ih[H : 2 * H] = forget_bias
    b_hh[H : 2 * H] = 0.0
    return LSTMParams(W_ih, W_hh, b_ih, b_hh)


def random_inputs(T: int, I: int, seed: int) -> np.ndarray:
    """The explorer's shared inputs X (T, I): N(0, 1), the torch version's draws for a seed."""
    return TorchCPUGenerator(seed).randn(T, I)


def build_params(config, cell=None) -> tuple[RNNParams, LSTMParams, np.ndarray]:
    """The explorer's `build_networks` without torch: (RNN params, LSTM params, X (T, I)).

    `config` is the explorer's ExplorerConfig (hidden_size, seq_len, seed, activation,
    weight_scale, forget_bias are read); `cell` its CalculatorCell (kind, params, inputs)
    or None. With a calculator cell, that network is the cell itself, the other one a
    random network of the same size, and X the cell's inputs repeated to length T.
    """
    c = config
    H = cell.params.hidden_size if cell is not None else int(c.hidden_size)
    I = cell.params.input_size if cell is not None else INPUT_SIZE
    T = int(c.seq_len)
    if cell is not None and cell.inputs is not None:
        X = np.resize(np.asarray(cell.inputs, dtype=np.float64), (T, I))
    else:
        X = random_inputs(T, I, c.seed)
    if cell is not None and cell.kind == "rnn":
        rnn = cell.params
    else:
        rnn = random_rnn(H, I, c.activation, c.weight_scale, c.seed)
    if cell is not None and cell.kind == "lstm":
        lstm = cell.params
    else:
        lstm = random_lstm(H, I, c.weight_scale, c.forget_bias, c.seed)
    return rnn, lstm, X
