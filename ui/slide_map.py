"""Where each part of the lecture lives on the site: the home page's slide map.

Rows are in slide order; a range may point to a page that shows it as one section of
several. tests/ui/test_slide_map.py ties every range to the slide text (the seed) and
every page to a script that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import t
from ui.site import page_of


@dataclass(frozen=True)
class SlideRange:
    """Slides first..last, what they teach (catalog key), and the page that lets you try it."""

    first: int
    last: int
    topic: str  # catalog key "map.<topic>"
    page: str  # page script, as st.page_link takes it
    evidence: str  # a phrase the first slide of the range holds (checked against the seed)


SLIDE_MAP: tuple[SlideRange, ...] = (
    SlideRange(3, 6, "language_models", "pages/language-model.py", "Language Model"),
    SlideRange(7, 9, "bag", "pages/bag-or-sequence.py", "Text Classification using Neural Network"),
    SlideRange(10, 14, "rnn_steps", "pages/calculator.py", "Recurrent Neural Network (RNN)"),
    SlideRange(15, 17, "rnn_loss", "pages/calculator.py", "Loss Function"),
    SlideRange(18, 19, "generation_loss", "pages/language-model.py", "Loss Function"),
    # Slide 20 closes Part 1 (its header): a live PyTorch demo of the RNN of slides 10-19.
    SlideRange(20, 20, "rnn_demo", "pages/calculator.py", "Pytorch - Demo"),
    SlideRange(21, 23, "sentiment", "pages/sentiment.py", "NTC-SCV Dataset"),
    # Slide 24's own example ([dog, bites, man], the lookup table) is worked on the bag page.
    SlideRange(24, 24, "index", "pages/bag-or-sequence.py", "Index-Based Represenation"),
    SlideRange(25, 26, "sentiment_model", "pages/sentiment.py", "Modeling"),
    SlideRange(27, 27, "train", "pages/train.py", "Training – Demo"),
    SlideRange(28, 28, "gradients", "pages/gradients.py", "Vanishing Gradient"),
    SlideRange(29, 36, "rnn_to_lstm", "pages/rnn-to-lstm.py", "Sigmoid"),
    SlideRange(37, 50, "lstm_example", "pages/calculator.py", "LSTM – Forget Gate"),
)


def label(r: SlideRange) -> str:
    """ "7-9", or "28" for a single slide."""
    return f"{r.first}-{r.last}" if r.last > r.first else str(r.first)


def link_text(r: SlideRange, lang: str) -> str:
    """The home page's link for a range: "Slides 7-9 · <page>", or "Slide 28 · <page>".

    Short enough for one line on a phone (a link does not wrap); the topic goes under it."""
    key = "home.map.link" if r.last > r.first else "home.map.link_one"
    name = page_of(r.page).name
    return t(key, lang, slides=label(r), topic=t(f"home.{name}.title", lang))


def topic_text(r: SlideRange, lang: str) -> str:
    """What the slides of a range are about, shown under its link."""
    return t(f"map.{r.topic}", lang)
