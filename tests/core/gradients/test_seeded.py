"""The explorer's seeded networks without torch (core/gradients/seeded.py) against torch's draws."""

import importlib
import math
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from core.gradients.seeded import (
    TorchCPUGenerator,
    build_params,
    random_inputs,
    random_lstm,
    random_rnn,
)

I = 4  # the explorer's input size for random networks
F64 = torch.float64


@pytest.mark.parametrize("seed", [0, 1, 2**31 - 1, 2**32 + 5])
def test_the_generator_replays_torch_rand_and_randn(seed):
    mine, theirs = TorchCPUGenerator(seed), torch.Generator().manual_seed(seed)
    for n in [1, 3, 2, 15, 16, 17, 33, 1, 256, 5]:  # odd sizes leave a cached normal
        np.testing.assert_array_equal(mine.rand(n), torch.rand(n, generator=theirs, dtype=F64))
        np.testing.assert_allclose(
            mine.randn(n), torch.randn(n, generator=theirs, dtype=F64), rtol=1e-14, atol=1e-15
        )


def _torch_recipe_rnn(H, activation, scale, seed):
    """The explorer's torch recipe for its random RNN, written out here as the reference."""
    g = torch.Generator().manual_seed(seed + 1)
    bound = 1.0 / math.sqrt(H)
    W_xh = (torch.rand((H, I), generator=g, dtype=F64) * 2 - 1) * bound
    W = torch.randn(H, H, generator=g, dtype=F64)
    W = W * (scale / torch.linalg.eigvals(W).abs().max())
    b = [(torch.rand((H,), generator=g, dtype=F64) * 2 - 1) * bound for _ in range(2)]
    return [W_xh, W, *b]


def _torch_recipe_lstm(H, scale, forget_bias, seed):
    g = torch.Generator().manual_seed(seed + 2)
    bound = 1.0 / math.sqrt(H)
    W_ih = (torch.rand((4 * H, I), generator=g, dtype=F64) * 2 - 1) * bound
    W = torch.randn(4 * H, H, generator=g, dtype=F64)
    for k in range(4):
        blk = W[k * H : (k + 1) * H]
        W[k * H : (k + 1) * H] = blk * (scale / torch.linalg.eigvals(blk).abs().max())
    b_ih, b_hh = [(torch.rand((4 * H,), generator=g, dtype=F64) * 2 - 1) * bound for _ in "ab"]
    b_ih[H : 2 * H], b_hh[H : 2 * H] = forget_bias, 0.0
    return [W_ih, W, b_ih, b_hh]


@pytest.mark.parametrize("H", [1, 2, 3, 7, 64])
@pytest.mark.parametrize("seed", [0, 9])
def test_random_networks_draw_what_torch_draws_for_a_seed(H, seed):
    p = random_rnn(H, I, "tanh", 1.3, seed)
    for mine, theirs in zip(
        (p.W_xh, p.W_hh, p.b_xh, p.b_hh), _torch_recipe_rnn(H, "tanh", 1.3, seed), strict=True
    ):
        np.testing.assert_allclose(mine, theirs.numpy(), rtol=1e-12, atol=1e-14)
    q = random_lstm(H, I, 0.9, 3.0, seed)
    for mine, theirs in zip(
        (q.W_ih, q.W_hh, q.b_ih, q.b_hh), _torch_recipe_lstm(H, 0.9, 3.0, seed), strict=True
    ):
        np.testing.assert_allclose(mine, theirs.numpy(), rtol=1e-12, atol=1e-14)
    T = 3 + H  # both of randn's paths: fewer than 16 values, and blocks of 16
    X = torch.randn(T, I, generator=torch.Generator().manual_seed(seed), dtype=F64)
    np.testing.assert_array_equal(random_inputs(T, I, seed), X.numpy())


def _torch_build_networks():
    """Today's torch `build_networks`, wherever the split put it; skip once it is gone."""
    for name in ("core.gradients.torch_bptt", "core.gradients"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "build_networks"):
            return module.build_networks
    pytest.skip("the torch explorer's build_networks is gone: nothing left to compare with")


@pytest.mark.parametrize("kind", [None, "rnn", "lstm"])
def test_build_params_is_build_networks_without_torch(kind):
    """The torch explorer draws the same networks and inputs for a config."""
    cfg = SimpleNamespace(
        hidden_size=5, seq_len=9, seed=3, activation="relu", weight_scale=1.2, forget_bias=3.0
    )
    cell = None
    if kind == "rnn":
        p = random_rnn(2, 3, "tanh", 0.9, 8)
        cell = SimpleNamespace(kind="rnn", params=p, inputs=np.ones((2, 3)))
    elif kind == "lstm":
        cell = SimpleNamespace(kind="lstm", params=random_lstm(2, 3, 0.9, 1.0, 8), inputs=None)
    rnn, lstm, X = build_params(cfg, cell)
    t_rnn, t_lstm, t_X, *_ = _torch_build_networks()(cfg, cell)
    if not isinstance(t_X, torch.Tensor):
        pytest.skip("build_networks no longer draws with torch: nothing left to compare with")
    np.testing.assert_array_equal(X, t_X.numpy())
    for p, module in ((rnn, t_rnn), (lstm, t_lstm)):
        mine = [a for a in vars(p).values() if isinstance(a, np.ndarray)]
        for a, w in zip(mine, module.parameters(), strict=True):
            np.testing.assert_allclose(a, w.detach().numpy(), rtol=1e-12, atol=1e-14)
    assert rnn.nonlinearity == t_rnn.nonlinearity
