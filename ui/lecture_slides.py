"""The lecture slide by slide: for each slide 3-50, the page that covers it and that page's state.

One table, read by `?slide=N` (app.py through ui/page.py's follow_slide), the
previous/next controls and the home page's slide map, so a slide is placed in one place.
A slide's state is the values of the page's widgets (each bound to the page's address, so
the address then shows them), and for the calculator, whose cell is not one widget, its
own ?mode= and the line a slide marks (?gate=). A value written Say("key") is a label in
the reader's language (a tab is known by its label). The link to a slide is just
?slide=N: the page then writes its state into the address itself. tests/ui/test_lecture_slides.py
ties each slide to the slide text (the seed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ui.i18n import t

FIRST, LAST = 3, 50


@dataclass(frozen=True)
class Say:
    """A widget value that is a label in the reader's language (catalog key)."""

    key: str


@dataclass(frozen=True)
class Slide:
    """Slide n: its page (script), that page's widget values and address, and a note key.

    The note is for a slide the site has nothing of its own to show for (a live demo's
    title): its nearest page opens with one line saying so.
    """

    n: int
    page: str
    state: dict[str, object] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    note: str | None = None


LM, BAG, CALC = "pages/language-model.py", "pages/bag-or-sequence.py", "pages/calculator.py"
SENTIMENT, TRAIN = "pages/sentiment.py", "pages/train.py"
GRADIENTS, BUILD = "pages/gradients.py", "pages/rnn-to-lstm.py"

# Slides 3-5's own sentence and the n each shows: P(school | i, go, to) is a 4-gram (3),
# the N-gram model in general, shown at N = 2 (4), the unigram model (5).
_COUNTS = {"lm_sentence": "i go to school", "lm_tab": Say("lm.tab.counts")}
_BAG = {"bag.a": "dog bites man", "bag.mode": "reverse"}  # slide 24's own words
_ONE = {"sentiment_mode": "one"}
_RNN = {"mode": "rnn_slide"}
# Slides 37-42 give each gate's formula, 44-49 its number: the calculator's line marked.
_GATES = {37: "f", 38: "i", 39: "g", 40: "o", 41: "c", 42: "h"}
_NUMBERS = {44: "f", 45: "i", 46: "g", 47: "o", 48: "c", 49: "h"}

SLIDES: tuple[Slide, ...] = (
    Slide(3, LM, {**_COUNTS, "lm_n": 4}),
    Slide(4, LM, {**_COUNTS, "lm_n": 2}),
    Slide(5, LM, {**_COUNTS, "lm_n": 1}),
    Slide(6, LM, {"lm_tab": Say("lm.tab.neural"), "lm_pairs": "trăm năm trong cõi người ta"}),
    *(Slide(n, BAG, _BAG) for n in (7, 8, 9)),
    *(Slide(n, CALC, address=_RNN) for n in range(10, 18)),
    Slide(18, LM, {"lm_tab": Say("lm.tab.loss")}),
    Slide(19, LM, {"lm_tab": Say("lm.tab.loss")}),
    Slide(20, CALC, address=_RNN, note="slides.note.demo_rnn"),
    *(Slide(n, SENTIMENT, _ONE) for n in (21, 22, 23)),
    Slide(24, BAG, _BAG),
    Slide(25, SENTIMENT, _ONE),
    Slide(26, SENTIMENT, _ONE, note="slides.note.demo_model"),
    Slide(27, TRAIN),
    Slide(28, GRADIENTS, {"scalar_w": 0.5, "scalar_n": 50, "scalar_x0": 1.0}),
    Slide(29, BUILD),
    *(Slide(n, BUILD, {"rnn_to_lstm.stage": n - 30}) for n in range(30, 37)),
    *(Slide(n, CALC, address={"mode": "lstm_slide", "gate": g}) for n, g in _GATES.items()),
    Slide(43, CALC, address={"mode": "lstm_slide"}),
    *(Slide(n, CALC, address={"mode": "lstm_slide", "gate": g}) for n, g in _NUMBERS.items()),
    Slide(50, CALC, address={"mode": "lstm_slide"}),
)
BY_NUMBER = {s.n: s for s in SLIDES}


def slide_number(value: str | None) -> int | None:
    """The slide a ?slide= names (3-50), or None for anything else (a hand-edited link)."""
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if FIRST <= n <= LAST else None


def state(n: int, lang: str) -> dict[str, object]:
    """Slide n's widget values, labels in lang."""
    return {k: t(v.key, lang) if isinstance(v, Say) else v for k, v in BY_NUMBER[n].state.items()}


def address(n: int) -> dict[str, str]:
    """The query parameters that open slide n (the page writes its widgets' own)."""
    return {**BY_NUMBER[n].address, "slide": str(n)}


def step(n: int, by: int) -> int | None:
    """The slide `by` away from n, or None past either end of the lecture."""
    m = n + by
    return m if FIRST <= m <= LAST else None
