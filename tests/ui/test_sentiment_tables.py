"""The sentiment page's tables and words: headings in the reader's language, card, errors."""

from __future__ import annotations

import pytest

from core.errors import CoreError
from core.sentiment import Result
from core.sentiment.bulk import results_rows
from core.sentiment.card import model_card
from tests.support.lang import english_strings, vietnamese_words
from tests.support.paths import ROOT
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


def test_influence_table_marks_positions_signs_and_escapes_markdown():
    df = tables.influence_table([("d", 4, 0.2), ("*a*", 1, -0.1234)], "vi")
    tokens, deltas = list(df["token"]), list(df["ΔP"])
    assert [shown_text(x) for x in tokens] == ["d (#4)", "*a* (#1)"]  # what a reader sees
    assert "\\*a\\*" in tokens[1]  # st.table renders Markdown: the stars stay stars
    assert deltas == ["+0.200", "-0.123"]


def test_comparison_table_marks_the_chosen_model_and_the_unavailable_one():
    from core.sentiment import ModelUnavailable
    from core.sentiment.zoo import Verdict, unavailable

    rows = [Verdict("bag", "positive", 0.9, 0.5), Verdict("rnn", None, None, 0.4),
            unavailable("lstm", ModelUnavailable.missing(ROOT / "models" / "x.onnx"))]  # fmt: skip
    en = tables.comparison_table(rows, "rnn", "en")
    assert list(en.columns) == ["model", "verdict", "P(positive)", "time (ms)"]
    assert list(en["model"]) == ["Bag of words", "RNN ◀", "LSTM"]
    assert list(en["verdict"]) == ["positive", t("sentiment.label.none", "en"), "not available"]
    vi = tables.comparison_table(rows, "lstm", "vi")
    assert list(vi["mô hình"]) == ["Túi từ", "RNN", "LSTM ◀"]
    assert list(vi["kết luận"])[2] == "không dùng được"
    assert list(vi["P(positive)"]) == ["90.0%", tables.MISSING, tables.MISSING]
    assert list(vi.iloc[:, 3]) == ["0.5", "0.4", tables.MISSING]


@pytest.mark.parametrize("lang", LANGS)
def test_zoo_table_has_a_row_per_model_and_every_figure(lang):
    from core.sentiment.zoo import ZooRow

    rows = [ZooRow("bag", {"typed": 0.88, "underscore": 0.88, "no_diacritics": 0.86}, 0.79,
                   208, 20, 966_465, 3 * 2**20, 0.39, 2027.6),
            ZooRow("lstm", {"typed": 0.9, "underscore": None, "no_diacritics": 0.87}, None,
                   None, None, None, None, None, None)]  # fmt: skip
    df = tables.zoo_table(rows, lang)
    assert list(df.index) == [tables.model_name(m, lang) for m in ("bag", "lstm")]
    assert list(df.columns) == [t(f"sentiment.zoo.col.{c}", lang) for c in tables.ZOO_COLUMNS]
    assert list(df.iloc[0]) == [0.88, 0.88, 0.86, 0.79, 20, 966_465, 3.0, 0.39, 2027.6]
    assert df.iloc[1].isna().sum() == 7  # what the metadata lacks stays empty, not 0
    assert set(tables.zoo_formats(lang)) == set(df.columns)
    html = df.style.format(tables.zoo_formats(lang), na_rep="—").to_html()
    assert "88.0%" in html and "966,465" in html and "2,028" in html and "—" in html
    # The page draws it in two parts that together hold every column once, each part's
    # numbers formatted.
    parts = [tables.zoo_table(rows, lang, p) for p in tables.ZOO_PARTS]
    assert [c for p in parts for c in p.columns] == list(df.columns)
    for name, part in zip(tables.ZOO_PARTS, parts, strict=True):
        assert list(part.index) == list(df.index)
        assert set(tables.zoo_formats(lang, name)) == set(part.columns)
        part.style.format(tables.zoo_formats(lang, name), na_rep="—").to_html()


@pytest.mark.parametrize("lang", LANGS)
def test_each_part_of_the_zoo_table_is_narrow_enough_for_1280_px(lang):
    """At 1280 px the expander shows about 780 px of table: one ten-column table hid its
    last column behind a sideways scroll. A part's headings together stay within what
    fits: about 7 px a character plus each column's padding (the browser test measures
    the real widths)."""
    assert set(tables.ZOO_COLUMNS) == {c for p in tables.ZOO_PARTS.values() for c in p}
    for cols in tables.ZOO_PARTS.values():
        heads = [t("sentiment.col.model", lang), *(t(f"sentiment.zoo.col.{c}", lang) for c in cols)]
        assert len(heads) <= 6
        assert sum(7 * max(len(h), 8) + 24 for h in heads) < 760, heads


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
    return model_card(model.metadata, model.models_dir, model.name)


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


@pytest.mark.parametrize("lang", LANGS)
def test_speed_metrics_show_short_values_with_the_unit_in_value_or_label(card, lang):
    """A metric cuts a long value short ("2,028…"): values stay a few characters, and
    reviews per second is named in the label."""
    got = card_words.speed_metrics(card, lang)
    assert [label for label, *_ in got] == [t(f"sentiment.m.{k}", lang)
                                            for k in ("size", "one", "bulk")]  # fmt: skip
    assert all(len(value) <= card_words.MAX_METRIC_CHARS for _, value, _ in got), got
    sp = card.speed
    assert got[1][1] == f"{sp['one_review_ms']:.1f} ms"
    assert got[2][1] == f"{sp['reviews_per_s']:,.0f}"
    assert ("reviews/s" if lang == "en" else "bình luận/s") in got[2][0]
    assert got[2][2] == t("sentiment.m.bulk_help", lang, n=sp["n"])


def test_speed_metrics_stay_short_for_slow_or_fast_models(card):
    import dataclasses

    extreme = dataclasses.replace(card, speed={"one_review_ms": 1234.5, "reviews_per_s": 123456.7,
                                               "n": 10_000})  # fmt: skip
    got = card_words.speed_metrics(extreme, "vi")
    assert [v for _, v, _ in got[1:]] == ["1,234 ms", "123,457"]
    assert all(len(v) <= card_words.MAX_METRIC_CHARS for _, v, _ in got)
    empty = dataclasses.replace(card, speed={}, file_bytes={})
    assert [v for _, v, _ in card_words.speed_metrics(empty, "en")] == ["?", "—", "—"]


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


@pytest.mark.parametrize("lang", LANGS)
def test_every_models_card_names_its_own_architecture_in_one_language(zoo, lang):
    card = model_card(zoo.metadata, zoo.models_dir, zoo.name)
    facts = dict(card_words.facts(card, lang))
    assert all("?" not in v for v in facts.values())
    assert facts[t("sentiment.fact.kind", lang)] == t(f"sentiment.model.{zoo.name}", lang)
    arch = facts[t("sentiment.fact.arch", lang)]
    assert ("EmbeddingBag" in arch) == (zoo.name == "bag") and ("RNN" in arch) == (
        zoo.name == "rnn"
    )
    limits = card_words.limits(card, lang)
    ch = zoo.metadata["challenge"]
    assert any(f"{ch['accuracy']:.1%}" in x and str(ch["n"]) in x for x in limits)
    text = "\n".join([*facts, *facts.values(), *limits])
    for word in ("phrase", "cụm từ", "n-gram"):  # the retired phrase bag left no trace
        assert word not in text
    if lang == "en":
        assert vietnamese_words(text, allowed="chả") == []
    else:
        assert english_strings(text, min_words=2) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_calibration_fact_states_the_length_temperature(zoo, lang):
    card = model_card(zoo.metadata, zoo.models_dir, zoo.name)
    t2, t100 = card.facts["length_temperature"]
    (row,) = [v for _, v in card_words.facts(card, lang) if "T(2) = " in v]
    assert f"T(2) = {t2:.2f}" in row and f"T(100) = {t100:.2f}" in row


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_training_fact_names_every_seed_tried_and_their_mean(lang):
    search = {"val_accuracy": {"1": 0.8948, "2": 0.9012, "1234": 0.8968}, "chosen": 2}
    card = model_card({"seed": 2, "seed_search": search})
    (row,) = [v for _, v in card_words.facts(card, lang) if "1234: 0.8968" in v]
    assert "1: 0.8948" in row and "2: 0.9012" in row and "0.8976" in row  # the mean
    assert {"vi": "hạt giống 2 được chọn", "en": "seed 2 was chosen"}[lang] in row
    one = model_card({"seed": 7})
    assert not [v for _, v in card_words.facts(one, lang) if "0.8976" in v or "1234:" in v]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_weights_fact_says_averaged_only_for_several_epochs(lang):
    def row(epochs):
        card = model_card({"weights": {"epochs": epochs, "temperature": 1.3}})
        return dict(card_words.facts(card, lang))[t("sentiment.fact.calibration", lang)]

    averaged = {"vi": "trung bình trọng số của các epoch", "en": "averaged over epochs"}[lang]
    assert averaged in row([6, 7]) and "6, 7" in row([6, 7])
    assert averaged not in row([7]) and "epoch 7" in row([7])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_data_fact_counts_the_reviews_kept_by_the_language_filter(lang):
    md = {"data": {"limit": None, "language": {"train": {"read": 30000, "kept": 29793}}}}
    row = dict(card_words.facts(model_card(md), lang))[t("sentiment.fact.data", lang)]
    assert "29,793" in row and "30,000" in row and "slide 22" in row
    old = dict(card_words.facts(model_card({}), lang))[t("sentiment.fact.data", lang)]
    assert "29,793" not in old and "30,000" in old  # a file without the record: as before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_augmentation_fact_says_how_the_training_reviews_were_varied(lang):
    def row(md):
        return dict(card_words.facts(model_card(md), lang))[t("sentiment.fact.augmentation", lang)]

    aug = {"counterfactual": {"pairs_used": 3200}}
    strip = row({"train_config": {"strip_prob": 0.5, "unk_prob": 0.1}, "augmentation": aug})
    assert "50%" in strip and "10%" in strip and "3,200" in strip
    both = row({"train_config": {"strip_prob": 0.5, "both_forms": True, "unk_prob": 0.1}})
    assert "50%" not in both and {"vi": "hai lần", "en": "twice"}[lang] in both
    assert "3,200" not in both  # no pairs recorded, none named
    assert row({}) == card_words.MISSING
