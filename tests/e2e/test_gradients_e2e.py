"""The gradient explorer in a browser: slide 28's presets and a real-BPTT control."""

from __future__ import annotations

import pytest

from tests.e2e.harness import exceptions_on, open_page, requires_chromium, screenshot, settle

pytestmark = [pytest.mark.e2e, requires_chromium]


def metric_value(page, label: str) -> str:
    """The big number of the st.metric whose label contains `label`."""
    m = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return m.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_scalar_presets_and_a_bptt_control(page, base_url):
    open_page(page, base_url, "gradients", "Gradient qua thời gian")
    # Default w = 0.5, n = 50: 0.5^50 = 8.88e-16 on the metric.
    assert metric_value(page, "|w|") == "0.5"
    assert metric_value(page, "input · w^50") == "8.88e-16"

    page.get_by_role("button", name="w = 2 · bùng nổ").click()
    settle(page)
    assert metric_value(page, "|w|") == "2"
    assert metric_value(page, "input · w^50") == "1.13e+15"  # 2^50 = 1.126e15
    assert page.get_by_text("bùng nổ · explodes").first.is_visible()

    # Real BPTT: the exploding preset (ReLU, scale 2) shows a spectral radius near 2.
    page.get_by_role("button", name="Bùng nổ · exploding (ReLU, scale 2)").click()
    settle(page)
    caption = page.get_by_text("(bán kính phổ · spectral radius)").first.inner_text()
    rho = float(caption.split("ρ(W_hh) =")[1].split("(")[0].strip())
    assert 1.5 < rho < 2.5, caption
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    assert exceptions_on(page) == []
    screenshot(page, "gradients")


def test_text_typed_into_a_number_field_is_refused_quietly(page, base_url, dialogs):
    open_page(page, base_url, "gradients", "Gradient qua thời gian")
    title = page.title()
    w = page.get_by_label("Hệ số mỗi bước w · per-step factor w")
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
