"""The one list of pages: every script exists, is named in both languages, and its address
is the one Streamlit would give its file (see the last test for why that matters)."""

from pathlib import Path

import pytest

from tests.support.paths import ROOT
from ui.i18n import CATALOG
from ui.site import HOME, PAGES, PARTS, page_of


def test_every_script_in_pages_is_listed_once_and_exists():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    listed = [p.script for p in PAGES]
    assert len(listed) == len(set(listed))
    assert set(listed) == on_disk


def test_names_icons_and_addresses_are_unique():
    for field in ("name", "icon", "url_path"):
        values = [getattr(p, field) for p in PAGES]
        assert len(values) == len(set(values)), field
    assert PAGES[0] is HOME and HOME.url_path == ""
    assert [p for p in PAGES if p.url_path == ""] == [HOME]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_is_named_in_both_languages(page):
    for key in (f"nav.{page.name}", page.heading):
        entry = CATALOG[key]
        assert entry["vi"].strip() and entry["en"].strip(), key
    if page is not HOME:
        assert CATALOG[f"home.{page.name}.title"]["vi"] != CATALOG[f"home.{page.name}.title"]["en"]


@pytest.mark.parametrize("page", PAGES[1:], ids=lambda p: p.name)
def test_each_address_is_its_file_name(page):
    """Until st.navigation first runs in a server process, Streamlit routes a folder named
    pages/ by file name (its old multipage mode). A teacher's link opened first after the
    server wakes must reach the page by that route too, or Streamlit covers it with an
    English "Page not found" dialog; so every address is its script's file name."""
    assert Path(page.script).stem == page.url_path


def test_page_of_finds_a_page_by_script_and_refuses_an_unknown_one():
    assert page_of("pages/race.py").name == "race"
    assert page_of(PARTS[0].pages[0].script) is PARTS[0].pages[0]
    with pytest.raises(KeyError, match="ui/site.py"):
        page_of("pages/nope.py")
