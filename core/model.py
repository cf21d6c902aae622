"""The sentiment LSTM (slide 25, made stronger): Embedding -> LSTM -> pooled prefix -> P(+).

Training and export only: inference runs the exported ONNX graph (core/sentiment.py),
so nothing on the app's path imports this module or torch.

One unidirectional LSTM layer, so the state after token t has read tokens 1..t only.
The classifier sees, at every t, h_t plus two poolings of h_1..h_t (a running mean
and a running attention average, both cumulative sums), so "P(positive) after token
t" is a real output of the graph, and right-padding never changes a shorter review's
answer: the verdict of a review of length L is simply the prefix output at L.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn


@dataclass
class ModelConfig:
    vocab_size: int = 20_000  # rows of the embedding table, <pad> and <unk> included
    embed_dim: int = 128  # D: size of a token's vector
    hidden_size: int = 128  # H: size of h_t and c_t, one LSTM layer
    dropout: float = 0.4  # on the embeddings and on the classifier's input, training only
    max_len: int = 400  # tokens read per review; later ones are ignored (train and inference)

    def to_dict(self) -> dict:
        return asdict(self)


class SentimentLSTM(nn.Module):
    """ids (B, T) -> logits of P(positive) after each prefix (B, T), and h (B, T, H)."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        D, H = cfg.embed_dim, cfg.hidden_size
        self.embedding = nn.Embedding(cfg.vocab_size, D, padding_idx=0)
        self.lstm = nn.LSTM(D, H, num_layers=1, batch_first=True)
        self.drop = nn.Dropout(cfg.dropout)
        self.w_att = nn.Linear(H, 1)  # score of each h_s in the attention average
        self.head = nn.Linear(3 * H, 1)  # [h_t, mean_{s<=t} h_s, att_{s<=t} h_s] -> logit

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.drop(self.embedding(ids))  # (B, T, D)
        h, _ = self.lstm(x)  # (B, T, H)
        T = ids.shape[1]
        steps = torch.arange(1, T + 1, dtype=h.dtype, device=h.device).view(1, -1, 1)
        mean = torch.cumsum(h, dim=1) / steps  # (B, T, H) running mean of h_1..h_t
        # Scores are bounded (|h| < 1) but clamped anyway so exp never overflows.
        a = torch.exp(self.w_att(h).clamp(-30.0, 30.0))  # (B, T, 1)
        att = torch.cumsum(a * h, dim=1) / torch.cumsum(a, dim=1)  # (B, T, H)
        feats = self.drop(torch.cat([h, mean, att], dim=-1))  # (B, T, 3H)
        return self.head(feats).squeeze(-1), h  # (B, T), (B, T, H)


class ExportWrapper(nn.Module):
    """What the ONNX graph computes: P(positive) per prefix (B, T), and h (B, T, H)."""

    def __init__(self, model: SentimentLSTM):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits, h = self.model(ids)
        return torch.sigmoid(logits), h
