"""Where each part of the lecture lives on the site: the home page's slide map.

Rows are in slide order; a range may point to a page that shows it as one section of
several. tests/ui/test_slide_map.py ties every range to the slide text (the seed) and
every page to a script that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import t


@dataclass(frozen=True)
class SlideRange:
    """Slides first..last, what they teach (catalog key), and the page that lets you try it."""

    first: int
    last: int
    topic: str  # catalog key "map.<topic>"
    page: str  # page script, as st.page_link takes it
    evidence: str  # a phrase the first slide of the range holds (checked against the seed)


SLIDE_MAP: tuple[SlideRange, ...] = (
    SlideRange(3, 6, "language_models", "pages/language_model.py", "Language Model"),
    SlideRange(7, 9, "bag", "pages/bag_or_sequence.py", "Text Classification using Neural Network"),
    SlideRange(10, 14, "rnn_steps", "pages/calculator.py", "Recurrent Neural Network (RNN)"),
    SlideRange(15, 17, "rnn_loss", "pages/calculator.py", "Loss Function"),
    SlideRange(18, 19, "generation_loss", "pages/language_model.py", "Loss Function"),
    SlideRange(20, 27, "sentiment", "pages/sentiment.py", "Pytorch - Demo"),
    SlideRange(28, 28, "gradients", "pages/gradients.py", "Vanishing Gradient"),
    SlideRange(29, 36, "rnn_to_lstm", "pages/rnn_to_lstm.py", "Sigmoid"),
    SlideRange(37, 50, "lstm_example", "pages/calculator.py", "LSTM – Forget Gate"),
)

Card = tuple[str, str, str]  # (page script, icon, catalog key prefix "home.<page>")

# The home page: the lecture's three parts in its order, each with its slides and a card
# per page, in the order the argument needs them. A card's slide caption names every
# range above that points to its page. The calculator serves Part 1 (slides 10-17) and
# Part 3 (its gates, 37-50) and sits in Part 1, where the student first needs it.
PARTS: tuple[tuple[str, int, int, tuple[Card, ...]], ...] = (
    (
        "home.part1",
        3,
        19,
        (
            ("pages/language_model.py", "🔮", "home.language_model"),
            ("pages/bag_or_sequence.py", "🧺", "home.bag"),
            ("pages/calculator.py", "🧮", "home.calculator"),
        ),
    ),
    ("home.part2", 20, 27, (("pages/sentiment.py", "💬", "home.sentiment"),)),
    (
        "home.part3",
        28,
        50,
        (
            ("pages/gradients.py", "📉", "home.gradients"),
            ("pages/rnn_to_lstm.py", "🧱", "home.rnn_to_lstm"),
            ("pages/race.py", "🏁", "home.race"),
        ),
    ),
)
CARDS: tuple[Card, ...] = tuple(card for *_, cards in PARTS for card in cards)


def label(r: SlideRange) -> str:
    """ "7-9", or "28" for a single slide."""
    return f"{r.first}-{r.last}" if r.last > r.first else str(r.first)


def link_text(r: SlideRange, lang: str) -> str:
    """The home page's link for a range: "Slides 7-9 · <page>", or "Slide 28 · <page>".

    Short enough for one line on a phone (a link does not wrap); the topic goes under it."""
    key = "home.map.link" if r.last > r.first else "home.map.link_one"
    page = next(k for script, _, k in CARDS if script == r.page)
    return t(key, lang, slides=label(r), topic=t(page + ".title", lang))


def topic_text(r: SlideRange, lang: str) -> str:
    """What the slides of a range are about, shown under its link."""
    return t(f"map.{r.topic}", lang)
