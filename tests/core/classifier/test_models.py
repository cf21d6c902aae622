"""The page's three classifiers against torch float64 autograd, and Adam against torch's.

Torch is the independent reference: nn.Embedding(padding_idx=0), nn.EmbeddingBag(mode="mean")
for the bag, nn.RNN / nn.LSTM over pack_padded_sequence (its h_n is each review's own last
hidden state), nn.Linear and BCEWithLogitsLoss; then clip_grad_norm_ and torch.optim.Adam.
"""

import numpy as np
import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence

from core.classifier import KINDS
from core.classifier.data import pad
from core.classifier.models import CELL_NAMES, init_params, logits, loss_and_grads
from core.gradients.run import clip_grads
from core.race.adam import Adam

F64 = torch.float64
V, D, H = 23, 5, 4


@pytest.fixture(autouse=True, scope="module")
def _torch_on_one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def batch(rng, lengths):
    """Right-padded ids (no <pad> inside a review) of the given lengths, and 0/1 labels."""
    seqs = [rng.integers(1, V, size=n) for n in lengths]
    ids, lens = pad(seqs, max(lengths))
    return ids, lens, rng.integers(0, 2, size=len(lengths)).astype(np.float64)


class TorchClassifier(torch.nn.Module):
    """The same model in torch, written the usual way, with our weights copied in."""

    def __init__(self, kind, p):
        super().__init__()
        self.kind = kind
        if kind == "bag":
            self.emb = torch.nn.EmbeddingBag(V, D, mode="mean", dtype=F64)
        else:
            self.emb = torch.nn.Embedding(V, D, padding_idx=0, dtype=F64)
            rnn = torch.nn.RNN if kind == "rnn" else torch.nn.LSTM
            self.rnn = rnn(D, H, batch_first=True, dtype=F64)
        self.head = torch.nn.Linear(D if kind == "bag" else H, 1, dtype=F64)
        with torch.no_grad():
            self.emb.weight.copy_(torch.from_numpy(p["E"]))
            if kind != "bag":
                for name, ours in zip(
                    ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
                    CELL_NAMES[kind],
                    strict=True,
                ):
                    getattr(self.rnn, name).copy_(torch.from_numpy(p[ours]))
            self.head.weight.copy_(torch.from_numpy(p["W_y"]))
            self.head.bias.copy_(torch.from_numpy(p["b_y"]))

    def forward(self, ids, lengths):
        ids, lengths = torch.from_numpy(ids), torch.from_numpy(lengths)
        if self.kind == "bag":
            flat = torch.cat([ids[b, : lengths[b]] for b in range(len(lengths))])
            offsets = torch.cat([torch.zeros(1, dtype=torch.long), lengths.cumsum(0)[:-1]])
            h = self.emb(flat, offsets)
        else:
            packed = pack_padded_sequence(
                self.emb(ids), lengths, batch_first=True, enforce_sorted=False
            )
            _, state = self.rnn(packed)
            h = (state if self.kind == "rnn" else state[0])[0]
        return self.head(h)[:, 0]

    def grads(self):
        g = {"E": self.emb.weight.grad}
        if self.kind != "bag":
            names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
            for name, ours in zip(names, CELL_NAMES[self.kind], strict=True):
                g[ours] = getattr(self.rnn, name).grad
        g["W_y"], g["b_y"] = self.head.weight.grad, self.head.bias.grad
        return {k: v.to_dense().numpy() for k, v in g.items()}

    def ordered(self, names):
        own = {"E": self.emb.weight, "W_y": self.head.weight, "b_y": self.head.bias}
        if self.kind != "bag":
            own |= dict(zip(CELL_NAMES[self.kind], self.rnn.parameters(), strict=True))
        return [own[n] for n in names]


@pytest.mark.parametrize("kind", KINDS)
def test_loss_and_every_gradient_match_torch_autograd(kind):
    rng = np.random.default_rng(1)
    p = init_params(kind, V, D, H, rng)
    ids, lens, y = batch(rng, [7, 1, 4, 7, 2, 5])
    mine = loss_and_grads(kind, p, ids, lens, y)
    net = TorchClassifier(kind, p)
    out = net(ids, lens)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(out, torch.from_numpy(y))
    loss.backward()
    assert mine.loss == pytest.approx(loss.item(), abs=1e-12)
    np.testing.assert_allclose(mine.logits, out.detach().numpy(), rtol=1e-10, atol=1e-12)
    theirs = net.grads()
    assert set(mine.grads) == set(theirs) == set(p)
    for name, g in theirs.items():
        np.testing.assert_allclose(mine.grads[name], g, rtol=1e-8, atol=1e-10, err_msg=name)
    assert mine.correct == int(np.sum((out.detach().numpy() > 0) == (y > 0.5)))


@pytest.mark.parametrize("kind", KINDS)
def test_the_padding_changes_nothing(kind):
    """Extra <pad> columns after every review: same logits, same gradients; <pad> gets none."""
    rng = np.random.default_rng(2)
    p = init_params(kind, V, D, H, rng)
    ids, lens, y = batch(rng, [3, 6, 1])
    wider = np.concatenate([ids, np.zeros((3, 4), dtype=ids.dtype)], axis=1)
    a, b = loss_and_grads(kind, p, ids, lens, y), loss_and_grads(kind, p, wider, lens, y)
    np.testing.assert_allclose(a.logits, b.logits, rtol=1e-13)
    for name in p:
        np.testing.assert_allclose(a.grads[name], b.grads[name], rtol=1e-12, atol=1e-15)
    assert not b.grads["E"][0].any()
    np.testing.assert_allclose(logits(kind, p, wider, lens), a.logits, rtol=1e-13)


def test_the_embedding_gradient_is_sparse():
    rng = np.random.default_rng(3)
    p = init_params("lstm", V, D, H, rng)
    ids, lens, y = batch(rng, [4, 2])
    g = loss_and_grads("lstm", p, ids, lens, y).grads["E"]
    read = set(ids[ids > 0].tolist())
    assert {r for r in range(V) if g[r].any()} == read


@pytest.mark.parametrize("kind", KINDS)
def test_clipped_adam_steps_follow_torch_optim_adam(kind):
    """Six steps on three batches: clip_grad_norm_ then Adam, both sides, same weights."""
    rng = np.random.default_rng(4)
    p = init_params(kind, V, D, H, rng)
    net = TorchClassifier(kind, p)
    names = list(p)
    adam = Adam(p, lr=0.05)
    ref = torch.optim.Adam(net.ordered(names), lr=0.05)
    batches = [batch(rng, [5, 3, 1, 5]), batch(rng, [2, 2]), batch(rng, [6, 4, 6])]
    for ids, lens, y in batches * 2:
        r = loss_and_grads(kind, p, ids, lens, y)
        clipped, total, _ = clip_grads([r.grads[n] for n in names], 0.5)
        adam.step(dict(zip(names, clipped, strict=True)))
        ref.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            net(ids, lens), torch.from_numpy(y)
        )
        loss.backward()
        theirs = torch.nn.utils.clip_grad_norm_(net.ordered(names), 0.5)
        assert total == pytest.approx(theirs.item(), rel=1e-10)
        ref.step()
    for name, w in zip(names, net.ordered(names), strict=True):
        np.testing.assert_allclose(p[name], w.detach().numpy(), rtol=1e-8, atol=1e-10)
