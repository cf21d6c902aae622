"""Every slide the lecture pages cite holds what the page says it does (the seed's page numbers)."""

import re

import pytest

from core.lecture import activations, buildup
from tests.support.seed import slide_text
from ui.i18n import SECTIONS

SLIDES = slide_text()

# What the pages attribute to each slide they cite, as the seed spells it.
SLIDE_TEXT = {
    7: ["Text Classification using Neural Network", "Embedding Layer", "Flatten"],
    8: ["EmbeddingBag Layer", "Classifier"],
    9: ["Models need to learn the context", "RNNs for Sequence"],
    24: [
        "[dog, bites, man]",
        "[man, bites, dog]",
        "2\n4\n3\n3\n4\n2",  # the input matrix: dog 2, bites 4, man 3
        "0\n<pad>\n1\n<unk>\n2\ndog",
        "Input shape: N x M",
        "Shape: V x D",
        "Output shape: N x M x D",
    ],
    29: ["Sigmoid", "0 ≤𝜎𝑥≤1", "Tanh", "−1 ≤𝑡𝑎𝑛ℎ𝑥≤1", "Matrix\nMultiplication"],
    30: ["RNN\nht\nxt\nht-1\ntanh\ngt"],
    31: ["Filter RNN’s Output", "it"],
    32: ["Long-Term Memory", "ct-1"],
    33: ["Add Information For Long-Term Memory", "Addition"],
    34: ["Filter Long-Term Memory", "ft"],
    35: ["Normalize Shot-Term Memory"],
    36: ["Filter The Normalized Short-Term Memory", "ot"],
    37: ["LSTM – Forget Gate"],
    38: ["LSTM – Input Gate"],
    39: ["LSTM – Candidate Memory"],
    40: ["LSTM – Output Gate"],
    41: ["Current Cell State"],
    42: ["Current Hidden State"],
    43: ["Example", "2.7", "1.63", "1.65", "0.94", "-0.19", "4.38", "0.62", "-0.32", "0.59"],
    44: ["Example - Forget Gate", "= 5.95", "= 0.997"],
    45: ["Example - Input Gate", "= 4.27", "= 0.986"],
    46: ["Example - Candidate Memory", "= 2.03", "= 0.966"],
    47: ["Example - Output Gate", "= 4.78", "= 0.992"],
    48: ["Example – Current Cell State", "= 0.997 * 2 + 0.986 * 0.966", "= 2.946"],
    49: ["Example - Current Hidden State", "= tanh(2.946)", "= 0.992 + 0.994", "= 1.986"],
    50: ["Example - Final Result", "1.986"],
}


@pytest.mark.parametrize("slide", sorted(SLIDE_TEXT))
def test_each_cited_slide_holds_its_text(slide):
    for text in SLIDE_TEXT[slide]:
        assert text in SLIDES[slide], (slide, text)


def test_the_seed_numbers_its_pages_in_order():
    assert sorted(SLIDES) == list(range(3, 51))


_CITE = re.compile(r"[Ss]lides? (\d+)(?:-(\d+))?")


def _cited(text: str) -> set[int]:
    out = set()
    for first, last in _CITE.findall(text):
        out |= set(range(int(first), int(last or first) + 1))
    return out


def test_the_checker_reads_single_slides_and_ranges():
    assert _cited("slide 24 (x) · Slides 7-9 and slides 43-45") == {24, 7, 8, 9, 43, 44, 45}


@pytest.mark.parametrize("section", ["bag", "rnn_to_lstm"])
def test_every_slide_the_catalog_cites_is_checked_against_the_seed(section):
    cited = set()
    for entry in SECTIONS[section].values():
        for text in entry.values():
            cited |= _cited(text)
    assert cited, "the section cites no slide"
    assert cited <= set(SLIDE_TEXT), sorted(cited - set(SLIDE_TEXT))


def test_the_build_up_stages_sit_on_their_slides():
    titles = {
        "rnn": "RNN",
        "filter_input": "Filter RNN’s Output",
        "memory": "Long-Term Memory",
        "add": "Add Information For Long-Term Memory",
        "forget": "Filter Long-Term Memory",
        "normalise": "Normalize Shot-Term Memory",
        "filter_output": "Filter The Normalized Short-Term Memory",
    }
    for name, slide in buildup.SLIDES.items():
        assert SLIDES[slide].startswith(titles[name]), (name, slide)


def test_the_marked_values_sit_on_their_slides():
    for m in activations.slide_markers():
        assert f"= {m.slide_z:g}" in SLIDES[m.slide], (m.name, m.slide)
    gate_titles = {
        "f": "Forget Gate",
        "i": "Input Gate",
        "g": "Candidate Memory",
        "o": "Output Gate",
    }
    for m in activations.slide_markers():
        if m.name in gate_titles:
            assert gate_titles[m.name] in SLIDES[m.slide]
