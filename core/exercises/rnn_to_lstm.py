"""From RNN to LSTM's exercise: which part of the cell fixes slide 28's problem, and why.

Slide 28: through n steps the RNN multiplies the gradient by the same weight n times,
0.5^n vanishes, 2^n explodes. The LSTM's cell state is updated by addition,
c_t = f_t ⊙ c_(t-1) + i_t ⊙ g_t, so along it each step multiplies by f_t: a gate the
network sets per step, between 0 and 1, near 1 to remember; the product neither vanishes
like 0.5^n while f stays near 1 nor grows like 2^n, since f never exceeds 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OPTIONS = ("cell_path", "output_gate", "tanh", "more_units")
ANSWER = "cell_path"
PROBLEMS = {"vanish": 0.5, "explode": 2.0}  # slide 28's two weights
STEPS = (10, 40)  # n drawn from this range


@dataclass(frozen=True)
class WhyExercise:
    seed: int
    problem: str  # "vanish" or "explode"
    weight: float  # 0.5 or 2
    n: int
    product: float  # weight ** n: what the RNN's gradient is multiplied by
    forget: float  # a forget gate near 1, as a trained LSTM keeps it to remember
    kept: float  # forget ** n: what the cell path multiplies by instead
    options: tuple[str, ...]  # OPTIONS in the seed's order
    answer: str = ANSWER

    def is_right(self, picked: str | None) -> bool:
        return picked == self.answer


def why_exercise(seed: int) -> WhyExercise:
    """The exercise of this seed: the problem, its n and the order of the choices."""
    rng = np.random.default_rng(int(seed))
    problem = ("vanish", "explode")[rng.integers(2)]
    n = int(rng.integers(STEPS[0], STEPS[1] + 1))
    weight = PROBLEMS[problem]
    forget = float(np.round(rng.uniform(0.95, 0.99), 2))
    order = tuple(OPTIONS[k] for k in rng.permutation(len(OPTIONS)))
    return WhyExercise(int(seed), problem, weight, n, weight**n, forget, forget**n, order)
