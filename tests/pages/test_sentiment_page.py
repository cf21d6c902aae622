"""The sentiment page, driven through the real app by widget key (AppTest), in both languages."""

from __future__ import annotations

import csv
import io
import re

import pytest

from core.sentiment.bulk import MAX_ROWS
from core.sentiment.review import EXAMPLES, MAX_REVIEW_CHARS
from tests.support.apptest import open_page
from tests.support.lang import english_strings, vietnamese_words, visible_text
from ui.i18n import LANGS, t
from ui.markdown import shown_text
from ui.page import language_script
from ui.sentiment import card as card_words
from ui.sentiment import tables

PAGE = "pages/sentiment.py"


def _healthy(at) -> None:
    """No exception, and none caught by app.py's guard (it words them as common.page_error)."""
    assert not at.exception, [e.value for e in at.exception]
    guard = [t("common.page_error", lang, kind="")[:40] for lang in ("vi", "en")]
    crashed = [e.value for e in at.error if any(g in e.value for g in guard)]
    assert crashed == []


def _page(lang: str | None = None):
    at = open_page(PAGE, lang=lang)
    _healthy(at)
    return at


def _open_models(at):
    """Open the models' expander as a click would (it is drawn only while open)."""
    at.session_state["sentiment_zoo"] = True
    at.run()
    return at


def _texts(at) -> str:
    """Every message, markdown, caption and HTML body on the page, joined."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "html"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def _verdict(at) -> str | None:
    """The verdict badge's HTML, or None when there is none."""
    for h in at.html:
        if "P(positive) =" in h.value:
            return h.value
    return None


def _label(at) -> str:
    """The label the badge shows, as the badge tells programs (data-label)."""
    return re.search(r'data-label="(\w+)"', _verdict(at)).group(1)


def _set_review(at, text: str):
    """Type text into the box and press the classify button, as a student does."""
    at.text_area(key="sentiment_text").set_value(text)
    at.button(key="sentiment_classify").click().run()
    _healthy(at)
    return at


def _stale(at, lang: str = "vi") -> bool:
    """Whether the page says the verdict shown is of the review classified before."""
    return any(w.value == t("sentiment.stale", lang) for w in at.warning)


@pytest.fixture(scope="module")
def page():
    return _page()


# ---------------------------------------------------------------- one review


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_opens_on_the_first_slide_example_with_every_stage(lang):
    at = _page(lang)
    assert at.text_area(key="sentiment_text").value == EXAMPLES["pos1"]
    assert _verdict(at) is not None
    headers = " ".join(h.value for h in at.header)
    for stage in ("compare", "language", "cleaning", "tokens", "why", "inside.lstm"):
        assert t(f"sentiment.h.{stage}", lang) in headers
    assert at.radio(key="sentiment_model").value == "lstm"  # the default model
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"sentiment_prefix_chart", "sentiment_gates_chart"} <= keys
    # the server's time of the analysis just made
    assert any(c.value.startswith(t("sentiment.server_time", lang, ms=0, model="LSTM")[:20])
               for c in at.caption)  # fmt: skip
    # the cleaning steps, numbered in order: those that changed something with a title of
    # their own (teencode: the example's "đc"), the others (no URL, no emoji, diacritics
    # already there) on one line
    titles = [m.value for m in at.markdown if m.value.startswith("**") and ". " in m.value[:6]]
    assert [t[2] for t in titles] == ["2", "3", "5", "6"]
    assert titles[0].startswith(f"**2. {t('sentiment.step.teencode', lang)}**")
    assert titles[1].startswith(f"**3. {t('sentiment.step.punct_digits', lang)}**")
    head = t("sentiment.unchanged", lang, steps="")
    (quiet,) = [m.value for m in at.markdown if m.value.startswith(head)]
    assert re.findall(r"(\d)\. ", quiet) == ["1", "4", "7"]
    assert f"1. {t('sentiment.step.urls_html', lang)}" in quiet
    assert f"4. {t('sentiment.step.emoji', lang)}" in quiet
    assert f"7. {t('sentiment.step.accents', lang)}" in quiet


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_review_typed_without_diacritics_gets_them_back_as_a_step_of_its_own(lang):
    at = _page(lang)
    at.pills(key="sentiment_example").set_value("no_diacritics").run()
    _healthy(at)
    titles = [m.value for m in at.markdown if m.value.startswith("**7. ")]
    assert len(titles) == 1 and t("sentiment.step.accents", lang) in titles[0]
    n = int(re.search(r"\*\*(\d+)\*\*$", titles[0]).group(1))
    assert n >= 10  # "Quan nay do an ngon, nhan vien than thien...": most syllables
    html = "\n".join(h.value for h in at.html)
    # what it changed, as chips ("quan → quán"), and the tokens the model reads
    assert "quan → quán" in html and "ngon" in html
    assert "nhân" in html and "thiện" in html


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_each_example_fills_the_text_area_and_gets_a_verdict(key):
    at = _page()
    at.pills(key="sentiment_example").set_value(key).run()
    _healthy(at)
    assert at.text_area(key="sentiment_text").value == EXAMPLES[key]
    assert _label(at) in ("positive", "negative")
    text = _texts(at)
    # English is turned away, and, typed without diacritics, might be Vietnamese that lost
    # them; the Vietnamese examples, the unaccented one included, are taken as Vietnamese.
    english = key == "english"
    assert (t("sentiment.not_vi", "vi", code="en", p=0.0)[:40] in text) == english
    assert ("gõ không dấu" in text) == english
    assert (t("sentiment.is_vi", "vi") in text) != english


def test_english_text_gets_the_notice_in_english():
    at = _page("en")
    at.pills(key="sentiment_example").set_value("english").run()
    text = _texts(at)
    assert "does not look like Vietnamese" in text and "trained on Vietnamese" in text
    assert _label(at) in ("positive", "negative")


def test_slide_examples_get_the_dataset_label():
    """The four slide-21 reviews are labelled in the data: a working model agrees."""
    at = _page()
    for key, want in [("pos1", "positive"), ("pos2", "positive"), ("neg1", "negative"),
                      ("neg2", "negative")]:  # fmt: skip
        at.pills(key="sentiment_example").set_value(key).run()
        assert _label(at) == want, key
        assert t(f"sentiment.label.{want}", "vi").upper() in _verdict(at)


def test_a_custom_review_is_classified(page):
    at = _set_review(page, "Nhân viên phục vụ rất nhiệt tình, đồ ăn ngon, giá hợp lý.")
    assert _verdict(at) is not None
    p = next(m for m in at.metric if m.label == "P(positive)").value
    assert p.endswith("%") and 0 <= float(p[:-1]) <= 100
    # editing the text un-selects the example it came from
    assert at.pills(key="sentiment_example").value is None


def test_an_example_still_shown_chosen_as_classify_is_pressed_does_not_replace_the_review():
    """Under load a click can reach the server before the browser has redrawn the examples
    with none chosen (typing cleared it): the old choice then comes back with the press of
    Classify, in the same run. The review typed is what gets classified."""
    at = _page("vi")
    typed = "Quán dơ, phục vụ chậm, không bao giờ quay lại."
    at.text_area(key="sentiment_text").set_value(typed).run()  # typing clears the choice
    assert at.session_state["sentiment_example"] is None
    at.text_area(key="sentiment_text").set_value(typed)
    at.button_group(key="sentiment_example").set_value("pos1")  # the browser's stale choice
    at.button(key="sentiment_classify").click().run()
    _healthy(at)
    assert at.text_area(key="sentiment_text").value == typed
    assert at.session_state["sentiment_submitted"] == typed and _label(at) == "negative"
    assert at.session_state["sentiment_example"] is None
    at.button_group(key="sentiment_example").set_value("neg1").run()  # a choice on its own
    assert at.text_area(key="sentiment_text").value == EXAMPLES["neg1"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_verdict_is_of_what_was_classified_and_says_when_the_box_moved_on(lang):
    """Text typed but not classified leaves the old verdict, marked as the previous
    review's; the classify button brings the new verdict and takes the mark away."""
    at = _page(lang)
    first = _label(at)
    assert first == "positive" and not _stale(at, lang)
    button = at.button(key="sentiment_classify")
    assert button.label == t("sentiment.classify", lang) and button.proto.type == "primary"
    negative = "Đồ ăn dở tệ, phục vụ chậm và thô lỗ, quán bẩn, không bao giờ quay lại nữa."
    at.text_area(key="sentiment_text").set_value(negative).run()
    _healthy(at)
    assert _stale(at, lang) and _label(at) == first  # still the first example's
    assert at.session_state["sentiment_submitted"] == EXAMPLES["pos1"]
    at.button(key="sentiment_classify").click().run()
    _healthy(at)
    assert not _stale(at, lang) and _label(at) == "negative"
    assert at.session_state["sentiment_submitted"] == negative
    # the mark names the button in the page's language, and only that language
    other = {"vi": "en", "en": "vi"}[lang]
    assert t("sentiment.classify", lang) in t("sentiment.stale", lang)
    assert t("sentiment.stale", other) not in _texts(at)
    # a blank box classified asks for a review; the old verdict goes
    _set_review(at, "  ")
    assert _verdict(at) is None and not _stale(at, lang)
    assert any(i.value == t("sentiment.ask", lang) for i in at.info)


def test_an_example_is_classified_as_it_is_chosen():
    at = _page("vi")
    _set_review(at, "Đồ ăn dở tệ, quán bẩn, không bao giờ quay lại.")
    assert _label(at) == "negative"
    at.pills(key="sentiment_example").set_value("pos2").run()  # no button press
    _healthy(at)
    assert at.text_area(key="sentiment_text").value == EXAMPLES["pos2"]
    assert _label(at) == "positive" and not _stale(at)
    assert at.session_state["sentiment_submitted"] == EXAMPLES["pos2"]


def _comparison(at, lang: str):
    """The comparison table (the one with a model column)."""
    col = t("sentiment.col.model", lang)
    return next(tb.value for tb in at.table if col in tb.value.columns)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", ["bag", "rnn", "lstm"])
def test_the_selector_drives_verdict_explanation_and_inside_view(lang, name):
    from core.sentiment import load_model

    text = "Quán dơ, phục vụ chậm, không bao giờ quay lại."
    chosen = load_model(name=name)
    a = chosen.analyze(text)
    at = _set_review(_page(lang), text)
    at.radio(key="sentiment_model").set_value(name).run()
    _healthy(at)
    # the verdict and P(positive) are the chosen model's
    assert _label(at) == a.label
    assert next(m for m in at.metric if m.label == "P(positive)").value == f"{a.p_positive:.1%}"
    # the leave-one-out heat and P after each token are the chosen model's
    prefix = next(
        c for c in at.get("plotly_chart") if c.proto.id.endswith("sentiment_prefix_chart")
    )
    import json

    y = json.loads(prefix.proto.spec)["data"][0]["y"]
    assert y == pytest.approx(a.p_prefix, abs=1e-6)
    headers = [h.value for h in at.header]
    assert t(f"sentiment.h.inside.{name}", lang) in headers
    keys = {c.key for c in at.get("plotly_chart")}
    if name == "bag":  # no state: each token's exact share of the logit, no heat map
        assert "sentiment_shares_chart" in keys and "sentiment_gates_chart" not in keys
        shares = next(m.value for m in at.markdown if m.value.startswith("logit ="))
        assert f"{a.p_positive:.1%}" in shares
    else:
        assert "sentiment_gates_chart" in keys and _gates_rows(at) == 8
        maps = {"rnn": 1, "lstm": 5}[name]  # the RNN has h alone; the LSTM i, f, g, o, c
        assert _gate_maps(at) == maps
    # the comparison marks the chosen model
    df = _comparison(at, lang)
    assert list(df.iloc[:, 0]).index(f"{t(f'sentiment.name.{name}', lang)} ◀") == [
        "bag",
        "rnn",
        "lstm",
    ].index(name)


class CountingSession:
    """An onnxruntime session that counts its runs (every other call goes to the real one)."""

    def __init__(self, session):
        self.session, self.runs = session, 0

    def run(self, *args, **kwargs):
        self.runs += 1
        return self.session.run(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.session, name)


@pytest.mark.parametrize("name", ["bag", "rnn", "lstm"])
def test_a_new_review_runs_each_models_graph_once(monkeypatch, name):
    """The chosen model answers, explains and opens up the review in one run of its graph
    (its verdict in the comparison is that run's); each other model classifies it once;
    a rerun that keeps the review and the model runs nothing."""
    import uuid

    from core.sentiment import MODEL_NAMES, load_model

    at = _page("en")
    at.radio(key="sentiment_model").set_value(name).run()
    sessions = {}
    for n in MODEL_NAMES:
        m = load_model(name=n)
        sessions[n] = CountingSession(m.session)
        monkeypatch.setattr(m, "session", sessions[n])
    text = f"Quán dơ, phục vụ chậm, không bao giờ quay lại. {uuid.uuid4().hex}"
    _set_review(at, text)
    assert _verdict(at) is not None and len(_comparison(at, "en")) == 3
    assert {n: s.runs for n, s in sessions.items()} == dict.fromkeys(MODEL_NAMES, 1)
    at.run()
    _healthy(at)
    assert {n: s.runs for n, s in sessions.items()} == dict.fromkeys(MODEL_NAMES, 1)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_comparison_puts_the_review_through_every_model(lang):
    from core.sentiment import MODEL_NAMES, load_model

    text = "Bún chả ở đây ngon, nhưng phục vụ hơi chậm."
    at = _set_review(_page(lang), text)
    df = _comparison(at, lang)
    assert len(df) == 3
    for row, name in zip(df.itertuples(index=False), MODEL_NAMES, strict=True):
        r = load_model(name=name).classify([text])[0]
        assert row[0].removesuffix(" ◀") == t(f"sentiment.name.{name}", lang)
        assert row[1] == t(f"sentiment.label.{r.label}", lang)
        assert row[2] == f"{r.p_positive:.1%}" and float(row[3]) > 0
    assert t("sentiment.compare_caption", lang) in [c.value for c in at.caption]


def test_the_models_section_is_drawn_only_while_open():
    at = _page("vi")
    (box,) = [e for e in at.expander if e.label == t("sentiment.zoo", "vi")]
    assert len(box.dataframe) == 0 and len(box.tabs) == 0  # closed: nothing computed or sent
    _open_models(at)
    _healthy(at)
    (box,) = [e for e in at.expander if e.label == t("sentiment.zoo", "vi")]
    assert len(box.dataframe) == 2 and len(box.tabs) == 3
    at.session_state["sentiment_zoo"] = False
    at.run()
    (box,) = [e for e in at.expander if e.label == t("sentiment.zoo", "vi")]
    assert len(box.dataframe) == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_zoo_shows_the_table_length_calibration_and_a_card_per_model(lang):
    from core.sentiment import MODEL_NAMES, load_model

    at = _open_models(_page(lang))
    (zoo,) = [e for e in at.expander if e.label == t("sentiment.zoo", lang)]
    # two tables (accuracy; size and speed), each narrow enough for 1280 px; joined, every column
    frames = [d.value.data if hasattr(d.value, "data") else d.value for d in zoo.dataframe]
    assert len(frames) == 2
    names = [t(f"sentiment.name.{n}", lang) for n in MODEL_NAMES]
    assert all(list(f.index) == names for f in frames)
    df = frames[0].join(frames[1])
    assert list(df.columns) == [t(f"sentiment.zoo.col.{c}", lang) for c in tables.ZOO_COLUMNS]
    md = {n: load_model(name=n).metadata for n in MODEL_NAMES}
    typed, challenge = (t(f"sentiment.zoo.col.{c}", lang) for c in ("typed", "challenge"))
    rate = t("sentiment.zoo.col.rate", lang)
    for name, (_, row) in zip(MODEL_NAMES, df.iterrows(), strict=True):
        assert row[typed] == md[name]["metrics"]["typed"]["accuracy"]
        assert row[challenge] == md[name]["challenge"]["accuracy"]
        assert row[rate] == md[name]["speed"]["reviews_per_s"]
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"sentiment_length_chart", "sentiment_reliability_chart",
            "sentiment_challenge_chart"} <= keys  # fmt: skip
    assert {f"sentiment_curves_chart_{n}" for n in MODEL_NAMES} <= keys
    assert [tab.label for tab in zoo.tabs] == [t(f"sentiment.name.{n}", lang) for n in MODEL_NAMES]
    gap = t("sentiment.zoo.length_gap", lang, a="", gap_a=0, b="", gap_b=0)[:25]
    assert any(c.value.startswith(gap) for c in zoo.caption)
    text = visible_text(at)
    for word in ("phrase bag", "túi cụm từ", "phrase", "cụm từ"):
        assert word not in text


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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_megabyte_of_text_is_cut_with_a_message(lang):
    text = ("Quán ăn ngon, phục vụ nhanh. " * 40_000)[: 1024 * 1024]
    at = _set_review(_page(lang), text)
    warnings = " ".join(w.value for w in at.warning)
    assert f"{MAX_REVIEW_CHARS:,}" in warnings  # the cut is stated
    cut = {"vi": "cắt ngay sau token 400", "en": "Truncated after token 400"}[lang]
    assert cut in warnings  # and the model's own max_len
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
    own = {language_script(lang) for lang in LANGS}  # app.py's <html lang>, never user text
    bodies = [h.value for h in at.html if h.value not in own]
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


def _missing(monkeypatch, lang, broken=("bag", "rnn", "lstm")):
    import streamlit as st

    import core.sentiment as sentiment

    real = sentiment.load_model

    def load(models_dir=None, *, name="lstm"):
        if name in broken:
            raise sentiment.ModelUnavailable.missing(
                sentiment.MODELS_DIR / f"sentiment/{name}/model.onnx"
            )
        return real(models_dir, name=name)

    st.cache_resource.clear()
    monkeypatch.setattr(sentiment, "load_model", load)
    return _page(lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_model_missing_stops_only_this_page(monkeypatch, lang):
    import streamlit as st

    at = _missing(monkeypatch, lang)
    assert not at.exception
    message = " ".join(shown_text(e.value) for e in at.error)
    assert "make train" in message and "models/sentiment/lstm/model.onnx" in message
    assert t("sentiment.unavailable", lang) in message
    assert not at.main.radio  # the page stopped before its widgets
    text = visible_text(at)
    if lang == "en":
        assert vietnamese_words(text) == []
    else:
        assert english_strings(shown_text(text)) == []
    at.switch_page("pages/home.py").run()  # other pages keep working
    assert not at.exception and not at.error
    monkeypatch.undo()
    st.cache_resource.clear()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_model_missing_leaves_the_others_working(monkeypatch, lang):
    import streamlit as st

    at = _open_models(_missing(monkeypatch, lang, broken=("rnn",)))
    _healthy(at)
    assert at.radio(key="sentiment_model").value == "lstm" and _verdict(at) is not None
    # only the rnn's card says it is missing
    assert ["rnn/model.onnx" in shown_text(e.value) for e in at.error] == [True]
    df = _comparison(at, lang)
    assert list(df.iloc[:, 1])[1] == t("sentiment.verdict.unavailable", lang)
    assert all(v in {t(f"sentiment.label.{k}", lang) for k in ("positive", "negative")}
               for v in (df.iloc[0, 1], df.iloc[2, 1]))  # fmt: skip
    at.radio(key="sentiment_model").set_value("rnn").run()
    _healthy(at)
    message = " ".join(shown_text(e.value) for e in at.error)
    assert t("sentiment.model_unavailable", lang, model="rnn") in message
    assert "make train" in message and "models/sentiment/rnn/model.onnx" in message
    assert _verdict(at) is None and len(_comparison(at, lang)) == 3  # the comparison stays
    at.radio(key="sentiment_model").set_value("bag").run()
    _healthy(at)
    assert _verdict(at) is not None and len(at.error) == 1
    monkeypatch.undo()
    st.cache_resource.clear()


# -------------------------------------------------------------- many reviews


def _bulk(source: str, lang: str | None = None):
    at = _page(lang)
    at.radio(key="sentiment_mode").set_value("many").run()
    at.radio(key="sentiment_bulk_source").set_value(source).run()
    _healthy(at)
    return at


def _table(at):
    frames = [d for d in at.dataframe if d.key == "sentiment_results_table"] or list(at.dataframe)
    assert frames, "no results table"
    return frames[0].value


def _col(name: str, lang: str = "vi") -> str:
    return "P(positive)" if name == "p" else t(f"sentiment.col.{name}", lang)


def _status(name: str, lang: str = "vi") -> str:
    return t(f"sentiment.status.{name}", lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_multi_line_paste_keeps_every_row_in_order_with_status(lang):
    at = _bulk("paste", lang)
    lines = [
        "Đồ ăn rất ngon, nhân viên thân thiện, sẽ quay lại.",
        "",
        "Phục vụ chậm, đồ ăn nguội và đắt.",
        "🙂🙂",
        "The food was great and the staff were lovely.",
    ]
    at.text_area(key="sentiment_bulk_text").set_value("\n".join(lines))
    at.button(key="sentiment_bulk_run").click().run()
    _healthy(at)
    df = _table(at)
    assert list(df[_col("review", lang)]) == lines
    assert list(df[_col("number", lang)]) == [1, 2, 3, 4, 5]
    status = list(df[_col("status", lang)])
    assert status[1] == _status("empty", lang) and status[3] == _status("empty", lang)
    assert status[0] == _status("ok", lang) and status[2] == _status("ok", lang)
    assert status[4] == _status("not_vietnamese", lang)
    labels = {t(f"sentiment.label.{k}", lang) for k in ("positive", "negative")}
    assert df[_col("label", lang)][4] in labels  # still classified
    assert at.get("download_button")
    keys = {c.key for c in at.get("plotly_chart")}
    assert {"sentiment_split_chart", "sentiment_hist_chart"} <= keys


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_click_classifies_what_was_pasted(lang):
    """The paste box and its button are one form: one click sends the text and classifies
    it, and the button is never disabled waiting for the text to arrive."""
    at = _bulk("paste", lang)
    button = at.button(key="sentiment_bulk_run")
    assert not button.disabled and button.label == t("sentiment.classify", lang)
    at.text_area(key="sentiment_bulk_text").set_value(BULK)
    at.button(key="sentiment_bulk_run").click().run()
    _healthy(at)
    assert t("sentiment.ready", lang, n=3) in [c.value for c in at.caption]
    assert len(_table(at)) == 3 and at.get("download_button")
    at.run()  # a rerun keeps the results of that input
    assert len(_table(at)) == 3


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
    at.text_area(key="sentiment_bulk_text").set_value("ngon\ndở\nbình thường")
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
    assert list(df[_col("review")])[:2] == [
        "Quán sạch sẽ, món ngon, giá rẻ.",
        "Thái độ phục vụ quá tệ, không bao giờ quay lại.",
    ]
    assert len(df) == 3 and df[_col("status")].iloc[2] == _status("empty")


def test_txt_upload_one_review_per_line():
    at = _bulk("upload")
    data = "Ngon quá\nDở tệ\n".encode()
    at.file_uploader(key="sentiment_upload").set_value(("r.txt", data, "text/plain")).run()
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception
    assert list(_table(at)[_col("review")]) == ["Ngon quá", "Dở tệ"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_non_utf8_file_gets_a_clear_error(lang):
    at = _bulk("upload", lang)
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
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_without_text_gets_a_clear_error(data, lang):
    at = _bulk("upload", lang)
    at.file_uploader(key="sentiment_upload").set_value(("reviews.csv", data, "text/csv")).run()
    assert not at.exception
    assert at.error, "a CSV without text must be refused with a message"
    message = shown_text(at.error[0].value)
    assert "reviews.csv" in message or "text" in message
    if lang == "en":
        assert vietnamese_words(message) == []
    else:
        assert english_strings(message) == []
    assert at.button(key="sentiment_bulk_run").disabled


def test_row_limit_is_stated_and_enforced():
    at = _bulk("paste")
    assert any(f"{MAX_ROWS:,}" in c.value for c in at.caption)
    at.text_area(key="sentiment_bulk_text").set_value("ngon\n" * (MAX_ROWS + 1))
    at.button(key="sentiment_bulk_run").click().run()
    assert not at.exception
    assert any(f"{MAX_ROWS:,}" in shown_text(e.value) for e in at.error)
    assert not at.get("download_button")  # refused: nothing classified


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


# ------------------------------------------------------------ a long review

# A made-up review as long as the ones that made the page a wall (~1,850 characters):
# capitals, punctuation, digits, double spaces, line breaks and markup, no URL, no emoji.
LONG = (
    "Hôm  nay mình rủ 3 đứa bạn đến quán ăn thử, nghe nói quán mới mở được 2 tháng.\n"
    + " ".join(
        [
            "Không gian khá rộng rãi, bàn ghế sạch sẽ, nhưng hơi ồn vào giờ trưa.",
            "Nhân viên dễ thương, gọi món nhanh, <b>bún chả</b> lên sau 10 phút.",
            "Nước dùng đậm đà, thịt nướng thơm, rau sống tươi, giá 45.000đ một phần.",
            "Tuy vậy bãi giữ xe chật, trời nóng mà quạt thì yếu, ngồi lâu hơi mệt!",
        ]
        * 6
    )
    + "\nNói chung mình sẽ quay lại, nhưng chắc là vào buổi tối cho mát."
)


def _gates_spec(at) -> dict:
    import json

    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("sentiment_gates_chart"))
    return json.loads(chart.proto.spec)


def _gates_rows(at) -> int:
    """How many unit rows the gate maps draw (the heat maps' y labels)."""
    return len(_gates_spec(at)["data"][0]["y"])


def _gate_maps(at) -> int:
    """How many heat maps the inside view draws (LSTM: i, f, g, o, c; RNN: h)."""
    return len(_gates_spec(at)["data"])


def _read(body: str) -> str:
    """What a browser shows of an HTML body: tags dropped, entities decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]*>", "", body))


def _chips(at) -> str:
    """The token chips' HTML (the block with vocabulary indices)."""
    return next(h.value for h in at.html if "<sub" in h.value)


def _heat(at) -> str:
    """The leave-one-out heat line's HTML (the block with rgba backgrounds)."""
    return next(h.value for h in at.html if "rgba(" in h.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_long_review_is_shortened_and_the_toggles_open_every_part(lang, model):
    from ui.sentiment.markup import SHOW_TOKENS

    assert 1_700 < len(LONG) < 2_100
    a = model.analyze(LONG)
    T = len(a.ids)
    at = _set_review(_page(lang), LONG)
    seen = [visible_text(at)]
    # the steps that changed nothing: one line; each other text short, the whole one click away
    head = t("sentiment.unchanged", lang, steps="")
    (quiet,) = [m.value for m in at.markdown if m.value.startswith(head)]
    # no teencode, no emoji (<b> is HTML), diacritics already there
    assert re.findall(r"(\d)\. ", quiet) == ["2", "4", "7"]
    opened = [e.label for e in at.expander]
    assert t("sentiment.show_text", lang, n=len(LONG)) in opened
    assert (
        sum(lab.startswith(t("sentiment.show_text", lang, n=0)[:12]) for lab in opened) == 5
    )  # 4 steps, the result
    inside = {h.value for e in at.expander for h in e.html}  # the opened texts
    assert len(inside) == 4 and any(_read(h).replace("⏎", "\n") == LONG for h in inside)
    shown = [_read(h.value) for h in at.html if h.value not in inside]
    assert max(len(h) for h in shown if "(+" in h) < 300  # a step's text, shortened
    # token chips capped, the heat line around the strongest tokens, 8 units
    assert _chips(at).count("<sub") == SHOW_TOKENS
    more = t("sentiment.more_tokens", lang, n=len(a.tokens) - SHOW_TOKENS)
    assert more in shown_text(_chips(at))
    assert 0 < _heat(at).count("rgba(") < T
    assert _gates_rows(at) == 8
    assert any(c.value.startswith(t("sentiment.heat_windows", lang, shown=0, k=0)[:12])
               for c in at.caption)  # fmt: skip
    # each toggle opens its part, and only its part
    at.toggle(key="sentiment_all_tokens").set_value(True).run()
    _healthy(at)
    assert _chips(at).count("<sub") == T and _heat(at).count("rgba(") < T
    seen.append(visible_text(at))
    at.toggle(key="sentiment_all_heat").set_value(True).run()
    _healthy(at)
    assert _heat(at).count("rgba(") == T and _gates_rows(at) == 8
    seen.append(visible_text(at))
    at.toggle(key="sentiment_all_units").set_value(True).run()
    _healthy(at)
    assert _gates_rows(at) == model.metadata["config"]["hidden_size"]
    assert t("sentiment.all_sorted", lang, n=_gates_rows(at)) in _texts(at)
    seen.append(visible_text(at))
    # the review's markup stays text everywhere it is shown
    assert all("<b>" not in h.value for h in at.html)
    text = "\n".join(seen)
    if lang == "en":
        assert vietnamese_words(text, allowed=LONG + " " + _quoted(at)) == []
    else:
        assert english_strings(text) == []


def test_a_short_review_has_no_show_all_toggles():
    at = _set_review(_page("en"), REVIEW)
    assert [tg.key for tg in at.toggle] == ["sentiment_all_units"]
    assert not any(e.label.startswith("Show the whole text") for e in at.expander)
    assert _gates_rows(at) == 8
    focus = next(m.value for m in at.markdown if m.value.startswith("First the **8 units**"))
    assert focus.count("«") == 3  # the three decisive words, quoted


# ---------------------------------------------------------- one language at a time

REVIEW = "Quán này ngon, phục vụ nhanh, nhưng hơi ồn."
BULK = "Đồ ăn rất ngon.\n\nPhục vụ chậm và thô lỗ."


def _quoted(at) -> str:
    """The review text the cleaning steps split inside a word (a capital underlined apart
    from the rest of its word): quoted text too."""
    pieces = [h.value for h in at.html if "underline" in h.value]
    return " ".join(p for h in pieces for p in re.findall(r">([^<>]+)<", h))


def _drive(lang: str) -> tuple[str, str]:
    """Every main widget of the page, model card included: (all it showed, the review text
    among it)."""
    at = _open_models(_page(lang))
    seen, quoted = [], []

    def look():
        _healthy(at)
        seen.append(visible_text(at))
        quoted.append(_quoted(at))

    look()
    at.pills(key="sentiment_example").set_value("english").run()
    look()
    at.text_area(key="sentiment_text").set_value(REVIEW).run()
    look()  # the stale marker, in the page's language
    at.button(key="sentiment_classify").click().run()
    look()
    for name in ("bag", "rnn", "lstm"):
        at.radio(key="sentiment_model").set_value(name).run()
        look()
    at.radio(key="sentiment_mode").set_value("many").run()
    at.text_area(key="sentiment_bulk_text").set_value(BULK)
    at.button(key="sentiment_bulk_run").click().run()
    look()
    at.radio(key="sentiment_bulk_source").set_value("upload").run()
    data = _csv([{"id": "1", "comment": "Ngon"}, {"id": "2", "comment": "Dở"}])
    at.file_uploader(key="sentiment_upload").set_value(("r.csv", data, "text/csv")).run()
    at.selectbox(key="sentiment_csv_column").set_value("comment").run()
    look()
    assert at.session_state["lang"] == lang
    return "\n".join(seen), " ".join([*quoted, *EXAMPLES.values(), REVIEW, BULK, "Ngon Dở"])


def test_english_page_shows_no_vietnamese_interface_word():
    text, quoted = _drive("en")
    assert "Cleaning (slide 23)" in text and "Model cards" in text
    assert vietnamese_words(text, allowed=quoted) == []


def test_vietnamese_page_shows_no_english_interface_string():
    text, _ = _drive("vi")
    assert "Làm sạch (slide 23)" in text and "Thẻ mô hình" in text and "Inside" not in text
    assert english_strings(text) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_model_cards_speak_the_page_language(lang):
    at = _open_models(_page(lang))
    (zoo,) = [e for e in at.expander if e.label == t("sentiment.zoo", lang)]
    text = visible_text(at)
    assert t("sentiment.card.limits", lang).strip("*") in text
    labels = [m.label for m in zoo.metric]
    for label in ("sentiment.m.size", "sentiment.m.one", "sentiment.m.bulk"):
        assert labels.count(t(label, lang)) == 3  # one per model's card
    assert all(m.value != "—" for m in zoo.metric)  # the report measured every model
    # short values, the unit in the label when it is long: a metric cut "2,028 reviews/s" short
    assert all(len(m.value) <= card_words.MAX_METRIC_CHARS for m in zoo.metric)
    assert "val_accuracy_no_diacritics" not in text
