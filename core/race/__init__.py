"""The live training race: an RNN and an LSTM learn to repeat a symbol seen T steps back."""

from core.race.race import LIMITS, PRESETS, Race, RaceConfig, RaceStep, Record, validate

__all__ = ["LIMITS", "PRESETS", "Race", "RaceConfig", "RaceStep", "Record", "validate"]
