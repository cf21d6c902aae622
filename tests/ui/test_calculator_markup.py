"""The calculator's large formulas: escaped, sized as the headings they replaced, not headings."""

from ui.calculator.markup import SIZES, formula_html


def test_a_formula_is_a_paragraph_at_a_headings_size_with_everything_escaped():
    out = formula_html("<b>1</b> & 2", name='h_"1"')
    assert out.startswith(f'<p style="font-size:{SIZES[4]};')
    assert "<h" not in out  # not a heading: the page's outline is its titles
    assert "h_&quot;1&quot; = <code>&lt;b&gt;1&lt;/b&gt; &amp; 2</code>" in out
    assert f"font-size:{SIZES[5]}" in formula_html("σ(5.95) = 0.997", 5)
