"""The gradient explorer in a browser, in each language: slide 28's presets, a real-BPTT
control, refused input, and a phone's width (no clipped chart title, no sideways scroll)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.support.lang import other_language
from ui.i18n import t


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_scalar_presets_and_a_bptt_control(page, base_url, lang):
    harness.open_in(page, base_url, "gradients", lang, "gradients.title")
    # Default w = 0.5, n = 50: 0.5^50 = 8.8817842e-16, 4 significant digits on the metric.
    assert harness.metric_value(page, "|w|") == "0.5"
    assert harness.metric_value(page, "input · w^50") == "8.882e-16"

    page.get_by_role("button", name=t("gradients.scalar.preset_double", lang)).click()
    harness.settle(page)
    assert harness.metric_value(page, "|w|") == "2"
    assert harness.metric_value(page, "input · w^50") == "1.126e+15"  # 2^50 = 1125899906842624
    explodes = t("gradients.scalar.regime_explodes", lang).split("[", 1)[1].rstrip("]")
    assert page.get_by_text(explodes).first.is_visible()

    # Real BPTT: the exploding preset (ReLU, scale 2) shows a spectral radius near 2.
    page.get_by_role("button", name=t("gradients.bptt.preset_explode", lang)).click()
    harness.settle(page)
    radius = "(bán kính phổ)" if lang == "vi" else "(spectral radius)"
    caption = page.get_by_text(radius).first.inner_text()
    rho = float(caption.split("ρ(W_hh) =")[1].split("(")[0].strip())
    assert 1.5 < rho < 2.5, caption
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert harness.exceptions_on(page) == []
    assert other_language(harness.main_text(page), lang) == []
    harness.screenshot(page, f"gradients_{lang}")


def test_text_typed_into_a_number_field_is_refused_quietly(page, base_url, dialogs):
    harness.open_in(page, base_url, "gradients", "vi", "gradients.title")
    title = page.title()
    w = page.get_by_label(t("gradients.scalar.w", "vi"))
    assert w.get_attribute("type") == "number"  # the browser itself keeps letters out
    for payload in ("<script>alert(1)</script>", '"><svg onload=alert(1)>', "1e999"):
        w.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(payload)
        page.keyboard.press("Enter")
        harness.settle(page)
        assert harness.exceptions_on(page) == []
    assert dialogs == [] and page.title() == title
    # The page still draws: a chart and its metrics, or a message next to the field.
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_out_of_range_hidden_size_says_its_limits(page, base_url, lang):
    """Issue 11: typing H = 256 used to leave a red border and nothing else."""
    harness.open_in(page, base_url, "gradients", lang, "gradients.title")
    h = page.get_by_label(t("gradients.bptt.hidden", lang, max=128))
    h.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("256")
    page.keyboard.press("Enter")
    harness.settle(page)
    field = t("gradients.field.hidden_size", lang)
    want = t("error.gradients_out_of_range", lang, field=field, lo=1, hi=128, got=256)
    assert page.get_by_text(want).first.is_visible()
    assert harness.exceptions_on(page) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(page, base_url, lang):
    """390 x 844: no chart title or axis title cut off, nothing scrolls sideways, no toolbar."""
    harness.open_in(page, base_url, "gradients", lang, "gradients.title")
    page.get_by_role("button", name=t("gradients.bptt.preset_overflow", lang)).click()
    harness.settle(page)  # the widest labels: overflow and vanished marks on both charts
    assert harness.assert_fits_phone(page, f"gradients_phone_{lang}")["charts"] == 2
