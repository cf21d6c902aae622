"""axe-core in the browser tests: where the script comes from, how a page is checked, and the
one list of violations that come from Streamlit's own markup rather than the site's.

The script is the npm package `axe-core`, pinned in package.json / package-lock.json at the
repository's root and installed by `make test` (`npm ci`); nothing is fetched while a test
runs. A violation is told apart by its rule and by where it sits: the `data-testid`s of the
element and its ancestors (Streamlit's own names for its parts, steadier than the generated
class names axe's selectors carry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.support.paths import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Impacts the site answers for: a new one of these fails the test.
FAILING = ("serious", "critical")
# Rules of lower impact the site once broke and fixed (a skipped heading level, a blank
# table header cell): they fail the test too, whatever axe rates them.
HELD = ("heading-order", "empty-table-header")


@dataclass(frozen=True)
class Known:
    """A violation of Streamlit's own markup: its rule, where it sits, and why it is not ours."""

    rule: str
    within: str  # regex on the node's data-testid path ("stSidebar > stSidebarNav > ...")
    reason: str


KNOWN: tuple[Known, ...] = (
    Known(
        "list",
        r"\bstSidebarNavItems$",
        "Streamlit's sidebar navigation, grouped by section (st.navigation with a dict), puts "
        "each section's <div> straight inside the <ul>; the site only names the sections.",
    ),
    Known(
        "listitem",
        r"\bstSidebarNavItems\b",
        "the same grouped navigation: each page's <li> sits in that section <div>, not in a "
        "list; Streamlit writes the markup, the site cannot reach it.",
    ),
    Known(
        "scrollable-region-focusable",
        r"\bstTable$",
        "st.table wraps its table in a box that scrolls sideways when the table is wider than "
        "the screen (the calculator's six-column slide check on a phone) and gives that box no "
        "tabindex; a screen reader still reads every cell.",
    ),
)


@dataclass(frozen=True)
class Axe:
    """axe.min.js's text (kept out of a failing test's report: it is half a megabyte)."""

    source: str = field(repr=False)


# Words Streamlit itself puts in its controls' names, always in English (no public API words
# them). Cut from a name, they leave the words the site gave (in the page's language).
STREAMLIT_WORDS = (
    re.compile(r"^Help for "),  # the (?) beside a widget's label
    re.compile(r" Shortcut .+$"),  # a button's keyboard shortcut
)
# Streamlit's own controls, named by Streamlit alone: the app menu, a chart's or table's
# fullscreen and toolbar buttons, a number input's steps, the sidebar's toggle, the
# uploader's browse button. They are left out of the language check.
STREAMLIT_CONTROLS = re.compile(
    r"^(Main menu|Fullscreen|Increment|Decrement|Close|Collapse sidebar|Expand sidebar|"
    r"Open sidebar|Show password|Hide password|Browse files|Download as CSV|Search|"
    r"Clear value|Clear all)$"
)

# The roles a reader operates, as an aria snapshot lists them: `- button "name"`.
CONTROL = re.compile(
    r"^\s*- (button|textbox|radio|slider|combobox|tab|checkbox|switch|link|spinbutton|"
    r'searchbox|menuitem|option)\b(?: "((?:[^"\\]|\\.)*)")?'
)


def control_names(page) -> list[tuple[str, str]]:
    """(role, accessible name) of every control on the page as a screen reader gets them,
    Streamlit's own controls left out and its own words cut; "" for a control with no name."""
    out = []
    for line in page.locator("body").aria_snapshot().splitlines():
        m = CONTROL.match(line)
        if m is None:
            continue
        name = (m.group(2) or "").replace('\\"', '"').strip()
        if STREAMLIT_CONTROLS.match(name):
            continue
        for words in STREAMLIT_WORDS:
            name = words.sub("", name)
        out.append((m.group(1), name.strip()))
    return out


def load_axe() -> Axe:
    """axe.min.js as installed from package-lock.json; a clear failure if it is missing."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: the accessibility test needs the npm package axe-core. "
            "Run `npm ci` at the repository's root (`make test` does it; Node.js and npm come "
            "from Debian's nodejs and npm packages, which .ci/run installs)."
        )
    return Axe(AXE_JS.read_text(encoding="utf-8"))


# axe over the whole document (every rule axe runs by default: WCAG 2.0-2.2 A and AA and
# its best practices); each node comes back with its data-testid path.
_RUN_JS = """async () => {
    const where = sel => {
        const el = typeof sel === 'string' ? document.querySelector(sel) : null;
        const ids = [];
        for (let e = el; e; e = e.parentElement) {
            const id = e.getAttribute('data-testid');
            if (id) ids.unshift(id);
        }
        return ids.join(' > ');
    };
    const r = await axe.run(document, {resultTypes: ['violations']});
    return r.violations.flatMap(v => v.nodes.map(n => ({
        rule: v.id, impact: n.impact || v.impact, help: v.help,
        target: n.target.map(String).join(' '), where: where(n.target[n.target.length - 1]),
        html: n.html.slice(0, 240), summary: (n.failureSummary || '').slice(0, 400),
    })));
}"""


def run_axe(page, axe: Axe) -> list[dict]:
    """Every violating node on the page as it is now: rule, impact, help, target, where."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe.source)
    return page.evaluate(_RUN_JS)


def known_reason(node: dict) -> str | None:
    """Why a violating node is Streamlit's own, or None if the site answers for it."""
    for k in KNOWN:
        if node["rule"] == k.rule and re.search(k.within, node["where"]):
            return k.reason
    return None


def unexplained(nodes: list[dict]) -> list[dict]:
    """The serious or critical violations (and any of HELD's rules) KNOWN does not explain."""
    return [
        n
        for n in nodes
        if (n["impact"] in FAILING or n["rule"] in HELD) and known_reason(n) is None
    ]


def describe(nodes: list[dict]) -> str:
    """A failure message: per node its rule, impact, target, place, what axe asks for."""
    return "\n".join(
        f"- {n['rule']} ({n['impact']}): {n['help']}\n    target: {n['target']}\n"
        f"    where: {n['where']}\n    html: {n['html']}\n    {n['summary']}"
        for n in nodes
    )
