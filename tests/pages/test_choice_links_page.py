"""Choices named in the reader's language are in the address by their own option (ui/page.py's
choice and tabs), never by the translated name: AppTest through the real app, both languages."""

from __future__ import annotations

import pytest

from tests.support.apptest import open_page
from ui.i18n import t

LANGS = ("vi", "en")
OTHER = {"vi": "en", "en": "vi"}

# Every such choice: its page, widget kind, key, default and another option.
CHOICES = [
    ("pages/bag-or-sequence.py", "radio", "bag.mode", "reverse", "free"),
    ("pages/language-model.py", "selectbox", "lm_y1", 1, 2),
    ("pages/train.py", "radio", "train_kind", "lstm", "rnn"),
    ("pages/inside.py", "radio", "inside_state", "h", "c"),
    ("pages/inside.py", "radio", "inside_kind", "h", "f0"),
    ("pages/sentiment.py", "radio", "sentiment_mode", "one", "many"),
    ("pages/sentiment.py", "radio", "sentiment_model", "lstm", "rnn"),
]
IDS = [c[2] for c in CHOICES]


def _address(at, key: str) -> str | None:
    """The address's ?key= as the browser would show it (None when left out)."""
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def _healthy(at):
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "kind", "key", "default", "other"), CHOICES, ids=IDS)
def test_a_choice_puts_its_option_in_the_address_not_its_name(
    lang, page, kind, key, default, other
):
    at = open_page(page, lang=lang)
    assert getattr(at, kind)(key=key).value == default
    assert _address(at, key) is None  # the default stays out, as bind keeps it
    _healthy(getattr(at, kind)(key=key).set_value(other).run())
    assert _address(at, key) == str(other)
    assert getattr(at, kind)(key=key).format_func(other) != str(other)  # a name it is not
    _healthy(getattr(at, kind)(key=key).set_value(default).run())
    assert _address(at, key) is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "kind", "key", "default", "other"), CHOICES, ids=IDS)
def test_a_link_with_the_option_opens_the_choice(lang, page, kind, key, default, other):
    at = _healthy(open_page(page, lang=lang, query={key: str(other)}))
    assert getattr(at, kind)(key=key).value == other
    assert _address(at, key) == str(other)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "kind", "key", "default", "other"), CHOICES, ids=IDS)
def test_a_language_switch_keeps_the_choice_and_the_address(lang, page, kind, key, default, other):
    at = open_page(page, lang=lang)
    _healthy(getattr(at, kind)(key=key).set_value(other).run())
    _healthy(at.radio(key="lang").set_value(OTHER[lang]).run())
    assert getattr(at, kind)(key=key).value == other
    assert _address(at, key) == str(other)
    assert _address(at, "lang") == OTHER[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_name_from_an_old_link_is_dropped_from_the_address(lang):
    name = t("bag.mode.free", lang)  # what bind used to write
    at = _healthy(open_page("pages/bag-or-sequence.py", lang=lang, query={"bag.mode": name}))
    assert at.radio(key="bag.mode").value == "reverse" and _address(at, "bag.mode") is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_models_tab_is_in_the_address_by_its_own_name(lang):
    at = _healthy(open_page("pages/language-model.py", lang=lang, query={"lm_tab": "loss"}))
    assert at.session_state["lm_tab"] == t("lm.tab.loss", lang)  # the open tab
    assert _address(at, "lm_tab") == "loss"
    _healthy(at.radio(key="lang").set_value(OTHER[lang]).run())
    assert at.session_state["lm_tab"] == t("lm.tab.loss", OTHER[lang])
    assert _address(at, "lm_tab") == "loss"
    at = _healthy(open_page("pages/language-model.py", lang=lang))
    assert at.session_state["lm_tab"] == t("lm.tab.counts", lang)
    assert _address(at, "lm_tab") is None
