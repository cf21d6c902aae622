"""The home page's slide map: every range is where the slides say, every page exists."""

import re

import pytest

from tests.support.paths import ROOT
from tests.support.seed import slide_parts, slide_text
from ui.i18n import CATALOG, t
from ui.site import PAGES, PARTS
from ui.slide_map import SLIDE_MAP, label, link_text


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
    assert [label(r) for r in SLIDE_MAP if r.first == r.last] == ["20", "24", "27", "28"]
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


# The home page's cards: page script -> catalog prefix.
CARD_PAGES = {p.script: f"home.{p.name}" for part in PARTS for p in part.pages}


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
            assert set(range(r.first, r.last + 1)) <= named, (r, named)  # the whole range


def test_every_page_of_the_site_has_a_card_on_the_home_page():
    pages = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")} - {"pages/home.py"}
    assert sorted(CARD_PAGES) == sorted(pages)
    assert {r.page for r in SLIDE_MAP} <= set(CARD_PAGES)
    assert {p.script for p in PAGES} == pages | {"pages/home.py"}


def _first_slide(script: str) -> int | None:
    return min((r.first for r in SLIDE_MAP if r.page == script), default=None)


def test_the_parts_follow_the_lecture_and_each_card_starts_in_its_part():
    """Part 1 (language models, 3-20), Part 2 (the RNN classifier, 21-27), Part 3 (why the
    LSTM fixes the RNN, 28-50), with no gap; each card's first slide in its part, in order."""
    assert [(part.first, part.last) for part in PARTS] == [(3, 20), (21, 27), (28, 50)]
    firsts = []
    for part in PARTS:
        for p in part.pages:
            n = _first_slide(p.script)
            if n is not None:  # the race has no slide of its own: it plays out slide 28
                assert part.first <= n <= part.last, (p.script, n, part.first, part.last)
                firsts.append(n)
    assert firsts == sorted(firsts)
    assert PARTS[2].pages[-1].script == "pages/race.py"  # after the slides it follows


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_card_and_part_is_worded_and_the_intro_names_the_three_parts(lang):
    for part in PARTS:
        assert t(f"home.{part.name}.title", lang) and t(f"home.{part.name}.caption", lang)
        assert t(f"nav.{part.name}", lang)
    for key in CARD_PAGES.values():
        for part in ("title", "body", "link"):
            assert CATALOG[f"{key}.{part}"]["vi"] != CATALOG[f"{key}.{part}"]["en"], (key, part)
        assert t(key + ".slides", lang)
    intro = t("home.intro", lang).lower()
    words = {"vi": ("mô hình ngôn ngữ", "phân loại", "lstm"), "en": ("language model", "classif")}
    for word in words[lang]:
        assert word in intro, word


def test_each_part_holds_exactly_the_slides_whose_header_names_it():
    """The slides' running header ("1 – Recurrent Neural Network", "2 – Text Classification",
    "3 – Long Short Term Memory") says which part a slide is in: slide 20, the RNN's PyTorch
    demo, closes Part 1; slide 27, the training demo, closes Part 2."""
    headers = slide_parts()
    assert headers[20] == 1 and headers[21] == 2 and headers[27] == 2 and headers[28] == 3
    assert len(headers) >= 45  # all but slides 3-4 carry a legible header
    for k, part in enumerate(PARTS, start=1):
        assert part.first <= min(n for n, p in headers.items() if p == k), part.name
        assert part.last == max(n for n, p in headers.items() if p == k), part.name
        for n in range(part.first, part.last + 1):
            assert headers.get(n, k) == k, (part.name, n, headers.get(n))


def test_each_range_is_mapped_to_a_page_of_its_own_part_or_the_calculator():
    """A range sits in one part (no range straddles a header change); only the calculator,
    which serves Parts 1 and 3, and the bag page, which works slide 24's own example, take
    slides of a part other than the one they are listed in."""
    headers = slide_parts()
    part_of_page = {p.script: k for k, part in enumerate(PARTS, start=1) for p in part.pages}
    guests = {"pages/calculator.py", "pages/bag-or-sequence.py"}
    for r in SLIDE_MAP:
        parts = {headers[n] for n in range(r.first, r.last + 1) if n in headers}
        assert len(parts) == 1, (label(r), parts)
        assert r.page in guests or parts == {part_of_page[r.page]}, (label(r), r.page)


def test_slide_20_goes_to_the_calculator_and_slide_24_to_the_bag_page_only():
    """Slide 20 (Part 1's PyTorch demo of the RNN) has nothing on the sentiment page; slide
    24's [dog, bites, man] and lookup table are worked on the bag page: one page each."""
    slides = slide_text()
    assert "Pytorch - Demo" in slides[20] and "[dog, bites, man]" in slides[24]
    owners = {n: r.page for r in SLIDE_MAP for n in range(r.first, r.last + 1)}
    assert owners[20] == "pages/calculator.py"
    assert owners[24] == "pages/bag-or-sequence.py"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_two_cards_name_the_same_slide(lang):
    """Each slide has one home on the home page: the cards' slide lists do not overlap (the
    race, which plays out slide 28 and has no range of its own, aside)."""
    seen: dict[int, str] = {}
    mapped = {r.page for r in SLIDE_MAP}
    for script, key in CARD_PAGES.items():
        if script not in mapped:
            continue
        for n in _named_slides(t(key + ".slides", lang)):
            assert n not in seen, (n, seen.get(n), script)
            seen[n] = script


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_parts_captions_name_the_parts_ranges(lang):
    for part in PARTS:
        caption = t(f"home.{part.name}.caption", lang)
        assert f"{part.first}-{part.last}" in caption, (part.name, caption)
