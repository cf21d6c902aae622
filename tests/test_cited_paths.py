"""Every repository path a test or a script names in its docstrings and comments exists.

A docstring that sends the reader to a test file after that file moved or was renamed is a
wrong map; this finds such names. Only docstrings and comments are read: string literals
in test code are data (a made-up model path in an error message under test).
A path followed by a placeholder (`models/sentiment/<name>/`, `scripts/bench_*.py`) is a
pattern, not a file, and is skipped.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from tests.support.paths import ROOT

SCANNED = ("tests", "scripts")
# A path starts at one of the repository's top folders, not inside a longer path or a URL
# (../shared/data/..., https://.../core/...), and ends on a letter, digit or slash.
PATH = re.compile(
    r"(?<![\w/.-])((?:app|core|data|docs|models|pages|scripts|tests|ui|\.ci)/[\w./-]*[\w/])"
)
PLACEHOLDER = "<{*["  # the character after the path says it is a pattern


def texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every docstring and comment of a Python source."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc is not None:
                out.append((node.body[0].lineno, doc))
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out.append((tok.start[0], tok.string))
    return out


def cited_paths(text: str) -> list[str]:
    """The repository paths text names, patterns left out."""
    found = []
    for m in PATH.finditer(text):
        after = text[m.end() : m.end() + 1]
        if after and after in PLACEHOLDER:
            continue
        found.append(m.group(1))
    return found


def exists(path: str) -> bool:
    """path is in the repository (a module may be named without its .py)."""
    p = ROOT / path
    return p.exists() or p.with_suffix(".py").exists()


def sources() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))


def test_the_scanner_finds_paths_and_skips_patterns():
    """The guard below means something only if it sees a path where one is written."""
    text = (
        "see tests/support/server.py, then core/training/ and docs/ARCHITECTURE.md.\n"
        "models/sentiment/<name>/model.onnx, scripts/bench_*.py and ../shared/data/ntc-scv;\n"
        "https://example.org/core/x.py and core.training.report are not paths"
    )
    assert cited_paths(text) == [
        "tests/support/server.py", "core/training/", "docs/ARCHITECTURE.md"
    ]  # fmt: skip
    source = '"""Read tests/nowhere.py."""\n\ndef f():\n    x = "tests/data.py"  # ui/gone.py\n'
    cited = [(n, p) for n, t in texts(source) for p in cited_paths(t)]
    assert cited == [(1, "tests/nowhere.py"), (4, "ui/gone.py")]  # the string literal is data
    assert not exists("tests/nowhere.py") and exists("tests/support/paths.py")
    assert exists("core/training/report")  # a module named without .py


@pytest.mark.parametrize("folder", SCANNED)
def test_every_cited_path_exists(folder):
    missing = []
    for f in sources():
        if f.relative_to(ROOT).parts[0] != folder:
            continue
        for line, text in texts(f.read_text(encoding="utf-8")):
            missing += [f"{f.relative_to(ROOT)}:{line}: {p}" for p in cited_paths(text)
                        if not exists(p)]  # fmt: skip
    assert missing == [], "docstrings or comments name files that are not in the repository"
