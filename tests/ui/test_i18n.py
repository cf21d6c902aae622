"""The catalog: every key in both languages, the same placeholders, errors worded in each."""

import pytest

from core.errors import CoreError
from ui import i18n


def test_every_key_has_both_languages_and_no_empty_text():
    for key, entry in i18n.CATALOG.items():
        assert set(entry) == set(i18n.LANGS), key
        assert all(entry[lang].strip() for lang in i18n.LANGS), key


def test_placeholders_agree_between_languages():
    for key, entry in i18n.CATALOG.items():
        assert i18n.placeholders(entry["vi"]) == i18n.placeholders(entry["en"]), key


def test_keys_are_namespaced_and_unique_across_sections():
    seen = {}
    for section, strings in i18n.SECTIONS.items():
        for key in strings:
            assert "." in key, key
            assert key not in seen, f"{key} in {section} and {seen.get(key)}"
            seen[key] = section


def test_a_duplicate_key_is_refused():
    dup = {"a": {"x.k": {"vi": "1", "en": "1"}}, "b": {"x.k": {"vi": "2", "en": "2"}}}
    with pytest.raises(KeyError, match="x.k"):
        i18n._merge(dup)


def test_the_checker_sees_a_placeholder_mismatch():
    assert i18n.placeholders("{n} bước") != i18n.placeholders("{count} steps")


def test_t_fills_placeholders_in_the_chosen_language():
    vi = i18n.t("common.page_error", "vi", kind="KeyError")
    en = i18n.t("common.page_error", "en", kind="KeyError")
    assert "KeyError" in vi and "KeyError" in en and vi != en


def test_an_unknown_language_falls_back_to_vietnamese():
    assert i18n.lang_or_default("fr") == "vi"
    assert i18n.lang_or_default(None) == "vi"
    assert i18n.lang_or_default("en") == "en"


def test_every_error_code_core_raises_is_worded(monkeypatch):
    """A CoreError is worded through `error.<code>`; a code without text fails loudly."""
    err = CoreError("no_such_code_anywhere", n=3)
    with pytest.raises(KeyError):
        i18n.error_text(err, "en")


def test_every_cleaning_step_has_a_title_in_both_languages():
    from core.sentiment.text import CLEANING_STEPS

    for key, _ in CLEANING_STEPS:
        entry = i18n.CATALOG[f"sentiment.step.{key}"]
        assert entry["vi"] and entry["en"] and entry["vi"] != entry["en"], key
