"""The sentiment page, driven through the real app by widget key (AppTest)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.markdown import shown_text
from ui.sentiment.view import EXAMPLES, MAX_REVIEW_CHARS, MAX_ROWS

APP = str(Path(__file__).absolute().parents[1] / "app.py")
TIMEOUT = 60  # seconds per run: the machine is shared and the first run loads the model


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/sentiment.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    """Every message, markdown, caption and HTML body on the page, joined."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "html"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def _verdict(at: AppTest) -> str | None:
    """The verdict badge's HTML, or None when there is none."""
    for h in at.html:
        if "P(positive) =" in h.value:
            return h.value
    return None


def _set_review(at: AppTest, text: str) -> AppTest:
    at.text_area(key="sentiment_text").set_value(text)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def page() -> AppTest:
    return _page()


# ---------------------------------------------------------------- one review


def test_opens_on_the_first_slide_example_with_every_stage(page):
    at = page
    assert at.text_area(key="sentiment_text").value == EXAMPLES["pos1"][1]
    assert _verdict(at) is not None
    subheaders = " ".join(s.value for s in at.subheader)
    for stage in ("Ngôn ngữ", "Làm sạch", "Token", "Vì sao", "Bên trong LSTM"):
        assert stage in subheaders
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"sentiment_prefix_chart", "sentiment_gates_chart"} <= keys
    # the five cleaning steps, numbered as on slide 23
    # the model card's speed is the analysis just made, not a second measurement
    speed = next(m for m in at.metric if m.label == "1 bình luận · one review").value
    assert speed.endswith(" ms") and float(speed[:-3]) > 0
    assert any(f"trong {speed}" in c.value for c in at.caption)
    titles = [m.value for m in at.markdown if m.value.startswith("**") and ". " in m.value[:6]]
    assert [t[2] for t in titles] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_each_example_fills_the_text_area_and_gets_a_verdict(key):
    at = _page()
    at.pills(key="sentiment_example").set_value(key).run()
    assert not at.exception
    assert at.text_area(key="sentiment_text").value == EXAMPLES[key][1]
    verdict = _verdict(at)
    assert verdict is not None and ("positive" in verdict or "negative" in verdict)
    text = _texts(at)
    if key == "english":
        assert "không phải tiếng Việt" in text and "trained on Vietnamese" in text
    elif key == "no_diacritics":
        # langid needs the diacritics: if it misses, the page says why
        if "không phải tiếng Việt" in text:
            assert "không dấu" in text
    else:
        assert "không phải tiếng Việt" not in text


def test_slide_examples_get_the_dataset_label():
    """The four slide-21 reviews are labelled in the data: a working model agrees."""
    at = _page()
    for key, want in [("pos1", "positive"), ("pos2", "positive"), ("neg1", "negative"),
                      ("neg2", "negative")]:  # fmt: skip
        at.pills(key="sentiment_example").set_value(key).run()
        assert want in _verdict(at), key


def test_a_custom_review_is_classified(page):
    at = _set_review(page, "Nhân viên phục vụ rất nhiệt tình, đồ ăn ngon, giá hợp lý.")
    assert _verdict(at) is not None
    p = next(m for m in at.metric if m.label == "P(positive)").value
    assert p.endswith("%") and 0 <= float(p[:-1]) <= 100
    # editing the text un-selects the example it came from
    assert at.pills(key="sentiment_example").value is None


def test_the_verdict_is_split_into_the_lstm_and_the_phrase_bag(page):
    from core.sentiment import load_model

    text = "Quán dơ, phục vụ chậm, không bao giờ quay lại."
    at = _set_review(page, text)
    a = load_model().analyze(text)
    split = next(m.value for m in at.markdown if m.value.startswith("Logit của kết luận"))
    assert f"LSTM {a.lstm_logit:+.2f}" in split and f"túi cụm từ {a.bag_vote:+.2f}" in split
    # the bag's strongest votes are phrases of this review, in two tables by sign
    pos, neg = [d.value for d in at.dataframe if "cụm từ · phrase" in d.value.columns]
    shown = [p.removesuffix(" ×2") for df in (pos, neg) for p in df.iloc[:, 0]]
    assert shown and all(p in " ".join(a.tokens) for p in shown)
    assert (pos.iloc[:, 1] > 0).all() and (neg.iloc[:, 1] < 0).all()


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_or_blank_review_asks_for_text(page, text):
    at = _set_review(page, text)
    assert any("Hãy nhập một bình luận" in i.value for i in at.info)
    assert _verdict(at) is None


def test_emoji_only_says_nothing_is_left_after_cleaning(page):
    at = _set_review(page, "😀😍👍🔥🇻🇳")
    assert any("không còn từ nào" in w.value for w in at.warning)
    assert _verdict(at) is None
    # the cleaning steps still show what was removed
    assert sum("emoji" in m.value for m in at.markdown) >= 1


def test_one_megabyte_of_text_is_cut_with_a_message(page):
    text = ("Quán ăn ngon, phục vụ nhanh. " * 40_000)[: 1024 * 1024]
    at = _set_review(page, text)
    warnings = " ".join(w.value for w in at.warning)
    assert f"{MAX_REVIEW_CHARS:,}" in warnings  # the cut is stated
    assert "Truncated after token" in warnings  # and the model's own max_len
    assert _verdict(at) is not None


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('xss')</script> quán ngon",
        '<img src=x onerror="alert(1)"> món này dở quá',
        "Ngon <b>lắm</b> &amp; rẻ \"'`",
    ],
)
def test_html_payloads_reach_the_page_escaped(page, payload):
    at = _set_review(page, payload)
    bodies = [h.value for h in at.html]
    assert bodies, "nothing rendered"
    for body in bodies:
        assert "<script" not in body.lower()
        assert "<img" not in body.lower()
        assert "<b>" not in body
    # the visitor's text is there, escaped (cleaning step 1 shows it before removal)
    assert any("&lt;" in b for b in bodies)
    for m in at.markdown:  # markdown that may render HTML never carries user text
        if getattr(m, "allow_html", False):
            assert "alert" not in m.value and "onerror" not in m.value


def test_english_text_gets_the_notice_and_is_still_classified(page):
    at = _set_review(page, "The staff were friendly and the pizza was excellent, great value.")
    assert any("không phải tiếng Việt" in w.value for w in at.warning)
    assert _verdict(at) is not None


def test_model_missing_stops_only_this_page(monkeypatch):
    import streamlit as st

    import core.sentiment as sentiment

    def missing(models_dir=None):
        raise sentiment.ModelUnavailable("models/sentiment.onnx is missing: run `make train`.")

    st.cache_resource.clear()
    monkeypatch.setattr(sentiment, "load_model", missing)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/sentiment.py").run()
    assert not at.exception
    assert any("make train" in shown_text(e.value) for e in at.error)
    assert not at.main.radio  # the page stopped before its widgets
    at.switch_page("pages/home.py").run()  # other pages keep working
    assert not at.exception and not at.error
    monkeypatch.undo()
    st.cache_resource.clear()


# -------------------------------------------------------------- many reviews


def _bulk(source: str) -> AppTest:
    at = _page()
    at.radio(key="sentiment_mode").set_value("many").run()
    at.radio(key="sentiment_bulk_source").set_value(source).run()
    assert not at.exception
    return at


def _table(at: AppTest):
    frames = [d for d in at.dataframe if d.key == "sentiment_results_table"] or list(at.dataframe)
    assert frames, "no results table"
    return frames[0].value


def test_multi_line_paste_keeps_every_row_in_order_with_status():
    at = _bulk("paste")
    lines = [
        "Đồ ăn rất ngon, nhân viên thân thiện, sẽ quay lại.",
        "",
        "Phục vụ chậm, đồ ăn nguội và đắt.",
        "🙂🙂",
        "The food was great and the staff were lovely.",
    ]
    at.text_area(key="sentiment_bulk_text").set_value("\n".join(lines)).run()
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception
    df = _table(at)
    assert list(df["review"]) == lines
    assert list(df["#"]) == [1, 2, 3, 4, 5]
    status = list(df["status"])
    assert status[1] == "empty" and status[3] == "empty"
    assert status[0] == "ok" and status[2] == "ok"
    assert status[4] == "not_vietnamese"
    assert df["label"][4] in ("positive", "negative")  # still classified
    assert at.get("download_button")
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"sentiment_split_chart", "sentiment_hist_chart"} <= keys


def test_bulk_drives_a_progress_bar(monkeypatch):
    """The page hands classify a progress callback, and the callback reaches n / n."""
    import core.sentiment as sentiment

    calls: list[tuple[int, int]] = []
    original = sentiment.SentimentModel.classify

    def spy(self, texts, progress=None):
        if progress is None:  # the model card's speed measurement, not the bulk run
            return original(self, texts)

        def record(done, total):
            calls.append((done, total))
            progress(done, total)

        return original(self, texts, progress=record)

    monkeypatch.setattr(sentiment.SentimentModel, "classify", spy)
    at = _bulk("paste")
    at.text_area(key="sentiment_bulk_text").set_value("ngon\ndở\nbình thường").run()
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert calls, "the page must pass classify a progress callback"
    assert calls[-1] == (3, 3)
    assert len(_table(at)) == 3


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def test_csv_upload_with_a_chosen_column():
    at = _bulk("upload")
    data = _csv(
        [
            {"id": "1", "comment": "Quán sạch sẽ, món ngon, giá rẻ."},
            {"id": "2", "comment": "Thái độ phục vụ quá tệ, không bao giờ quay lại."},
            {"id": "3", "comment": ""},
        ]
    )
    at.file_uploader(key="sentiment_upload").set_value(("reviews.csv", data, "text/csv")).run()
    assert not at.exception
    col = at.selectbox(key="sentiment_csv_column")
    assert set(col.options) == {"id", "comment"}
    col.set_value("comment").run()
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    df = _table(at)
    assert list(df["review"])[:2] == [
        "Quán sạch sẽ, món ngon, giá rẻ.",
        "Thái độ phục vụ quá tệ, không bao giờ quay lại.",
    ]
    assert len(df) == 3 and df["status"].iloc[2] == "empty"


def test_txt_upload_one_review_per_line():
    at = _bulk("upload")
    data = "Ngon quá\nDở tệ\n".encode()
    at.file_uploader(key="sentiment_upload").set_value(("r.txt", data, "text/plain")).run()
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception
    assert list(_table(at)["review"]) == ["Ngon quá", "Dở tệ"]


def test_non_utf8_file_gets_a_clear_error():
    at = _bulk("upload")
    data = "Quán ngon, giá rẻ".encode("cp1258", errors="replace") + b"\xff\xfe\xfa"
    at.file_uploader(key="sentiment_upload").set_value(("bad.txt", data, "text/plain")).run()
    assert not at.exception
    assert any("UTF-8" in shown_text(e.value) for e in at.error)
    assert at.button(key="sentiment_bulk_run").disabled


@pytest.mark.parametrize(
    "data",
    [b"", b"id,text\n", b"id,text\n1,\n2,  \n"],
    ids=["empty file", "header only", "blank column"],
)
def test_csv_without_text_gets_a_clear_error(data):
    at = _bulk("upload")
    at.file_uploader(key="sentiment_upload").set_value(("reviews.csv", data, "text/csv")).run()
    assert not at.exception
    assert at.error, "a CSV without text must be refused with a message"
    assert "reviews.csv" in shown_text(at.error[0].value) or "text" in shown_text(at.error[0].value)
    assert at.button(key="sentiment_bulk_run").disabled


def test_row_limit_is_stated_and_enforced():
    at = _bulk("paste")
    assert any(f"{MAX_ROWS:,}" in c.value for c in at.caption)
    at.text_area(key="sentiment_bulk_text").set_value("ngon\n" * (MAX_ROWS + 1)).run()
    assert not at.exception
    assert any(f"{MAX_ROWS:,}" in shown_text(e.value) for e in at.error)
    assert at.button(key="sentiment_bulk_run").disabled


def test_upload_size_limit_is_stated_and_enforced():
    import streamlit as st

    limit_mb = int(st.get_option("server.maxUploadSize"))
    at = _bulk("upload")
    assert f"{limit_mb} MB" in at.file_uploader(key="sentiment_upload").label
    big = b"ngon\n" * (limit_mb * 1024 * 1024 // 5 + 10)
    at.file_uploader(key="sentiment_upload").set_value(("big.txt", big, "text/plain")).run()
    assert not at.exception
    assert any(f"{limit_mb} MB" in shown_text(e.value) for e in at.error)
    assert at.button(key="sentiment_bulk_run").disabled
