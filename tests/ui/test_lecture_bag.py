"""Bag or sequence, drawn: token chips (escaped), the slide-24 tables, outputs and verdicts."""

import html
import re

import numpy as np
import pytest

from core.lecture.bag import bag_or_sequence
from ui.format import decimals
from ui.i18n import t
from ui.lecture import bag as view
from ui.lecture.layout import table_height

SLIDE = ("dog bites man", "man bites dog")
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>x</b>', "&lt;"]


def _text(markup: str) -> str:
    """What a browser would show of markup: tags dropped, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_chips_show_each_word_and_its_index_with_padding():
    r = bag_or_sequence(["dog", "man bites dog"])
    a, b = view.chips(r, 0), view.chips(r, 1)
    assert _text(a).split() == ["A", "dog", "→", "2", "<pad>", "→", "0", "<pad>", "→", "0"]
    assert _text(b).split() == ["B", "man", "→", "3", "bites", "→", "4", "dog", "→", "2"]
    assert a.count(view.CHIP_KIND["pad"]) == 2


def test_unknown_words_get_their_own_colour():
    r = bag_or_sequence(SLIDE, max_vocab=4)
    assert view.chips(r, 0).count(view.CHIP_KIND["unk"]) == 1  # bites -> <unk>


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_markup_never_reaches_the_chips_unescaped(payload):
    r = bag_or_sequence([f"{payload} dog", "dog"])
    markup = view.chips(r, 0)
    words = payload.lower().split()
    for word in words:
        assert html.escape(word) in markup
    # the only tags are the chips' own: div, span, b
    assert set(re.findall(r"<(\w+)", markup)) <= {"div", "span", "b"}
    assert "<script" not in markup and "<img" not in markup
    shown = _text(markup)
    for word in words:
        assert f" {word} → " in shown


def test_the_vocabulary_and_input_matrix_tables_are_slide_24s():
    r = bag_or_sequence(SLIDE)
    vocab = view.vocab_table(r, "en")
    assert list(vocab.columns) == ["Index", "Token"]
    assert vocab["Token"].tolist() == ["<pad>", "<unk>", "dog", "man", "bites"]
    ids = view.ids_table(r, "vi")
    assert ids.values.tolist() == [[2, 4, 3], [3, 4, 2]]
    assert list(ids.index) == ["Câu A", "Câu B"] and ids.index.name == "Câu"
    assert list(ids.columns) == ["Vị trí 1", "Vị trí 2", "Vị trí 3"]


def test_padding_cells_are_greyed():
    r = bag_or_sequence(["dog", "man bites dog"])
    ctx = view.ids_styler(r, "en")._compute().ctx  # (row, col) -> css of styled cells
    assert sorted(ctx) == [(0, 1), (0, 2)]


def test_shapes_are_written_as_on_the_slides():
    shapes = view.shapes_table(bag_or_sequence(SLIDE), "en")
    rows = dict(zip(shapes.iloc[:, 0], shapes.iloc[:, 1], strict=True))
    assert rows[t("bag.shape.ids", "en")] == "2 × 3"
    assert rows[t("bag.shape.E", "en")] == "5 × 3"
    assert rows[t("bag.shape.embedded", "en")] == "2 × 3 × 3"
    assert rows[t("bag.shape.flatten", "en")] == "2 × 9"


def test_embedding_table_shows_the_lookup_rows_and_a_zero_pad_row():
    r = bag_or_sequence(SLIDE, seed=3)
    e = view.embedding_table(r, "en")
    assert list(e.index) == ["0 · <pad>", "1 · <unk>", "2 · dog", "3 · man", "4 · bites"]
    assert e.index.name == "Index · Token"  # every header cell has words (axe, WCAG 1.3.1)
    assert e.iloc[0].tolist() == ["0", "0", "0"]
    assert e.loc["2 · dog"].tolist() == [decimals(v) for v in r.E[2]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_outputs_are_marked_equal_only_for_the_bag(lang):
    r = bag_or_sequence(SLIDE)
    for encoder, same in (("flatten", False), ("bag", True), ("rnn", False)):
        df, equal = view.output_table(r, encoder, lang)
        assert len(df) == r.outputs[encoder].shape[1]
        assert df[t("bag.col.equal", lang)].tolist() == ["=" if e else "≠" for e in equal]
        assert bool(equal.all()) is same
        ok, words = view.verdict(r, encoder, lang)
        assert ok is same
        if same:
            assert words == t("bag.same", lang)
        else:
            assert words == t("bag.differ", lang, count=int((~equal).sum()), total=equal.size)
    # Flatten: the middle word (bites) stays in place, so its block agrees
    _, equal = view.output_table(r, "flatten", lang)
    assert equal.tolist() == [False] * 3 + [True] * 3 + [False] * 3


def test_rows_are_coloured_by_agreement():
    r = bag_or_sequence(SLIDE)
    for encoder in ("bag", "rnn", "flatten"):
        _, equal = view.output_table(r, encoder, "en")
        ctx = view.output_styler(r, encoder, "en")._compute().ctx
        for (row, _col), css in ctx.items():
            colour = view.SAME_BG if equal[row] else view.DIFF_BG
            assert css == [tuple(colour.split(": "))]
        assert len(ctx) == equal.size * 3


def test_rnn_states_and_weights_tables():
    r = bag_or_sequence(["dog", "man bites dog"], H=2)
    states = view.states_table(r, "en")
    assert list(states.columns) == ["A · h1", "A · h2", "B · h1", "B · h2"]
    assert states.index.name == t("bag.col.step", "en")
    assert states.iloc[1, 0] == "" and states.iloc[2, 2] == decimals(r.outputs["rnn"][1, 0])
    w = view.weights_tables(r)
    assert set(w) == {"W_xh", "W_hh", "b_xh", "b_hh"}
    assert {table.index.name for table in w.values()} == {"h"}
    assert w["W_xh"].shape == (2, 3) and w["b_hh"].shape == (2, 1)
    np.testing.assert_array_equal(w["W_hh"].to_numpy(dtype=float), r.rnn.W_hh)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_conclusion_fits_the_sentences(lang):
    assert view.overall(bag_or_sequence(SLIDE), lang) == t("bag.verdict.reordered", lang)
    same = bag_or_sequence(["dog bites", "dog bites"])
    assert view.overall(same, lang) == t("bag.verdict.identical", lang)
    other = bag_or_sequence(["dog bites", "cat bites"])
    assert view.overall(other, lang) == t("bag.verdict.other", lang)


def test_tables_are_as_tall_as_their_rows():
    assert table_height(3) == 35 * 4 + 3 and table_height(100) == table_height(16)
