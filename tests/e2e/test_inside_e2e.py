"""Inside the LSTM in a browser: the span's units and the intervention equal core's answer in
either language, the threshold moved by keyboard, payloads typed into the review box shown
as text, and the page at a phone's width."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from core.inside.run import Intervention, run
from core.inside.select import select_units
from core.inside.trace import read_review
from core.sentiment import load_model
from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import t
from ui.inside.controls import DEFAULT_UNITS, FIRST

PATH = "inside"


@pytest.fixture(scope="module")
def review():
    model = load_model(name="lstm")
    return model, read_review(model, FIRST)


def _open(page, base_url, lang):
    harness.open_in(page, base_url, PATH, lang, "inside.title")
    page.get_by_text(t("inside.rank.title", lang)[:20], exact=False).first.wait_for()
    harness.settle(page)


def _selected(review_run, threshold: float):
    k = review_run.tokens.index("nhưng")
    return select_units(review_run.run.h, k, k + 2, threshold), k


def _quoted(page) -> str:
    """Review words on the page: the HTML blocks (the review, matches, strong places) and
    the span slider's token labels."""
    blocks = page.locator('[data-testid="stHtml"]').all_inner_texts()
    sliders = page.locator('[data-testid="stSlider"]').all_inner_texts()
    return "\n".join([FIRST, *blocks, *sliders, "không tệ nhưng"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_select_match_and_intervene_as_core_does(page, base_url, review, lang):
    model, r = review
    _open(page, base_url, lang)
    main = page.locator('[data-testid="stMain"]')
    sel, k = _selected(r, 0.3)
    state = t("inside.state.h", lang)
    said = harness.main_text(page)
    if len(sel.units):
        line = t("inside.selected", lang, n=len(sel.units), state=state, threshold="0.30")
        assert line.replace("**", "") in said
        assert main.locator('[data-testid="stPlotlyChart"]').count() == 2
    assert main.locator("mark").count() >= 1  # the span, marked in the review
    assert main.get_by_role("tab").count() == 4
    assert other_language(said, lang, allowed=_quoted(page)) == []
    harness.screenshot(page, f"inside_{lang}")

    # The threshold, one step up by keyboard: the count follows core's.
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=t("inside.threshold", lang))
    thumb = slider.locator('input[type="range"]').first
    thumb.focus()
    thumb.press("ArrowRight")
    harness.settle(page)
    sel, k = _selected(r, 0.35)
    if len(sel.units):
        line = t("inside.selected", lang, n=len(sel.units), state=state, threshold="0.35")
        assert line.replace("**", "") in harness.main_text(page)
        # The forget gate forced to 0 on the span's strongest units, from the span on.
        page.locator(".st-key-inside_kind").get_by_text(t("inside.kind.f0", lang)).click()
        harness.settle(page)
        units = tuple(int(u) for u in sel.units[:DEFAULT_UNITS])
        after = run(model.weights(), r.analysis.ids, Intervention(k, units, "f", 0.0))
        before, end = float(r.run.p[-1]), float(after.p[-1])
        key = (
            "inside.intervene.flip" if (before >= 0.5) != (end >= 0.5) else "inside.intervene.same"
        )
        expect = t(key, lang, before=f"{before:.3f}", after=f"{end:.3f}")
        assert expect.replace("**", "") in harness.main_text(page)
    else:
        assert t("inside.intervene.no_units", lang) in harness.main_text(page)
    assert harness.exceptions_on(page) == []


def _span_text(page, lang) -> str:
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=t("inside.span", lang))
    return slider.inner_text()


def _selected_text(page, lang) -> str:
    head = t("inside.selected", lang, n="{n}", state="{s}", threshold="{t}").split("{n}")[0]
    lines = [x for x in harness.main_text(page).splitlines() if x.startswith(head.strip())]
    return lines[0] if lines else ""


@contextmanager
def _opened_fresh(browser, link: str, lang: str):
    """The copied link opened in a fresh browser (no session, no cookies), settled."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    ctx.set_default_timeout(harness.TIMEOUT_MS)
    try:
        other = ctx.new_page()
        other.goto(link, wait_until="domcontentloaded")
        other.get_by_text(t("inside.rank.title", lang)[:20], exact=False).first.wait_for()
        harness.settle(other)
        yield other
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_span_state_and_threshold_reached_are_a_link(page, browser, base_url, lang):
    _open(page, base_url, lang)
    span = page.locator('[data-testid="stSlider"]').filter(has_text=t("inside.span", lang))
    end = span.locator('input[type="range"]').nth(1)
    end.focus()
    end.press("ArrowRight")
    harness.settle(page)
    page.locator(".st-key-inside_state").get_by_text(t("inside.state.c", lang)).click()
    harness.settle(page)
    page.wait_for_timeout(500)  # the address follows the last rerun
    link, reached, selected = page.url, _span_text(page, lang), _selected_text(page, lang)
    assert re.search(r"[?&]inside_span=\d+-\d+(&|$)", link), link
    assert "inside_state=c" in link
    with _opened_fresh(browser, link, lang) as other:
        assert _span_text(other, lang) == reached
        assert _selected_text(other, lang) == selected
        assert harness.exceptions_on(other) == []


def test_payloads_in_the_review_are_shown_as_text(page, base_url, dialogs, outside_requests):
    _open(page, base_url, "en")
    box = page.get_by_role("textbox", name=t("inside.review", "en"), exact=True)
    box.fill("quán ngon nhưng " + " ".join(harness.PAYLOADS))
    box.press("Control+Enter")
    harness.settle(page)
    html = page.locator('[data-testid="stMain"] [data-testid="stHtml"]')
    assert html.count() >= 1
    assert html.locator("script, img, svg, a, iframe").count() == 0  # tokens stay text
    assert "script" in harness.main_text(page)  # the payload's words, as text
    assert dialogs == [] and outside_requests == []
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(page, base_url, lang):
    _open(page, base_url, lang)
    got = harness.assert_fits_phone(page, f"inside_phone_{lang}")
    assert got["charts"] >= 1


def _intervention(page, lang) -> tuple[list[str], str, str]:
    """What the intervention is and does: its unit chips, its start word, the verdict line."""
    chips = page.locator(".st-key-inside_units [data-tag]").all_inner_texts()
    start = page.locator(".st-key-inside_from").inner_text()
    heads = [
        t(k, lang, before="{b}", after="{a}").split("{b}")[0].replace("**", "").strip()
        for k in ("inside.intervene.flip", "inside.intervene.same")
    ]
    lines = [x for x in harness.main_text(page).splitlines() if x.startswith(tuple(heads))]
    return chips, start, "\n".join(lines)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_intervention_reached_is_a_link(page, browser, base_url, lang):
    _open(page, base_url, lang)
    page.locator(".st-key-inside_kind").get_by_text(t("inside.kind.f0", lang)).click()
    harness.settle(page)
    before = _intervention(page, lang)
    page.locator(".st-key-inside_units [data-tag] button").first.click()  # the first unit's ✕
    harness.settle(page)
    thumb = page.locator('.st-key-inside_from input[type="range"]').first
    thumb.focus()
    thumb.press("ArrowRight")
    harness.settle(page)
    page.wait_for_timeout(500)  # the address follows the last rerun
    link, reached = page.url, _intervention(page, lang)
    assert reached[0] != before[0] and reached[1] != before[1], "nothing changed: proves nothing"
    assert "inside_units=" in link and "inside_from=" in link and "inside_kind=f0" in link
    with _opened_fresh(browser, link, lang) as other:
        assert _intervention(other, lang) == reached
        chart = '[data-testid="stPlotlyChart"]'
        assert other.locator(chart).count() == page.locator(chart).count()
        assert harness.exceptions_on(other) == []
