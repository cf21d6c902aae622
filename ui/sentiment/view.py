"""What the sentiment page shows, computed without streamlit: examples, limits, escaped HTML.

The page makes one call per mode (`review_view` for one review, `bulk_reviews` then
`model.classify` and `bulk_summary` for many) and only draws what comes back. Every
piece of user text that ends up in HTML goes through `html.escape` here, in one place.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

from core.sentiment.classify import InputError, read_reviews

# ------------------------------------------------------------------- examples

# Slide 21's four reviews (two positive, two negative) as the dataset spells them,
# then the two kinds of text a visitor actually types.
EXAMPLES: dict[str, tuple[str, str]] = {
    "pos1": (
        "👍 Slide 21 · tích cực 1",
        "Mình được 1 cô bạn giới_thiệu đến đây , tìm địa_chỉ khá dễ . Menu nước uống chất "
        "khỏi nói . Mình muốn cũng đc 8 loại nước ở đây , món nào cũng ngon và bổ_dưỡng cả .",
    ),
    "pos2": (
        "👍 Slide 21 · tích cực 2",
        "Mỗi lần thèm trà sữa là làm 1 ly . Quán dễ kiếm , không_gian lại rộng_rãi . "
        "Nhân_viên thì dễ_thương gần_gũi . Nói_chung thèm trà sữa là mình ghé Quán ở đây "
        "vì gần nhà .",
    ),
    "neg1": (
        "👎 Slide 21 · tiêu cực 1",
        "Quán chế_biến đồ_ăn lâu , Cá_Sapa nướng uớp rất dở , sò Lông ko tươi , nước_chấm "
        "ko ngon\nTóm_lại sẽ ko bao_giờ ghé nữa , ăn_dở mà uổng tiền",
    ),
    "neg2": (
        "👎 Slide 21 · tiêu cực 2",
        "Quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử , nhưng thực_sự ăn "
        "xong thấy không được như mong_đợi lắm .",
    ),
    "no_diacritics": (
        "⌨️ Không dấu · no diacritics",
        "Quan nay do an ngon, nhan vien than thien, gia ca hop ly. Minh se quay lai lan sau!",
    ),
    "english": (
        "🇬🇧 English",
        "The food was cold and the staff ignored us for twenty minutes. "
        "Never coming back! https://example.com",
    ),
}

# --------------------------------------------------------------------- limits

MAX_REVIEW_CHARS = 20_000  # one review: longer text is cut here (the model reads far less)
MAX_ROWS = 10_000  # many reviews: more rows are refused, never silently dropped
SHOW_CHARS = 2_000  # a cleaning step shows at most this much text
SHOW_UNREAD = 40  # tokens past max_len listed before "... and N more"


def looks_unaccented(text: str) -> bool:
    """Latin letters but no Vietnamese diacritics: langid's blind spot (it guesses 'en')."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isascii() for ch in letters)


# -------------------------------------------------------------- HTML helpers

_POS_RGB = "47, 158, 68"  # green: pushes towards "positive"
_NEG_RGB = "224, 49, 49"  # red: pushes towards "negative"
_CHIP = "display:inline-block;margin:2px 3px;padding:2px 7px;border-radius:6px;"


def esc(s: str) -> str:
    """User text as HTML text: <, >, &, and both quotes escaped."""
    return html.escape(s, quote=True)


def _shorten(s: str, n: int = SHOW_CHARS) -> tuple[str, int]:
    """s cut to n characters, and how many were cut."""
    return (s, 0) if len(s) <= n else (s[:n], len(s) - n)


def _spans(before: str, key: str, removed: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of what a cleaning step changes in `before`, left to right."""
    if key == "whitespace":
        # runs that are not one plain space between words
        rx = r"^\s+|\s+$|\s{2,}|[^\S ]"
        return [m.span() for m in re.finditer(rx, before)]
    if key == "lowercase":
        return [(k, k + 1) for k, ch in enumerate(before) if ch != ch.lower()]
    spans, pos = [], 0
    for piece in removed:
        k = before.find(piece, pos) if piece else -1
        if k < 0:  # core removed something not verbatim in the text: show it, skip marking
            continue
        spans.append((k, k + len(piece)))
        pos = k + len(piece)
    return spans


def marked_html(before: str, key: str, removed: tuple[str, ...]) -> str:
    """`before` escaped, with what the step removes struck through in red (case: underlined)."""
    shown, cut = _shorten(before)
    out, pos = [], 0
    for a, b in _spans(shown, key, removed):
        if a < pos or a >= len(shown):
            continue
        out.append(esc(shown[pos:a]))
        piece = shown[a:b]
        if key == "whitespace":
            piece = "␣" * len(piece)  # make invisible characters visible
            style = "background:#ffe3e3;color:#c92a2a;"
        elif key == "lowercase":
            style = "background:#fff3bf;text-decoration:underline;font-weight:700;"
        else:
            style = "background:#ffe3e3;color:#c92a2a;text-decoration:line-through;"
        out.append(f'<span style="{style}">{esc(piece)}</span>')
        pos = b
    out.append(esc(shown[pos:]))
    tail = f' <i style="color:#868e96">… (+{cut:,} ký tự)</i>' if cut else ""
    body = "".join(out).replace("\n", "⏎<br>")
    return (
        '<div style="font-size:1.05rem;line-height:1.7;white-space:pre-wrap;'
        "word-break:break-word;padding:6px 10px;border:1px solid #dee2e6;"
        f'border-radius:8px;background:#f8f9fa">{body}{tail}</div>'
    )


def removed_html(key: str, removed: tuple[str, ...]) -> str:
    """The pieces a step took out, as escaped red chips (grouped, with counts)."""
    if not removed:
        return ""
    counts = Counter(removed)
    chips = []
    for piece, n in list(counts.items())[:30]:
        label = esc(piece) if piece.strip() else "␣" * len(piece.replace("\r\n", "\n"))
        times = f" ×{n}" if n > 1 else ""
        chips.append(
            f'<span style="{_CHIP}background:#ffe3e3;color:#c92a2a;'
            f'font-family:monospace">{label}{times}</span>'
        )
    more = len(counts) - 30
    if more > 0:
        chips.append(f'<span style="color:#868e96">… (+{more} loại khác)</span>')
    return "".join(chips)


def tokens_html(
    tokens: list[str], ids: list[int], unknown: list[bool], max_len: int, itos_unk: str = "<unk>"
) -> str:
    """Each read token with its vocabulary index; <unk> in red; unread tokens greyed."""
    chips = []
    for t, (tok, i, unk) in enumerate(zip(tokens, ids, unknown, strict=False), start=1):
        if unk:
            style = "background:#ffe3e3;border:2px dashed #c92a2a;"
            idx = f"{i} {esc(itos_unk)}"
        else:
            style = "background:#e7f5ff;border:1px solid #74c0fc;"
            idx = str(i)
        chips.append(
            f'<span title="token {t}" style="{_CHIP}{style}">{esc(tok)}'
            f'<sub style="color:#495057;margin-left:3px">{idx}</sub></span>'
        )
    unread = tokens[len(ids) :]
    if unread:
        chips.append(
            f'<div style="margin:6px 0 2px;color:#c92a2a;font-weight:700">✂️ Cắt tại token '
            f"{max_len}: mô hình không đọc phần sau · truncated here</div>"
        )
        for tok in unread[:SHOW_UNREAD]:
            chips.append(
                f'<span style="{_CHIP}background:#f1f3f5;color:#adb5bd;'
                f'text-decoration:line-through">{esc(tok)}</span>'
            )
        if len(unread) > SHOW_UNREAD:
            chips.append(f'<span style="color:#868e96">… (+{len(unread) - SHOW_UNREAD:,})</span>')
    return f'<div style="font-size:1.05rem;line-height:2.1">{"".join(chips)}</div>'


def heat_html(tokens: list[str], influence: list[float], unknown: list[bool]) -> str:
    """Tokens on a green (pushes positive) / red (pushes negative) background, escaped."""
    scale = max((abs(v) for v in influence), default=0.0) or 1.0
    chips = []
    for tok, v, unk in zip(tokens, influence, unknown, strict=False):
        rgb = _POS_RGB if v >= 0 else _NEG_RGB
        alpha = 0.08 + 0.82 * min(abs(v) / scale, 1.0)
        border = "border:2px dashed #495057;" if unk else "border:1px solid transparent;"
        chips.append(
            f'<span title="{v:+.3f}" style="{_CHIP}{border}'
            f'background:rgba({rgb},{alpha:.2f})">{esc(tok)}</span>'
        )
    return f'<div style="font-size:1.2rem;line-height:2.2">{"".join(chips)}</div>'


def top_influences(
    tokens: list[str], influence: list[float], k: int = 5
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The k tokens pushing hardest towards positive, and towards negative (position kept)."""
    pairs = [
        (f"{tok} (#{t})", v)
        for t, (tok, v) in enumerate(zip(tokens, influence, strict=True), start=1)
    ]
    pos = sorted((p for p in pairs if p[1] > 0), key=lambda p: -p[1])[:k]
    neg = sorted((p for p in pairs if p[1] < 0), key=lambda p: p[1])[:k]
    return pos, neg


def top_phrases(
    phrases: list[tuple[str, int, float]], k: int = 5
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The k phrases whose bag votes push hardest towards positive, and towards negative."""
    rows = [(f"{text} ×{n}" if n > 1 else text, share) for text, n, share in phrases]
    pos = sorted((r for r in rows if r[1] > 0), key=lambda r: -r[1])[:k]
    neg = sorted((r for r in rows if r[1] < 0), key=lambda r: r[1])[:k]
    return pos, neg


# ----------------------------------------------------------- one review: view


@dataclass(frozen=True)
class StepView:
    """One cleaning step as the page draws it."""

    number: int  # 1..5, slide 23's numbering
    key: str
    title: str
    before_html: str  # the text entering this step, what it removes marked
    removed_html: str  # chips of the removed pieces ("" when none)
    n_removed: int  # pieces removed (whitespace: runs fixed; lowercase: letters lowered)


@dataclass(frozen=True)
class ReviewView:
    """Everything the one-review section draws, from one model.analyze + one gate_trace."""

    text: str  # the text analysed (cut to MAX_REVIEW_CHARS)
    cut_chars: int  # characters cut off the visitor's text (0 if none)
    analysis: object  # core.sentiment.Analysis
    read_tokens: list[str]  # the tokens the model reads, (T,)
    steps: list[StepView]
    tokens_html: str
    heat_html: str
    gates: dict[str, np.ndarray]  # "i", "f", "g", "o", "c" -> (H, T); "unit" -> (H,) row ids
    max_abs_diff: float  # max |h_cells - h_onnxruntime| over the review (0.0 if no tokens)
    compute_ms: float  # wall time of this whole function, as measured when it ran


def gate_matrices(trace: list) -> dict[str, np.ndarray]:
    """Gate activations and cell state (H, T) of an LSTM trace, rows sorted by final c."""
    if not trace:
        return {}
    mats = {g: np.stack([s.gates[g].act for s in trace], axis=1) for g in ("i", "f", "g", "o")}
    mats["c"] = np.stack([s.c for s in trace], axis=1)  # (H, T)
    # Units sorted by their final cell state, so units that end alike sit together;
    # "unit" labels keep the model's own numbering.
    order = np.argsort(mats["c"][:, -1], kind="stable")
    mats = {k: v[order] for k, v in mats.items()}
    mats["unit"] = order  # (H,)
    return mats


def step_views(text: str, steps: list) -> list[StepView]:
    """Each CleanStep with its input text marked where it changes."""
    out, before = [], text
    for k, s in enumerate(steps, start=1):
        spans = _spans(before, s.key, s.removed)
        n = len(s.removed) if s.removed else len(spans)
        out.append(
            StepView(
                k, s.key, s.title, marked_html(before, s.key, s.removed),
                removed_html(s.key, s.removed), n,
            )
        )  # fmt: skip
        before = s.text
    return out


def review_view(model, text: str) -> ReviewView:
    """Analyse one review and prepare every section of the page (the page's one call)."""
    t0 = time.perf_counter()
    cut = max(0, len(text) - MAX_REVIEW_CHARS)
    text = text[:MAX_REVIEW_CHARS]
    a = model.analyze(text)
    read = list(a.tokens[: len(a.ids)])
    trace = model.gate_trace(a.ids) if a.ids else []
    diff = 0.0
    if trace:  # the heat maps are only honest if the NumPy cell is the shipped model
        h_cells = np.stack([s.h for s in trace])  # (T, H)
        diff = float(np.max(np.abs(h_cells - np.asarray(model.hidden_states(a.ids)))))
    steps = step_views(text, a.steps)
    tok_html = tokens_html(list(a.tokens), a.ids, a.unknown, a.max_len)
    heat = heat_html(read, a.influence, a.unknown) if a.ids else ""
    gates = gate_matrices(trace)
    return ReviewView(
        text=text,
        cut_chars=cut,
        analysis=a,
        read_tokens=read,
        steps=steps,
        tokens_html=tok_html,
        heat_html=heat,
        gates=gates,
        max_abs_diff=diff,
        compute_ms=(time.perf_counter() - t0) * 1e3,
    )


# -------------------------------------------------------------- many reviews


def bulk_reviews(
    data: bytes, filename: str, column: str | None = None, max_rows: int = MAX_ROWS
) -> list[str]:
    """Reviews of a pasted text or an uploaded .csv/.txt; InputError past max_rows."""
    reviews = read_reviews(data, filename, column)
    where = f"cột «{column}»" if column else filename
    if not reviews:
        raise InputError(
            f"{filename} không có dòng nào để phân loại. · {filename} has no reviews: "
            "a .csv needs a header row and at least one data row, a .txt one line per review."
        )
    if not any(r.strip() for r in reviews):
        raise InputError(
            f"{where} chỉ có ô trống, không có văn bản. · {where} holds no text; "
            "choose the column with the reviews."
        )
    if len(reviews) > max_rows:
        raise InputError(
            f"Có {len(reviews):,} dòng, vượt giới hạn {max_rows:,} dòng mỗi lần. "
            f"Hãy chia nhỏ tệp. · {len(reviews):,} rows exceed the limit of {max_rows:,}; "
            "split the file."
        )
    return reviews


def paste_reviews(text: str, max_rows: int = MAX_ROWS) -> list[str]:
    """One review per pasted line, same rules as a .txt upload; trailing blank lines dropped."""
    return bulk_reviews(text.rstrip("\r\n").encode("utf-8"), "paste.txt", max_rows=max_rows)


@dataclass(frozen=True)
class BulkSummary:
    """Counts and a histogram for the bulk charts."""

    n: int
    by_label: dict[str, int]  # "positive" / "negative" / "—" (not classified)
    by_status: dict[str, int]  # "ok" / "not_vietnamese" / "empty"
    bin_edges: np.ndarray  # (B + 1,)
    bin_counts: np.ndarray  # (B,)


def bulk_summary(results: list, bins: int = 10) -> BulkSummary:
    """Label and status counts, and a histogram of P(positive) over classified rows."""
    by_label = Counter(r.label or "—" for r in results)
    by_status = Counter(r.status for r in results)
    ps = np.array([r.p_positive for r in results if r.p_positive is not None], dtype=float)
    counts, edges = np.histogram(ps, bins=bins, range=(0.0, 1.0))
    return BulkSummary(len(results), dict(by_label), dict(by_status), edges, counts)


def results_rows(results: list) -> list[dict]:
    """Rows of the results table, in input order, numbered from 1."""
    return [
        {
            "#": k,
            "review": r.text,
            "label": r.label or "—",
            "P(positive)": r.p_positive,
            "language": r.language,
            "status": r.status,
        }
        for k, r in enumerate(results, start=1)
    ]


# ----------------------------------------------------------------- model card

FORM_NAMES = {
    "typed": "gõ thường (dấu cách thay _) · typed",
    "underscore": "như trong dữ liệu (có _) · as stored",
    "no_diacritics": "không dấu · no diacritics",
}


@dataclass(frozen=True)
class ModelCard:
    """The model card's figures, read from models/metadata.json and the model files."""

    facts: list[tuple[str, str]]  # (what, value) rows: data, architecture, training
    metrics: list[dict]  # one row per validation form: form, n, accuracy, F1
    confusion: np.ndarray | None  # (2, 2) [[TN, FP], [FN, TP]] of the headline form
    curves: list[dict]  # per epoch: epoch, train_loss, val_accuracy, ...
    best_epoch: int | None
    file_bytes: dict[str, int]  # file name -> size
    limits: list[str]


def _fmt_int(v) -> str:
    return f"{v:,}" if isinstance(v, int) else str(v)


def _data_line(md: dict) -> str:
    """Which reviews the model learned from and was measured on."""
    limit = (md.get("data") or {}).get("limit")
    n_val = next(
        (
            m.get("n")
            for m in (md.get("metrics") or {}).values()
            if isinstance(m, dict) and "n" in m
        ),
        None,
    )
    train = f"{limit:,} mỗi lớp (smoke run)" if limit else "30,000 (15,000 + / 15,000 −)"
    val = f"{n_val:,}" if isinstance(n_val, int) else "?"
    return f"NTC-SCV (foody.vn) · train: {train} · validation: {val} bình luận"


def model_card(metadata: dict, models_dir=None) -> ModelCard:
    """Model-card figures; missing metadata keys show as '?' instead of failing the page."""
    md = metadata or {}
    cfg = md.get("config", {}) or {}
    tcfg = md.get("train_config", {}) or {}
    data = md.get("data", {}) or {}
    timings = md.get("timings", {}) or {}
    arch = (
        f"Embedding {cfg.get('vocab_size', '?')}×{cfg.get('embed_dim', '?')} → LSTM "
        f"H={cfg.get('hidden_size', '?')} (1 lớp) → P(positive) mỗi token"
    )
    if cfg.get("ngram_order"):
        arch += (
            f" · + túi cụm từ (phrase bag): n-gram 1–{cfg['ngram_order']} token, "
            f"{_fmt_int(cfg.get('ngram_buckets', '?'))} trọng số băm (hashed votes)"
        )
    chosen = md.get("weights") or {}
    bag_row = []
    if chosen.get("bag_weight") is not None:
        bag_row = [(
            "Trọng số · weighting",
            f"logit = (LSTM + {chosen['bag_weight']} × túi cụm từ) / "
            f"{chosen.get('temperature') or 1.0:.2f} (nhiệt độ · temperature); "
            "cả hai chọn trên validation · both chosen on validation",
        )]  # fmt: skip
    facts = [
        ("Dữ liệu · data", _data_line(md)),
        ("Đường dẫn · path", str(data.get("path", "?"))),
        ("SHA-256 train / validation",
         f"{str(data.get('train_sha256', '?'))[:12]}… / "
         f"{str(data.get('validation_sha256', '?'))[:12]}…"),
        ("Kiến trúc · architecture", arch),
        ("Tham số · parameters", _fmt_int(md.get("parameters", "?"))),
        ("Từ điển · vocabulary", f"{_fmt_int(md.get('vocab_size', '?'))} token "
         f"(min_freq {tcfg.get('min_freq', '?')})"),
        ("Đọc tối đa · max_len", f"{cfg.get('max_len', '?')} token"),
        ("Tách token · tokenization", str(md.get("tokenization", "?"))),
        ("Huấn luyện · training",
         f"seed {md.get('seed', '?')}, {len(md.get('curves', []) or [])} epoch, "
         f"best epoch {md.get('best_epoch', '?')}, lr {tcfg.get('lr', '?')}, "
         f"batch {tcfg.get('batch_size', '?')}, "
         f"{timings.get('train_s', '?')} s trên CPU ({timings.get('threads', '?')} luồng)"),
        *bag_row,
        ("Lệnh · command", str(md.get("command", "?"))),
        ("Phiên bản · versions", f"torch {md.get('torch_version', '?')}, "
         f"ONNX opset {(md.get('onnx') or {}).get('opset', '?')}"),
    ]  # fmt: skip
    metrics, confusion = [], None
    for form, m in (md.get("metrics") or {}).items():
        if not isinstance(m, dict) or "accuracy" not in m:
            continue
        metrics.append(
            {
                "form": FORM_NAMES.get(form, form),
                "n": m.get("n"),
                "accuracy": m.get("accuracy"),
                "F1 (positive)": m.get("f1"),
            }
        )
        if confusion is None or form == "typed":
            cm = m.get("confusion_matrix")
            confusion = np.asarray(cm, dtype=int) if cm is not None else None
    sizes = {}
    if models_dir is not None:
        from pathlib import Path

        for f in sorted(Path(models_dir).glob("*")):
            if f.is_file():
                sizes[f.name] = f.stat().st_size
    acc = {m["form"]: m["accuracy"] for m in metrics}
    plain = acc.get(FORM_NAMES["no_diacritics"])
    limits = [
        "Chỉ học bình luận nhà hàng tiếng Việt (NTC-SCV, foody.vn): văn bản khác lĩnh vực "
        "hoặc ngôn ngữ khác cho kết quả không đáng tin. · Vietnamese restaurant reviews only.",
        "Một mô hình, hai nhãn: không có 'trung tính'; bình luận khen chê lẫn lộn bị ép về "
        "một phía. · One model, two labels, no neutral.",
        f"Chỉ đọc {cfg.get('max_len', '?')} token đầu; phần sau không ảnh hưởng kết quả. "
        "· Later tokens are ignored.",
        "Từ hiếm, tên riêng, teencode mới thành <unk>; mỉa mai và phủ định ở xa hay bị đọc "
        "sai. · Rare words become <unk>; sarcasm and distant negation fool it.",
        "Văn bản không dấu: langid hay nhận nhầm là tiếng Anh, và mô hình kém chính xác hơn"
        + (f" ({plain:.1%} trên validation)" if isinstance(plain, float) else "")
        + ". · Without diacritics both langid and the model do worse.",
        "Các ví dụ slide 21 nằm trong tập train, nên đúng với chúng chưa chứng minh gì; "
        "số liệu trên là của tập validation (dùng để dừng sớm và chọn trọng số túi cụm từ, nên "
        "hơi lạc quan; tập test "
        "chính thức được giữ riêng). · Slide examples are training data.",
    ]
    if confusion is not None and confusion.shape == (2, 2):
        (tn, fp), (fn, tp) = confusion.tolist()
        limits.insert(
            0,
            f"Trên {tn + fp + fn + tp:,} bình luận validation nó sai {fp + fn:,} lần: "
            f"{fp:,} bình luận tiêu cực bị gọi là tích cực, {fn:,} tích cực bị gọi là tiêu cực. "
            f"· Wrong on {fp + fn:,}: {fp:,} negatives called positive, {fn:,} the other way.",
        )
    return ModelCard(
        facts=facts,
        metrics=metrics,
        confusion=confusion,
        curves=list(md.get("curves") or []),
        best_epoch=md.get("best_epoch"),
        file_bytes=sizes,
        limits=limits,
    )
