"""The sentiment page's tables and words: headings in the reader's language, card, errors."""

from __future__ import annotations

import pytest

from core.errors import CoreError
from core.sentiment import Result
from core.sentiment.bulk import results_rows
from core.sentiment.card import model_card
from tests.support.lang import english_strings, vietnamese_words
from ui.i18n import CATALOG, LANGS, t
from ui.markdown import shown_text
from ui.sentiment import card as card_words
from ui.sentiment import tables
from ui.sentiment.errors import error_markdown

RESULTS = [
    Result("Ngon quá", "positive", 0.91, "vi", "ok"),
    Result("", None, None, "", "empty"),
    Result("Great food", "positive", 0.7, "en", "not_vietnamese"),
]


def test_influence_and_phrase_tables_mark_positions_and_repeats():
    df = tables.influence_table([("d", 4, 0.2), ("a", 1, 0.1)], "vi")
    assert list(df.itertuples(index=False, name=None)) == [("d (#4)", 0.2), ("a (#1)", 0.1)]
    df = tables.phrase_table([("ngon", 2, 0.4), ("quán", 1, 0.1)], "en")
    assert list(df.columns) == ["phrase", "vote"]
    assert list(df.itertuples(index=False, name=None)) == [("ngon ×2", 0.4), ("quán", 0.1)]
    assert list(tables.phrase_table([], "vi").columns) == ["cụm từ", "phiếu"]


def test_results_table_labels_headings_and_values_in_each_language():
    rows = results_rows(RESULTS)
    vi, en = tables.results_table(rows, "vi"), tables.results_table(rows, "en")
    assert list(en.columns) == ["#", "review", "label", "P(positive)", "language", "status"]
    assert list(vi.columns) == ["#", "bình luận", "nhãn", "P(positive)", "ngôn ngữ", "trạng thái"]
    assert list(vi["nhãn"]) == ["tích cực", "—", "tích cực"]
    assert list(en["status"]) == ["classified", "empty", "not Vietnamese"]
    assert list(vi["trạng thái"]) == ["đã phân loại", "rỗng", "không phải tiếng Việt"]
    for df in (vi, en):  # the reviews and numbers are untouched
        assert list(df.iloc[:, 1]) == [r.text for r in RESULTS]
        assert list(df.iloc[:, 0]) == [1, 2, 3]
        assert df["P(positive)"].iloc[0] == 0.91


@pytest.fixture(scope="module")
def card(model):
    return model_card(model.metadata, model.models_dir)


@pytest.mark.parametrize("lang", LANGS)
def test_card_facts_and_limits_are_in_one_language(card, model, lang):
    facts = card_words.facts(card, lang)
    assert all("?" not in value for _, value in facts)  # every fact found
    text = "\n".join(f"{k} {v}" for k, v in facts)
    text += "\n".join(card_words.limits(card, lang))
    metrics = tables.metrics_table(card.metrics, lang)
    text += "\n".join(map(str, metrics.columns)) + "\n".join(metrics.iloc[:, 0])
    if lang == "en":
        assert vietnamese_words(text) == [], vietnamese_words(text)
    else:
        assert english_strings(text, min_words=2) == [], english_strings(text, min_words=2)
    assert "val_accuracy_no_diacritics" not in text and "no_diacritics" not in text


def test_card_limits_start_with_the_validation_errors(card, model):
    (tn, fp), (fn, tp) = model.metadata["metrics"]["typed"]["confusion_matrix"]
    assert f"{fp:,} bình luận tiêu cực bị gọi là tích cực" in card_words.limits(card, "vi")[0]
    assert f"{fp:,} negative reviews called positive" in card_words.limits(card, "en")[0]
    acc = model.metadata["metrics"]["no_diacritics"]["accuracy"]
    assert any(f"{acc:.1%}" in x for x in card_words.limits(card, "en"))


def test_metrics_table_names_the_forms(card):
    df = tables.metrics_table(card.metrics, "en")
    assert list(df.columns) == ["text form", "reviews", "accuracy", "F1 (positive)"]
    assert "without diacritics" in list(df.iloc[:, 0])
    assert df.iloc[0, 2] == card.metrics[0]["accuracy"]


def test_model_card_survives_missing_metadata():
    empty = model_card({})
    facts = card_words.facts(empty, "en")
    assert any(v == "?" for _, v in facts)
    assert card_words.limits(empty, "vi") and card_words.files_caption({}) == ""


# Codes core raises (core.sentiment, core.sentiment.classify, core.sentiment.bulk) and
# the params each carries.
CODES = {
    "model_missing": {"file": "models/sentiment.onnx", "command": "make train"},
    "model_broken": {"file": "models/vocab.json", "detail": "JSONDecodeError: x",
                     "command": "make train"},
    "file_not_utf8": {"file": "bad.txt", "byte": 17},
    "file_type": {"file": "r.xlsx", "ext": ".xlsx"},
    "csv_unreadable": {"file": "r.csv", "detail": "field larger than field limit"},
    "csv_empty": {"file": "r.csv", "column": "text"},
    "csv_no_column": {"file": "r.csv", "column": "text", "columns": "'id', 'comment'"},
    "bulk_no_rows": {"file": "r.csv"},
    "bulk_no_text": {"where": "comment"},
    "bulk_too_many": {"rows": 10_001, "limit": 10_000},
    "bulk_too_big": {"file": "big.csv", "size": 5.2, "limit": 5},
}  # fmt: skip


@pytest.mark.parametrize("code", list(CODES))
def test_every_sentiment_error_code_is_worded_in_both_languages(code):
    params = CODES[code]
    entry = CATALOG[f"error.{code}"]
    from ui.i18n import placeholders

    assert placeholders(entry["vi"]) == placeholders(entry["en"]) == set(params)
    err = CoreError(code, **params)
    vi, en = (shown_text(error_markdown(err, lang)) for lang in LANGS)
    assert vi != en
    assert vietnamese_words(en) == [] and english_strings(vi, min_words=2) == []
    if "file" in params:
        assert params["file"] in vi and params["file"] in en
    if "command" in params:
        assert "make train" in vi and "make train" in en


def test_an_error_quoting_user_text_is_inert_markdown():
    err = CoreError("bulk_no_text", where="![x](http://127.0.0.1:9/x.png)")
    md = error_markdown(err, "en")
    assert "![x](" not in md and "http://" not in md  # no image, no autolink
    assert "![x](http://127.0.0.1:9/x.png)" in shown_text(md)


def test_a_list_of_columns_reads_as_names():
    err = CoreError("csv_no_column", file="r.csv", column="text", columns=["id", "comment"])
    assert "'id', 'comment'" in shown_text(error_markdown(err, "en"))


def test_the_verdict_words_exist_for_every_label_and_status():
    for k in ("positive", "negative", "none"):
        assert t(f"sentiment.label.{k}", "vi") != t(f"sentiment.label.{k}", "en")
    for k in ("ok", "empty", "not_vietnamese"):
        assert t(f"sentiment.status.{k}", "en")
