"""The calculator's numbers in PyTorch: nn.LSTM / nn.RNN with the cell's weights copied in
(slides 10-14, 43-50 and any custom cell), and slides 15-17's head and cross-entropy.

What a snippet prints, and in which style, is what the page shows: every step's gates
(pre-activation, then activation), c_t, tanh(c_t) and h_t for an LSTM; every step's two
partial sums and h_t for an RNN (ui/calculator/lines.py); the head's logits, softmax,
-log p and loss (ui/calculator/loss.py), all at the slides' 3 decimals, and the
cross-entropy read straight off h_T at 4 significant digits.
"""

from __future__ import annotations

import numpy as np

from core.calculator.loss import LossCalculation
from core.calculator.trace import Calculation
from ui.snippets.text import (
    F64,
    FMT_SIGNIFICANT,
    FMT_SLIDE,
    SHOW,
    copy_into,
    literal,
    script,
    tensor,
)

WEIGHTS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")

LSTM_LOOP = """GATES = {"f": torch.sigmoid, "i": torch.sigmoid, "g": torch.tanh, "o": torch.sigmoid}
with torch.no_grad():
    for t in range(1, len(x) + 1):
        print(f"t = {t}")
        z = x[t - 1] @ W_ih.T + b_ih + h[0] @ W_hh.T + b_hh
        z = dict(zip("ifgo", z.chunk(4)))
        for name, act in GATES.items():
            show(f"z_{name}", z[name])
            show(name, act(z[name]))
        _, (h, c) = lstm(x[t - 1 : t], (h, c))
        show(f"c_{t}", c)
        show(f"tanh(c_{t})", torch.tanh(c))
        show(f"h_{t}", h)"""

RNN_LOOP = """with torch.no_grad():
    out, h_T = rnn(x, h0)  # out: (T, H)
    h_prev = torch.cat([h0, out[:-1]])
    for t in range(1, len(x) + 1):
        print(f"t = {t}")
        show("x_t W_xh^T + b_xh", x[t - 1] @ W_ih.T + b_ih)
        show("h_(t-1) W_hh^T + b_hh", h_prev[t - 1] @ W_hh.T + b_hh)
        show(f"h_{t}", out[t - 1])"""


def cell_snippet(calc: Calculation) -> str:
    """nn.LSTM or nn.RNN with the calculation's weights, inputs and states, step by step."""
    ex, p = calc.example, calc.example.params
    I, H = ex.X.shape[1], len(ex.h0)
    if calc.kind == "lstm":
        weights = (p.W_ih, p.W_hh, p.b_ih, p.b_hh)
        module = f"lstm = nn.LSTM(input_size={I}, hidden_size={H}, dtype={F64})"
        states = (
            tensor("h", ex.h0.reshape(1, -1), "h_0: (1, H)"),
            tensor("c", ex.c0.reshape(1, -1), "c_0: (1, H)"),
        )
        name, loop, gates, nb = "lstm", LSTM_LOOP, "i, f, g, o", 4
    else:
        weights = (p.W_xh, p.W_hh, p.b_xh, p.b_hh)
        nl = p.nonlinearity
        module = f'rnn = nn.RNN(input_size={I}, hidden_size={H}, nonlinearity="{nl}", dtype={F64})'
        states = (tensor("h0", ex.h0.reshape(1, -1), "h_0: (1, H)"),)
        name, loop, gates, nb = "rnn", RNN_LOOP, "", 1
    W_ih, W_hh, b_ih, b_hh = weights
    tensors = "\n".join(
        (
            tensor("W_ih", W_ih, gates),
            tensor("W_hh", W_hh, gates),
            tensor("b_ih", b_ih, gates, blocks=nb),
            tensor("b_hh", b_hh, gates, blocks=nb),
            tensor("x", ex.X, "(T, I)"),
            *states,
        )
    )
    copy = copy_into(name, dict(zip(WEIGHTS, ("W_ih", "W_hh", "b_ih", "b_hh"), strict=True)))
    return script(
        "import torch\nfrom torch import nn",
        tensors,
        f"{module}\n{copy}",
        FMT_SLIDE,
        SHOW,
        loop,
    )


HEAD_RUN = """with torch.no_grad():
    p = torch.softmax(h_T, dim=0)
    print("softmax(h_T) =", "[" + ", ".join(sig(v) for v in p.tolist()) + "]")
    for k in range(len(h_T)):
        print(f"CE(h_T, {k + 1}) =", sig(F.cross_entropy(h_T, torch.tensor(k)).item()))
"""

FC_RUN = """    z = fc(h_T)
    show("z", z)
    show("softmax(z)", torch.softmax(z, dim=0))
    show("-log p", -torch.log_softmax(z, dim=0))
    show(f"L = -log p_{y + 1}", F.cross_entropy(z, torch.tensor(y)))"""


def head_snippet(loss: LossCalculation) -> str:
    """Slides 15-17: cross-entropy straight on h_T, then (if the head reads) nn.Linear on h_T,
    softmax and F.cross_entropy against the class the student picked."""
    lit = loss.literal
    h = np.asarray(lit.h)
    parts = ["import torch\nimport torch.nn.functional as F\nfrom torch import nn"]
    parts.append(tensor("h_T", h, "(H,)"))
    ht = loss.trace
    if ht is not None:
        C, H = ht.W.shape
        parts.append(
            "\n".join((tensor("W", ht.W, "(C, H)"), tensor("b", ht.b, "(C,)"), f"y = {ht.y}"))
        )
        module = f"fc = nn.Linear({H}, {C}, dtype={F64})"
        parts.append(f"{module}\n{copy_into('fc', {'weight': 'W', 'bias': 'b'})}")
    parts.append(FMT_SIGNIFICANT.replace("def fmt(", "def sig("))
    if ht is not None:
        parts += [FMT_SLIDE, SHOW]
    parts.append(HEAD_RUN + (FC_RUN if ht is not None else ""))
    return script(*parts)


__all__ = ["cell_snippet", "head_snippet", "literal"]
