"""House rules that a parser can check: which layer imports what, and how long a page is."""

import ast
import re
import subprocess
import sys

from tests.support.paths import ROOT

PAGE_LINES = 150
UI_FREE = ("streamlit", "plotly", "html")  # core/ never draws nor writes markup


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_streamlit_plotly_html_or_ui():
    files = sorted((ROOT / "core").rglob("*.py"))
    assert files, "core/ has no modules"
    offenders = {
        str(f.relative_to(ROOT)): sorted(_imports(f) & {*UI_FREE, "ui", "pages"}) for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checker_sees_imports_in_both_forms(tmp_path):
    """Guard the guard: a module importing streamlit is caught, in both import forms."""
    for src in ("import streamlit as st\n", "from streamlit import session_state\n"):
        f = tmp_path / "m.py"
        f.write_text(src)
        assert "streamlit" in _imports(f)


def _formatted(path) -> str:
    """path's source as `ruff format` writes it."""
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(path), "-"],
        input=path.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout


def test_every_page_script_is_short_as_formatted_and_packs_no_lines():
    pages = sorted((ROOT / "pages").glob("*.py"))
    assert pages, "pages/ has no scripts"
    packed = [p.name for p in pages if re.search(r"#\s*fmt:\s*(skip|off)", p.read_text("utf-8"))]
    assert packed == [], "pages keep to 150 lines by moving controls into ui/, not by packing"
    long = {p.name: n for p in pages if (n := len(_formatted(p).splitlines())) > PAGE_LINES}
    assert long == {}


def test_the_length_check_counts_lines_as_formatted(tmp_path):
    """Guard the guard: a call packed onto one line counts as ruff would spread it."""
    f = tmp_path / "page.py"
    f.write_text("f(" + ", ".join(f"argument_{i}=value_{i}" for i in range(12)) + ")\n")
    assert len(f.read_text().splitlines()) == 1
    assert len(_formatted(f).splitlines()) > 1


# ui/ modules that may import streamlit: they put widgets or elements on screen, or keep
# session state (docs/ARCHITECTURE.md, "Streamlit in ui/").
STREAMLIT_UI = {"page", "pool", "streamlit_private"}
STREAMLIT_UI_DOMAIN = {"controls", "state", "history", "view", "draw", "board", "sections"}


def test_only_the_modules_named_for_it_import_streamlit_in_ui():
    offenders = []
    for f in sorted((ROOT / "ui").rglob("*.py")):
        if "streamlit" not in _imports(f):
            continue
        top = f.parent == ROOT / "ui"
        named = (
            f.stem in STREAMLIT_UI
            if top
            else (f.stem in STREAMLIT_UI_DOMAIN or f.stem.endswith("_view"))
        )
        if not named:
            offenders.append(str(f.relative_to(ROOT)))
    assert offenders == []


def test_every_page_starts_through_ui_page():
    """The deep-link hand-off and the language live in one place: each page calls start()."""
    for p in sorted((ROOT / "pages").glob("*.py")):
        src = p.read_text(encoding="utf-8")
        imports_start = re.search(r"^from ui\.page import [^\n]*\bstart\b", src, re.M)
        assert imports_start and "lang = start()" in src, p.name
        assert "PagesManager" not in src, p.name


def test_no_raw_html_through_markdown():
    """Markup goes through st.html with every user string escaped in ui/, never through
    st.markdown(..., unsafe_allow_html=True), where Markdown would also parse typed text."""
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += sorted((ROOT / "ui").rglob("*.py"))
    offenders = [
        str(f.relative_to(ROOT))
        for f in files
        if "unsafe_allow_html" in f.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_ui_never_imports_pages():
    offenders = [
        str(f.relative_to(ROOT))
        for f in sorted((ROOT / "ui").rglob("*.py"))
        if "pages" in _imports(f)
    ]
    assert offenders == []


def _requirements(name: str) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [r.split("#")[0].strip() for r in lines if r.split("#")[0].strip()]


def test_torch_is_pinned():
    """torch==2.13.0 for training and the tests, never in what the site installs to run."""
    train = _requirements("requirements-train.txt")
    assert "torch==2.13.0" in train and "-r requirements.txt" in train
    runtime = _requirements("requirements.txt")
    assert not [r for r in runtime if r.lower().startswith("torch")]
    assert "-r requirements-train.txt" in _requirements("requirements-dev.txt")


def test_every_runtime_requirement_is_pinned():
    for r in _requirements("requirements.txt"):
        assert "==" in r, f"{r} is not pinned"


def test_only_core_training_imports_torch():
    files = sorted((ROOT / "core").rglob("*.py"))
    offenders = [
        str(f.relative_to(ROOT))
        for f in files
        if "torch" in _imports(f) and f.parent.name != "training"
    ]
    assert offenders == []
    for layer in ("ui", "pages"):
        assert not [f for f in (ROOT / layer).rglob("*.py") if "torch" in _imports(f)]
    assert "torch" not in _imports(ROOT / "app.py")


def _modules(path) -> set[str]:
    """Every module path path imports, whole ("streamlit.runtime.pages_manager")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# Public below streamlit's top level: the test harness, and the wire format the footprint
# script decodes to count what the server sends.
PUBLIC_STREAMLIT = ("streamlit.testing.v1", "streamlit.proto")
PRIVATE_HOMES = ("ui/streamlit_private.py", "tests/ui/test_streamlit_private.py")


def test_streamlits_private_api_is_used_in_one_module_only():
    """ui/streamlit_private.py holds every use, with a test that fails when one moves."""
    files = [ROOT / "app.py", *ROOT.glob("*/**/*.py")]
    offenders = {}
    for f in files:
        rel = f.relative_to(ROOT)
        if rel.parts[0] in (".venv", ".git") or str(rel) in PRIVATE_HOMES:
            continue
        private = [
            m
            for m in _modules(f)
            if m.startswith("streamlit.") and not m.startswith(PUBLIC_STREAMLIT)
        ]
        if private:
            offenders[str(rel)] = private
    assert offenders == {}
