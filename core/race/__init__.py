"""The live training race: an RNN and an LSTM learn to repeat a symbol seen T steps back."""

from core.race.models import KINDS
from core.race.race import (
    LIMITS,
    PRESETS,
    Evaluation,
    Race,
    RaceConfig,
    RaceStep,
    Record,
    last_evaluation,
    record,
    standing,
    validate,
)

__all__ = [
    "KINDS",
    "Evaluation",
    "LIMITS",
    "PRESETS",
    "Race",
    "RaceConfig",
    "RaceStep",
    "Record",
    "last_evaluation",
    "record",
    "standing",
    "validate",
]
