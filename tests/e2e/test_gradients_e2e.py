"""The gradient explorer in a browser, in each language: slide 28's presets, a real-BPTT
control, refused input, and a phone's width (no clipped chart title, no sideways scroll)."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    clipped_titles,
    exceptions_on,
    on_phone,
    open_page,
    requires_chromium,
    screenshot,
    settle,
    sideways_overflow,
)
from tests.support.lang import vietnamese_words
from ui.i18n import t

pytestmark = [pytest.mark.e2e, requires_chromium]


def metric_value(page, label: str) -> str:
    """The big number of the st.metric whose label contains `label`."""
    m = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


def open_gradients(page, base_url, lang: str) -> None:
    open_page(page, base_url, f"gradients?lang={lang}", t("gradients.title", lang).split(" ", 1)[1])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_scalar_presets_and_a_bptt_control(page, base_url, lang):
    open_gradients(page, base_url, lang)
    # Default w = 0.5, n = 50: 0.5^50 = 8.88e-16 on the metric.
    assert metric_value(page, "|w|") == "0.5"
    assert metric_value(page, "input · w^50") == "8.88e-16"

    page.get_by_role("button", name=t("gradients.scalar.preset_double", lang)).click()
    settle(page)
    assert metric_value(page, "|w|") == "2"
    assert metric_value(page, "input · w^50") == "1.13e+15"  # 2^50 = 1.126e15
    explodes = t("gradients.scalar.regime_explodes", lang).split("[", 1)[1].rstrip("]")
    assert page.get_by_text(explodes).first.is_visible()

    # Real BPTT: the exploding preset (ReLU, scale 2) shows a spectral radius near 2.
    page.get_by_role("button", name=t("gradients.bptt.preset_explode", lang)).click()
    settle(page)
    radius = "(bán kính phổ)" if lang == "vi" else "(spectral radius)"
    caption = page.get_by_text(radius).first.inner_text()
    rho = float(caption.split("ρ(W_hh) =")[1].split("(")[0].strip())
    assert 1.5 < rho < 2.5, caption
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert exceptions_on(page) == []
    if lang == "en":
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert vietnamese_words(main) == []
    screenshot(page, f"gradients_{lang}")


def test_text_typed_into_a_number_field_is_refused_quietly(page, base_url, dialogs):
    open_gradients(page, base_url, "vi")
    title = page.title()
    w = page.get_by_label(t("gradients.scalar.w", "vi"))
    assert w.get_attribute("type") == "number"  # the browser itself keeps letters out
    for payload in ("<script>alert(1)</script>", '"><svg onload=alert(1)>', "1e999"):
        w.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(payload)
        page.keyboard.press("Enter")
        settle(page)
        assert exceptions_on(page) == []
    assert dialogs == [] and page.title() == title
    # The page still draws: a chart and its metrics, or a message next to the field.
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_out_of_range_hidden_size_says_its_limits(page, base_url, lang):
    """Issue 11: typing H = 256 used to leave a red border and nothing else."""
    open_gradients(page, base_url, lang)
    h = page.get_by_label(t("gradients.bptt.hidden", lang, max=128))
    h.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("256")
    page.keyboard.press("Enter")
    settle(page)
    field = t("gradients.field.hidden_size", lang)
    want = t("error.gradients_out_of_range", lang, field=field, lo=1, hi=128, got=256)
    assert page.get_by_text(want).first.is_visible()
    assert exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(page, base_url, lang):
    """390 x 844: no chart title or axis title cut off, nothing scrolls sideways."""
    open_gradients(page, base_url, lang)
    page.get_by_role("button", name=t("gradients.bptt.preset_overflow", lang)).click()
    settle(page)  # the widest labels: overflow and vanished marks on both charts
    on_phone(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() == 2
    for i in range(2):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert clipped_titles(page) == []
    assert sideways_overflow(page) == 0
    # No Plotly toolbar over the titles.
    assert page.locator(".modebar-container .modebar").count() == 0
    screenshot(page, f"gradients_phone_{lang}")
