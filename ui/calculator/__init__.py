"""The calculator's presentation: slide-style lines, the cell diagram, table labels, words.

lines.py    numbers printed the way the slides write them ("σ(5.95) = 0.997")
diagram.py  the cell at one step as Graphviz DOT, each box with its live value
tables.py   the editors' and the checks' row and column labels, DataFrames
words.py    titles and error messages in the reader's language
state.py    the page's session-state callbacks (custom tables, modes, sizes)
view.py     the Streamlit drawing of one calculation
loss.py     slides 15-17: the head's lines, tables, words and the unrolled RNN as DOT
loss_view.py  the head's controls and its loss drawn with Streamlit
"""
