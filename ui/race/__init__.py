"""The training race's presentation: its curves and its words, from core's race records."""
