"""Sentiment inference with onnxruntime + NumPy only (this package never imports torch).

The modules, one idea each:
- files: where the models' files are (MODEL_NAMES: bag, rnn, lstm); ModelUnavailable
  (codes model_missing, model_broken);
- weights: the one reader of a model.onnx's weights (BagWeights, RNNWeights, LSTMWeights);
- model: SentimentModel behind one onnxruntime session, and load_model(name=...);
- analysis: what it answers (Result per review, Analysis of one review);
- influence: exact leave-one-out in NumPy for each model;
- inside: each model's inside view of one review (LSTMInside, RNNInside, BagInside);
- review: the page's one call per review (ReviewTrace), and the side-by-side verdicts;
- zoo: the three models side by side; card: a model's card;
- text, vocab, language: cleaning, tokens, language; classify, bulk: files of reviews.
"""

from core.sentiment.analysis import VIETNAMESE, Analysis, Result, label_of, status_of
from core.sentiment.files import (
    DEFAULT_MODEL,
    FILES,
    MODEL_NAMES,
    MODELS_DIR,
    REBUILD,
    ModelUnavailable,
    model_files,
)
from core.sentiment.model import BATCH_TOKENS, CHUNK, SentimentModel, load_model

__all__ = [
    "BATCH_TOKENS",
    "CHUNK",
    "DEFAULT_MODEL",
    "FILES",
    "MODEL_NAMES",
    "MODELS_DIR",
    "REBUILD",
    "VIETNAMESE",
    "Analysis",
    "ModelUnavailable",
    "Result",
    "SentimentModel",
    "label_of",
    "load_model",
    "model_files",
    "status_of",
]
