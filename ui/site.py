"""The site's pages, listed once, in the lecture's order.

The sidebar (app.py), the home page's cards and slide map (ui/slide_map.py) and the browser
tests all read the pages from here, so a page is added or moved in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page script and the names it goes by."""

    script: str  # as st.Page and st.page_link take it
    name: str  # catalog names: "nav.<name>" in the sidebar, "home.<name>.*" on its home card
    icon: str
    url_path: str  # the address after the site's root; "" for the home page
    heading: str  # catalog key of the first heading the page always shows (tests wait for it)


@dataclass(frozen=True)
class Part:
    """One of the lecture's three parts: its slides and the pages that teach them."""

    name: str  # catalog names: "home.<name>.title"/".caption" on the home page, "nav.<name>"
    first: int  # first slide
    last: int  # last slide
    pages: tuple[Page, ...]


HOME = Page("pages/home.py", "home", "🏠", "", "home.part1.title")

# The calculator serves Part 1 (slides 10-17) and Part 3 (its gates, 37-50) and sits in
# Part 1, where the student first needs it; the race closes Part 3, after the slides it follows.
PARTS: tuple[Part, ...] = (
    Part(
        "part1",
        3,
        20,
        (
            Page("pages/language-model.py", "language_model", "🔮", "language-model", "lm.title"),
            Page("pages/bag-or-sequence.py", "bag", "🧺", "bag-or-sequence", "bag.title"),
            Page("pages/calculator.py", "calculator", "🧮", "calculator", "calculator.title"),
        ),
    ),
    Part(
        "part2",
        21,
        27,
        (
            Page("pages/sentiment.py", "sentiment", "💬", "sentiment", "sentiment.title"),
            Page("pages/train.py", "train", "🧪", "train", "train.title"),
        ),
    ),
    Part(
        "part3",
        28,
        50,
        (
            Page("pages/gradients.py", "gradients", "📉", "gradients", "gradients.title"),
            Page("pages/rnn-to-lstm.py", "rnn_to_lstm", "🧱", "rnn-to-lstm", "rnn_to_lstm.title"),
            Page("pages/inside.py", "inside", "🔬", "inside", "inside.title"),
            Page("pages/race.py", "race", "🏁", "race", "race.title"),
        ),
    ),
)

# Every page, the home page first, then in the sidebar's order.
PAGES: tuple[Page, ...] = (HOME, *(page for part in PARTS for page in part.pages))


def page_of(script: str) -> Page:
    """The page whose script is `script` (as st.page_link takes it)."""
    for page in PAGES:
        if page.script == script:
            return page
    raise KeyError(f"{script} is not a page of the site: ui/site.py lists them")
