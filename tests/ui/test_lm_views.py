"""The language-model page's views: tables, formulas with their numbers, charts, escaping."""

import numpy as np
import pytest

from core.lm import ngram
from core.lm.corpus import TOY_CORPUS
from core.lm.generation_loss import generation_loss, slide_hidden_states
from core.lm.runtime import Continuation
from core.lm.tokens import EOS, sentences
from ui.format import significant
from ui.i18n import t
from ui.lm import counts as cv
from ui.lm import loss as lv
from ui.lm import neural as nv
from ui.markdown import shown_text


@pytest.fixture(scope="module")
def toy():
    return ngram.count(sentences(TOY_CORPUS))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_count_table_substitutes_the_counts(toy, lang):
    df = cv.count_table(ngram.table(toy, 2, limit=2), lang)
    # P(w|h) right after the word: on a phone the columns after it may be off screen.
    assert list(df.columns) == [
        t("lm.col.history", lang), t("lm.col.word", lang), "P(w|h)", "count(h w) / count(h)",
    ]  # fmt: skip
    assert df.iloc[0].tolist() == ["go", "to", "0.75", "3 / 4"]
    uni = cv.count_table(ngram.table(toy, 1, limit=1), lang)
    assert uni.iloc[0].tolist() == ["∅", EOS, "0.2083", "5 / 24"]


def test_factor_names_and_counts_with_and_without_add_one(toy):
    raw = ngram.prob(toy, ["i", "go", "to"], "school", 4, add_one=False)
    assert (cv.factor_name(raw), cv.counts_text(raw), raw.p) == (
        "P(school | i go to)",
        "1 / 2",
        0.5,
    )
    smooth = ngram.prob(toy, ["i", "go", "to"], "school", 4, add_one=True)
    assert cv.counts_text(smooth) == "(1 + 1) / (2 + 12)" and smooth.p == pytest.approx(2 / 14)
    assert cv.counts_text(smooth, tight=True) == "(1+1) / (2+12)"
    uni = ngram.prob(toy, [], "i", 1, False)
    assert (cv.factor_name(uni), cv.counts_text(uni), uni.p) == ("P(i)", "3 / 24", 0.125)


def test_chain_product_and_perplexity_lines(toy):
    fs = ngram.chain(toy, ["i", "go", "to", "school"], 2, add_one=False)
    assert cv.product_line(fs) == "P(i go to school) = 0.125 × 0.6667 × 0.75 × 0.6667 = 0.04167"
    assert cv.perplexity_line(fs, ngram.perplexity(fs)) == "PP = (0.04167)^(-1/4) = 2.213"
    df = cv.chain_table(fs[:2], "2-gram model", "en")
    # The factor's value right after its name, then its counts (as in the count table).
    assert list(df.columns) == ["2-gram model", "P(w|h)", "count(h w) / count(h)"]
    assert df.iloc[1].tolist() == ["P(go | i)", "0.6667", "2 / 3"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_zero_note_names_the_zero_factor_and_escapes_it(toy, lang):
    assert cv.zero_note(ngram.chain(toy, ["i", "go"], 2, False), lang) is None
    note = cv.zero_note(ngram.chain(toy, ["you", "like", "*x*", "go"], 2, False), lang)
    assert "P\\(like \\| you\\)" in note  # Markdown-escaped
    assert "P(like | you)" in shown_text(note)
    assert "\\*x\\*" in note and "*x*" not in note.replace("\\*", "")
    assert t("lm.counts.unseen_history", lang, histories="").split("(")[0] in note


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_next_word_bars(lang):
    top = [("ngon", 0.5), (EOS, 0.3), ("<b>x</b>", 0.2)]
    fig = nv.next_word_figure(top, lang)
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.y) == ["&lt;b&gt;x&lt;/b&gt;", t("lm.neural.eos", lang), "ngon"]
    assert list(bar.x) == [0.2, 0.3, 0.5]
    assert fig.layout.title.text == t("lm.neural.bars", lang)
    assert fig.layout.xaxis.title.text == t("lm.neural.axis_p", lang)
    assert nv.CONFIG == {"displayModeBar": False}


def test_pairs_and_continuations_are_escaped():
    df = nv.pairs_table([(["trăm"], "năm"), (["trăm", "năm"], "trong")], "vi")
    assert df.values.tolist() == [["trăm", "năm"], ["trăm năm", "trong"]]
    md = nv.continuation_markdown(Continuation(("[a](x)",), ("**b**",), (0.5,)))
    assert "](" not in md.replace("\\]\\(", "") and "\\*\\*b\\*\\*" in md
    assert shown_text(md) == "**[a](x)** **b**"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_model_card(lang):
    meta = {
        "config": {"model": {"vocab_size": 5000, "embed_dim": 64, "hidden_size": 128},
                   "training": {"curve_reviews": 1000, "epochs": 3, "tokens_per_epoch": 700000}},
        "data": {"train_reviews": 30000, "train_tokens": 2907718, "validation_reviews": 10000},
        "validation": {"tokens": 12345, "lstm_perplexity": 80.0,
                       "ngram_add_one_perplexity": {"1": 500.0, "2": 300.0}},
        "parameters": 1064328, "onnx": {"bytes": 4_300_000}, "command": "python -m x",
        "seed": 1234, "seconds": {"total": 1200}, "best_epoch": 3,
        "epochs": [{"epoch": 1, "train_perplexity": 200.0, "val_perplexity_curve": 150.0}],
    }  # fmt: skip
    text = nv.card_text(meta, lang)
    pieces = {
        "en": ("30,000", "2,907,718", "10,000", "12,345", "1,064,328", "4.3 MB"),
        "vi": ("30.000", "2.907.718", "10.000", "12.345", "1.064.328", "4,3 MB"),
    }[lang]
    for piece in (*pieces, "5000", "python -m x", "20"):
        assert piece in text
    df = nv.card_table(meta, lang)
    assert df.iloc[:, 1].tolist() == (
        ["80.0", "500.0", "300.0"] if lang == "en" else ["80,0", "500,0", "300,0"]
    )
    assert df.iloc[0, 0] == t("lm.card.lstm", lang, epoch=3)
    assert ("2,100,000" if lang == "en" else "2.100.000") in nv.card_note(meta, lang)
    fig = nv.curve_figure(meta, lang)
    assert fig.layout.title.text == t("lm.card.curve", lang) and len(fig.data) == 2


def test_loss_lines_substitute_every_number():
    g = generation_loss(slide_hidden_states())
    lines = lv.step_lines(g, g.steps[0]).splitlines()
    assert lines[0] == "h_1 = [2, 3]"
    assert lines[1] == "z_1[0] = 0.5·2 + (-0.5)·3 + 0 = -0.5"
    p, ce = significant(g.steps[0].p[1]), significant(g.steps[0].ce)
    assert lines[-1] == f"CE_1 = -Σ Y_1 · ln p_1 = -ln({p}) = {ce}"
    assert "Y_1 = [0, 1, 0]" in lines
    total = lv.total_line(g)
    assert total.startswith("L = CE_1 + CE_2 + CE_3 = ") and total.endswith(significant(g.total))
    df = lv.fc_table(g, "en")
    assert df.iloc[:, 0].tolist() == ["word 0", "word 1", "word 2"]
    np.testing.assert_allclose([float(x) for x in df["W_fc[:, 1]"]], g.W_fc[:, 1])


def test_the_count_table_follows_add_one(toy):
    df = cv.count_table(ngram.table(toy, 2, limit=1, add_one=True), "en")
    assert df.iloc[0].tolist() == ["go", "to", "0.25", "(3+1) / (4+12)"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_card_and_its_curve_say_the_shipped_metadatas_two_validation_counts(lang):
    """The table scores all 10,000 validation reviews; the curve, after each epoch, 1,000 of
    them drawn at random (core/training/lm.py): the card and the legend say both, and the
    numbers come from models/lm/metadata.json, read here as plain JSON."""
    import json

    from tests.support.paths import MODELS

    meta = json.loads((MODELS / "lm" / "metadata.json").read_text("utf-8"))
    val, curve = meta["data"]["validation_reviews"], meta["config"]["training"]["curve_reviews"]
    assert (val, curve) == (10_000, 1_000)
    sep = {"vi": ".", "en": ","}[lang]
    val_s, curve_s = f"10{sep}000", f"1{sep}000"
    text = nv.card_text(meta, lang)
    assert val_s in text and curve_s in text
    legend = nv.curve_figure(meta, lang).data[1].name
    assert curve_s in legend and val_s in legend


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_ended_text_says_the_odds_of_its_end_before_and_after_sampling(lang):
    c = Continuation(("quán", "này"), (), (), True, 0.0867, 0.3877)
    text = nv.ended_text(c, 0.8, 10, lang)
    p, q = {"vi": ("8,7%", "38,8%"), "en": ("8.7%", "38.8%")}[lang]
    assert p in text and q in text and "10" in text and "0.8" in text
    assert t("lm.neural.write_on", lang) in text and "{" not in text
