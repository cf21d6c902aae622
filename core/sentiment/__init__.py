"""Sentiment inference with onnxruntime + NumPy only (this package never imports torch).

The modules, one idea each:
- files: where the model's files are; ModelUnavailable (codes model_missing, model_broken);
- weights: the one reader of sentiment.onnx's weights (SentimentWeights);
- model: SentimentModel behind one onnxruntime session, and load_model;
- analysis: what it answers (Result per review, Analysis of one review);
- influence, phrases: leave-one-out and the phrase bag in NumPy;
- text, vocab: cleaning, tokens, language; classify: files of reviews in and out.
"""

from core.sentiment.analysis import VIETNAMESE, Analysis, Result, label_of, status_of
from core.sentiment.files import FILES, MODELS_DIR, REBUILD, ModelUnavailable
from core.sentiment.model import BATCH_TOKENS, CHUNK, SentimentModel, load_model

__all__ = [
    "BATCH_TOKENS",
    "CHUNK",
    "FILES",
    "MODELS_DIR",
    "REBUILD",
    "VIETNAMESE",
    "Analysis",
    "ModelUnavailable",
    "Result",
    "SentimentModel",
    "label_of",
    "load_model",
    "status_of",
]
