"""Language models (slides 3-6, 18-19): n-gram counts, an LSTM LM run by onnxruntime, the loss."""
