"""Run a page's PyTorch snippet as a student would, and read back what it prints.

exec in a fresh namespace with stdout captured: a subprocess per snippet would cost a
torch import each. A snippet that touched torch's global state (default dtype, threads)
would leak into the next test, so `run` checks that it left the default dtype alone.
"""

from __future__ import annotations

import contextlib
import io
import re

import torch


def run(code: str) -> str:
    """What the snippet prints."""
    before = torch.get_default_dtype()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {"__name__": "__snippet__"})  # noqa: S102
    assert torch.get_default_dtype() == before, "a snippet changed torch's default dtype"
    return out.getvalue()


def pairs(printed: str) -> list[tuple[str, str]]:
    """Every 'label = value' line as (label, value), in order; the last ' = ' splits."""
    out = []
    for line in printed.splitlines():
        label, sep, value = line.rpartition(" = ")
        assert sep, f"a printed line without ' = ': {line!r}"
        out.append((label, value))
    return out


def steps(printed: str) -> list[dict[str, str]]:
    """The lines after each 't = k' line, as label -> value, one dict per step."""
    out: list[dict[str, str]] = []
    for label, value in pairs(printed):
        if label == "t":
            assert int(value) == len(out) + 1
            out.append({})
        else:
            out[-1][label] = value
    return out


def units(value: str) -> list[str]:
    """'[0.1, 2]' -> ['0.1', '2']; '0.997' -> ['0.997']."""
    v = value.strip()
    return [x.strip() for x in v[1:-1].split(",")] if v.startswith("[") else [v]


def near_tie(v: float, nd: int) -> bool:
    """Is v within float noise of a rounding tie at nd decimals? There NumPy's and torch's
    last bit may round different ways, and both are right."""
    frac = abs(float(v)) * 10**nd % 1
    return abs(frac - 0.5) < 1e-6


def same_shown(printed: str, shown: str, exact: float, nd: int) -> bool:
    """The snippet printed what the page shows, or both round a value at a tie."""
    return printed == shown or (
        near_tie(exact, nd) and abs(float(printed) - float(shown)) <= 2 * 10**-nd
    )


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
