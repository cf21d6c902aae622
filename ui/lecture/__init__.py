"""Presentation of the lecture pages (bag or sequence, RNN to LSTM): figures, tables, markup."""
