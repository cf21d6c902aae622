"""PyTorch beside every number: the text of a short script that recomputes what a page shows.

One module per domain, plain functions of the page's inputs or core's trace -> str. The
site never runs nor imports torch: a snippet is text for st.code. tests/ui/snippets/ runs
each one under torch and compares what it prints with what the page shows.
"""
