"""Sentiment inference with onnxruntime + NumPy only (this package never imports torch).

The modules, one idea each:
- files: where the models' files are (MODEL_NAMES: bag, rnn, lstm); ModelUnavailable
  (codes model_missing, model_broken);
- weights: the one reader of a model.onnx's weights (SentimentWeights, per model kind);
- model: SentimentModel behind one onnxruntime session, and load_model(name=...);
- analysis: what it answers (Result per review, Analysis of one review);
- influence: exact leave-one-out in NumPy for each model;
- text, vocab: cleaning, tokens, language; classify: files of reviews in and out.
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
