"""Gradient explorer: slide 28's input·w^n, then real BPTT through a torch RNN and LSTM."""

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.gradients import (
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SCALAR_STEPS,
    VANISH_FLOOR,
    BadInput,
    CalculatorCell,
    ExplorerConfig,
    explore,
    scalar_series,
)
from core.nn.cells import LSTMParams, RNNParams
from ui.page import start

lang = start()

# The heavy part, keyed by the controls (a frozen config and the calculator's cell).
explore_cached = st.cache_data(explore, max_entries=64, show_spinner="Đang tính · computing…")

COLORS = {"RNN": "#d62728", "LSTM": "#1f77b4", "cell": "#17becf", "scalar": "#9467bd"}


def fmt(x: float) -> str:
    """A number for students: 3 significant digits, inf/NaN spelled out."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "tràn số · overflow"
    if math.isinf(x):
        return "∞ (tràn số · overflow)" if x > 0 else "-∞"
    if x == 0:
        return "0"
    return f"{x:.4g}" if 1e-3 <= abs(x) < 1e6 else f"{x:.3g}"


def fmt_log10(lg: float) -> str:
    """10**lg without overflowing: beyond float64 it is written as a power of ten."""
    if math.isnan(lg):
        return "tràn số · overflow"
    if lg == -math.inf:
        return "0 (đúng bằng 0 · exactly 0)"
    if lg == math.inf:
        return "∞"
    if -300 < lg < 300:
        return fmt(10.0**lg)
    return f"10^{lg:.1f}"


def log_chart(title: str, x_title: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        xaxis_title=x_title,
        yaxis_title="độ lớn · magnitude (log)",
        yaxis_type="log",
        yaxis_exponentformat="power",
        height=500,
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0),
    )
    return fig


def add_curve(fig, x, y, exploded, vanished, name, color, dash="solid", flags=True):
    """One log-axis line; overflow and underflow get markers at the edges, not gaps."""
    y = np.asarray(y, dtype=float)
    ok = ~exploded & ~vanished
    fig.add_trace(
        go.Scatter(
            x=x,
            y=np.where(ok, y, np.nan),
            mode="lines",
            name=name,
            line=dict(color=color, dash=dash, width=2.5),
            hovertemplate="t=%{x}<br>%{y:.3e}<extra>" + name + "</extra>",
        )
    )
    if not flags:
        return
    if vanished.any():
        fig.add_trace(
            go.Scatter(
                x=np.asarray(x)[vanished],
                y=np.full(vanished.sum(), VANISH_FLOOR),
                mode="markers",
                name=f"{name}: biến mất · vanished < 1e-300",
                marker=dict(color=color, symbol="triangle-down", size=7),
                hovertemplate="t=%{x}<br>vanished: < 1e-300 (0 in float64)<extra></extra>",
            )
        )
        xs = np.asarray(x)[vanished]
        fig.add_annotation(
            x=float(xs.max()),
            y=math.log10(VANISH_FLOOR),
            text=f"▼ {name.split(' ')[0]}: < 1e-300 (biến mất · vanished) ở {xs.size} bước",
            showarrow=True,
            arrowhead=2,
            ax=40,
            ay=-30 - 22 * len(fig.layout.annotations),  # stacked, never on top of each other
            font=dict(color=color),
        )


def add_exploded(fig, x, exploded, name, color, ceiling):
    """Overflowed steps as markers pinned to the top of the chart, with a label."""
    if not exploded.any():
        return
    xs = np.asarray(x)[exploded]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=np.full(xs.size, ceiling),
            mode="markers",
            name=f"{name}: bùng nổ · exploded (inf/NaN)",
            marker=dict(color=color, symbol="x", size=9),
            hovertemplate="t=%{x}<br>exploded: past 1.8e308 (inf/NaN)<extra></extra>",
        )
    )
    fig.add_annotation(
        x=float(xs.max()),
        y=math.log10(ceiling),
        text=f"💥 {name}: exploded (tràn số) ở {xs.size} bước",
        showarrow=True,
        arrowhead=2,
        ax=-60,
        ay=25,
        font=dict(color=color),
    )


def ceiling_for(*arrays) -> float:
    """A y just above every finite value, where 'exploded' markers sit."""
    finite = np.concatenate([a[np.isfinite(a) & (a > 0)] for a in arrays if a is not None])
    if finite.size == 0:
        return 1e300
    return float(min(1e305, 10 ** (math.ceil(math.log10(finite.max())) + 1)))


# Controls that the preset buttons set start from session state, never from value=.
DEFAULTS = {
    "scalar_w": 0.5,
    "bptt_length": 200,
    "bptt_activation": "tanh",
    "bptt_scale": 1.0,
    "bptt_forget_bias": 3.0,
}
for _k, _v in DEFAULTS.items():
    st.session_state.setdefault(_k, _v)

# ============================================================ header

st.title("📉 Gradient qua thời gian · Gradients through time")
st.caption("Slide 28 · vì sao gradient của RNN biến mất hoặc bùng nổ, và LSTM giúp thế nào")
st.markdown(
    "Khi lan truyền ngược qua thời gian (BPTT), gradient đi qua **cùng một phép nhân** ở mỗi "
    "bước. Nhân với số nhỏ hơn 1 nhiều lần → gradient **biến mất**; lớn hơn 1 → **bùng nổ**.  \n"
    "*Backpropagation through time multiplies the gradient by the same factor at every step: "
    "below 1 it vanishes, above 1 it explodes.*"
)

# ============================================================ 1. scalar view

st.header("1 · Hình ảnh vô hướng · The scalar view")


def _set_w(w: float) -> None:
    st.session_state["scalar_w"] = w


left, right = st.columns([1, 2], gap="large")
with left:
    b1, b2 = st.columns(2)
    b1.button(
        "w = 0.5 · biến mất",
        key="scalar_preset_half",
        on_click=_set_w,
        args=(0.5,),
        width="stretch",
        help="Slide 28: input·0.5^n (vanishing)",
    )
    b2.button(
        "w = 2 · bùng nổ",
        key="scalar_preset_double",
        on_click=_set_w,
        args=(2.0,),
        width="stretch",
        help="Slide 28: input·2^n (exploding)",
    )
    w = st.number_input(
        "Hệ số mỗi bước w · per-step factor w", step=0.1, format="%.4g", key="scalar_w"
    )
    w_msg = st.empty()
    n = st.number_input(
        "Số bước n · number of steps n",
        min_value=0,
        max_value=MAX_SCALAR_STEPS,
        value=50,
        step=1,
        key="scalar_n",
    )
    n_msg = st.empty()
    x0 = st.number_input(
        "Gradient ban đầu · input (gradient at the last step)",
        value=1.0,
        step=0.5,
        format="%.4g",
        key="scalar_x0",
    )
    x0_msg = st.empty()

try:
    s = scalar_series(x0, w, n)
except BadInput as e:
    for field_name, box in (("w", w_msg), ("n", n_msg), ("x0", x0_msg)):
        if field_name in e.problems:
            box.error(e.problems[field_name])
    with right:
        st.info("Sửa giá trị bên trái để vẽ lại · fix the value on the left to redraw the chart.")
else:
    with right:
        fig = log_chart(f"|input · w^n|, w = {s.w:g}", "n (số bước lùi · steps back)")
        fig.update_xaxes(range=[0, max(s.n, 1)])
        mag = np.abs(s.values)
        add_curve(fig, s.steps, mag, s.exploded, s.vanished, "|input·wⁿ|", COLORS["scalar"])
        add_exploded(fig, s.steps, s.exploded, "|input·wⁿ|", COLORS["scalar"], ceiling_for(mag))
        if s.x0 == 0:
            st.warning("Đầu vào bằng 0 thì mọi bước đều bằng 0 · an input of 0 stays 0.")
        st.plotly_chart(fig, key="scalar_chart")
        c1, c2, c3 = st.columns(3)
        c1.metric(f"input · w^{s.n}", fmt_log10(s.log10_abs[-1]))
        regime = (
            ":gray[≈ giữ nguyên · stays]"
            if abs(s.w) == 1
            else (":blue[▼ biến mất · vanishes]" if abs(s.w) < 1 else ":red[▲ bùng nổ · explodes]")
        )
        c2.metric("|w|", f"{abs(s.w):g}")
        c2.markdown(regime)
        if s.exploded.any():
            c3.metric("Tràn float64 từ bước · overflows from n =", int(s.steps[s.exploded][0]))
        elif s.vanished.any():
            c3.metric("< 1e-300 từ bước · vanishes from n =", int(s.steps[s.vanished][0]))
        if s.w < 0:
            st.caption("w < 0: dấu đổi mỗi bước; biểu đồ vẽ độ lớn · the sign flips, we plot |·|.")

# ============================================================ 2. real BPTT

st.header("2 · Lan truyền ngược thật · Real backpropagation through time")
st.markdown(
    "Một `torch.nn.RNN` và một `torch.nn.LSTM` thật (float64), cùng đầu vào. Hàm mất mát "
    "chỉ ở bước cuối, L = Σ h_T; autograd cho **‖∂L/∂h_t‖ ở mọi bước t**.  \n"
    "*A real RNN and LSTM on the same inputs; the loss sits at the last step, and autograd "
    "gives the gradient with respect to every earlier hidden state.*"
)

PRESETS = {
    "bptt_preset_vanish": dict(activation="tanh", scale=1.0, forget_bias=3.0, length=200),
    "bptt_preset_explode": dict(activation="relu", scale=2.0, forget_bias=3.0, length=200),
    "bptt_preset_overflow": dict(activation="relu", scale=8.0, forget_bias=3.0, length=500),
}


def _preset(key: str) -> None:
    p = PRESETS[key]
    st.session_state["bptt_activation"] = p["activation"]
    st.session_state["bptt_scale"] = p["scale"]
    st.session_state["bptt_forget_bias"] = p["forget_bias"]
    st.session_state["bptt_length"] = p["length"]


# The calculator's hand-off: {"kind": "rnn" | "lstm", "params": RNNParams | LSTMParams}.
handoff = st.session_state.get("explorer_cell")
cell, cell_error = None, None
if handoff is not None:
    try:
        cell = CalculatorCell(
            kind=handoff["kind"], params=handoff["params"], inputs=handoff.get("inputs")
        )
    except (TypeError, KeyError, AttributeError):
        cell_error = (
            "Dữ liệu từ máy tính không đúng dạng · the calculator's hand-off is malformed; "
            "using a random network instead."
        )

use_cell = False
cell_H = None
if cell is not None:
    source = st.radio(
        "Mạng dùng · network to use",
        ["calculator", "random"],
        format_func=lambda v: {
            "calculator": f"🧮 Ô của máy tính · the calculator's {str(cell.kind).upper()} cell",
            "random": "🎲 Mạng ngẫu nhiên · a random network",
        }[v],
        horizontal=True,
        key="bptt_source",
    )
    use_cell = source == "calculator"
    fits = {"rnn": RNNParams, "lstm": LSTMParams}.get(str(cell.kind))
    if use_cell and fits is not None and isinstance(cell.params, fits):
        cell_H = cell.params.hidden_size  # else the core names what is wrong with the cell
source_msg = st.empty()
if cell_error:
    source_msg.warning(cell_error)
if cell_H is not None:
    other = "LSTM" if cell.kind == "rnn" else "RNN"
    kind = str(cell.kind).upper()
    st.info(
        f"Cùng trọng số với máy tính (H = {cell.params.hidden_size}, I = "
        f"{cell.params.input_size}) · the same weights as on the calculator, run for many "
        f"steps. {kind} = ô của bạn; {other} = mạng ngẫu nhiên cùng kích thước để "
        f"so sánh · the {other} is a random network of the same size, for comparison."
    )

p1, p2, p3 = st.columns(3)
p1.button(
    "Biến mất · vanishing (tanh, scale 1)",
    key="bptt_preset_vanish",
    on_click=_preset,
    args=("bptt_preset_vanish",),
    width="stretch",
)
p2.button(
    "Bùng nổ · exploding (ReLU, scale 2)",
    key="bptt_preset_explode",
    on_click=_preset,
    args=("bptt_preset_explode",),
    width="stretch",
)
p3.button(
    "Tràn số · overflow (ReLU, scale 8, T 500)",
    key="bptt_preset_overflow",
    on_click=_preset,
    args=("bptt_preset_overflow",),
    width="stretch",
)

c1, c2, c3, c4 = st.columns(4, gap="medium")
with c1:
    if cell_H is not None:
        hidden = st.number_input(
            "Kích thước ẩn H · hidden size",
            value=cell_H,
            disabled=True,
            key="bptt_hidden_cell",
            help="H của ô máy tính; mạng so sánh cùng kích thước · the calculator cell's H.",
        )
    else:
        hidden = st.number_input(
            f"Kích thước ẩn H · hidden size (1-{MAX_HIDDEN})",
            min_value=0,
            max_value=MAX_HIDDEN,
            value=64,
            step=1,
            key="bptt_hidden",
        )
    hidden_msg = st.empty()
    length = st.number_input(
        f"Độ dài chuỗi T · sequence length (1-{MAX_LENGTH})",
        min_value=0,
        max_value=MAX_LENGTH,
        step=10,
        key="bptt_length",
    )
    length_msg = st.empty()
    seed = st.number_input("Seed", min_value=0, max_value=2**31 - 1, value=0, key="bptt_seed")
    seed_msg = st.empty()
with c2:
    if use_cell and cell.kind == "rnn" and cell_H is not None:
        activation = cell.params.nonlinearity
        st.markdown(f"Hàm kích hoạt của ô · the cell's activation: **{activation}**")
    else:
        activation = st.radio(
            "Hàm kích hoạt RNN · RNN activation",
            ["tanh", "relu"],
            horizontal=True,
            key="bptt_activation",
        )
    activation_msg = st.empty()
    scale = st.slider(
        "Hệ số trọng số hồi quy · recurrent weight scale",
        min_value=0.0,
        max_value=10.0,
        step=0.05,
        key="bptt_scale",
        help="W_hh ngẫu nhiên, chỉnh để bán kính phổ ρ(W_hh) = scale · a random W_hh rescaled "
        "so that its spectral radius is exactly the scale (each LSTM gate's W_h too).",
    )
    scale_msg = st.empty()
with c3:
    if use_cell and cell.kind == "lstm" and cell_H is not None:
        _, _, b_if, b_hf = cell.params.gate("f")
        forget_bias = 0.0  # unused: the cell keeps its own
        st.markdown(
            "Bias cổng quên của ô · the cell's forget bias b_if + b_hf: **"
            + ", ".join(f"{b:.3g}" for b in (b_if + b_hf)[:8])
            + ("…" if cell_H > 8 else "")
            + "**"
        )
    else:
        forget_bias = st.slider(
            "Bias cổng quên LSTM · LSTM forget-gate bias b_f",
            min_value=-5.0,
            max_value=10.0,
            step=0.5,
            key="bptt_forget_bias",
            help="f = σ(… + b_f): b_f lớn → f gần 1 → ô nhớ giữ lâu · large b_f keeps the cell.",
        )
    forget_msg = st.empty()
with c4:
    clip = st.toggle(
        "Cắt gradient · clip",
        value=False,
        key="bptt_clip",
        help="Như torch.nn.utils.clip_grad_norm_ · clip the weights' gradient by its norm.",
    )
    max_norm = st.number_input(
        "Chuẩn tối đa · max norm",
        value=1.0,
        min_value=0.0,
        step=0.5,
        format="%.4g",
        key="bptt_max_norm",
        disabled=not clip,
    )
    max_norm_msg = st.empty()

config = ExplorerConfig(
    hidden_size=int(hidden) if hidden is not None else 0,
    seq_len=int(length) if length is not None else 0,
    seed=int(seed) if seed is not None else 0,
    activation=activation or "tanh",
    weight_scale=float(scale),
    forget_bias=float(forget_bias),
    clip=bool(clip),
    max_norm=float(max_norm) if max_norm is not None else math.nan,
)
boxes = {
    "hidden_size": hidden_msg,
    "seq_len": length_msg,
    "seed": seed_msg,
    "activation": activation_msg,
    "weight_scale": scale_msg,
    "forget_bias": forget_msg,
    "max_norm": max_norm_msg,
    "cell": source_msg,
}
try:
    r = explore_cached(config, cell if use_cell else None)
except BadInput as e:
    for field_name, text in e.problems.items():
        boxes.get(field_name, source_msg).error(text)
    st.info(
        "Chưa vẽ được: sửa ô báo đỏ ở trên · nothing to draw yet: fix the field marked in red "
        "above and the chart comes back."
    )
    st.stop()

why = r.rnn_why
scale_msg.caption(
    f"ρ(W_hh) = **{why.spectral_radius:.3g}** (bán kính phổ · spectral radius), "
    f"‖W_hh‖₂ = {why.spectral_norm:.3g}"
    + (
        " của ô máy tính; hệ số chỉ áp dụng cho LSTM ngẫu nhiên · the calculator cell's; the "
        "scale only sets the random LSTM"
        if r.calculator_kind == "rnn"
        else ""
    )
)
st.caption(r.inputs_note)
for note in r.notes:
    st.warning(note)


def verdict(lg: float, status: str) -> str:
    """Words (with a colour) for how much a gradient changed from t = T back to t = 1."""
    if status == "overflow":
        return ":red[💥 tràn số · overflowed]"
    if status == "zero_last":
        return ":gray[ở t = T gradient đúng bằng 0 (tanh bão hoà) · exactly 0 at t = T]"
    if lg == -math.inf:
        return ":blue[▼ biến mất: đúng bằng 0 trong float64 · vanished to exactly 0]"
    if lg < -3:
        return ":blue[▼ biến mất · vanishing]"
    if lg > 3:
        return ":red[▲ bùng nổ · exploding]"
    return ":green[≈ giữ được · kept]"


m1, m2, m3 = st.columns(3)
for col, label, lg, status in (
    (m1, "RNN: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖", r.rnn.span_log10, r.rnn.span_status),
    (m2, "LSTM: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖", r.lstm.span_log10, r.lstm.span_status),
    (
        m3,
        "LSTM ô nhớ · cell: ‖∂L/∂c_1‖ / ‖∂L/∂c_T‖",
        r.lstm.cell_span_log10,
        r.lstm.cell_span_status,
    ),
):
    short = {"overflow": "inf / NaN", "zero_last": "x / 0"}.get(status)
    col.metric(label, short or ("0" if lg == -math.inf else fmt_log10(lg)))
    col.markdown(verdict(lg, status))

chart_col, why_col = st.columns([3, 2], gap="large")
with chart_col:
    fig = log_chart(
        f"‖∂L/∂h_t‖ — T = {len(r.steps)}, H = {r.hidden_size}, RNN {r.activation}",
        "bước thời gian t · time step t (mất mát ở t = T · the loss is at t = T)",
    )
    curves = [
        (r.rnn.norms, r.rnn.exploded, r.rnn.vanished, "RNN ‖∂L/∂h_t‖", COLORS["RNN"], "solid"),
        (r.lstm.norms, r.lstm.exploded, r.lstm.vanished, "LSTM ‖∂L/∂h_t‖", COLORS["LSTM"], "solid"),
        (
            r.lstm.cell_norms,
            r.lstm.cell_exploded,
            r.lstm.cell_vanished,
            "LSTM ‖∂L/∂c_t‖ (đường ô nhớ · cell path)",
            COLORS["cell"],
            "dot",
        ),
    ]
    clipped = []
    if config.clip:
        for cur, color in ((r.rnn, COLORS["RNN"]), (r.lstm, COLORS["LSTM"])):
            if cur.clip_coef < 1.0:  # NaN (cannot repair) draws nothing, said beside
                clipped.append(cur.clipped_norms)
                curves.append(
                    (
                        cur.clipped_norms,
                        cur.exploded,
                        cur.vanished,
                        f"{cur.name} sau khi cắt · clipped (×{cur.clip_coef:.2g})",
                        color,
                        "dash",
                    )
                )
    fig.update_xaxes(range=[1, max(len(r.steps), 2)])  # markers must not pad it below t = 1
    ceiling = ceiling_for(*[c[0] for c in curves])
    for y, ex, va, name, color, dash in curves:
        add_curve(fig, r.steps, y, ex, va, name, color, dash, flags=dash != "dash")
    for _y, ex, _va, name, color, dash in curves:
        if dash != "dash":
            add_exploded(fig, r.steps, ex, name.split(" ")[0], color, ceiling)
    st.plotly_chart(fig, key="bptt_chart")
    st.caption(
        "Trục log không vẽ được 0: gradient nhỏ hơn 1e-300 (kể cả đúng bằng 0) là ▼ ở đáy; "
        "gradient tràn số (inf/NaN) là ✕ ở đỉnh · a log axis cannot show 0: values below 1e-300 "
        "are ▼ at the bottom, overflowed ones ✕ at the top."
    )

with why_col:
    st.subheader("Vì sao? · Why")
    label = "RNN" + (" (ô máy tính · calculator's cell)" if r.calculator_kind == "rnn" else "")
    st.markdown(
        f"**{label}**: lùi một bước, gradient nhân với **W_hhᵀ · diag(act′(a_t))** "
        f"· one step back multiplies the gradient by this Jacobian.  \n"
        f"ρ(W_hh) = {why.spectral_radius:.3g}, ‖W_hh‖₂ = {why.spectral_norm:.3g}, "
        f"trung bình act′ · mean act′ = {why.mean_act_deriv:.3g}.  \n"
        + (
            f"Trung bình mỗi bước chuỗi nhân với ≈ **{fmt(why.per_step_factor)}** — như w ở "
            "phần 1 · per step the chain scales by about this: the scalar view's w."
            if len(why.ks)
            else "T = 1: không có bước nào để lùi · no earlier step to go back through."
        )
    )
    if len(why.ks):
        st.table(
            pd.DataFrame(
                {
                    "k bước lùi · steps back": why.ks,
                    "‖∏ W_hhᵀ diag(act′)‖₂": [fmt_log10(v) for v in why.chain_log10],
                    "ρ^k": [fmt_log10(v) for v in why.rho_log10],
                    "‖∂L/∂h_{T-k}‖ / ‖∂L/∂h_T‖": [fmt_log10(v) for v in why.grad_ratio_log10],
                }
            ).set_index("k bước lùi · steps back")
        )
        st.caption(
            "ρ^k là điều W_hh một mình làm sau nhiều bước; act′ < 1 (tanh bão hoà, ReLU chết) kéo "
            "chuỗi xuống thấp hơn. Cột cuối là gradient thật, không bao giờ vượt chuỗi · ρ^k is "
            "what W_hh alone does over many steps; act′ < 1 pulls the chain below it. The last "
            "column is the real gradient, never above the chain."
        )
    lw = r.lstm_why
    label = "LSTM" + (" (ô máy tính · calculator's cell)" if r.calculator_kind == "lstm" else "")
    st.markdown(
        f"**{label}**: trên đường ô nhớ, c_t = f_t ⊙ c_(t-1) + …, nên ∂c_T/∂c_(T-k) là "
        f"**tích các cổng quên** f · along the cell path the gradient is scaled by the product "
        f"of forget gates.  \n"
        f"Trung bình f · mean forget gate = {lw.mean_forget:.3g}; mỗi bước ≈ "
        f"**{fmt(lw.per_step_factor)}**."
    )
    if len(lw.ks):
        st.table(
            pd.DataFrame(
                {
                    "k bước lùi · steps back": lw.ks,
                    "∏ f (trung bình · mean unit)": [
                        fmt_log10(v) for v in lw.forget_prod_log10_mean
                    ],
                    "∏ f (đơn vị nhớ lâu nhất · best unit)": [
                        fmt_log10(v) for v in lw.forget_prod_log10_max
                    ],
                }
            ).set_index("k bước lùi · steps back")
        )
    if config.clip:
        st.markdown("**Cắt gradient · clipping by norm** (như `clip_grad_norm_`)")
        for cur in (r.rnn, r.lstm):
            if math.isnan(cur.clip_coef):
                st.error(
                    f"{cur.name}: gradient đã là inf/NaN, cắt không cứu được · the gradient "
                    "already overflowed; clipping cannot rescale inf/NaN. Skip this update "
                    "or lower the weight scale."
                )
            elif cur.clip_coef < 1.0:
                st.success(
                    f"{cur.name}: ‖∂L/∂θ‖ = {fmt(cur.param_grad_norm)} → "
                    f"{fmt(cur.param_grad_norm * cur.clip_coef)} (× {cur.clip_coef:.3g}). "
                    "Cả đường cong dịch xuống, hình dạng giữ nguyên: bước cập nhật bị giới "
                    "hạn · the whole curve shifts down, same shape: the update size is capped."
                )
            else:
                st.info(
                    f"{cur.name}: ‖∂L/∂θ‖ = {fmt(cur.param_grad_norm)} ≤ {config.max_norm:g}, "
                    "không cần cắt · below the max norm, nothing changes."
                )
        st.caption(
            "Cắt gradient chữa bùng nổ, không chữa biến mất · clipping tames exploding "
            "gradients; it cannot bring back a vanished one."
        )
