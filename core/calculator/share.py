"""Share codes: every number of the tables in the URL's `w`, and back.

'L111_1.65_1.63_...': the cell kind letter (L = LSTM, R = ReLU RNN, T = tanh RNN),
the digits I, H, T, then every number, '_'-separated, grids in FIELDS order.

An RNN's code may end with its classifier head (slides 15-17): '~' (never in a number),
the digits C (classes) and y (the target class, 1-based), then the head's rows
[W_c1 .. W_cH, b_c], '_'-separated: 'R232_..._0~31_0.3_-0.3_-0.1_...'. Codes made
before the head existed have no '~' and read as they always did.
"""

from __future__ import annotations

from core.calculator.loss import CLASS_LIMITS, HeadTables
from core.calculator.parse import CellError, parse_number, parse_tables
from core.calculator.tables import (
    FIELDS,
    PRESETS,
    SIZE_LIMITS,
    Tables,
    preset_tables,
    shapes,
    short_repr,
)
from core.errors import CoreError

HEAD_MARK = "~"
URL_KINDS = {"L": ("lstm", ""), "R": ("rnn", "relu"), "T": ("rnn", "tanh")}


class ShareCodeError(CoreError):
    """A share code that does not describe a cell: calc_share_start, calc_share_size,
    calc_share_count, calc_share_number (its `cause` is the number's CellError)."""

    def __init__(self, code: str, message: str = "", cause: CellError | None = None, **params):
        super().__init__(code, message, **params)
        self.cause = cause


def _numbers(rows) -> list[str]:
    """Every cell's shortest repr (a cell that does not parse is written as 0)."""
    nums = []
    for row in rows:
        for s in row:
            try:
                nums.append(short_repr(parse_number(s)))
            except CellError:
                nums.append("0")
    return nums


def _check_numbers(parts: list[str], code: str, what: str) -> None:
    """Every part of a code reads as a number; else ShareCodeError(code) naming its place k."""
    for k, s in enumerate(parts, start=1):
        try:
            parse_number(s)
        except CellError as e:
            raise ShareCodeError(code, f"{what} {k}: {e}", cause=e, k=k) from e


def encode(t: Tables) -> str:
    """Compact share code of the tables (a cell that does not parse is written as 0)."""
    I, H, T = t.sizes
    letter = "L" if t.kind == "lstm" else ("T" if t.nonlinearity == "tanh" else "R")
    nums = [n for name in FIELDS for n in _numbers(t.grids[name])]
    return f"{letter}{I}{H}{T}_" + "_".join(nums)


def encode_head(head: HeadTables) -> str:
    """The head's suffix of a share code: '~' C y (1-based), then its rows' numbers."""
    return f"{HEAD_MARK}{head.classes}{head.y + 1}_" + "_".join(_numbers(head.grid))


def decode_head(code: str, H: int) -> HeadTables:
    """A head suffix (after '~') for hidden size H -> HeadTables; ShareCodeError if wrong."""
    start, _, rest = code.partition("_")
    lo, hi = CLASS_LIMITS
    if len(start) != 2 or not start.isdigit() or not lo <= int(start[0]) <= hi:
        raise ShareCodeError(
            "calc_share_head_start",
            f"the classifier part does not start like '~31_' (classes {lo}-{hi}, target class)",
            lo=lo,
            hi=hi,
        )
    C, y = int(start[0]), int(start[1])
    if not 1 <= y <= C:
        raise ShareCodeError("calc_share_head_class", f"target class {y} of {C} classes", y=y, C=C)
    parts = rest.split("_") if rest else []
    need = C * (H + 1)
    if len(parts) != need:
        raise ShareCodeError(
            "calc_share_head_count",
            f"the classifier part has {len(parts)} numbers, {C} classes on H={H} need {need}",
            got=len(parts),
            C=C,
            H=H,
            need=need,
        )
    _check_numbers(parts, "calc_share_head_number", "classifier number")
    grid = tuple(tuple(parts[r * (H + 1) : (r + 1) * (H + 1)]) for r in range(C))
    return HeadTables(grid, y - 1)


def decode_link(code: str) -> tuple[Tables, HeadTables | None]:
    """A whole share code -> (the cell's grids, its head or None); ShareCodeError if wrong."""
    cell, mark, head = (code or "").strip().partition(HEAD_MARK)
    t = decode(cell)
    if not mark:
        return t, None
    if t.kind != "rnn":
        raise ShareCodeError("calc_share_head_kind", "only an RNN's code carries a classifier")
    return t, decode_head(head, t.sizes[1])


def decode(code: str) -> Tables:
    """Share code -> grids (a head suffix is read by decode_link); ShareCodeError if wrong."""
    code = (code or "").strip().partition(HEAD_MARK)[0]
    head, _, rest = code.partition("_")
    if len(head) != 4 or head[0] not in URL_KINDS or not head[1:].isdigit():
        raise ShareCodeError(
            "calc_share_start", "the share code does not start like 'L111_' (kind, I, H, T)"
        )
    kind, nl = URL_KINDS[head[0]]
    I, H, T = (int(c) for c in head[1:])
    for k, v in zip("IHT", (I, H, T), strict=True):
        lo, hi = SIZE_LIMITS[k]
        if not lo <= v <= hi:
            raise ShareCodeError(
                "calc_share_size",
                f"{k}={v} out of range ({lo}-{hi})",
                name=k,
                value=v,
                lo=lo,
                hi=hi,
            )
    shape = shapes(kind, I, H, T)
    need = sum(r * c for r, c in shape.values())
    parts = rest.split("_") if rest else []
    if len(parts) != need:
        raise ShareCodeError(
            "calc_share_count",
            f"the share code has {len(parts)} numbers, "
            f"a {kind.upper()} with I={I}, H={H}, T={T} needs {need}",
            got=len(parts),
            kind=kind.upper(),
            I=I,
            H=H,
            T=T,
            need=need,
        )
    _check_numbers(parts, "calc_share_number", "number")
    grids, pos = {}, 0
    for name in FIELDS:
        r, c = shape[name]
        grids[name] = tuple(tuple(parts[pos + i * c : pos + (i + 1) * c]) for i in range(r))
        pos += r * c
    return Tables(kind, nl, grids)


def match_preset(t: Tables) -> str:
    """'lstm_slide' or 'rnn_slide' when the grids hold exactly that example, else ''."""
    if parse_tables(t).errors:
        return ""
    # Equal floats have equal shortest reprs, so equal share codes mean equal numbers.
    code = encode(t)
    return next((name for name in PRESETS if encode(preset_tables(name)) == code), "")
