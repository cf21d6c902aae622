"""The "from RNN to LSTM" page's words, in both languages (keys: "rnn_to_lstm.<name>")."""

KEPT: frozenset[str] = frozenset()

STRINGS: dict[str, dict[str, str]] = {
    "nav.rnn_to_lstm": {"vi": "Từ RNN đến LSTM", "en": "From RNN to LSTM"},
}
