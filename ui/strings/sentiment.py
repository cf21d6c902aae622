"""The sentiment page's words, in both languages (keys: "sentiment.<name>")."""

KEPT: frozenset[str] = frozenset()

STRINGS: dict[str, dict[str, str]] = {}
