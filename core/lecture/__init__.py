"""The lecture's small demonstrations as numbers: bag or sequence, σ and tanh, LSTM built up."""
