"""Lesson links in Chromium: a state reached on any page is a link that opens it again in a
fresh browser; ?slide=N walks the whole lecture with the arrow key; ?present=1 is larger."""

from __future__ import annotations

import re

import pytest

from core.gradients import MAX_SCALAR_STEPS
from tests.e2e import harness
from ui import lecture_slides as slides
from ui.i18n import NAMES, t
from ui.site import PAGES, page_of

SETTINGS_CLOSED = {"width": 1400, "height": 1000}


def _fresh(browser, viewport=SETTINGS_CLOSED):
    """Another visitor: a new context (no cookies, no session), as a link opened elsewhere."""
    ctx = browser.new_context(viewport=viewport, locale="vi-VN")
    ctx.set_default_timeout(harness.TIMEOUT_MS)
    return ctx, ctx.new_page()


FIELDS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] input, textarea')]
    .map(e => e.value).join(' ')"""


def _numbers(page) -> list[str]:
    """Every number the page's main area shows, in its text and in its fields, in order
    (what a copied link must repeat)."""
    shown = harness.main_text(page) + " " + page.evaluate(FIELDS_JS)
    return re.findall(r"-?\d+(?:[.,]\d+)*", shown)


def _field(page, label: str):
    return page.locator('[data-testid="stMain"]').get_by_label(label, exact=True).first


def _reach_bag(page, lang):
    harness.enter_text(_field(page, t("bag.a", lang)), "the cat sat on the mat")


def _reach_lm(page, lang):
    n_radio = page.locator('[data-testid="stRadio"]').filter(has_text=t("lm.counts.n", lang))
    n_radio.get_by_text("3", exact=True).click()
    harness.settle(page)
    harness.enter_text(_field(page, t("lm.counts.sentence", lang)), "i go home")


def _reach_gradients(page, lang):
    page.get_by_role("button", name=t("gradients.scalar.preset_double", lang)).click()
    harness.settle(page)
    harness.enter_text(_field(page, t("gradients.scalar.n", lang, max=MAX_SCALAR_STEPS)), "30")


def _reach_build_up(page, lang):
    for _ in range(3):
        page.get_by_role("button", name=t("rnn_to_lstm.next", lang)).click()
        harness.settle(page)


def _reach_race(page, lang):
    page.get_by_role("button", name=t("race.preset_short", lang)).click()
    harness.settle(page)


def _reach_sentiment(page, lang):
    words = harness.title_words(t("sentiment.example.neg1", lang))
    page.locator('[data-testid="stMain"] button').filter(has_text=words).first.click()
    harness.settle(page)


STATES = {
    "bag": _reach_bag,
    "language_model": _reach_lm,
    "gradients": _reach_gradients,
    "rnn_to_lstm": _reach_build_up,
    "race": _reach_race,
    "sentiment": _reach_sentiment,
}


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STATES for lang in ("vi", "en")])
def test_a_state_reached_is_a_link_that_opens_it_in_a_fresh_browser(
    page, browser, base_url, name, lang
):
    site_page = next(p for p in PAGES if p.name == name)
    harness.open_in(page, base_url, site_page.url_path, lang, site_page.heading)
    before = _numbers(page)
    STATES[name](page, lang)
    page.wait_for_timeout(500)  # the address follows the last rerun
    link, reached = page.url, _numbers(page)
    assert reached != before, "the state was never reached: the test would prove nothing"
    assert f"lang={lang}" in link
    ctx, other = _fresh(browser)
    try:
        other.goto(link, wait_until="domcontentloaded")
        other.get_by_text(harness.title_words(t(site_page.heading, lang))).first.wait_for()
        harness.settle(other)
        assert _numbers(other) == reached, link
        assert harness.exceptions_on(other) == []
    finally:
        ctx.close()


def test_the_calculators_rnn_example_link_stays_the_rnn_example(page, base_url):
    harness.open_page(page, base_url, "calculator?mode=rnn_slide&lang=en", "RNN")
    assert "mode=rnn_slide" in page.url
    assert "h3" in harness.main_text(page)  # slides 11-13's three steps, not the LSTM


def test_the_next_key_walks_the_whole_lecture_across_pages(page, base_url):
    """?slide=3, then the right arrow key 47 times: each slide lands on its page."""
    harness.open_page(page, base_url, "?slide=3&lang=en", t("slides.at", "en", n=3, last=50))
    for n in range(slides.FIRST, slides.LAST + 1):
        want = page_of(slides.BY_NUMBER[n].page)
        _wait_for_address(page, rf"/{want.url_path}\?(.*&)?slide={n}(&|$)")
        at = t("slides.at", "en", n=n, last=slides.LAST)
        page.get_by_text(at, exact=True).wait_for()
        heading = harness.title_words(t(want.heading, "en"))
        page.get_by_role("heading", name=heading).first.wait_for()
        if n < slides.LAST:
            page.wait_for_timeout(300)  # Streamlit binds the shortcut once the button is drawn
            page.keyboard.press("ArrowRight")
    assert page.get_by_role("button", name=t("slides.next", "en")).is_disabled()


def test_a_slide_opens_its_state(page, base_url):
    harness.open_page(page, base_url, "?slide=44&lang=en", "Slide 44 of 50")
    assert "/calculator?" in page.url
    marked = page.locator('[data-testid="stMain"] .stMarkdown').filter(has_text="👉")
    assert "f" in marked.first.inner_text()
    harness.open_page(page, base_url, "?slide=28&lang=vi", "Slide 28 / 50")
    w = _field(page, t("gradients.scalar.w", "vi"))
    assert float(w.input_value()) == 0.5
    harness.open_page(page, base_url, "?slide=3&lang=en", "Slide 3 of 50")
    assert _field(page, t("lm.counts.sentence", "en")).input_value() == "i go to school"
    harness.open_page(page, base_url, "?slide=20&lang=vi", "Slide 20 / 50")
    assert t("slides.note.demo_rnn", "vi") in harness.main_text(page)


def _wait_for_address(page, pattern: str) -> None:
    """Wait until the address matches pattern (Streamlit changes it without a page load)."""
    page.wait_for_function("p => new RegExp(p).test(location.href)", arg=pattern)


ROOT_FONT = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_projector_mode_is_larger_keeps_across_pages_and_slides(browser, base_url, lang):
    ctx, pg = _fresh(browser, {"width": 1280, "height": 720})
    try:
        title = harness.title_words(t("calculator.title", lang))
        harness.open_page(pg, base_url, f"calculator?lang={lang}", title)
        plain = pg.evaluate(ROOT_FONT)
        harness.open_page(pg, base_url, f"?slide=44&present=1&lang={lang}", title)
        big = pg.evaluate(ROOT_FONT)
        pg.screenshot(path=str(harness.SCREENSHOTS / f"present_calculator_{lang}.png"))
        assert big >= 1.3 * plain, (plain, big)
        main = pg.locator('[data-testid="stMain"]').bounding_box()
        assert main["x"] < 60, "the sidebar is open: it takes the projector's width"
        pg.keyboard.press("ArrowRight")
        _wait_for_address(pg, r"slide=45")
        harness.settle(pg)
        assert "present=1" in pg.url and pg.evaluate(ROOT_FONT) == big
        # another page, through the calculator's hand-off to the gradient explorer
        pg.get_by_role("button", name=t("calculator.to_explorer", lang)).click()
        _wait_for_address(pg, r"/gradients\?")
        harness.settle(pg)
        assert "present=1" in pg.url and pg.evaluate(ROOT_FONT) == big
        pg.screenshot(path=str(harness.SCREENSHOTS / f"present_gradients_{lang}.png"))
    finally:
        ctx.close()


# Projected, each long page opens on an idea: the first idea's heading (not its tab's label;
# the calculator's tab is the example itself: its first line) is inside the first 1280x720
# screen; on the pages whose idea is what a button starts, that button is (their settings
# wait behind one button).
FIRST_IDEA = {
    "bag": lambda pg, lang: pg.get_by_role("heading", name=t("bag.index.title", lang)),
    "rnn_to_lstm": lambda pg, lang: pg.get_by_role(
        "heading", name=t("rnn_to_lstm.act.title", lang)
    ),
    "calculator": lambda pg, lang: pg.get_by_text(
        t("calculator.lstm_intro", lang).split("**")[0].strip()
    ),
    "race": lambda pg, lang: pg.get_by_role("button", name=t("race.start", lang)),
    "train": lambda pg, lang: pg.get_by_role("button", name=t("train.start", lang)),
    "sentiment": lambda pg, lang: pg.get_by_role(
        "button", name=t("sentiment.classify", lang), exact=False
    ),
}


@pytest.mark.parametrize(("name", "lang"), [(n, g) for n in FIRST_IDEA for g in ("vi", "en")])
def test_projected_the_first_screen_shows_an_idea(browser, base_url, name, lang):
    site_page = next(p for p in PAGES if p.name == name)
    ctx, pg = _fresh(browser, {"width": 1280, "height": 720})
    try:
        path = f"{site_page.url_path}?present=1&lang={lang}"
        harness.open_page(pg, base_url, path, harness.title_words(t(site_page.heading, lang)))
        idea = FIRST_IDEA[name](pg.locator('[data-testid="stMain"]'), lang).first
        idea.wait_for()
        box = idea.bounding_box()
        pg.screenshot(path=str(harness.SCREENSHOTS / f"present_first_{name}_{lang}.png"))
        assert box is not None and box["y"] + box["height"] <= 720, (name, box)
    finally:
        ctx.close()


def test_a_choice_is_in_the_address_by_its_option_across_a_language_switch(page, base_url):
    """The bag page's second-sentence choice: ?bag.mode=free, not its Vietnamese name; the
    English page keeps both the choice and the address, and a fresh browser opens it."""
    harness.open_in(page, base_url, "bag-or-sequence", "vi", "bag.title")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(t("bag.mode.free", "vi"), exact=True).click()
    harness.settle(page)
    _wait_for_address(page, r"[?&]bag\.mode=free(&|$)")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(NAMES["en"], exact=True).click()
    _wait_for_address(page, r"[?&]lang=en(&|$)")
    page.get_by_text(harness.title_words(t("bag.title", "en"))).first.wait_for()
    harness.settle(page)
    assert re.search(r"[?&]bag\.mode=free(&|$)", page.url), page.url
    free = main.get_by_role("radio", name=t("bag.mode.free", "en"))
    assert free.is_checked()
    ctx, other = _fresh(page.context.browser)
    try:
        other.goto(page.url, wait_until="domcontentloaded")
        other.get_by_text(harness.title_words(t("bag.title", "en"))).first.wait_for()
        harness.settle(other)
        box = other.locator('[data-testid="stMain"]').get_by_label(t("bag.b", "en"), exact=True)
        assert box.first.input_value() == "a man bites the dog"  # the free sentence's box
    finally:
        ctx.close()


@pytest.mark.parametrize("mode", ["rnn_slide", "custom"])
def test_the_calculators_example_holds_across_a_language_switch(page, base_url, mode):
    """The calculator's example radio (kept in ?mode=, not by bind) and the custom cell's
    kind: after the switch the English radios show what the page computes, not their
    defaults (ui/page.hold)."""
    harness.open_in(page, base_url, "calculator", "vi", "calculator.title")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(t(f"calculator.mode_{mode}", "vi"), exact=True).click()
    harness.settle(page)
    _wait_for_address(page, rf"[?&]mode={mode}(&|$)")
    if mode == "custom":  # and the custom cell's kind, also a translated radio
        main.get_by_text(t("calculator.kind_rnn_tanh", "vi"), exact=True).click()
        harness.settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text(NAMES["en"], exact=True).click()
    _wait_for_address(page, r"[?&]lang=en(&|$)")
    page.get_by_text(harness.title_words(t("calculator.title", "en"))).first.wait_for()
    harness.settle(page)
    assert re.search(rf"[?&]mode={mode}(&|$)", page.url), page.url
    chosen = main.get_by_role("radio", name=t(f"calculator.mode_{mode}", "en"))
    assert chosen.is_checked()
    if mode == "custom":
        assert main.get_by_role("radio", name=t("calculator.kind_rnn_tanh", "en")).is_checked()
