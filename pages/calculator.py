"""Calculator: the slides' LSTM and RNN examples worked number by number, then any cell."""

import pandas as pd
import streamlit as st

from core import calculator as calc
from ui.markdown import md_escape
from ui.page import start

lang = start()

MODES = {
    "lstm_slide": "LSTM · slide 43-50",
    "rnn_slide": "RNN · slide 11-14",
    "custom": "Tự nhập · Custom",
}
KINDS = {
    "lstm": "LSTM",
    "rnn_relu": "RNN (ReLU, như slide · as on the slides)",
    "rnn_tanh": "RNN (tanh, mặc định PyTorch · PyTorch default)",
}
EDITORS = {name: f"calc_ed_{name}" for name in calc.FIELDS}
ss = st.session_state


# ------------------------------------------------------------------ state


def _kind_key(t: calc.Tables) -> str:
    return "lstm" if t.kind == "lstm" else f"rnn_{t.nonlinearity or 'relu'}"


def _load(t: calc.Tables) -> None:
    """Make t the custom tables: sizes, kind and fresh editors follow it."""
    ss["calc_base"] = ss["calc_tables"] = t
    ss["calc_I"], ss["calc_H"], ss["calc_T"] = t.sizes
    ss["calc_kind"] = _kind_key(t)
    ss.pop("calc_step", None)
    for key in EDITORS.values():
        ss.pop(key, None)  # edits were relative to the old tables


def _init() -> None:
    """First run of a session: the weights in the URL if any, else the LSTM slide example."""
    if "calc_tables" in ss:
        return
    tables, mode = calc.preset_tables("lstm_slide"), "lstm_slide"
    code = st.query_params.get("w")
    if code:
        try:
            tables = calc.decode(code)
            mode = calc.match_preset(tables) or "custom"
        except calc.ShareCodeError as exc:
            ss["calc_url_error"] = str(exc)
    ss["calc_mode"] = mode
    _load(tables)


def _sync_custom() -> None:
    # Streamlit drops a widget's state on runs that do not draw it (the slide modes).
    t = ss["calc_tables"]
    for key, value in zip(("calc_I", "calc_H", "calc_T"), t.sizes, strict=True):
        ss.setdefault(key, value)
    ss.setdefault("calc_kind", _kind_key(t))


def _on_mode() -> None:
    mode, prev = ss["calc_mode"], ss.get("calc_prev_mode")
    if prev == "custom":  # keep what was typed for the way back
        ss["calc_base"] = ss["calc_tables"]
        for key in EDITORS.values():
            ss.pop(key, None)
    # Untouched custom tables follow the example the student comes from.
    if mode == "custom" and prev in calc.PRESETS and calc.match_preset(ss["calc_tables"]):
        _load(calc.preset_tables(prev))


def _on_kind() -> None:
    kind, old = ss["calc_kind"], ss["calc_tables"]
    if kind.startswith("rnn") and old.kind == "rnn":
        _load(calc.Tables("rnn", kind.split("_")[1], old.grids))  # same numbers, other act
        return
    _on_slide()


def _on_size() -> None:
    _load(calc.resize_tables(ss["calc_tables"], ss["calc_I"], ss["calc_H"], ss["calc_T"]))


def _on_random() -> None:
    kind = ss["calc_kind"]
    nl = kind.split("_")[1] if kind.startswith("rnn") else ""
    t = calc.random_tables(
        "lstm" if kind == "lstm" else "rnn",
        ss["calc_I"],
        ss["calc_H"],
        ss["calc_T"],
        ss["calc_seed"],
        nl or "relu",
    )
    _load(t)


def _on_slide() -> None:
    kind = ss["calc_kind"]
    t = calc.preset_tables("lstm_slide" if kind == "lstm" else "rnn_slide")
    if kind == "rnn_tanh":
        t = calc.Tables("rnn", "tanh", t.grids)
    _load(t)


# ----------------------------------------------------------------- drawing


def _value(name: str, values: tuple[float, ...]) -> None:
    """A metric for a scalar; a large code line for a vector (metrics truncate long text)."""
    if len(values) == 1:
        st.metric(name, calc.fmt(values[0]))
    else:
        st.markdown(f"#### {name} = `{calc.fmt_vec(values)}`")


def _gate_row(g: calc.GateView) -> None:
    """One gate as the slides write it: name | the substituted sum | its activation."""
    with st.container(border=True):
        name, line, act = st.columns([1.3, 4, 1.4], vertical_alignment="center")
        name.markdown(f"**{g.title}**")
        if any(g.saturated):
            name.caption("⚠️ bão hòa · saturated (|z| > 5)")
        for text in g.lines:
            line.markdown(f"#### `{text}`")
        with act:
            if len(g.act) == 1:
                st.metric(f"{g.name} = {g.act_lines[0].split(' = ')[0]}", calc.fmt(g.act[0]))
            else:
                for text in g.act_lines:
                    st.markdown(f"`{g.name}{text}`")


def _step(view: calc.StepView, kind: str) -> None:
    """One step's gates and state update, the way the slides lay them out."""
    for g in view.gates:
        _gate_row(g)
    if kind == "lstm":
        st.markdown("**Trạng thái ô và đầu ra · cell state and output**")
    else:
        st.markdown("**Như slide viết · as the slides write it**")
    for line in view.state_lines:
        st.markdown(f"#### `{line}`")
    if view.overflow:
        st.warning(
            f"Bước · step t={view.t}: có giá trị vượt quá giới hạn float64 và đã được kẹp "
            "về ±1.8e308 · some value passed float64's range and was clamped. "
            "Các số vẫn hữu hạn; hãy dùng trọng số nhỏ hơn để có kết quả có nghĩa · "
            "use smaller numbers for a meaningful result."
        )


def _checks_table(checks) -> None:
    df = pd.DataFrame(
        [
            (c.slide, c.quantity, c.printed, c.app, c.exact, "✓" if c.agrees else "✗", c.note)
            for c in checks
        ],
        columns=[
            "slide",
            "đại lượng · quantity",
            "slide in · printed",
            "app",
            "chính xác · exact",
            "khớp · match",
            "ghi chú · note",
        ],
    )
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        height=36 * (len(df) + 1) + 4,
        column_config={"ghi chú · note": st.column_config.TextColumn(width="large")},
    )


def _lstm_slide(result: calc.Calculation) -> None:
    st.markdown(
        "Một bước LSTM vô hướng · one scalar LSTM step: **x_t = 1, h_(t-1) = 1, c_(t-1) = 2**. "
        "Mỗi cổng · each gate: `W_x×x + b_x + W_h×h + b_h = z`, rồi · then σ(z) hoặc · or tanh(z)."
    )
    _step(result.views[0], "lstm")
    by_q = {c.quantity: c for c in result.slide_checks}
    cols = st.columns(4)
    c_chk = by_q["c_t = f⊙c_(t-1) + i⊙g"]
    cols[0].metric("c_t (slide 48)", c_chk.app)
    cols[1].metric("c_t chính xác · exact", c_chk.exact)
    cols[2].metric("tanh(c_t) (slide 49)", by_q["tanh(c_t)"].app)
    cols[3].metric("h_t (slide 49-50)", by_q["h_t = o⊙tanh(c_t)"].app)
    st.info(
        f"**Slide 48:** `{result.slide_c_line}`. Giá trị chính xác · exact: **{c_chk.exact}**. "
        "Slide làm tròn mỗi tích đến 3 chữ số rồi mới cộng; dòng tính phía trên giữ đủ chữ số "
        "(nên ra 2.948 và tanh = 0.995) · the slide rounds each product to 3 decimals before "
        "adding; the lines above keep every digit."
    )
    wrong, right, exact = result.erratum
    st.warning(
        f"**Đính chính slide 49 · Erratum:** slide in `{wrong}`, nhưng h_t = o ⊙ tanh(c_t) là "
        f"phép **nhân** · is a **product**: `{right}` (chính xác · exact {exact})."
    )
    st.markdown("**Đối chiếu với slide · every slide value, recomputed**")
    _checks_table(result.slide_checks)


def _rnn_slide(result: calc.Calculation) -> None:
    st.markdown(
        "RNN với ReLU, hai bias như PyTorch · ReLU RNN with PyTorch's two biases: "
        "`h_t = ReLU(h_(t-1) W_hh^T + b_hh + x_t W_xh^T + b_xh)`; W_xh toàn số 1 · all ones, "
        "b_xh = [1, 1], W_hh = I, b_hh = [0, 1], h_0 = [0, 0]."
    )
    for col, view, step in zip(st.columns(3), result.views, result.steps, strict=True):
        with col, st.container(border=True):
            st.markdown(f"**t = {view.t}** · x_{view.t} = `{calc.fmt_vec(step.x)}`")
            for line in view.state_lines:
                st.markdown(f"`{line}`")
            st.metric(f"h{view.t}", calc.fmt_vec(view.h))
    st.caption(
        "x_2 không đọc được trong bản trích slide; mọi x_2 có tổng bằng 1 đều cho đúng số của "
        "slide, ở đây dùng [0, 0, 1] · x_2 is illegible in the slide text; any x_2 summing to 1 "
        "gives the slide's numbers."
    )
    st.markdown("**Đối chiếu với slide · every slide value, recomputed**")
    _checks_table(result.slide_checks)


def _editors(t: calc.Tables) -> tuple[calc.Tables, dict]:
    """One editable text table per grid: what the student typed (unparsed), error slots."""
    I, H, T = t.sizes
    lab = calc.labels(t.kind, I, H, T)
    grids, slots = {}, {}
    left, right = st.columns(2)
    for k, name in enumerate(calc.FIELDS):
        rows, cols = lab[name]
        df = pd.DataFrame([list(r) for r in t.grids[name]], index=rows, columns=cols, dtype=object)
        with left if k % 2 == 0 else right:
            st.markdown(f"**{calc.FIELD_LABELS[name]}**")
            out = st.data_editor(
                df,
                key=EDITORS[name],
                num_rows="fixed",
                column_config={c: st.column_config.TextColumn(c) for c in cols},
                width="stretch",
            )
            grids[name] = tuple(tuple(r) for r in out.itertuples(index=False))
            slots[name] = st.empty()  # this table's errors go right under it
    return calc.Tables(t.kind, t.nonlinearity, grids), slots


def _custom_controls() -> None:
    st.radio(
        "Loại ô · cell",
        list(KINDS),
        format_func=KINDS.get,
        key="calc_kind",
        horizontal=True,
        on_change=_on_kind,
    )
    c = st.columns([1, 1, 1, 1, 1.6, 1.6], vertical_alignment="bottom")
    lim = calc.SIZE_LIMITS
    c[0].number_input("I (kích thước vào · input)", *lim["I"], key="calc_I", on_change=_on_size)
    c[1].number_input("H (kích thước ẩn · hidden)", *lim["H"], key="calc_H", on_change=_on_size)
    c[2].number_input("T (số bước · steps)", *lim["T"], key="calc_T", on_change=_on_size)
    c[3].number_input("seed", 0, 10**9, key="calc_seed")
    c[4].button("🎲 Ngẫu nhiên · random", key="calc_random", on_click=_on_random, width="stretch")
    c[5].button(
        "↺ Ví dụ slide · slide example", key="calc_slide", on_click=_on_slide, width="stretch"
    )


def _explore(result: calc.Calculation, show_steps: bool) -> None:
    """Step selector, live diagram, warnings, downloads and the share link."""
    T = len(result.views)
    t = 1
    if T > 1:
        if ss.get("calc_step", 1) > T:  # left over from a longer sequence
            ss["calc_step"] = T
        t = st.slider("Bước thời gian · time step t", 1, T, key="calc_step")
    view = result.views[t - 1]
    if show_steps:
        st.subheader(f"Bước · step t = {t}")
        _step(view, result.kind)
        cols = st.columns(2)
        with cols[0]:
            _value(f"h_{t}", view.h)
        if view.c:
            with cols[1]:
                _value(f"c_{t}", view.c)
    st.markdown("**Sơ đồ ô với giá trị hiện tại · the cell with live values**")
    st.graphviz_chart(view.dot)
    here = [s for s in result.saturations if s.t == t]
    for sat in here:
        st.warning(sat.message, icon="⚠️")
    if len(result.saturations) > len(here):
        others = sorted({s.t for s in result.saturations if s.t != t})
        st.caption(
            f"⚠️ {len(result.saturations) - len(here)} cổng bão hòa ở các bước khác · "
            f"saturated gates at other steps: t = {', '.join(map(str, others))}"
        )
    for v in result.views:
        if v.overflow and not show_steps:
            st.warning(f"Bước · step t={v.t}: giá trị vượt float64 đã được kẹp · clamped")
    with st.expander("Toàn bộ vết tính · the whole trace"):
        df = pd.DataFrame(list(result.table_rows), columns=list(result.table_columns))
        st.dataframe(df, hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    c1.download_button(
        "⬇️ Tải vết tính CSV · download the trace",
        result.csv,
        file_name=f"trace_{result.kind}.csv",
        mime="text/csv",
        key="calc_csv",
    )
    if c2.button("📉 Xem gradient của ô này · explore its gradients", key="calc_to_explorer"):
        ex = result.example
        ss["explorer_cell"] = {"kind": result.kind, "params": ex.params, "inputs": ex.X}
        st.switch_page("pages/gradients.py")
    st.markdown(
        "**🔗 Chia sẻ bài tập · share this exercise**: liên kết (và thanh địa chỉ) chứa mọi số "
        "hiện tại · the link, like the address bar, holds every number shown."
    )
    st.code(f"{st.context.url or ''}?w={result.share_code}", language=None)


# -------------------------------------------------------------------- page

_init()
st.title("🧮 Máy tính RNN/LSTM")
if "calc_url_error" in ss:
    st.warning(
        "Không đọc được liên kết · could not read the link: "
        f"{md_escape(ss.pop('calc_url_error'))}. Đang hiện ví dụ LSTM của slide · "
        "showing the slide example."
    )
mode = st.radio(
    "Ví dụ · example",
    list(MODES),
    format_func=MODES.get,
    key="calc_mode",
    horizontal=True,
    on_change=_on_mode,
)

if mode == "custom":
    _sync_custom()
    _custom_controls()
    typed, slots = _editors(ss["calc_base"])
    ss["calc_tables"] = typed
    result = calc.calculate(typed)
    if result.ok:
        ss["calc_last_ok"] = result
    else:
        for name in calc.FIELDS:
            errs = [md_escape(e) for e in result.errors if e.field == name]
            if errs:
                slots[name].error("\n\n".join(f"**{calc.FIELD_LABELS[name]}** · {e}" for e in errs))
        st.error(
            f"Có {len(result.errors)} ô cần sửa (xem thông báo dưới từng bảng) · "
            f"{len(result.errors)} cell(s) to fix, see the message under each table."
        )
        result = ss.get("calc_last_ok")
        if result is not None:
            st.caption("Đang hiện kết quả hợp lệ gần nhất · showing the last valid result.")
    if result is not None:
        _explore(result, show_steps=True)
else:
    result = calc.calculate(calc.preset_tables(mode))
    if mode == "lstm_slide":
        _lstm_slide(result)
    else:
        _rnn_slide(result)
    _explore(result, show_steps=False)

ss["calc_prev_mode"] = mode
if result is not None:
    st.query_params["w"] = result.share_code
