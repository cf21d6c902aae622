"""Every slide the language-model page cites holds the text the page attributes to it."""

import re

import pytest

from tests.support.seed import slide_text
from ui.i18n import SECTIONS

# slide number -> phrases of the seed's page that the page's claim rests on
CLAIMS = {
    3: ["Language Model", "P(w|h) = P(school|i,go,to)", "h: history tokens"],
    4: ["N-gram model with N = {1, 2,…}", "depends only on some previous words"],
    5: ["Unigram Model (1 – gram)", "= P(i).P(go|i).P(to|i,go).P(school|i,go,to)"],
    6: ["A neural Probabilistic Language Model", "Source", "Target", "trăm năm trong cõi"],
    11: ["Recurrent Neural Network (RNN)", "Whh", "bxh"],
    14: ["Recurrent Neural Network (RNN)"],
    18: ["Loss Function for Text Generation", "One-hot Encoding", "FC Layer", "Y1", "Y3"],
    19: ["Loss Function for Text Generation", "CE    Loss", "One-hot Encoding"],
    23: ["Preprocessing", "Text Cleaning"],
}


def cited_slides() -> set[int]:
    """Every slide number the page's strings name ('Slide 3', 'slides 11-14', 'Slides 18-19')."""
    found = set()
    for entry in SECTIONS["lm"].values():
        for text in entry.values():
            for a, b in re.findall(r"[Ss]lides? (\d+)(?:-(\d+))?", text):
                found |= set(range(int(a), int(b or a) + 1))
    return found


@pytest.fixture(scope="module")
def pages():
    return slide_text()


def test_every_cited_slide_is_in_the_claims_table():
    cited = cited_slides()
    assert {3, 4, 5, 6, 18, 19, 23} <= cited
    missing = {s for s in cited if s not in CLAIMS and not 11 <= s <= 14}
    assert missing == set()


@pytest.mark.parametrize("slide", sorted(CLAIMS))
def test_the_slide_holds_what_the_page_says(pages, slide):
    text = pages[slide]
    for phrase in CLAIMS[slide]:
        assert phrase in text, (slide, phrase)


def test_slides_11_to_14_are_the_rnn_forward_pass(pages):
    for s in (11, 12, 13, 14):
        assert "Recurrent Neural Network (RNN)" in pages[s]
    # the slides' hidden states used by the loss tab: h2 = [4, 6], h3 = [5, 8] (slide 18)
    assert "h0\n4\n6\n5\n8\nLast Hidden State" in pages[18]
    assert "Wxh\n2\n3\n" in pages[18]  # h1 = [2, 3]
