"""Helpers the tests share (not tests themselves): opening pages, faults, language checks."""
