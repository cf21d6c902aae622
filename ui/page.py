"""What every page script does first: hand a deep link to the navigation, learn the language;
and what app.py draws around every page: the lecture's slide controls and projector mode."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from urllib.parse import quote

import plotly.graph_objects as go
import streamlit as st

from ui import lecture_slides as slides
from ui.i18n import DEFAULT, lang_or_default, t
from ui.streamlit_private import in_pages_folder_mode, leave_pages_folder_mode, status_rule

# A widget's value in the page's address, and back when the student returns to the page:
# any state a teacher reaches is a link that opens it again. st.<widget>(..., **LINK).
LINK = {"bind": "query-params", "persist_state": "session"}
# Typed text longer than this (percent-encoded) stays out of the address: servers and proxies
# refuse addresses of a few kilobytes, and a refused link opens nothing at all.
TEXT_IN_LINK = 2000
PRESENT_SCALE = 1.3  # projector mode: type this much larger, charts' fonts too


def start() -> str:
    """Run this first in a page script; returns the reader's language ("vi" or "en").

    Streamlit treats an app with a folder named pages/ as an old-style multipage app until
    st.navigation first runs in the process. A deep link opened first after a restart (a
    teacher's shared /calculator?... link) would then run the page script alone: file-name
    sidebar, no page config, no language switch, no error guard. So the run is handed back
    to app.py, whose st.navigation routes it from then on. A session that has run app.py
    once ("nav_ready") is never handed back: a rerun would drop the click that caused this run.
    """
    if in_pages_folder_mode() and "nav_ready" not in st.session_state:
        leave_pages_folder_mode()
        st.rerun()
    return lang_or_default(st.session_state.get("site_lang", DEFAULT))


def text_link(key: str, label: str, lang: str) -> dict:
    """A text box's label and LINK, while its text fits in an address; otherwise the text is
    kept for the session only, and the label says the link leaves it out (on the label's
    own line: the page grows by no line for it)."""
    text = st.session_state.get(key)
    if text is None or len(quote(str(text))) <= TEXT_IN_LINK:
        return {"label": label, **LINK}
    return {"label": f"{label} · {t('slides.too_long', lang)}", "persist_state": "session"}


def arrived() -> bool:
    """Whether this run opened the page (a link, another page, a slide step), not a rerun on
    it: state that is not one widget (the calculator's tables) follows the address then."""
    return bool(st.session_state.get("page_arrived", True))


def choice(widget: Callable, label: str, options: Sequence, *, key: str, default=None, **kwargs):
    """A radio or select box (st.radio, a column's .selectbox, ...) whose options are shown
    by translated names, in the page's address by the option itself: ?key=<option>.

    This is the site's one way for such a choice; bind="query-params" stays for every other
    widget. Bind writes the name format_func gives an option, so a Vietnamese page put its
    Vietnamese name into the link, percent-encoded: long, unreadable, and void once the
    reader switched language (the name is no option of the other language's widget, and
    Streamlit drops it). As with bind: a link's value wins when it opens the page, the
    default stays out of the address, and the choice is kept for the session. Returns the
    chosen option.
    """
    options = list(options)
    default = options[0] if default is None else default
    ss = st.session_state
    given = linked(key)
    by_text = {str(o): o for o in options}
    if given in by_text:
        ss[key] = by_text[given]
    else:
        hold(key, options)
    value = widget(
        label,
        options,
        index=options.index(default),
        key=key,
        persist_state="session",
        **kwargs,
    )
    link(key, None if value == default else str(value))
    return value


def hold(key: str, options: Sequence) -> None:
    """Call before drawing a choice shown by translated names: its kept value is written
    again through session state. On a language switch the browser redraws such a widget at
    its default (its names changed) while the server keeps the choice (seen in Chromium);
    a value written through session state is sent to the browser with the widget."""
    ss = st.session_state
    if key in ss and ss[key] in options:
        ss[key] = ss[key]


def tabs(key: str, names: Mapping[str, str]) -> list:
    """st.tabs named in the reader's language ({option: name}, the first open by default),
    the open one in the address by its option: ?key=<option>. Bind would write the tab's
    name (see choice). The open tab holds across a language switch; a slide may open one by
    its name (ui/lecture_slides.py's Say)."""
    ss = st.session_state
    options, labels = list(names), list(names.values())
    by_label = {name: option for option, name in names.items()}
    given = linked(key)
    if given in names:
        now = given
    elif ss.get(key) in by_label:
        now = by_label[ss[key]]
    else:  # a language switch: the name kept is the other language's, the address is not
        now = next((o for o in options if o == st.query_params.get(key)), options[0])
    ss[key] = names[now]
    containers = st.tabs(labels, key=key, default=labels[0], on_change="rerun")
    shown = by_label.get(ss.get(key), options[0])
    link(key, None if shown == options[0] else shown)
    return list(containers)


def linked(key: str) -> str | None:
    """The address's ?key= on the run that opened the page (a link, another page, a slide
    step), else None: on a rerun the widget's own state is newer than the address."""
    return st.query_params.get(key) if arrived() else None


def link(key: str, text: str | None) -> None:
    """Put ?key=text into the page's address, or take it out (None: a default value)."""
    if text is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = text


# ------------------------------------------------------------------ the lecture, slide by slide


def follow_slide(url_path: str, lang: str) -> int | None:
    """Open the page and state of ?slide=N; returns N while the address names a slide.

    Called by app.py before the page runs. A slide newly named (a link, a step) puts its
    widget values into session state (a widget bound to the address may not be set through
    the address by the app) and opens its page, unless this is it and the address already
    names what the page reads from it (the calculator's ?mode=).
    """
    ss = st.session_state
    n = slides.slide_number(st.query_params.get("slide"))
    if n is None:
        return None
    if ss.get("slide_at") != n:
        ss["slide_at"] = n
        ss["page_arrived"] = True
        # A value the address gives (a teacher changed it on the slide, then copied the link)
        # wins over the slide's own; a step's address gives none.
        given = set(st.query_params.keys())
        ss.update({k: v for k, v in slides.state(n, lang).items() if k not in given})
        page, want = slides.BY_NUMBER[n].page, slides.address(n)
        here = page == f"pages/{url_path or 'home'}.py"
        if not here or any(st.query_params.get(k) != v for k, v in want.items()):
            # The slide's own widgets are of that page, never bound on this one: carrying
            # their values along is allowed.
            carried = {k: st.query_params[k] for k in slides.BY_NUMBER[n].state if k in given}
            st.switch_page(page, query_params={**carried, **want, **_kept_params()})
    return n


def _kept_params() -> dict[str, str]:
    """What every address keeps across pages: the language and projector mode."""
    keep = {"lang": st.session_state.get("site_lang", DEFAULT)}
    if presenting():
        keep["present"] = "1"
    return keep


def slide_bar(n: int, lang: str) -> None:
    """ "Slide N", its note if the site has nothing of its own for it, and previous/next
    (the arrow keys) walking the whole lecture across pages."""
    say = t
    back, here, forward = st.columns([1, 3, 1], vertical_alignment="center")
    here.markdown(f"**{say('slides.at', lang, n=n, last=slides.LAST)}**")
    for col, by, key, arrow in (
        (back, -1, "slide_prev", "Left"),
        (forward, 1, "slide_next", "Right"),
    ):
        m = slides.step(n, by)
        label = say("slides.prev" if by < 0 else "slides.next", lang)
        pressed = col.button(
            label,
            key=key,
            shortcut=arrow,
            disabled=m is None,
            width="stretch",
            help=say("slides.key_help", lang),
        )
        if pressed and m is not None:
            st.switch_page(
                slides.BY_NUMBER[m].page, query_params=_kept_params() | slides.address(m)
            )
    if note := slides.BY_NUMBER[n].note:
        st.info(t(note, lang), icon="🎬")


# ------------------------------------------------------------------ projector mode


def presenting() -> bool:
    """Projector mode: ?present=1 turns it on, ?present=0 off; it holds across pages."""
    ss = st.session_state
    asked = st.query_params.get("present")
    if asked is not None:
        ss["present"] = asked == "1"
    return bool(ss.get("present", False))


def ideas(parts: Sequence[tuple[str, Collection[int]]]) -> list:
    """A long page's ideas, one container each: (its title, the slides it shows).

    Read on a screen, one after another as the page runs. In projector mode a tab each,
    so that one idea fills the screen: the one the slide shown is about (?slide=), else the
    first; the teacher opens the next. Tabs, not expanders: an idea may hold expanders, and
    Streamlit nests none in another.
    """
    if not presenting():
        return [st.container() for _ in parts]
    n = slides.slide_number(st.query_params.get("slide"))
    titles = [title for title, _ in parts]
    shown = next((k for k, (_, covers) in enumerate(parts) if n in covers), 0)
    return list(st.tabs(titles, default=titles[shown]))


def settings(lang: str):
    """Where a page's controls go when they sit above its ideas: there, read on a screen; in
    projector mode behind one button (a popover) above the ideas, so that the first
    projected screen is an idea, not a form. The teacher opens it to change an input."""
    if not presenting():
        return st.container()
    return st.popover(t("slides.settings", lang), icon=":material/tune:", key="present_settings")


def projector_style() -> None:
    """Type 1.3 times larger (Streamlit sizes its text in rem), helper captions hidden."""
    st.html(
        f"<style>html{{font-size:{16 * PRESENT_SCALE:g}px}}"
        '[data-testid="stCaptionContainer"]{display:none}'
        "</style>"
    )


def projected(fig: go.Figure) -> go.Figure:
    """The figure as the projector needs it: its fonts PRESENT_SCALE times larger in
    projector mode, the figure itself otherwise. Every chart passes through here on its
    way to st.plotly_chart."""
    return scaled_fonts(fig, PRESENT_SCALE) if presenting() else fig


def scaled_fonts(fig: go.Figure, k: float) -> go.Figure:
    """A copy of fig with every font size it sets, and the default one, k times larger."""
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", 12)  # Plotly's default
    _scale_fonts(spec, k)
    return go.Figure(spec)


def _scale_fonts(node: object, k: float) -> None:
    """Multiply the size of every font in a figure's spec (font, tickfont, title's font…)."""
    if isinstance(node, dict):
        for key, value in node.items():
            size = value.get("size") if isinstance(value, dict) else None
            if key.endswith("font") and isinstance(size, int | float):
                value["size"] = size * k
            _scale_fonts(value, k)
    elif isinstance(node, list):
        for value in node:
            _scale_fonts(value, k)


def declare_language(lang: str) -> None:
    """Say the reader's language on the document itself (<html lang>), which Streamlit
    leaves at "en": a screen reader picks its voice by it, and read Vietnamese pages with
    an English one (WCAG 3.1.1). No public API sets it; a one-line script does, from the
    sidebar: in the main column its empty block pushed every page's title down."""
    st.sidebar.html(language_script(lang), unsafe_allow_javascript=True)


def language_script(lang: str) -> str:
    """The one script the site runs: <html lang> set to lang (or the default language);
    and, on a page that is not in English, Streamlit's English running status hidden."""
    code = lang_or_default(lang)  # only a language the site knows reaches the script
    return f'<script>document.documentElement.lang = "{code}";</script>' + status_rule(code)
