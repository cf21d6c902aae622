"""Why RNN gradients vanish or explode (slide 28), on a scalar and on real networks.

- `scalar.py`: the slide's picture, input * w^n, overflow and underflow flagged.
- `explorer.py`: the page's one call, `explore(ExplorerConfig, CalculatorCell | None)`.
- `networks.py`: the seeded random networks and the calculator's cell, as weights.
- `run.py`: the seam to the backpropagation backend and the `Run` it returns.
- `bptt.py`: the backend, float64 NumPy BPTT written as the chain the page explains
  (batched, so the training race in core/race uses it too). No torch at run time: the
  tests check it against torch autograd (tests/support/torch_bptt.py).
- `why.py`: the Jacobian chain and the forget-gate products behind the curves.
- `limits.py`: the limits of every control and `BadInput`, which names each field.
"""

from core.gradients.explorer import (
    ExplorerConfig,
    ExplorerResult,
    GradientCurve,
    explore,
    saturating_inputs,
    validate,
)
from core.gradients.limits import (
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SCALAR_STEPS,
    MAX_SEED,
    VANISH_FLOOR,
    BadInput,
    Problem,
)
from core.gradients.networks import CalculatorCell, cell_from_handoff
from core.gradients.scalar import SLIDE_WS, ScalarSeries, scalar_series, with_slide

__all__ = [
    "MAX_HIDDEN",
    "MAX_LENGTH",
    "MAX_SCALAR_STEPS",
    "MAX_SEED",
    "SLIDE_WS",
    "VANISH_FLOOR",
    "cell_from_handoff",
    "BadInput",
    "CalculatorCell",
    "ExplorerConfig",
    "ExplorerResult",
    "GradientCurve",
    "Problem",
    "ScalarSeries",
    "explore",
    "saturating_inputs",
    "scalar_series",
    "validate",
    "with_slide",
]
