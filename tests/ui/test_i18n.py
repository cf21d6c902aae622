"""The catalog: every key in both languages, the same placeholders, errors worded in each."""

import ast

import pytest

from core.errors import CoreError
from tests.support.paths import ROOT
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


# How core names a problem besides CoreError and its subclasses: (the code's argument, the
# catalog key that words it). FieldError is worded by its code (ui/calculator/words.py),
# Problem by "gradients_" + its code (ui/gradients/words.py).
NAMERS = {"FieldError": (3, "error.{}"), "Problem": (0, "error.gradients_{}")}


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _arg(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _error_classes(trees) -> dict[str, str | None]:
    """CoreError and every subclass in core: name -> the code its __init__ fixes, else None
    (its callers pass the code as the first argument)."""
    classes = {"CoreError": None}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in classes:
                    continue
                if not any(isinstance(b, ast.Name) and b.id in classes for b in node.bases):
                    continue
                fixed = None
                for sub in ast.walk(node):
                    if (
                        isinstance(sub, ast.Call)
                        and _call_name(sub) == "__init__"
                        and isinstance(_arg(sub, 0, "code"), ast.Constant)
                    ):
                        fixed = _arg(sub, 0, "code").value
                classes[node.name], grew = fixed, True
    return classes


def _constants(expr, call, parents, tree) -> list[str] | None:
    """The codes expr can be: a constant, or a parameter of the function around the call that
    every caller in the module fills with a constant. None when it cannot be told."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if not isinstance(expr, ast.Name):
        return None
    func = parents.get(call)
    while func is not None and not isinstance(func, ast.FunctionDef):
        func = parents.get(func)
    params = [a.arg for a in func.args.args] if func is not None else []
    if expr.id not in params:
        return None
    index, found = params.index(expr.id), []
    for other in ast.walk(tree):
        if isinstance(other, ast.Call) and _call_name(other) == func.name:
            value = _arg(other, index, expr.id)
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                return None
            found.append(value.value)
    return found or None


def error_keys(sources: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Every catalog key core's errors need (key -> where it is raised), and the places
    whose code cannot be read from the source."""
    trees = {name: ast.parse(src) for name, src in sources.items()}
    classes = _error_classes(trees)
    keys, unreadable = {}, []
    for name, tree in trees.items():
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        in_class = {}  # a classmethod's cls(...) is its class
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                in_class |= {sub: node.name for sub in ast.walk(node)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            cls = _call_name(call)
            if cls == "cls":
                cls = in_class.get(call)
            if cls in classes:
                if classes[cls] is not None:  # the class fixes its code
                    keys.setdefault(f"error.{classes[cls]}", f"{name}:{call.lineno}")
                    continue
                index, key = 0, "error.{}"
            elif cls in NAMERS:
                index, key = NAMERS[cls]
            else:
                continue
            expr = _arg(call, index, "code")
            if isinstance(expr, ast.Attribute) and expr.attr == "code":
                continue  # another error's code passed on, counted where that one is raised
            codes = _constants(expr, call, parents, tree)
            if codes is None:
                unreadable.append(f"{name}:{call.lineno}")
                continue
            for code in codes:
                keys.setdefault(key.format(code), f"{name}:{call.lineno}")
    return keys, unreadable


def _core_sources() -> dict[str, str]:
    files = sorted((ROOT / "core").rglob("*.py"))
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


def test_every_error_code_core_raises_is_worded_in_both_languages():
    """Parse core: every code a CoreError (or a subclass, a FieldError, a Problem) is given
    has its `error.<code>` text in Vietnamese and English."""
    keys, unreadable = error_keys(_core_sources())
    assert unreadable == [], "give these errors a constant code, or teach error_keys to read it"
    # Guard the guard: each way of naming an error is seen.
    for key in (
        "error.race_out_of_range",
        "error.calc_share_number",
        "error.calc_shape",
        "error.shape",
        "error.model_missing",
        "error.gradients_not_finite",
    ):
        assert key in keys, key  # fmt: skip
    missing = {k: where for k, where in keys.items() if k not in i18n.CATALOG}
    assert missing == {}
    for key in keys:
        assert set(i18n.CATALOG[key]) == set(i18n.LANGS), key


def test_the_error_collector_sees_a_new_code_however_it_is_raised():
    src = """
class OddError(CoreError):
    pass

class FixedError(CoreError):
    def __init__(self, n):
        super().__init__("fixed_code", n=n)

def check(x, code):
    if x:
        raise OddError(code, "bad")

def use():
    check(1, "passed_code")
    raise CoreError("plain_code")
    raise FixedError(3)
    return FieldError("W", 0, 0, "field_code", {}), Problem("range")
"""
    keys, unreadable = error_keys({"m.py": src})
    assert set(keys) == {
        "error.fixed_code", "error.passed_code", "error.plain_code", "error.field_code",
        "error.gradients_range",
    }  # fmt: skip
    assert unreadable == []
    _, unreadable = error_keys({"m.py": "def f(c):\n    raise CoreError(c.upper())\n"})
    assert unreadable == ["m.py:2"]
    with pytest.raises(KeyError):
        i18n.error_text(CoreError("no_such_code_anywhere", n=3), "en")


def test_every_cleaning_step_has_a_title_in_both_languages():
    from core.sentiment.text import CLEANING_STEPS

    for key, _ in CLEANING_STEPS:
        entry = i18n.CATALOG[f"sentiment.step.{key}"]
        assert entry["vi"] and entry["en"] and entry["vi"] != entry["en"], key


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_page_has_one_name_in_the_sidebar_on_its_card_and_as_its_title(lang):
    from ui.site import PARTS

    for page in (p for part in PARTS for p in part.pages):
        title = i18n.t(page.heading, lang)
        # A title may open with an icon (the sidebar shows its own): the name follows it.
        if not title[0].isalnum():
            title = title.split(" ", 1)[1]
        card = i18n.t(f"home.{page.name}.title", lang)
        names = {title, i18n.t(f"nav.{page.name}", lang), card}
        assert len(names) == 1, (page.script, names)
