"""The gradient explorer's presentation: words, Plotly figures and tables from core's results."""
