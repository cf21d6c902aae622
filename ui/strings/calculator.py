"""The calculator page's words, in both languages (keys: "calculator.<name>")."""

KEPT: frozenset[str] = frozenset()

STRINGS: dict[str, dict[str, str]] = {}
