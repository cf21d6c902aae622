"""The pieces every snippet shares: exact literals, and the page's number styles as Python.

Floats are written with repr, so a snippet computes on the very numbers the page did.
Each FMT_* is the source of a function `fmt(v)` that writes a float the way one of
ui/format.py's styles does, so that what a snippet prints reads as the page does.
"""

from __future__ import annotations

import numpy as np

WIDTH = 88  # a longer statement (comment aside) is written one row per line, as ruff does
F64 = "torch.float64"

# ui.format.slide (and worked) at 3 decimals: the calculator's numbers.
FMT_SLIDE = """def fmt(v):
    if v != 0 and abs(v) < 5e-4 or not abs(v) < 1e6:
        return f"{v:.3g}"
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s
"""

# ui.format.decimals at 4 decimals: the lecture pages' tables.
FMT_DECIMALS = """def fmt(v):
    s = f"{round(v, 4) + 0.0:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
"""

# ui.format.significant: 4 significant digits.
FMT_SIGNIFICANT = """def fmt(v):
    return "0" if v == 0 else f"{v:.4g}"
"""

# A tensor printed as the page prints it: one number alone, several in brackets.
SHOW = """def show(name, a):
    v = [fmt(x) for x in a.flatten().tolist()]
    print(name, "=", v[0] if len(v) == 1 else "[" + ", ".join(v) + "]")
"""


def number(v) -> str:
    """repr of a float: the shortest text that reads back as exactly v."""
    return repr(float(v))


def literal(a, integer: bool = False) -> str:
    """A nested list literal of a (any shape), numbers exact."""
    a = np.asarray(a)
    if a.ndim == 0:
        return str(int(a)) if integer else number(a)
    return "[" + ", ".join(literal(x, integer) for x in a) + "]"


def tensor(name: str, a, comment: str = "", integer: bool = False, blocks: int = 1) -> str:
    """`name = torch.tensor(..., dtype=torch.float64)` on one line, or one row per line; a
    long vector of `blocks` equal blocks (an LSTM's four gates) one block per line."""
    a = np.asarray(a)
    dtype = "" if integer else f", dtype={F64}"
    tail = f"  # {comment}" if comment else ""
    one = f"{name} = torch.tensor({literal(a, integer)}{dtype})"
    if len(one) <= WIDTH or (a.ndim < 2 and blocks == 1):
        return one + tail
    flat = ".flatten()" if a.ndim == 1 else ""
    shaped = a.reshape(blocks, -1) if a.ndim == 1 else a
    rows = "".join(f"        {literal(r, integer)},\n" for r in shaped)
    kw = f"    dtype={F64},\n" if not integer else ""
    return f"{name} = torch.tensor({tail}\n    [\n{rows}    ],\n{kw}){flat}"


def copy_into(module: str, names: dict[str, str]) -> str:
    """`with torch.no_grad():` copying each tensor into the module's parameter of that name."""
    lines = [f"    {module}.{p}.copy_({v})" for p, v in names.items()]
    return "with torch.no_grad():\n" + "\n".join(lines)


def script(*parts: str) -> str:
    """Parts joined as a module: two blank lines around a top-level def, one elsewhere."""
    out, prev_def = "", False
    for part in parts:
        part = part.strip("\n")
        if not part:
            continue
        is_def = part.startswith("def ")
        if out:
            out += "\n\n\n" if is_def or prev_def else "\n\n"
        out += part
        prev_def = is_def
    return out + "\n"
