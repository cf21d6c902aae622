"""Sentiment: one review through every stage of slides 21-27, or many reviews at once."""

import hashlib
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from core.sentiment import ModelUnavailable, load_model
from core.sentiment.classify import InputError, csv_columns, results_to_csv
from ui.markdown import md_escape
from ui.page import start
from ui.sentiment.view import (
    EXAMPLES,
    MAX_REVIEW_CHARS,
    MAX_ROWS,
    bulk_reviews,
    bulk_summary,
    looks_unaccented,
    model_card,
    paste_reviews,
    results_rows,
    review_view,
    top_influences,
    top_phrases,
)

lang = start()

POS, NEG = "#2f9e44", "#e03131"
LABEL_VI = {"positive": "TÍCH CỰC · positive", "negative": "TIÊU CỰC · negative"}
UPLOAD_MB = int(st.get_option("server.maxUploadSize"))


@st.cache_resource(show_spinner="Đang nạp mô hình · loading the model…")
def get_model():
    """The ONNX model, vocabulary and language detector, once per process."""
    return load_model()


@st.cache_data(max_entries=32, show_spinner=False)
def view_of(text: str, _model):
    """review_view once per text: widget reruns that keep the text cost nothing."""
    return review_view(_model, text)


st.title("💬 Phân tích cảm xúc · Sentiment analysis")
st.caption(
    "Slides 21-27 · một LSTM thật, huấn luyện trên bình luận nhà hàng NTC-SCV, chạy bằng "
    "onnxruntime · a real LSTM trained on NTC-SCV restaurant reviews"
)

try:
    model = get_model()
except ModelUnavailable as exc:
    st.error(
        f"Chưa có mô hình, nên trang này tạm dừng (các trang khác vẫn chạy). "
        f"· The model is not available, so this page stops here (other pages still work).\n\n"
        f"{md_escape(str(exc))}"
    )
    st.stop()

mode = st.radio(
    "Chế độ · Mode",
    ["one", "many"],
    format_func={"one": "✍️ Một bình luận · one review", "many": "📚 Nhiều bình luận · many"}.get,
    horizontal=True,
    key="sentiment_mode",
)


# ---------------------------------------------------------------- one review


def _fill_example():
    key = st.session_state.get("sentiment_example")
    if key:
        st.session_state["sentiment_text"] = EXAMPLES[key][1]


def _forget_example():
    st.session_state["sentiment_example"] = None


def prefix_figure(tokens: list[str], p_prefix: list[float]) -> go.Figure:
    """P(positive) after each token read, with the 0.5 decision line."""
    t = np.arange(1, len(p_prefix) + 1)
    fig = go.Figure(
        go.Scatter(
            x=t,
            y=p_prefix,
            mode="lines+markers",
            line={"color": "#1c7ed6", "width": 3},
            customdata=tokens,
            hovertemplate="token %{x}: <b>%{customdata}</b><br>P(positive) = %{y:.3f}"
            "<extra></extra>",
        )
    )
    fig.add_hline(y=0.5, line_dash="dash", line_color="#868e96", annotation_text="0.5")
    fig.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title="số token đã đọc · tokens read",
        yaxis_title="P(positive)",
        yaxis_range=[0, 1],
        font_size=15,
    )
    if len(tokens) <= 60:
        fig.update_xaxes(tickvals=t, ticktext=tokens, tickangle=-60)
    return fig


def gates_figure(tokens: list[str], gates: dict[str, np.ndarray]) -> go.Figure:
    """Heat maps (H units x T tokens) of i, f, g, o and the cell state c."""
    rows = [
        ("i", "i · cổng vào (input gate)", "coloraxis"),
        ("f", "f · cổng quên (forget gate)", "coloraxis"),
        ("g", "g · ứng viên C̃ (candidate)", "coloraxis2"),
        ("o", "o · cổng ra (output gate)", "coloraxis"),
        ("c", "c · trạng thái ô (cell state)", "coloraxis3"),
    ]
    fig = make_subplots(
        rows=5,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.04,
        subplot_titles=[r[1] for r in rows],
    )
    x = [f"{t} {tok}" for t, tok in enumerate(tokens, start=1)]  # unique: repeats stay apart
    for k, (g, _, axis) in enumerate(rows, start=1):
        z = gates[g].astype(np.float32)  # (H, T); float32 halves what the browser receives
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=x,
                coloraxis=axis,
                hovertemplate=f"{g} = %{{z:.3f}}<br>token %{{x}} · hàng %{{y}}<extra></extra>",
            ),
            row=k,
            col=1,
        )
        fig.update_yaxes(title_text="unit", showticklabels=False, row=k, col=1)
    # c is unbounded: scale to its 98th percentile so a few large units do not wash out the rest
    c_max = float(np.percentile(np.abs(gates["c"]), 98)) or 1.0
    fig.update_layout(
        height=1100,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font_size=14,
        coloraxis={
            "colorscale": "Viridis",
            "cmin": 0,
            "cmax": 1,
            "colorbar": {"title": "σ", "y": 0.7, "len": 0.55},
        },
        coloraxis2={
            "colorscale": "RdBu",
            "cmin": -1,
            "cmax": 1,
            "colorbar": {"title": "tanh", "y": 0.3, "len": 0.2, "x": 1.08},
        },
        coloraxis3={
            "colorscale": "PuOr",
            "cmin": -c_max,
            "cmax": c_max,
            "colorbar": {"title": "c", "y": 0.08, "len": 0.18, "x": 1.16},
        },
    )
    fig.update_xaxes(tickangle=-60, row=5, col=1)
    return fig


def verdict_html(label: str, p: float) -> str:
    """A big coloured badge; only model output goes in, never user text."""
    color = POS if label == "positive" else NEG
    icon = "👍" if label == "positive" else "👎"
    word, gloss = LABEL_VI[label].split(" · ")
    return (
        f'<div style="background:{color};color:white;border-radius:14px;padding:12px 20px;'
        f'text-align:center;white-space:nowrap"><div style="font-size:2.1rem;font-weight:800">'
        f'{icon} {word}</div><div style="font-size:1.15rem">{gloss} · P(positive) = {p:.3f}'
        "</div></div>"
    )


def one_review():
    # Streamlit drops a widget's state while it is not drawn (the other mode is shown):
    # restore the last review and example, or on a first visit the first slide example.
    if "sentiment_text" not in st.session_state:
        kept = st.session_state.get("sentiment_kept", ("pos1", EXAMPLES["pos1"][1]))
        st.session_state["sentiment_example"], st.session_state["sentiment_text"] = kept
    st.pills(
        "Ví dụ · Examples",
        list(EXAMPLES),
        format_func=lambda k: EXAMPLES[k][0],
        key="sentiment_example",
        on_change=_fill_example,
    )
    text = st.text_area(
        "Bình luận · Review",
        height=140,
        key="sentiment_text",
        on_change=_forget_example,
        help=f"Tiếng Việt, có dấu hoặc không. Tối đa {MAX_REVIEW_CHARS:,} ký tự được phân tích.",
    )
    st.session_state["sentiment_kept"] = (st.session_state.get("sentiment_example"), text)
    if not text.strip():
        st.info(
            "Hãy nhập một bình luận hoặc chọn một ví dụ ở trên. "
            "· Type a review or pick an example above."
        )
        return

    v = view_of(text, model)
    a = v.analysis
    st.session_state["sentiment_last_view"] = (len(a.ids), v.compute_ms)
    if v.cut_chars:
        st.warning(
            f"Bình luận dài {len(text):,} ký tự; chỉ {MAX_REVIEW_CHARS:,} ký tự đầu được phân "
            f"tích (bỏ {v.cut_chars:,}). · Only the first {MAX_REVIEW_CHARS:,} characters "
            "are analysed."
        )

    # the verdict first, so the room sees it at a glance
    if a.label is None:
        st.warning(
            "Sau khi làm sạch không còn từ nào để phân loại (chỉ có emoji, số, dấu câu hoặc "
            "đường link?). Xem các bước làm sạch bên dưới. · Nothing is left after cleaning, "
            "so there is nothing to classify; see the cleaning steps below."
        )
    else:
        c1, c2, c3 = st.columns([2, 1, 1])
        with c1:
            st.html(verdict_html(a.label, a.p_positive))
        c2.metric("P(positive)", f"{a.p_positive:.1%}")
        c3.metric("Token đã đọc · read", f"{len(a.ids)} / {a.max_len}")
    st.caption(
        f"Máy chủ tính toàn bộ trang này (ngôn ngữ, làm sạch, dự đoán, giải thích, các cổng) "
        f"trong {v.compute_ms:.0f} ms · server time for this review's full analysis"
    )

    st.subheader("① Ngôn ngữ · Language")
    c1, c2 = st.columns([1, 3])
    c1.metric(
        "langid", a.language.lang or "—", f"p = {a.language.prob:.2f}",
        delta_color="off", delta_arrow="off",
    )  # fmt: skip
    if a.status == "not_vietnamese":
        c2.warning(
            f"Văn bản này có vẻ không phải tiếng Việt (langid: **{a.language.lang}**, "
            f"p = {a.language.prob:.2f}). Mô hình chỉ được huấn luyện trên bình luận nhà hàng "
            "tiếng Việt, nên kết quả dưới đây ít đáng tin. · This does not look like "
            "Vietnamese; the model was trained on Vietnamese restaurant reviews only, so "
            "read its verdict with care."
        )
        if looks_unaccented(a.text):
            c2.info(
                "Nếu đây là tiếng Việt gõ không dấu: langid dựa vào dấu thanh nên hay nhận nhầm "
                "thành ngôn ngữ khác. · If this is Vietnamese typed without diacritics: langid "
                "relies on them and often mistakes such text for another language."
            )
    else:
        c2.success(
            "Tiếng Việt: đúng loại văn bản mô hình đã học (slide 22 giữ lại tiếng Việt). "
            "· Vietnamese, the kind of text the model learned from."
        )

    st.subheader("② Làm sạch · Cleaning (slide 23)")
    st.caption("Mỗi bước: văn bản đi vào, phần bị bỏ gạch đỏ · each step's input, removals in red")
    for s in v.steps:
        st.markdown(f"**{s.number}. {s.title}** · {s.key} — thay đổi: **{s.n_removed}**")
        st.html(s.before_html)
        if s.removed_html:
            st.html(s.removed_html)
    st.markdown("**Kết quả · cleaned text**")
    st.code(a.steps[-1].text or "(rỗng · empty)", language=None, wrap_lines=True)

    st.subheader("③ Token và chỉ số từ điển · Tokens and vocabulary indices (slide 24)")
    n_unk = sum(a.unknown)
    st.markdown(
        f"**{len(a.tokens):,}** token · mô hình đọc **{len(a.ids)}** (tối đa {a.max_len}) · "
        f"**{n_unk}** từ lạ `<unk>` (chỉ số 1) · từ điển {len(model.vocab):,} từ"
    )
    if a.truncated:
        st.warning(
            f"Bình luận có {len(a.tokens):,} token, dài hơn {a.max_len}: mô hình chỉ đọc "
            f"{a.max_len} token đầu, cắt ngay sau token {a.max_len} "
            f"(«{a.tokens[a.max_len - 1]}»). · Truncated after token {a.max_len}."
        )
    if a.tokens:
        st.html(v.tokens_html)

    if a.label is None:
        return

    st.subheader("④ Vì sao? · Why")
    st.markdown(
        "Màu của mỗi token = P(positive) thay đổi bao nhiêu nếu bỏ token đó đi: "
        ":green[**xanh**] đẩy về tích cực, :red[**đỏ**] đẩy về tiêu cực; "
        "viền đứt = `<unk>`. · Colour = how much P(positive) drops when the token is left out."
    )
    st.html(v.heat_html)
    if model.metadata["config"].get("ngram_order"):
        st.markdown(
            f"Logit của kết luận = **LSTM {a.lstm_logit:+.2f}** + **túi cụm từ "
            f"{a.bag_vote:+.2f}** = {a.lstm_logit + a.bag_vote:+.2f} → P(positive) = "
            f"σ({a.lstm_logit + a.bag_vote:+.2f}) = {a.p_positive:.1%}. · The verdict's logit "
            "is the LSTM's share plus the phrase bag's vote (the mean learned weight of the "
            "review's 1-3 token phrases; see the model card)."
        )
        st.markdown("**Túi cụm từ: các phiếu mạnh nhất · the bag's strongest votes** (logit)")
        pos, neg = top_phrases(a.phrases)
        c1, c2 = st.columns(2)
        for col, items, side in ((c1, pos, "pos"), (c2, neg, "neg")):
            col.dataframe(
                pd.DataFrame(items, columns=["cụm từ · phrase", "phiếu · vote"]),
                hide_index=True,
                key=f"sentiment_phrases_{side}",
                column_config={"phiếu · vote": st.column_config.NumberColumn(format="%+.3f")},
            )
    pos, neg = top_influences(v.read_tokens, a.influence)
    c1, c2 = st.columns(2)
    for col, items, title in (
        (c1, pos, "👍 Đẩy về tích cực mạnh nhất · most positive"),
        (c2, neg, "👎 Đẩy về tiêu cực mạnh nhất · most negative"),
    ):
        col.markdown(f"**{title}**")
        col.dataframe(
            pd.DataFrame(items, columns=["token", "ΔP"]),
            hide_index=True,
            key=f"sentiment_top_{'pos' if items is pos else 'neg'}",
            column_config={"ΔP": st.column_config.NumberColumn(format="%+.3f")},
        )
    st.markdown("**P(positive) khi mô hình đọc từng token · as the model reads**")
    st.plotly_chart(prefix_figure(v.read_tokens, a.p_prefix), key="sentiment_prefix_chart")

    st.subheader("⑤ Bên trong LSTM · Inside the LSTM")
    st.caption(
        f"Các cổng i, f, g, o và trạng thái ô c của mô hình thật, từng token (trục x) và "
        f"từng đơn vị ẩn (trục y), tính bằng ô LSTM NumPy của máy tính (core/cells.py) với "
        f"trọng số của tệp ONNX; khác biệt lớn nhất với onnxruntime: "
        f"{v.max_abs_diff:.1e}. Các đơn vị được xếp theo c ở token cuối. · Computed by the "
        "calculator's own LSTM cell with the shipped weights; units sorted by their final c."
    )
    st.plotly_chart(gates_figure(v.read_tokens, v.gates), key="sentiment_gates_chart")


# -------------------------------------------------------------- many reviews


def _signature(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
    return h.hexdigest()


def many_reviews():
    st.caption(
        f"Giới hạn · limits: tối đa **{MAX_ROWS:,} dòng** mỗi lần, tệp tối đa "
        f"**{UPLOAD_MB} MB**, mã hoá **UTF-8**. Mọi dòng đều có trong kết quả, đúng thứ tự. "
        "· Every input row appears in the result, in order, with its status."
    )
    source = st.radio(
        "Nguồn · Source",
        ["paste", "upload"],
        format_func={"paste": "📋 Dán · paste", "upload": "📎 Tải tệp CSV/TXT · upload"}.get,
        horizontal=True,
        key="sentiment_bulk_source",
    )
    reviews, error, sig = None, None, None
    if source == "paste":
        if "sentiment_bulk_text" not in st.session_state:  # back from the other mode
            st.session_state["sentiment_bulk_text"] = st.session_state.get(
                "sentiment_bulk_kept", ""
            )
        pasted = st.text_area(
            "Mỗi dòng một bình luận · one review per line",
            height=200,
            key="sentiment_bulk_text",
        )
        st.session_state["sentiment_bulk_kept"] = pasted
        if pasted.strip():
            sig = _signature("paste", pasted)
            try:
                reviews = paste_reviews(pasted)
            except InputError as exc:
                error = str(exc)
    else:
        up = st.file_uploader(
            f"Tệp .csv (chọn cột văn bản) hoặc .txt (mỗi dòng một bình luận), ≤ {UPLOAD_MB} MB",
            type=["csv", "txt"],
            key="sentiment_upload",
            max_upload_size=UPLOAD_MB,
        )
        if up is not None:
            data = up.getvalue()
            column = None
            if len(data) > UPLOAD_MB * 1024 * 1024:
                error = (
                    f"Tệp {up.name} nặng {len(data) / 2**20:.1f} MB, vượt giới hạn {UPLOAD_MB} MB. "
                    f"· The file exceeds the {UPLOAD_MB} MB limit; split it."
                )
            elif up.name.lower().endswith(".csv"):
                try:
                    cols = csv_columns(data)
                except InputError as exc:
                    error = str(exc)
                else:
                    if not cols:
                        error = (
                            f"{up.name} trống: cần một dòng tiêu đề và các dòng bình luận. "
                            f"· {up.name} is empty: expected a header row and review rows."
                        )
                if error is None:
                    cols = list(dict.fromkeys(cols))  # a repeated header name: its first column
                    column = st.selectbox(
                        "Cột chứa bình luận · text column",
                        cols,
                        index=cols.index("text") if "text" in cols else 0,
                        key="sentiment_csv_column",
                    )
            if error is None:
                sig = _signature("upload", up.name, data, column)
                try:
                    reviews = bulk_reviews(data, up.name, column)
                except InputError as exc:
                    error = str(exc)
    if error:
        st.error(md_escape(error), icon="⚠️")  # it may quote a column or file name
    elif reviews is not None:
        st.caption(f"{len(reviews):,} dòng sẵn sàng · rows ready")

    if st.button(
        "Phân loại · Classify", type="primary", key="sentiment_bulk_run", disabled=reviews is None
    ):
        bar = st.progress(0.0, text="Đang phân loại · classifying…")

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"{done:,} / {total:,}")

        t0 = time.perf_counter()
        results = model.classify(reviews, progress=progress)
        st.session_state["sentiment_last_bulk"] = (len(reviews), time.perf_counter() - t0)
        bar.empty()
        st.session_state["sentiment_bulk"] = (sig, results)

    last = st.session_state.get("sentiment_bulk")
    if not last or last[0] != sig:
        return
    results = last[1]
    s = bulk_summary(results)
    c = st.columns(4)
    c[0].metric("Tổng · rows", f"{s.n:,}")
    c[1].metric("👍 Tích cực", f"{s.by_label.get('positive', 0):,}")
    c[2].metric("👎 Tiêu cực", f"{s.by_label.get('negative', 0):,}")
    c[3].metric(
        "Rỗng / không phải tiếng Việt",
        f"{s.by_status.get('empty', 0):,} / {s.by_status.get('not_vietnamese', 0):,}",
    )
    c1, c2 = st.columns(2)
    with c1:
        names = ["positive", "negative", "—"]
        fig = go.Figure(
            go.Bar(
                x=["tích cực", "tiêu cực", "không phân loại"],
                y=[s.by_label.get(k, 0) for k in names],
                marker_color=[POS, NEG, "#adb5bd"],
                text=[s.by_label.get(k, 0) for k in names],
            )
        )
        fig.update_layout(title="Tỉ lệ · split", height=330, font_size=15)
        st.plotly_chart(fig, key="sentiment_split_chart")
    with c2:
        mids = (s.bin_edges[:-1] + s.bin_edges[1:]) / 2
        fig = go.Figure(
            go.Bar(
                x=mids,
                y=s.bin_counts,
                width=np.diff(s.bin_edges) * 0.95,
                marker_color=[POS if m >= 0.5 else NEG for m in mids],
            )
        )
        fig.update_layout(
            title="Phân bố P(positive) · distribution",
            height=330,
            font_size=15,
            xaxis_range=[0, 1],
            xaxis_title="P(positive)",
        )
        st.plotly_chart(fig, key="sentiment_hist_chart")
    st.dataframe(
        pd.DataFrame(results_rows(results)),
        hide_index=True,
        key="sentiment_results_table",
        column_config={
            "P(positive)": st.column_config.ProgressColumn(format="%.3f", min_value=0, max_value=1)
        },
    )
    st.download_button(
        "⬇️ Tải kết quả CSV · download",
        results_to_csv(results),
        file_name="sentiment_results.csv",
        mime="text/csv",
        key="sentiment_download",
        on_click="ignore",
    )


if mode == "one":
    one_review()
else:
    many_reviews()

# ----------------------------------------------------------------- model card


def model_card_section():
    card = model_card(model.metadata, getattr(model, "models_dir", None))
    st.markdown("**Dữ liệu và huấn luyện · Training data and setup**")
    st.table(pd.DataFrame(card.facts, columns=["", "giá trị · value"]).set_index(""))

    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Kết quả trên tập validation · Validation metrics**")
        if card.metrics:
            st.dataframe(
                pd.DataFrame(card.metrics),
                hide_index=True,
                key="sentiment_card_metrics",
                column_config={
                    "accuracy": st.column_config.NumberColumn(format="percent"),
                    "F1 (positive)": st.column_config.NumberColumn(format="%.3f"),
                },
            )
        else:
            st.info("metadata.json chưa có số liệu validation · no validation metrics recorded")
        if card.confusion is not None:
            cm = card.confusion
            fig = go.Figure(
                go.Heatmap(
                    z=cm,
                    x=["dự đoán tiêu cực", "dự đoán tích cực"],
                    y=["thật: tiêu cực", "thật: tích cực"],
                    text=[[f"{v:,}" for v in row] for row in cm],
                    texttemplate="%{text}",
                    textfont={"size": 22},
                    colorscale="Blues",
                    showscale=False,
                )
            )
            fig.update_layout(
                title="Ma trận nhầm lẫn · confusion matrix",
                height=330,
                font_size=15,
                yaxis_autorange="reversed",
                margin={"t": 50, "b": 10},
            )
            st.plotly_chart(fig, key="sentiment_confusion_chart")
    with c2:
        st.markdown("**Đường cong huấn luyện · Training curves**")
        if card.curves:
            ep = [c.get("epoch") for c in card.curves]
            fig = make_subplots(specs=[[{"secondary_y": True}]])
            fig.add_trace(
                go.Scatter(x=ep, y=[c.get("train_loss") for c in card.curves],
                           name="train loss", line={"color": "#e8590c", "width": 3}),
                secondary_y=False,
            )  # fmt: skip
            for k, color, dash in (
                ("val_accuracy", "#1c7ed6", "solid"),
                ("val_accuracy_no_diacritics", "#74c0fc", "solid"),
                ("val_accuracy_lstm_alone", "#2f9e44", "dot"),
                ("val_accuracy_bag_alone", "#ae3ec9", "dot"),
            ):
                if any(c.get(k) is not None for c in card.curves):
                    fig.add_trace(
                        go.Scatter(x=ep, y=[c.get(k) for c in card.curves], name=k,
                                   line={"color": color, "width": 3, "dash": dash}),
                        secondary_y=True,
                    )  # fmt: skip
            if card.best_epoch is not None:
                fig.add_vline(x=card.best_epoch, line_dash="dash", annotation_text="best")
            fig.update_layout(
                height=330,
                font_size=15,
                xaxis_title="epoch",
                margin={"t": 30, "b": 10},
                legend={"orientation": "h", "y": -0.3},
            )
            fig.update_yaxes(title_text="loss", secondary_y=False)
            fig.update_yaxes(title_text="accuracy", secondary_y=True)
            st.plotly_chart(fig, key="sentiment_curves_chart")
        size = sum(card.file_bytes.values())
        last_view = st.session_state.get("sentiment_last_view")  # (tokens, ms)
        last_bulk = st.session_state.get("sentiment_last_bulk")  # (rows, seconds)
        c = st.columns(3)
        c[0].metric("Kích thước · size", f"{size / 2**20:.1f} MB" if size else "?")
        c[1].metric(
            "1 bình luận · one review",
            f"{last_view[1]:.0f} ms" if last_view else "—",
            help="Lần phân tích gần nhất trên máy chủ này (cả giải thích và các cổng), "
            f"{last_view[0] if last_view else '?'} token · the last full analysis here",
        )
        c[2].metric(
            "Hàng loạt · bulk",
            f"{last_bulk[0] / max(last_bulk[1], 1e-9):,.0f} /s" if last_bulk else "—",
            help="Lần phân loại hàng loạt gần nhất · the last bulk run in this session",
        )
        if card.file_bytes:
            st.caption(" · ".join(f"{k}: {v / 1024:,.0f} KB" for k, v in card.file_bytes.items()))
    st.markdown("**Giới hạn · Limits: what it gets wrong**")
    st.markdown("\n".join(f"- {x}" for x in card.limits))


st.divider()
with st.expander("🪪 Thẻ mô hình · Model card", expanded=False):
    model_card_section()
