"""The calculator in a browser: the slide presets and a weight edit in each language, text typed
into its tables, and the page at a phone's width (390 x 844)."""

from __future__ import annotations

import math
from urllib.parse import quote

import pytest

from tests.e2e import harness
from tests.e2e.snippets import open_snippet
from ui.i18n import LANGS, t

ROW_PX = 35  # the data editor's row (and header) height in Streamlit 1.67


W_X = t("calculator.field_W_x", "vi")  # the tables' headings on the page
W_H = t("calculator.field_W_h", "vi")


def editor(page, heading: str):
    """The data editor right below the heading that names it."""
    label = page.get_by_text(heading).first
    return label.locator("xpath=following::*[@data-testid='stDataFrame'][1]")


def grid_texts(page, heading: str) -> list[str]:
    """What the grid holds, read from its accessible table (the canvas has no text)."""
    return editor(page, heading).locator("table[role=grid] td").all_text_contents()


def edit_cell(page, heading: str, row: int, text: str, attempts: int = 3) -> None:
    """Type text into the first column, data row `row` (0-based), of the named table."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(attempts):
        try:  # a rerun may replace the grid under the mouse: then try again
            page.keyboard.press("Escape")  # nothing half-edited from a missed attempt
            harness.settle(page)
            ed = editor(page, heading)
            ed.scroll_into_view_if_needed()
            box = ed.bounding_box()
            # The grid is a canvas: double-click the cell by position to open its editor
            # (typing '-' into a merely selected cell would not open it), replace its text.
            x = box["x"] + box["width"] * 0.6
            page.mouse.dblclick(x, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
            page.wait_for_timeout(300)
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(text)
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")
            # Done when the grid holds it (column 0 of the accessible table: row labels).
            for _ in range(40):
                if grid_texts(page, heading)[1::2][row : row + 1] == [text]:
                    harness.settle(page)
                    return
                page.wait_for_timeout(250)
        except PlaywrightError:
            continue
    raise AssertionError(f"could not type {text!r} into {heading} row {row}")


def open_custom(page, base_url, lang="vi"):
    harness.open_in(page, base_url, "calculator", lang, "calculator.title")
    page.get_by_text(t("calculator.mode_custom", lang), exact=True).click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    harness.settle(page)


@pytest.mark.parametrize("lang", LANGS)
def test_slide_presets(page, base_url, lang):
    harness.open_page(page, base_url, f"calculator?lang={lang}", "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95")
    # Slides 43-50: the four gates, and h_t with the erratum of slides 49 and 50.
    for line in ("1.65×1 + 0.62 + 2×1 + 0 = 4.27", "-0.19×1 + 0 + 4.38×1 + 0.59 = 4.78"):
        assert page.get_by_text(line, exact=True).first.is_visible()
    assert harness.metric_value(page, t("calculator.metric_h_slide", lang)) == "0.986"
    erratum = t("calculator.erratum", lang, wrong="", right="", exact="", printed="").split(":")[0]
    assert page.get_by_text(erratum.strip("* ")).first.is_visible()
    assert page.get_by_text(t("calculator.title", lang)).first.is_visible()
    harness.screenshot(page, f"calculator_lstm_slide_{lang}")
    code = open_snippet(page, lang)  # the same numbers in PyTorch, weights copied in
    assert "nn.LSTM(input_size=1, hidden_size=1" in code and "[1.65]" in code

    page.get_by_text(t("calculator.mode_rnn_slide", lang), exact=True).click()
    page.locator('[data-testid="stMetric"]').filter(has_text="h3").first.wait_for()
    harness.settle(page)
    # Slides 11-13: h1 = [2, 3], h2 = [4, 6], h3 = [5, 8].
    h = [harness.metric_value(page, f"h{k}") for k in (1, 2, 3)]
    assert h == ["[2, 3]", "[4, 6]", "[5, 8]"]
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"calculator_rnn_slide_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_a_weight_edit_recomputes_the_cell(page, base_url, lang):
    W_X = t("calculator.field_W_x", lang)
    open_custom(page, base_url, lang)
    edit_cell(page, W_X, row=3, text="-5")  # W_x of the output gate: -0.19 -> -5
    page.get_by_text("-5×1 + 0 + 4.38×1 + 0.59 = -0.03", exact=True).first.wait_for()
    harness.settle(page)

    # Independent reference: the slide's scalar LSTM step by hand, with W_xo = -5.
    def sig(z):
        return 1 / (1 + math.exp(-z))

    f, i, g = sig(1.63 + 2.7 + 1.62), sig(1.65 + 0.62 + 2), math.tanh(0.94 - 0.32 + 1.41)
    o = sig(-5 + 4.38 + 0.59)
    c = f * 2 + i * g
    h = o * math.tanh(c)
    # Shown at 3 decimals, trailing zeros dropped as on the slides (0.49, was 0.986).
    assert float(harness.metric_value(page, "h_1")) == round(h, 3)
    assert float(harness.metric_value(page, "c_1")) == round(c, 3)
    assert grid_texts(page, W_X)[-1] == "-5"
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"calculator_custom_edit_{lang}")


def test_html_and_markdown_typed_into_table_cells_stay_text(
    page, base_url, dialogs, outside_requests
):
    open_custom(page, base_url)
    title = page.title()
    for row, payload in enumerate(harness.PAYLOADS[:4]):
        edit_cell(page, W_X, row=row, text=payload)  # the four rows of W_x
    edit_cell(page, W_H, row=0, text=harness.PAYLOADS[4])  # and one of W_h
    errors_shown = page.get_by_text(t("calculator.errors_count", "vi", n=5)).first
    errors_shown.wait_for(timeout=harness.TIMEOUT_MS)
    harness.settle(page)

    assert dialogs == [] and outside_requests == []
    assert page.title() == title
    # The grid holds exactly what was typed.
    assert grid_texts(page, W_X)[1::2] == harness.PAYLOADS[:4]
    assert grid_texts(page, W_H)[1] == harness.PAYLOADS[4]
    # Each message quotes the cell's text literally (the page cuts it at 20 characters).
    errors = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    errors = errors.replace("\u200b", "")  # Streamlit breaks 'http:' with a zero-width space
    for payload in harness.PAYLOADS:
        assert f"'{payload[:20]}…'" in errors
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("script, svg[onload], img[src='x'], a[href^='javascript']").count() == 0
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, "calculator_injection")


def test_a_share_link_with_markdown_loads_nothing_and_shows_it_literally(
    page, base_url, dialogs, outside_requests
):
    # 19 numbers for an LSTM with I = H = T = 1, the first one a Markdown image.
    code = "L111_" + "![](http://x/a.png)" + "_0" * 18
    harness.open_page(page, base_url, f"calculator?w={quote(code)}", "Không đọc được liên kết")
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="Không đọc được liên kết")
    assert "số thứ 1 trong mã" in warning.inner_text()
    assert "'![](http://x/a.png)'" in warning.inner_text().replace("\u200b", "")
    assert outside_requests == [] and dialogs == []
    assert warning.locator("img, a").count() == 0
    # It falls back to the slide example.
    assert page.get_by_text("1.63×1 + 0 + 2.7×1 + 1.62 = 5.95").first.is_visible()


# ------------------------------------------------------------------ phone width

# The site's phone check is harness.assert_fits_phone; the calculator adds its tables and diagrams.
TABLES_AND_DIAGRAMS_JS = """() => {
    const out = {wide: [], diagram_px: []};
    // Tables that would scroll sideways inside themselves.
    for (const el of document.querySelectorAll('[data-testid="stTable"]')) {
        if (el.scrollWidth > el.clientWidth + 1) out.wide.push(el.textContent.slice(0, 40));
    }
    // How high the cell diagram's letters are on screen.
    for (const t of document.querySelectorAll('[data-testid="stGraphVizChart"] svg text')) {
        out.diagram_px.push(t.getBoundingClientRect().height);
    }
    return out;
}"""


def check_phone_layout(page, name: str) -> dict:
    """The site's phone check (screenshot NAME), no table scrolls sideways inside itself, and
    the diagram's text is legible."""
    harness.assert_fits_phone(page, name)
    got = page.evaluate(TABLES_AND_DIAGRAMS_JS)
    assert got["wide"] == [], got
    assert got["diagram_px"], "no cell diagram on the page"
    # 4 px before; 9 px is small print on a phone, still readable.
    assert min(got["diagram_px"]) >= 9, sorted(got["diagram_px"])[:5]
    return got


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_reads_at_phone_width(page, base_url, lang):
    page.set_viewport_size(harness.PHONE)
    harness.open_page(page, base_url, f"calculator?lang={lang}", "1.63×1 + 0 + 2.7×1 + 1.62 = 5.95")
    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for()
    check_phone_layout(page, f"calculator_phone_lstm_{lang}")
    page.get_by_text(t("calculator.mode_custom", lang), exact=True).click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    harness.settle(page)
    check_phone_layout(page, f"calculator_phone_custom_{lang}")
    # The toolbar a table shows on hover sits between its heading and the table, not on
    # the heading (it covered it before).
    heading = page.get_by_text(t("calculator.field_W_x", lang), exact=True).first
    table = editor(page, t("calculator.field_W_x", lang))
    table.scroll_into_view_if_needed()
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').filter(visible=True).first
    toolbar.wait_for()
    head, bar = heading.bounding_box(), toolbar.bounding_box()
    apart_x = head["x"] + head["width"] <= bar["x"] or bar["x"] + bar["width"] <= head["x"]
    apart_y = head["y"] + head["height"] <= bar["y"] + 1 or bar["y"] + bar["height"] <= head["y"]
    assert apart_x or apart_y, (head, bar)
    harness.screenshot(page, f"calculator_phone_custom_toolbar_{lang}")
    assert harness.exceptions_on(page) == []


# ------------------------------------------------------ the loss (slides 15-17)


def open_rnn_slide(page, base_url, lang):
    """The RNN slide example, down to its loss (the default head: L = 1.363 for class 1)."""
    harness.open_in(page, base_url, "calculator", lang, "calculator.title")
    page.get_by_text(t("calculator.mode_rnn_slide", lang), exact=True).click()
    page.locator('[data-testid="stMetric"]').filter(has_text="L = −log p_1").first.wait_for()
    harness.settle(page)


def _torch_free_loss(z, y):
    """-log softmax(z)_y by hand, log-sum-exp (the core is checked against torch elsewhere)."""
    m = max(z)
    return m + math.log(sum(math.exp(v - m) for v in z)) - z[y]


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_another_class_changes_the_loss(page, base_url, lang):
    open_rnn_slide(page, base_url, lang)
    z = [-1.0, -0.1, -1.8]  # the default head on h_3 = [5, 8]
    assert page.get_by_text("z_1 = 0.3×5 - 0.3×8 - 0.1 = -1", exact=True).first.is_visible()
    assert harness.metric_value(page, "L = −log p_1") == f"{_torch_free_loss(z, 0):.3f}" == "1.363"
    target = page.get_by_role("radiogroup", name=t("calculator.loss_target", lang))
    target.get_by_text(t("calculator.loss_class", lang, k=3), exact=True).click()
    page.locator('[data-testid="stMetric"]').filter(has_text="L = −log p_3").first.wait_for()
    harness.settle(page)
    assert harness.metric_value(page, "L = −log p_3") == f"{_torch_free_loss(z, 2):.3f}" == "2.163"
    assert page.get_by_text("L = log Σ e^(z_j) − z_3 = 0.363 − (-1.8) = 2.163").first.is_visible()
    # The link now holds the chosen class: ~33_ (3 classes, class 3).
    assert "~33_" in page.url
    assert harness.exceptions_on(page) == []
    harness.screenshot(page, f"calculator_loss_{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_loss_section_reads_at_phone_width(page, base_url, lang):
    page.set_viewport_size(harness.PHONE)
    open_rnn_slide(page, base_url, lang)
    page.locator('[data-testid="stGraphVizChart"] svg').nth(1).wait_for()
    got = check_phone_layout(page, f"calculator_phone_loss_{lang}")
    assert len(got["diagram_px"]) > 20  # the cell's diagram and the unrolled one
    assert harness.exceptions_on(page) == []
