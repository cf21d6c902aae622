"""The calculator's one piece of HTML: a formula drawn as large as a heading, not as one.

The slides' worked lines ("1.63×1 + 0 + 2.7×1 + 1.62 = 5.95") are what a class reads off the
projected page, so they are large; written as Markdown headings (####) they were also the
page's outline for a screen reader, seven formulas under a title with no level between them
(WCAG 1.3.1). A formula carries what a student typed (as numbers): every piece is escaped.
"""

from __future__ import annotations

import html

SIZES = {4: "1.5rem", 5: "1.25rem"}  # Streamlit's h4 and h5, which these lines were


def formula_html(code: str, level: int = 4, name: str = "") -> str:
    """code in a code span at heading `level`'s size, after "name = " when a name is given."""
    lead = f"{html.escape(name)} = " if name else ""
    return (
        f'<p style="font-size:{SIZES[level]};font-weight:600;margin:0 0 0.5rem">'
        f"{lead}<code>{html.escape(code)}</code></p>"
    )
