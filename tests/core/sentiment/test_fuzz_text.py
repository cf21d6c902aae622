"""Property-based fuzzing of the text pipeline and the sentiment model on any Unicode.

Cleaning, tokenisation and language detection never raise and keep their promises;
the model gives P(positive) in [0, 1] (or a clear 'empty' status) for any string;
bulk input (any bytes, any file name) gives reviews or an InputError, and nothing is
lost between the input, the classification and the CSV written back.
"""

from __future__ import annotations

import math
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.sentiment.classify import OUTPUT_COLUMNS, ReviewTable, read_table, table_to_csv
from core.sentiment.text import (
    CLEANING_STEPS,
    clean,
    clean_steps,
    detect_language,
    preprocess,
    tokenize,
)
from tests.support.paths import ROOT

# Examples per property; README's testing figures are derived from these.
N_TEXT = 300
N_MODEL = 120
N_BATCH = 40
N_BYTES = 300
FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

HAS_MODEL = (ROOT / "models" / "sentiment" / "lstm" / "model.onnx").exists()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no shipped model in models/")

# Any Unicode (no lone surrogates: UTF-8 input cannot carry them), plus reviews that
# look like the real thing with markup, links, emoji and Vietnamese around them.
PIECES = [
    "Quán", "ngon", "quá", "nhân_viên", "ĐẸP", "😋", "👍🏽", "🇻🇳", "<br/>", "<script>",
    "&amp;", "https://foody.vn/x?a=1", "www.a.vn", "10/10", "!!!", "\u200b", "\t", "\n",
    "e\u0301", "İ", "ß", "ﬁ", "٣", "_", "  ",
]  # fmt: skip
reviewish = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=25).map(" ".join)
any_text = st.one_of(st.text(max_size=300), reviewish)


def _download(results) -> bytes:
    """The page's download of these results, written for a table of their texts alone."""
    table = ReviewTable(OUTPUT_COLUMNS, [r.text for r in results], [[] for _ in results])
    return table_to_csv(table, results)


@settings(max_examples=N_TEXT, **FUZZ)
@given(any_text)
def test_cleaning_has_its_steps_and_leaves_plain_lowercase_words(text):
    steps = clean_steps(text)
    assert [s.key for s in steps] == [k for k, _ in CLEANING_STEPS]
    out = steps[-1].text
    assert out == clean(text)
    assert out == out.strip() and "  " not in out
    assert not re.search(r"\s", out.replace(" ", ""))  # only single spaces are left
    assert out.lower() == out
    for ch in out:
        cat = unicodedata.category(ch)
        assert ch == "_" or not (cat.startswith("P") or cat == "Nd"), (ch, cat)
    nfc = unicodedata.normalize("NFC", text)
    for piece in steps[0].removed:  # what step 1 took out was in the text
        assert piece in nfc


@settings(max_examples=N_TEXT, **FUZZ)
@given(any_text)
def test_cleaning_twice_changes_nothing(text):
    once = clean(text)
    assert clean(once) == once


@settings(max_examples=N_TEXT, **FUZZ)
@given(any_text)
def test_tokens_are_the_cleaned_text_split_on_spaces_and_underscores(text):
    cleaned = clean(text)
    tokens = tokenize(cleaned)
    assert preprocess(text) == tokens
    assert all(t and not re.search(r"[\s_]", t) for t in tokens)
    assert "".join(tokens) == re.sub(r"[\s_]+", "", cleaned)
    assert tokenize(cleaned.replace(" ", "_")) == tokens  # nhân_viên == nhân viên
    event(f"tokens: {min(len(tokens), 10)}{'+' if len(tokens) >= 10 else ''}")


@settings(max_examples=N_TEXT, **FUZZ)
@given(any_text)
def test_language_guess_is_a_probability(text):
    from core.sentiment.language import CANDIDATES, has_letter

    g = detect_language(text)
    assert isinstance(g.lang, str) and 0.0 <= g.prob <= 1.0 and math.isfinite(g.prob)
    # Issue 13: no language ("") exactly when there is no letter to judge (blank text
    # included), not only for blank text; otherwise one of the candidates.
    assert (g.lang == "") == (not has_letter(text))
    if text.strip() == "":
        assert g.lang == ""
    assert g.lang in CANDIDATES or (g.lang, g.prob) == ("", 0.0)


# ------------------------------------------------------------------ the model


@needs_model
@settings(max_examples=N_MODEL, **FUZZ)
@given(text=st.one_of(any_text, st.just("ngon " * 450)))
def test_analyze_gives_a_probability_or_says_empty(model, text):
    a = model.analyze(text)
    assert a.status in ("ok", "empty", "not_vietnamese")
    assert len(a.ids) == len(a.unknown) <= a.max_len
    assert a.truncated == (len(a.tokens) > a.max_len)
    assert all(0 <= i < len(model.vocab) for i in a.ids)
    if not a.ids:
        assert (a.label, a.p_positive, a.status) == (None, None, "empty")
        assert a.p_prefix == [] and a.influence == []
        event("empty")
        return
    event(a.status)
    assert 0.0 <= a.p_positive <= 1.0
    assert a.label == ("positive" if a.p_positive >= 0.5 else "negative")
    assert len(a.p_prefix) == len(a.influence) == len(a.ids)
    assert all(0.0 <= p <= 1.0 for p in a.p_prefix)
    assert a.p_prefix[-1] == pytest.approx(a.p_positive, abs=1e-6)
    assert all(math.isfinite(x) and -1.0 <= x <= 1.0 for x in a.influence)


@needs_model
@settings(max_examples=N_BATCH, **FUZZ)
@given(texts=st.lists(any_text, max_size=12))
def test_classify_keeps_every_text_in_order_and_agrees_with_analyze(model, texts):
    results = model.classify(texts)
    assert [r.text for r in results] == texts
    for r, text in zip(results, texts, strict=True):
        a = model.analyze(text)
        assert r.status == a.status
        if r.p_positive is None:
            assert a.p_positive is None
            continue
        assert 0.0 <= r.p_positive <= 1.0
        # Batches pad to the longest review; float32 may move the last digits only.
        assert r.p_positive == pytest.approx(a.p_positive, abs=1e-4)
    # The CSV written back holds every text, literally, in order.
    if texts and not texts[0].startswith("\ufeff"):  # a leading BOM is the file's
        assert read_table(_download(results), "out.csv").texts == texts


# ------------------------------------------------------------------ bulk input


@settings(max_examples=N_BYTES, **FUZZ)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
        st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=4), max_size=6).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")
        ),
        st.lists(st.text(max_size=30), max_size=6).map(  # a header the reader looks for
            lambda rows: ("id,text\n" + "\n".join(f"1,{r}" for r in rows)).encode("utf-8")
        ),
    ),
    filename=st.sampled_from(["r.csv", "r.CSV", "r.txt", "r.tsv", "r", "r.csv.txt"]),
    column=st.one_of(st.none(), st.sampled_from(["text", "review", " text ", ""])),
)
def test_any_upload_gives_reviews_or_a_clear_input_error(data, filename, column):
    from core.sentiment.classify import InputError, csv_columns

    try:
        reviews = read_table(data, filename, column).texts
    except InputError as e:
        assert str(e).strip()
        event("InputError")
    else:
        assert all(isinstance(r, str) for r in reviews)
        event("reviews")
    if filename.lower().endswith(".csv"):
        try:
            cols = csv_columns(data)
        except InputError as e:
            assert str(e).strip()
        else:
            assert all(isinstance(c, str) for c in cols)


@settings(max_examples=N_BYTES, **FUZZ)
@given(
    texts=st.lists(
        st.text(max_size=60),
        min_size=1,
        max_size=8,
    ).filter(lambda ts: not ts[0].startswith("\ufeff"))  # a leading BOM is the file's
)
def test_a_written_csv_reads_back_to_the_same_reviews(texts):
    """table_to_csv -> read_table loses nothing: quotes, commas, line breaks, any Unicode."""
    from core.sentiment import Result

    results = [Result(t, None, None, "", "empty") for t in texts]
    assert read_table(_download(results), "out.csv").texts == texts


@settings(max_examples=N_BYTES, **FUZZ)
@given(
    lines=st.lists(
        st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s),
        min_size=1,
        max_size=8,
    ).filter(lambda ls: ls[-1] != "" and not ls[0].startswith("\ufeff"))
)
def test_a_txt_upload_gives_one_review_per_line(lines):
    for sep in ("\n", "\r\n"):
        assert read_table(sep.join(lines).encode("utf-8"), "r.txt").texts == lines


def test_a_review_with_a_bare_carriage_return_survives_the_csv():
    """Found by the property above (the writer once left a lone CR unquoted)."""
    from core.sentiment import Result

    texts = ["Ngon\rlắm", "dở"]  # a quoted CSV field may hold a lone CR (old Mac text)
    results = [Result(t, None, None, "", "empty") for t in texts]
    assert read_table(_download(results), "out.csv").texts == texts
