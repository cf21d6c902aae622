"""Slides 30-36: the LSTM built from an RNN, one part per slide, on the slide example's numbers.

Each stage is what the slide's diagram computes: the quantities it has so far, the ones
it adds, and what leaves the cell (h_t) and what the long-term memory holds (c_t). Every
number comes from `lstm_step` (core/nn/cells.py), so the last stage is the calculator's
LSTM step, bit for bit.

  30 RNN                      h = g = tanh(W_ig x + b_ig + W_hg h_prev + b_hg)
  31 filter with i            h = i ⊙ g
  32 long-term memory         c = c_prev (carried along, untouched)
  33 add to it                c = c_prev + i ⊙ g,            h = c
  34 forget with f            c = f ⊙ c_prev + i ⊙ g,        h = c
  35 normalise with tanh      h = tanh(c)
  36 filter with o            h = o ⊙ tanh(c)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.calculator.presets import LSTMExample, slide_lstm
from core.nn.cells import LSTMStep, lstm_step

# The gate each stage brings in (slide 30's RNN is the candidate g's tanh).
GATE_OF = {"rnn": "g", "filter_input": "i", "forget": "f", "filter_output": "o"}

STAGES = ("rnn", "filter_input", "memory", "add", "forget", "normalise", "filter_output")
SLIDES = dict(zip(STAGES, range(30, 37), strict=True))

# What each stage adds, by the names the equations use (pre-activations end in "_pre").
NEW = {
    "rnn": ("g_pre", "g"),
    "filter_input": ("i_pre", "i", "i_g"),
    "memory": ("c_prev",),
    "add": ("c",),
    "forget": ("f_pre", "f", "f_c_prev", "c"),
    "normalise": ("tanh_c",),
    "filter_output": ("o_pre", "o", "h"),
}


@dataclass(frozen=True)
class Stage:
    """One slide of the build-up: every quantity so far, the new ones, and the outputs."""

    name: str  # one of STAGES
    slide: int
    values: dict  # name -> (H,) array, every quantity the cell has by now
    new: tuple[str, ...]  # the names this stage adds or changes
    h: np.ndarray  # (H,) what leaves the cell as h_t at this stage
    c: np.ndarray | None  # (H,) the long-term memory c_t, None before slide 32
    gates: dict  # gate name -> GateTrace (its four terms), the gates the cell has by now


def _quantities(step: LSTMStep) -> dict[str, np.ndarray]:
    q = {f"{g}_pre": step.gates[g].pre for g in "figo"}
    q |= {g: step.gates[g].act for g in "figo"}
    q |= {"i_g": step.i_g, "c_prev": step.c_prev, "f_c_prev": step.f_c_prev}
    q |= {"c": step.c, "tanh_c": step.tanh_c, "h": step.h}
    return q


def build_up(example: LSTMExample | None = None) -> list[Stage]:
    """The seven stages of slides 30-36 for one step of the example (slides 43-50 by default)."""
    ex = example or slide_lstm()
    step = lstm_step(ex.params, ex.X[0], ex.h0, ex.c0)
    q = _quantities(step)
    added = step.c_prev + step.i_g  # slide 33: nothing forgotten yet
    outputs = {  # (h_t, c_t) as each slide's diagram draws them
        "rnn": (q["g"], None),
        "filter_input": (q["i_g"], None),
        "memory": (q["i_g"], step.c_prev),
        "add": (added, added),
        "forget": (step.c, step.c),
        "normalise": (step.tanh_c, step.c),
        "filter_output": (step.h, step.c),
    }
    changed = {("add", "c"): added}  # the one quantity a later slide changes (34 forgets)
    stages, have, gates = [], {}, {}
    for name in STAGES:
        h, c = outputs[name]
        for key in NEW[name]:
            have[key] = changed.get((name, key), q[key])
        if name in GATE_OF:
            gates[GATE_OF[name]] = step.gates[GATE_OF[name]]
        stages.append(Stage(name, SLIDES[name], dict(have), NEW[name], h, c, dict(gates)))
    return stages
