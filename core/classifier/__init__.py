"""Train it yourself (slide 27): a bag, an RNN or an LSTM trained live on NTC-SCV in NumPy.

- config: TrainConfig (frozen: the same config is the same run), LIMITS, validate;
- data: the shipped subset of reviews (models/train_subset/), a typed review as ids;
- models: the three classifiers' forward passes and gradients (held to torch autograd);
- train: the run as a generator of Points, ending with the trained Classifier.
"""

from core.classifier.config import KINDS, LIMITS, TrainConfig, validate
from core.classifier.train import Classifier, Point, record, run, steps_per_epoch

__all__ = [
    "KINDS",
    "LIMITS",
    "Classifier",
    "Point",
    "TrainConfig",
    "record",
    "run",
    "steps_per_epoch",
    "validate",
]
