"""The lecture pages' numbers in PyTorch: Embedding, EmbeddingBag and RNN on the same indices
(slides 7-9, 24), and σ and tanh with their slopes, and slide 29's matrix product.

Each snippet prints what its page's tables show, in their style (ui.format.decimals):
the shapes as "2 × 3 × 3", every encoder's output row per sentence, the activations'
values and slopes at the slide example's pre-activations, the product's entries.
"""

from __future__ import annotations

import json

import numpy as np

from core.lecture.activations import Marker, Product
from core.lecture.bag import BagOrSequence
from ui.snippets.text import F64, FMT_DECIMALS, SHOW, copy_into, number, script, tensor

SHAPE = """def shape(name, a):
    print(name, "=", " × ".join(str(n) for n in a.shape))
"""

BAG_RUN = """with torch.no_grad():
    X = embedding(ids)  # (N, M, D)
    flat = X.flatten(start_dim=1)  # (N, M*D)
    mean = bag(ids)  # (N, D)
    packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
    _, h_n = rnn(packed)
    last = h_n[0]  # (N, H)

for name, a in (("ids", ids), ("E", embedding.weight), ("X", X)):
    shape(name, a)
for name, out in (("flatten", flat), ("bag", mean), ("rnn", last)):
    shape(name, out)
    for sentence, row in zip("ABCD", out):
        show(f"{name} {sentence}", row)"""


def bag_snippet(r: BagOrSequence) -> str:
    """nn.Embedding + flatten, nn.EmbeddingBag(mode="mean") and nn.RNN on the page's indices,
    with its lookup table and RNN weights copied in."""
    V, D = r.E.shape
    p = r.rnn
    H = p.hidden_size
    inputs = "\n".join(
        (
            tensor("ids", r.ids, "(N, M), 0 = <pad>", integer=True),
            tensor("lengths", r.lengths, "(N,)", integer=True),
            tensor("E", r.E, "(V, D)"),
            tensor("W_ih", p.W_xh, "(H, D)"),
            tensor("W_hh", p.W_hh, "(H, H)"),
            tensor("b_ih", p.b_xh),
            tensor("b_hh", p.b_hh),
        )
    )
    modules = "\n".join(
        (
            f"embedding = nn.Embedding({V}, {D}, padding_idx=0, dtype={F64})",
            f'bag = nn.EmbeddingBag({V}, {D}, mode="mean", padding_idx=0, dtype={F64})',
            f"rnn = nn.RNN({D}, {H}, batch_first=True, dtype={F64})  # tanh",
            copy_into("embedding", {"weight": "E"}),
            f"    bag.weight.copy_(E)\n{_rnn_copy()}",
        )
    )
    return script(
        "import torch\nfrom torch import nn\nfrom torch.nn.utils.rnn import pack_padded_sequence",
        inputs,
        modules,
        FMT_DECIMALS,
        SHOW,
        SHAPE,
        BAG_RUN,
    )


def _rnn_copy() -> str:
    names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    return "\n".join(
        f"    rnn.{n}.copy_({v})"
        for n, v in zip(names, ("W_ih", "W_hh", "b_ih", "b_hh"), strict=True)
    )


ACT_RUN = """for name, act in (("σ", torch.sigmoid), ("tanh", torch.tanh)):
    z = Z[name].clone().requires_grad_()
    value = act(z)
    value.sum().backward()
    for gate, zk, v, s in zip(NAMES[name], z.tolist(), value.tolist(), z.grad.tolist()):
        print(f"{gate}: z = {fmt(zk)}, {name} = {fmt(v)}, {name}' = {fmt(s)}")"""


def activation_snippet(marks: list[Marker]) -> str:
    """torch.sigmoid and torch.tanh at the slide example's pre-activations, slopes by autograd."""
    groups = {"σ": [m for m in marks if m.function == "sigmoid"]}
    groups["tanh"] = [m for m in marks if m.function == "tanh"]
    names = {k: [_name(m) for m in v] for k, v in groups.items()}
    z = ",\n".join(
        f'    "{k}": torch.tensor([{", ".join(number(m.z) for m in v)}], dtype={F64})'
        for k, v in groups.items()
    )
    return script(
        "import torch",
        f"Z = {{\n{z},\n}}\nNAMES = {json.dumps(names, ensure_ascii=False)}",
        FMT_DECIMALS,
        ACT_RUN,
    )


def _name(m: Marker) -> str:
    return "c_t" if m.name == "c" else m.name


def product_snippet(p: Product) -> str:
    """Slide 29's 2x2 product with the page's matrices: A @ B."""
    return script(
        "import torch",
        "\n".join((tensor("A", p.A), tensor("B", p.B))),
        FMT_DECIMALS,
        "for row in A @ B:\n    print([fmt(v) for v in row.tolist()])",
    )


__all__ = ["activation_snippet", "bag_snippet", "np", "product_snippet"]
