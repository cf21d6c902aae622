"""From RNN to LSTM in a browser: the curves, the matrix product, the stepper (its phone check is
test_site.py's)."""

from __future__ import annotations

import pytest

from tests.e2e import harness
from tests.e2e.snippets import open_snippet
from tests.support.lang import other_language
from ui.i18n import t

PATH = "rnn-to-lstm"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_step_from_the_rnn_to_the_lstm(page, base_url, lang):
    harness.open_in(page, base_url, PATH, lang, "rnn_to_lstm.title")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stPlotlyChart"]').count() == 2
    assert main.locator(".js-plotly-plot .shapelayer path").count() >= 4  # saturated zones
    assert harness.metric_value(page, "h_t") == "0.9661"  # slide 30: tanh(2.03)
    harness.screenshot(page, f"rnn_to_lstm_{lang}")
    nxt = page.get_by_role("button", name=t("rnn_to_lstm.next", lang))
    prev = page.get_by_role("button", name=t("rnn_to_lstm.prev", lang))
    assert prev.is_disabled() and nxt.is_enabled()  # slide 30: nothing before it
    seen = []
    for _ in range(6):
        nxt.click()
        harness.settle(page)
        seen.append(harness.metric_value(page, "h_t"))
    assert seen == ["0.9528", "0.9528", "2.9528", "2.9476", "0.9945", "0.9862"]
    assert nxt.is_disabled() and prev.is_enabled()  # slide 36, the last: next is off
    assert harness.metric_value(page, "c_t") == "2.9476"
    assert main.get_by_text("0.98623", exact=False).count() >= 1
    assert main.locator('[data-testid="stGraphVizChart"] svg').count() == 1
    prev.click()
    harness.settle(page)
    assert harness.metric_value(page, "h_t") == "0.9945" and nxt.is_enabled()
    assert other_language(harness.main_text(page), lang) == []
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"rnn_to_lstm_last_{lang}")
    assert "torch.sigmoid" in open_snippet(page, lang)  # slide 29's marks
    assert "A @ B" in open_snippet(page, lang, nth=1)  # slide 29's product


def test_a_bad_matrix_is_explained_and_a_good_one_worked(page, base_url, dialogs):
    harness.open_in(page, base_url, PATH, "en", "rnn_to_lstm.title")
    box = page.get_by_role("textbox", name=t("rnn_to_lstm.mat.A", "en"))
    harness.enter_text(box, "<script>alert(1)</script>")
    error = t("error.matrix_parse", "en", rows=2, cols=2)
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 1
    harness.enter_text(box, "1 0; 0 -1")
    assert page.get_by_text(error.split(":")[0], exact=False).count() == 0
    assert dialogs == [] and harness.exceptions_on(page) == []


# The boxes of the marks' labels (f, i, o on σ; g, c on tanh), chart by chart, whether
# drawn as a trace's text or as annotations.
_LABELS_JS = """(names) => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
    [...plot.querySelectorAll('text')]
        .filter(el => names.includes(el.textContent.trim()))
        .map(el => { const r = el.getBoundingClientRect();
                     return [el.textContent.trim(), r.left, r.top, r.right, r.bottom]; }))"""


def _overlaps(labels) -> list[tuple[str, str]]:
    out = []
    for k, (a, l1, t1, r1, b1) in enumerate(labels):
        for b, l2, t2, r2, b2 in labels[k + 1 :]:
            if l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1:
                out.append((a, b))
    return out


@pytest.mark.parametrize("width", [1400, 390])
def test_the_marks_labels_on_the_curves_do_not_overprint(page, base_url, width):
    """f, i and o sit close together near σ = 1 (z = 4.3-6): each label stays readable."""
    page.set_viewport_size({"width": width, "height": 900})
    harness.open_in(page, base_url, PATH, "vi", "rnn_to_lstm.title")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    sigma, tanh = page.evaluate(_LABELS_JS, ["f", "i", "o", "g", "c"])
    assert sorted(x[0] for x in sigma) == ["f", "i", "o"]
    assert sorted(x[0] for x in tanh) == ["c", "g"]
    assert _overlaps(sigma) == [] and _overlaps(tanh) == []
    harness.screenshot(page, f"rnn_to_lstm_marks_{width}")
