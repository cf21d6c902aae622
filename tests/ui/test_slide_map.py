"""The home page's slide map: every range is where the slides say, every page exists."""

import re

import pytest

from tests.support.paths import ROOT
from tests.support.seed import slide_text
from ui.i18n import CATALOG, t
from ui.slide_map import CARDS, SLIDE_MAP, label, link_text


def test_ranges_are_in_order_and_do_not_overlap():
    for a, b in zip(SLIDE_MAP, SLIDE_MAP[1:], strict=False):
        assert a.first <= a.last < b.first, (a, b)


@pytest.mark.parametrize("r", SLIDE_MAP, ids=label)
def test_each_range_starts_on_the_slide_that_holds_its_topic(r):
    slides = slide_text()
    assert r.evidence in slides[r.first], (r.first, r.evidence)
    assert r.last in slides, r.last


@pytest.mark.parametrize("r", SLIDE_MAP, ids=label)
def test_each_range_links_to_a_page_and_is_worded_in_both_languages(r):
    assert (ROOT / r.page).is_file(), r.page
    entry = CATALOG[f"map.{r.topic}"]
    assert entry["vi"] != entry["en"]


def test_label_reads_a_range_or_one_slide():
    assert [label(r) for r in SLIDE_MAP if r.first == r.last] == ["28"]
    assert label(SLIDE_MAP[0]) == "3-6"


def test_the_map_covers_the_lecture_from_slide_3_to_50_but_the_demo_titles():
    covered = {n for r in SLIDE_MAP for n in range(r.first, r.last + 1)}
    assert set(range(3, 51)) - covered == set()


@pytest.mark.parametrize(
    ("first", "lang", "start"),
    [(28, "en", "Slide 28 · "), (3, "en", "Slides 3-6 · "), (28, "vi", "Slide 28 · ")],
)
def test_a_link_says_slide_for_one_and_slides_for_a_range(first, lang, start):
    r = next(r for r in SLIDE_MAP if r.first == first)
    assert link_text(r, lang).startswith(start)


# The home page's cards: page script -> catalog prefix (pages/home.py's CARDS).
CARD_PAGES = {script: key for script, _, key in CARDS}


def _named_slides(text: str) -> set[int]:
    found = set()
    for a, b in re.findall(r"(\d+)(?:-(\d+))?", text):
        found |= set(range(int(a), int(b or a) + 1))
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_range_the_map_sends_to_a_carded_page_is_named_on_its_card(lang):
    for r in SLIDE_MAP:
        if r.page in CARD_PAGES:
            named = _named_slides(t(CARD_PAGES[r.page] + ".slides", lang))
            assert named & set(range(r.first, r.last + 1)), (r, named)
