"""The lecture slide by slide (ui/lecture_slides.py): every slide 3-50 placed once, on a page
that teaches it, in a state the slide shows; and projector mode's font scaling."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from tests.support.paths import ROOT
from tests.support.seed import slide_text
from ui import lecture_slides as slides
from ui.i18n import CATALOG, LANGS, t
from ui.page import scaled_fonts
from ui.site import page_of
from ui.slide_map import SLIDE_MAP

SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ui").rglob("*.py"))
SOURCES += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pages").glob("*.py"))
# The line the calculator marks, and the words of the slide's title that name it.
GATE_TITLES = {
    "f": "Forget Gate",
    "i": "Input Gate",
    "g": "Candidate Memory",
    "o": "Output Gate",
    "c": "Current Cell State",
    "h": "Current Hidden State",
}


def test_every_slide_from_3_to_50_is_placed_once_in_order():
    assert [s.n for s in slides.SLIDES] == list(range(3, 51))


@pytest.mark.parametrize("s", slides.SLIDES, ids=lambda s: str(s.n))
def test_each_slide_opens_a_page_of_the_site_and_agrees_with_the_home_map(s):
    page_of(s.page)  # raises for a script the site does not list
    ranges = [r for r in SLIDE_MAP if r.first <= s.n <= r.last]
    assert [r.page for r in ranges] == [s.page], s.n


@pytest.mark.parametrize("s", slides.SLIDES, ids=lambda s: str(s.n))
def test_each_state_names_widgets_the_site_has_and_labels_it_words(s):
    for key, value in s.state.items():
        assert f'"{key}"' in SOURCES or f"={key!r}" in SOURCES, key  # a widget key in use
        if isinstance(value, slides.Say):
            assert value.key in CATALOG, value.key
    if s.note is not None:
        assert all(CATALOG[s.note][lang] for lang in LANGS)


@pytest.mark.parametrize(
    ("n", "gate"),
    [
        (n, s.address.get("gate"))
        for n in range(37, 51)
        for s in [slides.BY_NUMBER[n]]
        if "gate" in s.address
    ],
)
def test_a_marked_line_is_the_one_the_slide_is_titled_after(n, gate):
    assert GATE_TITLES[gate] in slide_text()[n].splitlines()[0], n


def test_slides_3_to_5_count_the_slides_own_sentence_at_their_n():
    seed = slide_text()
    assert "P(school|i,go,to)" in seed[3] and "N = 1" in seed[5]
    assert [slides.BY_NUMBER[n].state["lm_n"] for n in (3, 4, 5)] == [4, 2, 1]
    assert slides.BY_NUMBER[3].state["lm_sentence"] == "i go to school"


def test_slide_28_opens_the_explorer_at_half():
    assert "input * 0.5n" in slide_text()[28]
    assert slides.BY_NUMBER[28].state["scalar_w"] == 0.5


def test_demo_titles_open_their_nearest_page_with_a_note():
    seed = slide_text()
    noted = {s.n for s in slides.SLIDES if s.note}
    assert noted == {20, 26}
    assert all("Demo" in seed[n].splitlines()[0] for n in noted)


@pytest.mark.parametrize("lang", LANGS)
def test_a_slides_state_is_worded_in_the_readers_language(lang):
    assert slides.state(6, lang)["lm_tab"] == t("lm.tab.neural", lang)
    assert slides.address(44) == {"mode": "lstm_slide", "gate": "f", "slide": "44"}
    assert slides.address(7) == {"slide": "7"}  # the page writes its widgets' own


@pytest.mark.parametrize(
    ("value", "n"), [("3", 3), ("50", 50), ("2", None), ("51", None), ("x", None), (None, None)]
)
def test_a_hand_edited_slide_number_outside_the_lecture_is_ignored(value, n):
    assert slides.slide_number(value) == n


def test_steps_stop_at_either_end():
    assert slides.step(3, -1) is None and slides.step(50, 1) is None
    assert slides.step(28, 1) == 29


def test_projector_fonts_scale_every_size_a_figure_sets_and_the_default():
    fig = go.Figure(go.Scatter(x=[1], y=[1], text=["a"], textfont={"size": 10}))
    fig.update_layout(title={"text": "T", "font": {"size": 20}})
    fig.update_xaxes(tickfont={"size": 11}, title={"text": "x", "font": {"size": 14}})
    fig.add_annotation(text="note", font={"size": 9})
    big = scaled_fonts(fig, 1.5)
    assert big.layout.font.size == 18  # Plotly's 12
    assert big.layout.title.font.size == 30
    assert big.layout.xaxis.tickfont.size == 16.5
    assert big.layout.xaxis.title.font.size == 21
    assert big.layout.annotations[0].font.size == 13.5
    assert big.data[0].textfont.size == 15
    assert fig.layout.title.font.size == 20  # the figure given is left as it was


def test_every_chart_goes_through_projected():
    code = re.sub(r"#.*", "", SOURCES)  # comments show the call in passing
    calls = re.findall(r"plotly_chart\(\s*([^,\n]+)", code)
    assert calls and all(c.startswith("projected(") for c in calls), calls
