"""Everything the calculator page computes: tables in, a drawable explanation out.

The page keeps the cell's numbers as text grids (what its editable tables hold),
so any typo reaches this module and comes back as a message naming the table and
cell instead of an exception. `calculate` turns grids into traces, the slides'
hand-written lines, saturation findings, a CSV, a Graphviz diagram and a share code.

Grids (row blocks follow PyTorch's packing, gates in GATES = (i, f, g, o) order):
    W_x   (B*H, I)  input weights, B = 4 gate blocks for an LSTM, 1 for an RNN
    W_h   (B*H, H)  hidden weights
    b     (B*H, 2)  columns b_x, b_h (PyTorch's two biases)
    X     (T, I)    one input per time step
    state (S, H)    h_0 (and c_0 for an LSTM)
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import numpy as np

from core.calculator.presets import LSTMExample, RNNExample, slide_lstm, slide_rnn
from core.nn.cells import (
    FLOAT_MAX,
    GATE_NAMES,
    GATES,
    LSTMParams,
    LSTMStep,
    RNNParams,
    RNNStep,
    lstm_forward,
    rnn_forward,
)

FIELDS = ("W_x", "W_h", "b", "X", "state")
FIELD_LABELS = {
    "W_x": "Trọng số đầu vào W_x · input weights",
    "W_h": "Trọng số ẩn W_h · hidden weights",
    "b": "Bias b_x, b_h",
    "X": "Đầu vào x_t · inputs",
    "state": "Trạng thái đầu · initial states",
}
SIZE_LIMITS = {"I": (1, 4), "H": (1, 4), "T": (1, 6)}
SATURATION = 5.0  # |pre| beyond this: sigmoid' < 0.0067, tanh' < 0.00018
PRESETS = ("lstm_slide", "rnn_slide")
ACT_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}
URL_KINDS = {"L": ("lstm", ""), "R": ("rnn", "relu"), "T": ("rnn", "tanh")}


# ------------------------------------------------------------------ numbers


def fmt(v: float, nd: int = 3) -> str:
    """A number the way the slides print it: nd decimals, no trailing zeros."""
    v = float(v)
    if v != 0 and (abs(v) >= 1e6 or abs(v) < 0.5 * 10**-nd):
        return f"{v:.3g}"
    s = f"{v:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_vec(a, nd: int = 3) -> str:
    """[2, 3]: a vector as the slides print it."""
    return "[" + ", ".join(fmt(v, nd) for v in np.ravel(a)) + "]"


def partial_sum(a, b) -> np.ndarray:
    """a + b as the slides group it (x·W + b), clamped like the cells so it never prints inf."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.add(a, b)
    return np.nan_to_num(out, nan=0.0, posinf=FLOAT_MAX, neginf=-FLOAT_MAX)


def _paren(s: str) -> str:
    return f"({s})" if s.startswith("-") else s


def _sum_line(terms: list[str]) -> str:
    """Join terms with + and -, so '-0.32' reads '... - 0.32'."""
    out = terms[0]
    for t in terms[1:]:
        out += f" - {t[1:]}" if t.startswith("-") else f" + {t}"
    return out


def short_repr(v: float) -> str:
    """Shortest text that parses back to exactly v (1.0 -> '1')."""
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


# ------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Tables:
    """The cell's numbers as text grids, exactly what the page's tables hold."""

    kind: str  # "lstm" or "rnn"
    nonlinearity: str  # RNN: "relu" (slides) or "tanh" (PyTorch); LSTM: ""
    grids: dict[str, tuple[tuple[str, ...], ...]] = field(repr=False)

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(I, H, T) as the grids' intended shape."""
        H = len(self.grids["state"][0]) if self.grids["state"] else 1
        I = len(self.grids["X"][0]) if self.grids["X"] else 1
        return I, H, len(self.grids["X"])


def blocks(kind: str) -> tuple[str, ...]:
    """Row blocks of the weight grids: the four gates, or the RNN's one update."""
    return GATES if kind == "lstm" else ("h",)


def labels(kind: str, I: int, H: int, T: int) -> dict[str, tuple[list[str], list[str]]]:
    """(row labels, column labels) of every grid."""
    if kind == "lstm":
        rows = [
            f"{g} · {GATE_NAMES[g]}" if H == 1 else f"{g}[{j}]"
            for g in GATES
            for j in range(1, H + 1)
        ]
    else:
        rows = [f"h[{j}]" for j in range(1, H + 1)]
    xs = [f"x[{k}]" for k in range(1, I + 1)]
    hs = [f"h[{k}]" for k in range(1, H + 1)]
    bias = ["b_x", "b_h"] if kind == "lstm" else ["b_xh", "b_hh"]
    states = ["h_0", "c_0"] if kind == "lstm" else ["h_0"]
    return {
        "W_x": (rows, xs),
        "W_h": (rows, hs),
        "b": (rows, bias),
        "X": ([f"t={t}" for t in range(1, T + 1)], xs),
        "state": (states, [f"[{j}]" for j in range(1, H + 1)]),
    }


def _grid(a) -> tuple[tuple[str, ...], ...]:
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    return tuple(tuple(short_repr(v) for v in row) for row in a)


def example_tables(ex: LSTMExample | RNNExample) -> Tables:
    """The grids that hold a preset's numbers."""
    p = ex.params
    if isinstance(ex, LSTMExample):
        W_x, W_h, b_x, b_h = p.W_ih, p.W_hh, p.b_ih, p.b_hh
        state = np.stack([ex.h0, ex.c0])
        kind, nl = "lstm", ""
    else:
        W_x, W_h, b_x, b_h = p.W_xh, p.W_hh, p.b_xh, p.b_hh
        state = ex.h0.reshape(1, -1)
        kind, nl = "rnn", p.nonlinearity
    grids = {
        "W_x": _grid(W_x),
        "W_h": _grid(W_h),
        "b": _grid(np.stack([b_x, b_h], axis=1)),
        "X": _grid(ex.X),
        "state": _grid(state),
    }
    return Tables(kind, nl, grids)


def preset_tables(name: str) -> Tables:
    """'lstm_slide' (slides 43-50) or 'rnn_slide' (slides 11-14) as grids."""
    return example_tables(slide_lstm() if name == "lstm_slide" else slide_rnn())


def _clip_size(name: str, n: int) -> int:
    lo, hi = SIZE_LIMITS[name]
    return max(lo, min(hi, int(n)))


def resize_tables(t: Tables, I: int, H: int, T: int) -> Tables:
    """Same numbers where the old and new shapes overlap, '0' everywhere new."""
    I, H, T = _clip_size("I", I), _clip_size("H", H), _clip_size("T", T)
    _, H_old, _ = t.sizes
    nb = len(blocks(t.kind))

    def cell(grid, r, c):
        return grid[r][c] if r < len(grid) and c < len(grid[r]) else "0"

    def weights(grid, ncols):
        # Row (block, unit j) keeps its meaning when H changes.
        return tuple(
            tuple(cell(grid, k * H_old + j, c) if j < H_old else "0" for c in range(ncols))
            for k in range(nb)
            for j in range(H)
        )

    g = t.grids
    grids = {
        "W_x": weights(g["W_x"], I),
        "W_h": weights(g["W_h"], H),
        "b": weights(g["b"], 2),
        "X": tuple(tuple(cell(g["X"], r, c) for c in range(I)) for r in range(T)),
        "state": tuple(
            tuple(cell(g["state"], r, c) for c in range(H)) for r in range(len(g["state"]))
        ),
    }
    return Tables(t.kind, t.nonlinearity, grids)


def random_tables(kind: str, I: int, H: int, T: int, seed: int, nonlinearity: str = "relu"):
    """A random exercise, reproducible from its seed, with numbers short enough to do by hand."""
    rng = np.random.default_rng(int(seed))
    nb = len(blocks(kind))
    S = 2 if kind == "lstm" else 1

    def r(shape, scale, nd):
        return np.round(rng.uniform(-scale, scale, size=shape), nd) + 0.0  # +0.0: no -0

    grids = {
        "W_x": _grid(r((nb * H, I), 2.0, 2)),
        "W_h": _grid(r((nb * H, H), 2.0, 2)),
        "b": _grid(r((nb * H, 2), 1.0, 2)),
        "X": _grid(r((T, I), 2.0, 1)),
        "state": _grid(r((S, H), 1.0, 1)),
    }
    return Tables(kind, nonlinearity if kind == "rnn" else "", grids)


# ------------------------------------------------------------------ parsing


@dataclass(frozen=True)
class FieldError:
    """One bad cell (or a bad shape) of one grid, said so that a student can fix it."""

    field: str  # one of FIELDS
    row: str  # row label, "" for the whole table
    col: str  # column label, "" for the whole row/table
    message: str

    def __str__(self) -> str:
        where = f"{self.row}, {self.col}" if self.row and self.col else self.row or self.col
        return f"{where}: {self.message}" if where else self.message


EMPTY = "ô trống · empty cell: nhập một số, ví dụ 0 · type a number, e.g. 0"


def parse_number(text) -> tuple[float | None, str]:
    """(value, '') for a finite number, else (None, what is wrong and what to type)."""
    # The table editor hands back a float NaN (not the text 'nan') for a cleared cell.
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None, EMPTY
    if isinstance(text, (int, float, np.floating, np.integer)) and not isinstance(text, bool):
        s = repr(float(text))
    else:
        s = str(text).replace("\u200b", "").strip()  # zero-width spaces a paste may carry
    if s == "" or s.lower() in ("none", "<na>"):
        return None, EMPTY
    # Vietnamese writes 1,5 for 1.5.
    if "," in s and "." not in s and s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        shown = s if len(s) <= 20 else s[:20] + "…"
        return None, f"'{shown}' không phải là số · is not a number (ví dụ · e.g. 1.5, -0.3, 1e3)"
    if math.isnan(v):
        return None, "NaN không phải là số · NaN is not a number: nhập một số hữu hạn"
    if math.isinf(v):
        return None, (
            f"vô cực · infinite (float64 stops at {FLOAT_MAX:.3g}): "
            "nhập số nhỏ hơn, ví dụ 1e300 · type a finite number, e.g. 1e300"
        )
    return v, ""


def _parse_grid(t: Tables, name: str, shape: tuple[int, int], lab) -> tuple[np.ndarray, list]:
    rows, cols = lab
    grid = t.grids.get(name, ())
    errors = []
    n_rows = len(grid)
    bad_cols = [r for r in grid if len(r) != shape[1]]
    if n_rows != shape[0] or bad_cols:
        got = f"{n_rows}×{len(bad_cols[0]) if bad_cols else shape[1]}"
        errors.append(
            FieldError(
                name,
                "",
                "",
                f"sai kích thước · shape mismatch: bảng có {got}, cần "
                f"{shape[0]}×{shape[1]} · the table is {got}, expected {shape[0]}×{shape[1]}",
            )
        )
        return np.zeros(shape), errors
    out = np.zeros(shape)
    for r in range(shape[0]):
        for c in range(shape[1]):
            v, msg = parse_number(grid[r][c])
            if msg:
                errors.append(FieldError(name, rows[r], cols[c], msg))
            else:
                out[r, c] = v
    return out, errors


@dataclass(frozen=True)
class Parsed:
    """Either an example ready to run, or the list of what is wrong with the grids."""

    example: LSTMExample | RNNExample | None
    errors: tuple[FieldError, ...]


def parse_tables(t: Tables) -> Parsed:
    """Grids of text -> cell parameters, inputs and states, or per-cell errors."""
    if t.kind not in ("lstm", "rnn"):
        return Parsed(None, (FieldError("W_x", "", "", f"unknown cell kind {t.kind!r}"),))
    I, H, T = t.sizes
    sizes_ok = all(
        SIZE_LIMITS[k][0] <= v <= SIZE_LIMITS[k][1] for k, v in zip("IHT", (I, H, T), strict=True)
    )
    if not sizes_ok:
        msg = (
            f"kích thước ngoài giới hạn · sizes out of range: I={I}, H={H}, T={T} (I, H 1-4; T 1-6)"
        )
        return Parsed(None, (FieldError("X", "", "", msg),))
    nb = len(blocks(t.kind))
    S = 2 if t.kind == "lstm" else 1
    lab = labels(t.kind, I, H, T)
    shapes = {
        "W_x": (nb * H, I),
        "W_h": (nb * H, H),
        "b": (nb * H, 2),
        "X": (T, I),
        "state": (S, H),
    }
    arrays, errors = {}, []
    for name in FIELDS:
        arrays[name], errs = _parse_grid(t, name, shapes[name], lab[name])
        errors += errs
    if errors:
        return Parsed(None, tuple(errors))
    b = arrays["b"]
    if t.kind == "lstm":
        p = LSTMParams(arrays["W_x"], arrays["W_h"], b[:, 0], b[:, 1])
        ex = LSTMExample(p, arrays["X"], arrays["state"][0], arrays["state"][1])
    else:
        p = RNNParams(arrays["W_x"], arrays["W_h"], b[:, 0], b[:, 1], t.nonlinearity or "relu")
        ex = RNNExample(p, arrays["X"], arrays["state"][0])
    return Parsed(ex, ())


# ---------------------------------------------------------------------- URL


class ShareCodeError(ValueError):
    """A share code (the URL's `w`) that does not describe a cell."""


def encode(t: Tables) -> str:
    """Compact share code: kind letter, I, H, T digits, then every number, '_'-separated.

    e.g. 'L111_1.65_1.63_...' ; numbers in grid order W_x, W_h, b, X, state.
    """
    I, H, T = t.sizes
    letter = "L" if t.kind == "lstm" else ("T" if t.nonlinearity == "tanh" else "R")
    nums = []
    for name in FIELDS:
        for row in t.grids[name]:
            for s in row:
                v, _ = parse_number(s)
                nums.append(short_repr(v if v is not None else 0.0))
    return f"{letter}{I}{H}{T}_" + "_".join(nums)


def decode(code: str) -> Tables:
    """Share code -> grids; raises ShareCodeError saying what is wrong."""
    code = (code or "").strip()
    head, _, rest = code.partition("_")
    if len(head) != 4 or head[0] not in URL_KINDS or not head[1:].isdigit():
        raise ShareCodeError(
            "mã chia sẻ không hợp lệ · the share code does not start like 'L111_' "
            "(cell kind L/R/T, then I, H, T)"
        )
    kind, nl = URL_KINDS[head[0]]
    I, H, T = (int(c) for c in head[1:])
    for k, v in zip("IHT", (I, H, T), strict=True):
        lo, hi = SIZE_LIMITS[k]
        if not lo <= v <= hi:
            raise ShareCodeError(f"{k}={v} ngoài giới hạn · out of range ({lo}-{hi})")
    nb, S = (4, 2) if kind == "lstm" else (1, 1)
    shapes = [(nb * H, I), (nb * H, H), (nb * H, 2), (T, I), (S, H)]
    need = sum(r * c for r, c in shapes)
    parts = rest.split("_") if rest else []
    if len(parts) != need:
        raise ShareCodeError(
            f"mã chia sẻ thiếu/thừa số · the share code has {len(parts)} numbers, "
            f"a {kind.upper()} with I={I}, H={H}, T={T} needs {need}"
        )
    for k, s in enumerate(parts, start=1):
        _, msg = parse_number(s)
        if msg:
            raise ShareCodeError(f"số thứ {k} · number {k}: {msg}")
    grids, pos = {}, 0
    for name, (r, c) in zip(FIELDS, shapes, strict=True):
        grids[name] = tuple(tuple(parts[pos + i * c : pos + (i + 1) * c]) for i in range(r))
        pos += r * c
    return Tables(kind, nl, grids)


# ------------------------------------------------------------ explanations


@dataclass(frozen=True)
class GateView:
    """One gate at one step: its hand-written line and activation, per hidden unit."""

    name: str  # GATES letter, or "h" for the RNN update
    title: str  # "f · forget gate"
    lines: tuple[str, ...]  # "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95"
    act_lines: tuple[str, ...]  # "σ(5.95) = 0.997"
    pre: tuple[float, ...]
    act: tuple[float, ...]
    saturated: tuple[bool, ...]


@dataclass(frozen=True)
class StepView:
    """Everything the page prints for time step t."""

    t: int
    gates: tuple[GateView, ...]  # slide order: f, i, g, o for an LSTM
    state_lines: tuple[str, ...]  # c_t, tanh(c_t), h_t lines (LSTM); slide vector lines (RNN)
    h: tuple[float, ...]
    c: tuple[float, ...]  # empty for an RNN
    overflow: bool
    dot: str  # Graphviz diagram of the cell with this step's values


@dataclass(frozen=True)
class Saturation:
    """A gate unit whose pre-activation is so large that its derivative is almost zero."""

    t: int
    gate: str
    unit: int  # 1-based
    pre: float
    derivative: float
    message: str


@dataclass(frozen=True)
class SlideCheck:
    """One number printed on a slide next to what the app computes."""

    slide: str  # slide number(s)
    quantity: str
    printed: str  # as on the slide
    app: str  # the app's value at the slide's precision
    exact: str  # more digits
    agrees: bool
    note: str = ""


@dataclass(frozen=True)
class Calculation:
    """All the page draws: errors, or the trace explained."""

    errors: tuple[FieldError, ...]
    kind: str = ""
    example: LSTMExample | RNNExample | None = None
    steps: tuple[LSTMStep | RNNStep, ...] = ()
    views: tuple[StepView, ...] = ()
    saturations: tuple[Saturation, ...] = ()
    table_columns: tuple[str, ...] = ()
    table_rows: tuple[tuple, ...] = ()
    csv: bytes = b""
    share_code: str = ""
    preset: str = ""  # "lstm_slide" / "rnn_slide" when the numbers are a slide example
    slide_checks: tuple[SlideCheck, ...] = ()
    slide_c_line: str = ""  # slide 48's rounded arithmetic
    erratum: tuple[str, str, str] = ()  # (slide prints, correct, exact) for slide 49

    @property
    def ok(self) -> bool:
        return not self.errors


def _gate_lines(W_x, W_h, tr, x, h_prev, H) -> tuple[str, ...]:
    lines = []
    for j in range(H):
        terms = [f"{fmt(W_x[j, k])}×{_paren(fmt(x[k]))}" for k in range(len(x))]
        terms.append(fmt(tr.b_x[j]))
        terms += [f"{fmt(W_h[j, k])}×{_paren(fmt(h_prev[k]))}" for k in range(len(h_prev))]
        terms.append(fmt(tr.b_h[j]))
        prefix = f"[{j + 1}] " if H > 1 else ""
        lines.append(f"{prefix}{_sum_line(terms)} = {fmt(tr.pre[j])}")
    return tuple(lines)


def _derivative(activation: str, act: float) -> float:
    return act * (1 - act) if activation == "sigmoid" else 1 - act * act


def _gate_view(name, title, W_x, W_h, tr, x, h_prev) -> GateView:
    H = len(tr.pre)
    sym = ACT_SYMBOL[tr.activation]
    prefix = (lambda j: f"[{j + 1}] ") if H > 1 else (lambda j: "")
    act_lines = tuple(f"{prefix(j)}{sym}({fmt(tr.pre[j])}) = {fmt(tr.act[j])}" for j in range(H))
    sat = tuple(tr.activation != "relu" and abs(p) > SATURATION for p in tr.pre)
    return GateView(
        name,
        title,
        _gate_lines(W_x, W_h, tr, x, h_prev, H),
        act_lines,
        tuple(float(v) for v in tr.pre),
        tuple(float(v) for v in tr.act),
        sat,
    )


SLIDE_ORDER = ("f", "i", "g", "o")  # the slides build the cell forget gate first
GATE_TITLES = {
    "f": "f · cổng quên · forget gate",
    "i": "i · cổng vào · input gate",
    "g": "g · ứng viên · candidate (C̃)",
    "o": "o · cổng ra · output gate",
}


def _lstm_view(p: LSTMParams, s: LSTMStep) -> StepView:
    gates = tuple(
        _gate_view(g, GATE_TITLES[g], p.gate(g)[0], p.gate(g)[1], s.gates[g], s.x, s.h_prev)
        for g in SLIDE_ORDER
    )
    f, i, g_, o = (s.gates[k].act for k in ("f", "i", "g", "o"))
    H = len(s.h)
    lines = []
    for j in range(H):
        u = f"[{j + 1}] " if H > 1 else ""
        lines.append(
            f"{u}c_t = f⊙c_(t-1) + i⊙g = {fmt(f[j])}×{_paren(fmt(s.c_prev[j]))} + "
            f"{fmt(i[j])}×{_paren(fmt(g_[j]))} = {_sum_line([fmt(s.f_c_prev[j]), fmt(s.i_g[j])])}"
            f" = {fmt(s.c[j])}"
        )
    for j in range(H):
        u = f"[{j + 1}] " if H > 1 else ""
        lines.append(f"{u}tanh(c_t) = tanh({fmt(s.c[j])}) = {fmt(s.tanh_c[j])}")
    for j in range(H):
        u = f"[{j + 1}] " if H > 1 else ""
        lines.append(
            f"{u}h_t = o⊙tanh(c_t) = {fmt(o[j])}×{_paren(fmt(s.tanh_c[j]))} = {fmt(s.h[j])}"
        )
    return StepView(
        s.t,
        gates,
        tuple(lines),
        tuple(float(v) for v in s.h),
        tuple(float(v) for v in s.c),
        s.overflow,
        lstm_dot(s, {g.name: g.saturated for g in gates}),
    )


def _rnn_view(p: RNNParams, s: RNNStep) -> StepView:
    tr = s.update
    sym = ACT_SYMBOL[tr.activation]
    title = f"h · cập nhật ẩn · hidden update ({sym})"
    gate = _gate_view("h", title, p.W_xh, p.W_hh, tr, s.x, s.h_prev)
    lines = (
        f"x_t W_xh^T + b_xh = {fmt_vec(partial_sum(tr.Wx_x, tr.b_x))}",
        f"h_(t-1) W_hh^T + b_hh = {fmt_vec(partial_sum(tr.Wh_h, tr.b_h))}",
        f"h_t = {sym}({fmt_vec(tr.pre)}) = {fmt_vec(s.h)}",
    )
    dot = rnn_dot(s, any(gate.saturated))
    return StepView(s.t, (gate,), lines, tuple(float(v) for v in s.h), (), s.overflow, dot)


def saturations(views: tuple[StepView, ...]) -> tuple[Saturation, ...]:
    """Every (step, gate, unit) with |pre-activation| > SATURATION under sigmoid or tanh."""
    out = []
    for v in views:
        for g in v.gates:
            for j, sat in enumerate(g.saturated):
                if not sat:
                    continue
                act_name = "tanh" if g.name in ("g", "h") else "sigmoid"
                d = _derivative(act_name, g.act[j])
                unit = f", đơn vị · unit {j + 1}" if len(g.pre) > 1 else ""
                msg = (
                    f"Bước · step t={v.t}, cổng · gate {g.name}{unit}: |tiền kích hoạt| = "
                    f"|{fmt(g.pre[j])}| > {fmt(SATURATION)}, bão hòa · saturated: đạo hàm · "
                    f"derivative {ACT_SYMBOL[act_name]}' = {fmt(d, 4)} ≈ 0, gradient qua cổng "
                    "này gần như biến mất · almost no gradient flows through this gate."
                )
                out.append(Saturation(v.t, g.name, j + 1, g.pre[j], d, msg))
    return tuple(out)


# ------------------------------------------------------------------ diagram


def _dot_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def _node(name: str, label: str, **attrs) -> str:
    extra = "".join(f', {k}="{_dot_escape(str(v))}"' for k, v in attrs.items())
    return f'  {name} [label="{_dot_escape(label)}"{extra}];'


def _dot_value(a) -> str:
    """0.997 for one unit, [0.1, 0.2] for several."""
    a = np.ravel(a)
    return fmt(a[0]) if a.size == 1 else fmt_vec(a)


_SAT_FILL = "#f8c9c4"
_GATE_FILL = "#dbe8f7"
_IO_FILL = "#eeeeee"
_OUT_FILL = "#d5efd8"


def lstm_dot(s: LSTMStep, saturated: dict[str, tuple[bool, ...]] | None = None) -> str:
    """Graphviz DOT of the LSTM cell at step t, each box carrying its live value."""
    saturated = saturated or {}
    v = _dot_value
    lines = [
        "digraph LSTM {",
        '  rankdir=LR; bgcolor="transparent"; nodesep=0.35; ranksep=0.5;',
        '  node [fontname="Helvetica", fontsize=16, style="filled,rounded", shape=box];',
        '  edge [color="#555555"];',
        _node("x", f"x_t\n{v(s.x)}", fillcolor=_IO_FILL, shape="ellipse"),
        _node("hp", f"h_(t-1)\n{v(s.h_prev)}", fillcolor=_IO_FILL, shape="ellipse"),
        _node("cp", f"c_(t-1)\n{v(s.c_prev)}", fillcolor=_IO_FILL, shape="ellipse"),
    ]
    for g in SLIDE_ORDER:
        tr = s.gates[g]
        sym = ACT_SYMBOL[tr.activation]
        fill = _SAT_FILL if any(saturated.get(g, ())) else _GATE_FILL
        sat = "\n(bão hòa · saturated)" if any(saturated.get(g, ())) else ""
        lines.append(_node(g, f"{g} = {sym}({v(tr.pre)})\n= {v(tr.act)}{sat}", fillcolor=fill))
        lines += [f"  x -> {g};", f"  hp -> {g};"]
    lines += [
        _node("fc", f"f⊙c_(t-1)\n{v(s.f_c_prev)}", shape="circle", fillcolor="white"),
        _node("ig", f"i⊙g\n{v(s.i_g)}", shape="circle", fillcolor="white"),
        _node("c", f"c_t = +\n{v(s.c)}", fillcolor=_OUT_FILL),
        _node("tc", f"tanh(c_t)\n{v(s.tanh_c)}", fillcolor=_GATE_FILL),
        _node("h", f"h_t = o⊙tanh(c_t)\n{v(s.h)}", fillcolor=_OUT_FILL),
        "  cp -> fc; f -> fc; i -> ig; g -> ig; fc -> c; ig -> c;",
        "  c -> tc; tc -> h; o -> h;",
        # Columns left to right as on the slides: inputs, gates, products, c_t, h_t.
        "  {rank=same; cp; f; i; g; o;}",
        "  {rank=same; fc; ig;}",
        "}",
    ]
    return "\n".join(lines)


def rnn_dot(s: RNNStep, saturated: bool = False) -> str:
    """Graphviz DOT of the RNN update at step t with its live values."""
    tr = s.update
    v = _dot_value
    sym = ACT_SYMBOL[tr.activation]
    return "\n".join(
        [
            "digraph RNN {",
            '  rankdir=LR; bgcolor="transparent"; nodesep=0.35; ranksep=0.5;',
            '  node [fontname="Helvetica", fontsize=16, style="filled,rounded", shape=box];',
            '  edge [color="#555555"];',
            _node("x", f"x_t\n{v(s.x)}", fillcolor=_IO_FILL, shape="ellipse"),
            _node("hp", f"h_(t-1)\n{v(s.h_prev)}", fillcolor=_IO_FILL, shape="ellipse"),
            _node(
                "ax", f"x_t W_xh^T + b_xh\n{v(partial_sum(tr.Wx_x, tr.b_x))}", fillcolor=_GATE_FILL
            ),
            _node(
                "ah",
                f"h_(t-1) W_hh^T + b_hh\n{v(partial_sum(tr.Wh_h, tr.b_h))}",
                fillcolor=_GATE_FILL,
            ),
            _node("s", f"+\n{v(tr.pre)}", shape="circle", fillcolor="white"),
            _node(
                "h",
                f"h_t = {sym}(·)\n{v(s.h)}" + ("\n(bão hòa · saturated)" if saturated else ""),
                fillcolor=_SAT_FILL if saturated else _OUT_FILL,
            ),
            "  x -> ax; hp -> ah; ax -> s; ah -> s; s -> h;",
            "}",
        ]
    )


# --------------------------------------------------------------- trace table


def trace_table(kind: str, steps) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
    """Every intermediate of every step as rows (t, quantity, unit 1..H), full precision."""
    H = len(steps[0].h) if steps else 1
    cols = ("t", "quantity") + tuple(f"unit_{j}" for j in range(1, H + 1))
    rows = []

    def add(t, name, a):
        rows.append((t, name, *(float(x) for x in np.ravel(a))))

    for s in steps:
        add(s.t, "h_prev", s.h_prev)
        if kind == "lstm":
            add(s.t, "c_prev", s.c_prev)
            trs = [s.gates[g] for g in SLIDE_ORDER]
        else:
            trs = [s.update]
        for tr in trs:
            for part in ("Wx_x", "b_x", "Wh_h", "b_h", "pre", "act"):
                add(s.t, f"{tr.name}.{part}", getattr(tr, part))
        if kind == "lstm":
            for part in ("f_c_prev", "i_g", "c", "tanh_c"):
                add(s.t, part, getattr(s, part))
        add(s.t, "h", s.h)
    return cols, tuple(rows)


def to_csv(cols, rows) -> bytes:
    """UTF-8 CSV with repr-exact floats, so a spreadsheet gets every digit."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([short_repr(x) if isinstance(x, float) else x for x in r])
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------ slide checks

# What slides 43-50 print (LECTURE.md); the app recomputes each from the weights.
LSTM_SLIDE_VALUES = (
    ("45", "z_f (pre f)", "f", "pre", "5.95"),
    ("46", "z_i (pre i)", "i", "pre", "4.27"),
    ("47", "z_g (pre g)", "g", "pre", "2.03"),
    ("49", "z_o (pre o)", "o", "pre", "4.78"),
    ("45", "f = σ(z_f)", "f", "act", "0.997"),
    ("46", "i = σ(z_i)", "i", "act", "0.986"),
    ("47", "g = tanh(z_g)", "g", "act", "0.966"),
    ("49", "o = σ(z_o)", "o", "act", "0.992"),
)
# Slides 12-14, per step t: x W_xh^T + b_xh, h W_hh^T + b_hh, h_t.
RNN_SLIDE_VALUES = {
    1: ([2, 2], [0, 1], [2, 3]),
    2: ([2, 2], [2, 4], [4, 6]),
    3: ([1, 1], [4, 7], [5, 8]),
}


def _decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


def _check(slide, quantity, printed: str, value: float, note: str = "") -> SlideCheck:
    nd = _decimals(printed)
    app = f"{value:.{nd}f}"
    return SlideCheck(
        slide, quantity, printed, fmt(value), fmt(value, 5), app == f"{float(printed):.{nd}f}", note
    )


def lstm_slide_checks(s: LSTMStep) -> tuple[tuple[SlideCheck, ...], str, tuple[str, str, str]]:
    """Slides 43-50 against the trace; slide 48's rounded sum; slide 49's erratum.

    From c_t on, the slides carry 3-decimal roundings forward (c_t = 2.946, not
    2.9476), so the app redoes that rounded chain from the weights and shows the
    exact value next to it.
    """
    checks = [
        _check(sl, q, printed, float(getattr(s.gates[g], part)[0]))
        for sl, q, g, part, printed in LSTM_SLIDE_VALUES
    ]
    f, i, g, o = (round(float(s.gates[k].act[0]), 3) for k in ("f", "i", "g", "o"))
    c_prev = float(s.c_prev[0])
    fc, ig = round(f * c_prev, 3), round(i * g, 3)
    c_slide = round(fc + ig, 3)
    t_slide = round(math.tanh(c_slide), 3)
    h_slide = round(o * t_slide, 3)
    c_line = (
        f"c_t = {fmt(f)}×{fmt(c_prev)} + {fmt(i)}×{fmt(g)} = {fmt(fc)} + {fmt(ig)} = {fmt(c_slide)}"
    )
    c, tc, h = float(s.c[0]), float(s.tanh_c[0]), float(s.h[0])
    rounded = [
        (
            "48",
            "c_t = f⊙c_(t-1) + i⊙g",
            "2.946",
            c_slide,
            f"{c:.4f}",
            f"slide làm tròn từng tích rồi mới cộng · the slide rounds each product to 3 "
            f"decimals before adding ({fmt(fc)} + {fmt(ig)}); chính xác · exact {c:.4f}",
        ),
        (
            "49",
            "tanh(c_t)",
            "0.994",
            t_slide,
            fmt(tc, 5),
            f"tanh({fmt(c_slide)}) của slide · of the slide's c_t; tanh({c:.4f}) = {fmt(tc, 5)}",
        ),
        (
            "49",
            "h_t = o⊙tanh(c_t)",
            "0.986",
            h_slide,
            fmt(h, 5),
            "slide in nhầm phép cộng · the slide prints a sum: xem đính chính · see the erratum",
        ),
    ]
    for sl, q, printed, app, exact, note in rounded:
        checks.append(SlideCheck(sl, q, printed, fmt(app), exact, fmt(app) == printed, note))
    erratum = (
        f"{fmt(o)} + {fmt(t_slide)} = {fmt(o + t_slide)}",
        f"{fmt(o)} × {fmt(t_slide)} = {fmt(h_slide)}",
        fmt(h, 5),
    )
    return tuple(checks), c_line, erratum


def rnn_slide_checks(steps) -> tuple[SlideCheck, ...]:
    """Slides 12-14, every per-step vector against the trace."""
    out = []
    for s in steps:
        ax, ah, h = RNN_SLIDE_VALUES[s.t]
        tr = s.update
        for q, printed, val in (
            ("x_t W_xh^T + b_xh", ax, partial_sum(tr.Wx_x, tr.b_x)),
            ("h_(t-1) W_hh^T + b_hh", ah, partial_sum(tr.Wh_h, tr.b_h)),
            (f"h{s.t}", h, s.h),
        ):
            out.append(
                SlideCheck(
                    f"{11 + s.t}",
                    f"t={s.t}: {q}",
                    fmt_vec(printed),
                    fmt_vec(val),
                    fmt_vec(val, 5),
                    bool(np.allclose(val, printed, atol=1e-12)),
                )
            )
    return tuple(out)


# ---------------------------------------------------------------- the call


def match_preset(t: Tables) -> str:
    """'lstm_slide' or 'rnn_slide' when the grids hold exactly that example, else ''."""
    if parse_tables(t).errors:
        return ""
    # Equal floats have equal shortest reprs, so equal share codes mean equal numbers.
    code = encode(t)
    return next((name for name in PRESETS if encode(preset_tables(name)) == code), "")


def calculate(t: Tables) -> Calculation:
    """The page's one call: grids -> errors, or traces with every explanation drawn from them."""
    parsed = parse_tables(t)
    if parsed.errors:
        return Calculation(parsed.errors)
    ex = parsed.example
    if t.kind == "lstm":
        steps = lstm_forward(ex.params, ex.X, ex.h0, ex.c0)
        views = tuple(_lstm_view(ex.params, s) for s in steps)
    else:
        steps = rnn_forward(ex.params, ex.X, ex.h0)
        views = tuple(_rnn_view(ex.params, s) for s in steps)
    cols, rows = trace_table(t.kind, steps)
    preset = match_preset(t)
    checks, c_line, erratum = (), "", ()
    if preset == "lstm_slide":
        checks, c_line, erratum = lstm_slide_checks(steps[0])
    elif preset == "rnn_slide":
        checks = rnn_slide_checks(steps)
    return Calculation(
        errors=(),
        kind=t.kind,
        example=ex,
        steps=tuple(steps),
        views=views,
        saturations=saturations(views),
        table_columns=cols,
        table_rows=rows,
        csv=to_csv(cols, rows),
        share_code=encode(t),
        preset=preset,
        slide_checks=checks,
        slide_c_line=c_line,
        erratum=erratum,
    )
