"""The gradients page's words, in both languages (keys: "gradients.<name>")."""

KEPT: frozenset[str] = frozenset()

STRINGS: dict[str, dict[str, str]] = {}
