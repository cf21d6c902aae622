"""Every slide number the calculator shows, tied to the lecture's own pages (the seed text).

The seed (../shared/seed/*.txt) is the slides' text; a line '!' followed by a number
starts the page of that number, and page numbers are slide numbers.
"""

import re

import pytest

from core.calculator.slides import (
    C_SLIDE,
    ERRATUM_SLIDES,
    LSTM_SLIDE_VALUES,
    RNN_FIRST_SLIDE,
    RNN_SLIDE_VALUES,
    TANH_SLIDE,
)
from core.calculator.tables import preset_tables
from core.calculator.trace import calculate
from tests.support.seed import slide_lines
from ui.i18n import SECTIONS

STRINGS = SECTIONS["calculator"]


@pytest.fixture(scope="module")
def pages() -> dict[int, list[str]]:
    """Slide number -> its lines, read from the seed."""
    return slide_lines()


def count(page: list[str], values) -> int:
    """How often the values stand on consecutive lines of a page (a vector is a column)."""
    want = [f"{v:g}" if isinstance(v, (int, float)) else v for v in values]
    return sum(page[k : k + len(want)] == want for k in range(len(page)))


GATE_TITLES = {
    "f": "Example - Forget Gate",
    "i": "Example - Input Gate",
    "g": "Example - Candidate Memory",
    "o": "Example - Output Gate",
}


def test_each_worked_gate_is_on_the_slide_named_for_it(pages):
    for slide, _, gate, _, printed in LSTM_SLIDE_VALUES:
        page = pages[int(slide)]
        assert page[0] == GATE_TITLES[gate], (slide, gate)
        # The slide works the number out ('= 5.95'); the slide before does not show it yet.
        assert f"= {printed}" in page, (slide, printed)
        before = pages[int(slide) - 1]
        assert printed not in before and f"= {printed}" not in before, (slide, printed)


def test_the_rounded_cell_state_and_its_tanh_are_on_slides_48_and_49(pages):
    assert pages[int(C_SLIDE)][0] == "Example – Current Cell State"
    assert "= 1.994 + 0.952" in pages[int(C_SLIDE)] and "= 2.946" in pages[int(C_SLIDE)]
    assert count(pages[int(C_SLIDE) - 1], ["2.946"]) == 0
    assert "= 0.994" in pages[int(TANH_SLIDE)] and "= 0.994" not in pages[int(C_SLIDE)]


def test_the_erratum_is_on_both_slides_that_print_it(pages):
    printing = sorted(n for n, page in pages.items() if "1.986" in page)
    assert [str(n) for n in printing] == list(ERRATUM_SLIDES) == ["49", "50"]
    assert "= 0.992 + 0.994" in pages[49]  # a sum where h_t = o ⊙ tanh(c_t) is a product
    # Slide 50 only repeats the result: it works no sum of its own.
    assert "= 1.986" not in pages[50] and not any("0.992 +" in line for line in pages[50])
    r = calculate(preset_tables("lstm_slide"))
    h_check = next(c for c in r.slide_checks if c.note == "erratum")
    assert h_check.slide == "-".join(ERRATUM_SLIDES)
    # The table shows what the slides print, not the product they mean, and does not agree.
    assert h_check.printed == (1.986,) and not h_check.agrees
    assert f"{h_check.value[0]:.3f}" == "0.986"


def test_rnn_step_t_is_on_slide_10_plus_t_and_slide_14_is_the_formula(pages):
    r = calculate(preset_tables("rnn_slide"))
    for c in r.slide_checks:
        t = int(c.quantity.split(":")[0].removeprefix("t="))
        assert c.slide == str(RNN_FIRST_SLIDE + t - 1) == str(10 + t)
        page, before = pages[int(c.slide)], pages[int(c.slide) - 1]
        # The slide adds this vector to the figure: it stands there once more than before.
        assert count(page, c.printed) > count(before, c.printed), (c.slide, c.quantity)
    assert list(RNN_SLIDE_VALUES) == [1, 2, 3]
    assert "Last Hidden State" in pages[14] and count(pages[14], ["x'W\"#"]) == 0


def test_slides_15_to_17_draw_the_loss_on_the_last_hidden_state(pages):
    """What the loss section says of them: CE on h_T, the same W_xh and W_hh per step."""
    assert pages[15][0] == "Loss Function" and "Last Hidden State" in pages[15]
    for n in (16, 17):
        assert "❖Loss Function for Text Classification" in pages[n], n
        assert any(line.split() == ["CE", "Loss"] for line in pages[n]), n
        # Under each of the three unrolled steps: W_xh, and W_hh, three in a row.
        assert count(pages[n], ["Wxh"] * 3 + ["Whh"] * 3) == 1, n
    assert not any("Text Classification" in line for line in pages[15] + pages[14])
    # Slide 18 moves on to generation (an FC layer on every hidden state).
    assert "❖Loss Function for Text Generation" in pages[18]


def test_slides_15_to_17_print_no_numbers_beyond_the_rnns(pages):
    """No FC weights on the slides: every number there is already on slide 14 (the RNN)."""

    def numbers(page):
        return {
            w for line in page for w in line.split() if w.lstrip("-").replace(".", "").isdigit()
        }

    for n in (15, 16, 17):
        assert numbers(pages[n]) <= numbers(pages[14]), (n, numbers(pages[n]) - numbers(pages[14]))


# Every slide number the catalog puts on the page: the key, the numbers, and what the
# seed's page shows there.
SHOWN = {
    "calculator.mode_lstm_slide": {43: "Example", 50: "Example - Final Result"},
    "calculator.mode_rnn_slide": {11: "Recurrent Neural Network (RNN)", 14: "Last Hidden State"},
    "calculator.metric_c_slide": {48: "= 2.946"},
    "calculator.metric_tanh_slide": {49: "= 0.994"},
    "calculator.metric_h_slide": {49: "1.986", 50: "1.986"},
    "calculator.rounding_note": {48: "= 1.994 + 0.952"},
    "calculator.erratum": {49: "= 0.992 + 0.994", 50: "1.986"},
    "calculator.rnn_intro": {
        11: "h0",
        12: "4",
        13: "5",
        14: "Last Hidden State",
        20: "Pytorch - Demo",
    },
    "calculator.note_erratum": {49: "= 0.992 + 0.994", 50: "1.986"},
    # Slides 15-17: the loss on the last hidden state; 16 and 17 name W_xh, W_hh per step.
    "calculator.loss_heading": {15: "Loss Function", 17: "CE    Loss"},
    # The loss drawn straight from h_T; an FC layer first on 18; 25's classifier box.
    "calculator.loss_intro": {
        15: "Last Hidden State",
        17: "CE    Loss",
        18: "FC Layer",
        25: "Classifier",
    },
    "calculator.loss_shared": {16: "Wxh", 17: "Whh"},
}


def _slide_numbers(text: str) -> set[int]:
    """Every number the text names as a slide: 'slide 48', 'slides 43-50', 'Slides 11 and 12'."""
    found = set()
    for m in re.finditer(r"[Ss]lides? ((?:\d+(?:-\d+)?(?:, | and | và )?)+)", text):
        for part in re.findall(r"\d+(?:-\d+)?", m.group(1)):
            a, _, b = part.partition("-")
            found |= {int(a), int(b)} if b else {int(a)}
    return found


def test_every_slide_number_in_the_catalog_is_tied_to_the_seed(pages):
    for key, entry in STRINGS.items():
        for lang in ("vi", "en"):
            nums = _slide_numbers(entry[lang])
            if key in SHOWN:
                assert nums >= set(SHOWN[key]), (key, lang, nums)
                for n in nums:
                    assert n in SHOWN[key], f"{key} ({lang}) names slide {n}: add it to SHOWN"
            else:
                assert not nums, f"{key} ({lang}) names slides {nums}: add it to SHOWN"
    for key, shown in SHOWN.items():
        for n, text in shown.items():
            assert text in pages[n], (key, n, text)


def test_the_quantities_are_the_lectures_notation_and_no_english_words():
    """The slide-check table shows these as they are in both languages: notation only."""
    notation = {"tanh"}
    for r in (calculate(preset_tables("lstm_slide")), calculate(preset_tables("rnn_slide"))):
        for c in r.slide_checks:
            words = set(re.findall(r"[A-Za-z]{3,}", c.quantity)) - notation
            assert not words, (c.quantity, words)
