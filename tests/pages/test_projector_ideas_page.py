"""Projector mode on the long pages: one idea per screen (a tab each), the one the slide
shown is about open; read on a screen, the same pages have no tabs at all."""

import pytest

from tests.support.apptest import open_page
from ui.i18n import t

LANGS = ["vi", "en"]
IDEAS = {
    "pages/bag-or-sequence.py": ("bag.index.title", "bag.embed.title", "bag.enc.title"),
    "pages/rnn-to-lstm.py": ("rnn_to_lstm.act.title", "rnn_to_lstm.build.title"),
    "pages/calculator.py": ("calculator.title",),
}


def _open_tab(at) -> int:
    """The index of the tab the page opens on (its tab container's default)."""
    found = []

    def walk(node):
        p = getattr(node, "proto", None)
        if type(p).__name__ == "Block" and p.HasField("tab_container"):
            found.append(p.tab_container.default_tab_index)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", IDEAS)
def test_a_long_page_is_one_idea_per_tab_when_projected(page, lang):
    at = open_page(page, lang=lang, query={"present": "1"})
    want = [t(k, lang) for k in IDEAS[page]] + [t("exercises.heading", lang)]
    assert [tb.label for tb in at.tabs] == want
    assert _open_tab(at) == 0


@pytest.mark.parametrize("page", IDEAS)
def test_read_on_a_screen_the_page_has_no_tabs(page):
    at = open_page(page, lang="en")
    assert [tb.label for tb in at.tabs] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("slide", "page", "shown"),
    [
        ("24", "pages/bag-or-sequence.py", 0),
        ("8", "pages/bag-or-sequence.py", 2),
        ("29", "pages/rnn-to-lstm.py", 0),
        ("33", "pages/rnn-to-lstm.py", 1),
        ("44", "pages/calculator.py", 0),
    ],
)
def test_a_slide_opens_the_idea_it_shows(slide, page, shown, lang):
    at = open_page(page, lang=lang, query={"present": "1", "slide": slide})
    assert not at.exception
    assert _open_tab(at) == shown


def _keys_in_popovers(at) -> set[str]:
    """The keys of the widgets inside a popover (the projector's settings button)."""
    found: set[str] = set()

    def walk(node, inside):
        p = getattr(node, "proto", None)
        inside = inside or (type(p).__name__ == "Block" and p.HasField("popover"))
        key = getattr(node, "key", None)
        if inside and isinstance(key, str):
            found.add(key)
        for child in getattr(node, "children", {}).values():
            walk(child, inside)

    walk(at._tree, False)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_projected_the_bag_pages_inputs_wait_behind_one_button(lang):
    at = open_page("pages/bag-or-sequence.py", lang=lang, query={"present": "1"})
    assert {"bag.a", "bag.mode", "bag.seed"} <= _keys_in_popovers(at)
    at.text_input(key="bag.a").set_value("cat eats fish").run()  # still drives the ideas
    assert "cat" in " ".join(str(h.value) for h in at.get("html"))
    screen = open_page("pages/bag-or-sequence.py", lang=lang)
    assert _keys_in_popovers(screen) == set()
