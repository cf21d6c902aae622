"""<html lang> follows the reader's language (a screen reader picks its voice by it)."""

from ui.i18n import DEFAULT
from ui.page import language_script


def test_the_script_names_only_a_language_the_site_speaks():
    assert language_script("en") == '<script>document.documentElement.lang = "en";</script>'
    assert f'lang = "{DEFAULT}";' in language_script("vi")
    for odd in ('en"; alert(1); "', "fr", ""):  # a hand-edited ?lang= lands on the default
        assert language_script(odd) == language_script(DEFAULT)
