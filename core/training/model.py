"""The lecture's three sentiment models, side by side: bag (slide 8), rnn (slide 25), lstm.

Training and export only: inference runs the exported ONNX graphs (core/sentiment/),
so nothing on the app's path imports this module or torch.

Every model maps ids (B, T) to the logit of P(positive) after each prefix (B, T), so
"P(positive) after token t" is a real output of each graph, and right-padding never
changes a shorter review's answer: the verdict of a review of length L is the prefix
output at L.
- bag: slide 8's EmbeddingBag (mean of the tokens' vectors) -> Linear. Word order is
  invisible to it: the lesson of slides 7-9. Its prefix output is the running mean.
- rnn: slide 25's Embedding -> RNN (tanh) -> last hidden state h_t -> Linear.
- lstm: the same form with an LSTM; the classifier reads at every t h_t plus two
  poolings of the LSTM's own states h_1..h_t (a running mean and a running attention
  average, cumulative sums), still one unidirectional LSTM and nothing beside it.
The lstm may first learn to predict the next token (LanguageModelHead) on the
training reviews, then be fine-tuned as the classifier (core/training/train.py).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

KINDS = ("bag", "rnn", "lstm")


@dataclass
class ModelConfig:
    kind: str = "lstm"  # which of KINDS: bag (slide 8), rnn (slide 25), lstm
    vocab_size: int = 20_000  # rows of the embedding table, <pad> and <unk> included
    embed_dim: int = 128  # D: size of a token's vector
    hidden_size: int = 128  # H: size of h_t (and c_t), one recurrent layer; unused by bag
    dropout: float = 0.4  # on the embeddings and on the classifier's input, training only
    max_len: int = 400  # tokens read per review; later ones are ignored (train and inference)

    def to_dict(self) -> dict:
        return asdict(self)


# The shipped size of each model: the bag is a linear model of syllables and needs
# little width; the RNN and LSTM share the embedding size so their comparison is fair.
DEFAULTS = {
    "bag": {"embed_dim": 64, "hidden_size": 0, "dropout": 0.2},
    "rnn": {"embed_dim": 128, "hidden_size": 128, "dropout": 0.3},
    "lstm": {"embed_dim": 128, "hidden_size": 128, "dropout": 0.4},
}


def default_config(kind: str, **overrides) -> ModelConfig:
    """The shipped configuration of one model, with overrides."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    cfg = ModelConfig(kind=kind, **{**DEFAULTS[kind], **overrides})
    if kind == "bag":
        cfg.hidden_size = 0  # the bag has no recurrent state, whatever a shared flag says
    return cfg


class LengthTemperature(nn.Module):
    """Calibration by length: the logit after t tokens is divided by T(t) = a + b * t**e.

    A few tokens settle little, yet a model trained on whole reviews answers them as
    surely as a whole review (one strong word pins the bag's mean). a, b and e are fitted
    on validation (core/training/selection.py), never trained; the identity is a=1, b=0.
    T(t) > 0 keeps every logit's sign, so no verdict changes, only how sure it is."""

    def __init__(self):
        super().__init__()
        # (1,)-shaped buffers: the exporter keeps them as named initializers
        # (model.calib.a, .b, .e), which core.sentiment.weights reads back.
        self.register_buffer("a", torch.ones(1))
        self.register_buffer("b", torch.zeros(1))
        self.register_buffer("e", torch.full((1,), -0.5))

    def temperature(self, T: int, like: torch.Tensor) -> torch.Tensor:
        """T(1..T) as (1, T)."""
        t = _steps(T, like).view(1, -1)
        return self.a + self.b * torch.pow(t, self.e)

    def forward(self, logits: torch.Tensor) -> torch.Tensor:
        """Calibrated logits (B, T) of the raw prefix logits (B, T)."""
        return logits / self.temperature(logits.shape[1], logits)


def _steps(T: int, like: torch.Tensor) -> torch.Tensor:
    """1..T as (1, T, 1), the running mean's divisors."""
    return torch.arange(1, T + 1, dtype=like.dtype, device=like.device).view(1, -1, 1)


class BagClassifier(nn.Module):
    """Slide 8: EmbeddingBag (mean) -> Linear. Prefix t reads the mean of tokens 1..t."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.bag = nn.EmbeddingBag(cfg.vocab_size, cfg.embed_dim, mode="mean", padding_idx=0)
        self.drop = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cfg.embed_dim, 1)
        self.calib = LengthTemperature()  # applied by ExportWrapper, fitted after training

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, None]:
        """Logit after each prefix (B, T): the classifier on the running mean."""
        x = F.embedding(ids, self.bag.weight)  # (B, T, D): the bag's own table
        mean = torch.cumsum(x, dim=1) / _steps(ids.shape[1], x)  # (B, T, D)
        return self.head(self.drop(mean)).squeeze(-1), None

    def verdict(self, ids: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        """Logit of each whole review (B,), through nn.EmbeddingBag as slide 8 draws it."""
        keep = torch.arange(ids.shape[1]).view(1, -1) < lens.view(-1, 1)
        flat = ids[keep]  # the reviews' tokens back to back
        offsets = torch.cat([lens.new_zeros(1), torch.cumsum(lens, 0)[:-1]])
        return self.head(self.drop(self.bag(flat, offsets))).squeeze(-1)


class RNNClassifier(nn.Module):
    """Slide 25: Embedding -> RNN -> last hidden state -> Linear, at every prefix."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.embedding = nn.Embedding(cfg.vocab_size, cfg.embed_dim, padding_idx=0)
        self.rnn = nn.RNN(cfg.embed_dim, cfg.hidden_size, batch_first=True)  # tanh
        self.drop = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cfg.hidden_size, 1)
        self.calib = LengthTemperature()  # applied by ExportWrapper, fitted after training

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h, _ = self.rnn(self.drop(self.embedding(ids)))  # (B, T, H)
        return self.head(self.drop(h)).squeeze(-1), h

    def verdict(self, ids: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        return self(ids)[0][torch.arange(len(lens)), lens - 1]


class LSTMClassifier(nn.Module):
    """Embedding -> LSTM -> [h_t, running mean of h, running attention average of h] -> Linear."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        D, H = cfg.embed_dim, cfg.hidden_size
        self.embedding = nn.Embedding(cfg.vocab_size, D, padding_idx=0)
        self.lstm = nn.LSTM(D, H, num_layers=1, batch_first=True)
        self.drop = nn.Dropout(cfg.dropout)
        self.w_att = nn.Linear(H, 1)  # score of each h_s in the attention average
        self.head = nn.Linear(3 * H, 1)  # [h_t, mean_{s<=t} h_s, att_{s<=t} h_s] -> logit
        self.calib = LengthTemperature()  # applied by ExportWrapper, fitted after training

    def states(self, ids: torch.Tensor) -> torch.Tensor:
        """h_1..h_T (B, T, H)."""
        return self.lstm(self.drop(self.embedding(ids)))[0]

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.states(ids)  # (B, T, H)
        mean = torch.cumsum(h, dim=1) / _steps(ids.shape[1], h)  # (B, T, H)
        # Scores are bounded (|h| < 1) but clamped anyway so exp never overflows.
        a = torch.exp(self.w_att(h).clamp(-30.0, 30.0))  # (B, T, 1)
        att = torch.cumsum(a * h, dim=1) / torch.cumsum(a, dim=1)  # (B, T, H)
        feats = self.drop(torch.cat([h, mean, att], dim=-1))  # (B, T, 3H)
        return self.head(feats).squeeze(-1), h

    def verdict(self, ids: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        return self(ids)[0][torch.arange(len(lens)), lens - 1]


CLASSES = {"bag": BagClassifier, "rnn": RNNClassifier, "lstm": LSTMClassifier}


def build(cfg: ModelConfig) -> nn.Module:
    """A fresh model of cfg.kind."""
    return CLASSES[cfg.kind](cfg)


class LanguageModelHead(nn.Module):
    """Next-token prediction on the LSTM's states, for pretraining only (never shipped).

    An adaptive softmax: the frequent tokens get the full H-wide output, rarer ones a
    narrower one, so one pass over the training reviews costs minutes, not an hour."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        V = cfg.vocab_size
        cutoffs = [c for c in (2_000, 8_000) if c < V - 1] or [max(1, V // 2)]
        self.out = nn.AdaptiveLogSoftmaxWithLoss(cfg.hidden_size, V, cutoffs, div_value=4.0)
        self.drop = nn.Dropout(cfg.dropout)

    def loss(self, h: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Mean next-token loss over the non-pad targets; h (B, T, H), targets (B, T)."""
        keep = targets > 0
        return self.out(self.drop(h[keep]), targets[keep]).loss


class ExportWrapper(nn.Module):
    """What the ONNX graph computes: calibrated P(positive) per prefix (B, T), and h (B, T, H)."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor):
        logits, h = self.model(ids)
        p = torch.sigmoid(self.model.calib(logits))
        return p if h is None else (p, h)
