"""The generation loss of slides 18-19 in PyTorch: nn.Linear on every hidden state and
F.cross_entropy against the targets the student picked, printed as the loss tab prints
them (ui/lm/loss.py, 4 significant digits)."""

from __future__ import annotations

import numpy as np

from core.lm.generation_loss import GenerationLoss
from ui.snippets.text import F64, FMT_SIGNIFICANT, SHOW, copy_into, script, tensor

RUN = """with torch.no_grad():
    Z = fc(hs)  # (T, K): z_t = W_fc h_t + b_fc
    P = torch.softmax(Z, dim=1)
    ce = F.cross_entropy(Z, Y, reduction="none")  # (T,): -ln p_t[Y_t]
    for t in range(len(hs)):
        show(f"z_{t + 1}", Z[t])
        show(f"p_{t + 1}", P[t])
        show(f"Y_{t + 1}", F.one_hot(Y[t], num_classes=Z.shape[1]))
        show(f"CE_{t + 1}", ce[t])
    show("L", ce.sum())
    show("mean", F.cross_entropy(Z, Y))"""


def generation_snippet(g: GenerationLoss) -> str:
    """The slides' hidden states, the FC layer's weights and the targets, copied in."""
    hs = np.stack([s.h for s in g.steps])
    K, H = g.W_fc.shape
    inputs = "\n".join(
        (
            tensor("hs", hs, "h_1..h_T: (T, H)"),
            tensor("W_fc", g.W_fc, "(K, H)"),
            tensor("b_fc", g.b_fc, "(K,)"),
            tensor("Y", [s.y for s in g.steps], "Y_1..Y_T", integer=True),
        )
    )
    module = f"fc = nn.Linear({H}, {K}, dtype={F64})\n" + copy_into(
        "fc", {"weight": "W_fc", "bias": "b_fc"}
    )
    return script(
        "import torch\nimport torch.nn.functional as F\nfrom torch import nn",
        inputs,
        module,
        FMT_SIGNIFICANT,
        SHOW,
        RUN,
    )
