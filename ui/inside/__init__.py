"""The "Inside the LSTM" page's figures, markup, tables and widgets."""
