"""The sentiment LSTM (slide 25, made stronger): Embedding -> LSTM -> pooled prefix -> P(+).

Training and export only: inference runs the exported ONNX graph (core/sentiment/),
so nothing on the app's path imports this module or torch.

One unidirectional LSTM layer, so the state after token t has read tokens 1..t only.
The classifier sees, at every t, h_t plus two poolings of h_1..h_t (a running mean
and a running attention average, both cumulative sums), so "P(positive) after token
t" is a real output of the graph, and right-padding never changes a shorter review's
answer: the verdict of a review of length L is simply the prefix output at L.

Beside the LSTM sits a bag of phrases: every n-gram of 1..ngram_order syllables
("không ngon", "phục vụ chậm") is hashed to one of ngram_buckets learned weights, and
the running mean of the weights of the phrases read so far is added to the logit. The
LSTM reads order and negation across a whole review; the bag remembers thousands of
short phrases verbatim, which a 128-number state cannot, and together they beat either
alone on validation (the model card has the figures). The hashing runs inside the
graph on the token ids, so the ONNX model still takes ids alone. core/training/train.py
teaches each part to judge alone, then core/training/selection.py folds the bag's weight
and a calibrating temperature, both chosen on validation, into the weights: the graph
simply adds the two logits.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int = 20_000  # rows of the embedding table, <pad> and <unk> included
    embed_dim: int = 128  # D: size of a token's vector
    hidden_size: int = 128  # H: size of h_t and c_t, one LSTM layer
    dropout: float = 0.4  # on the embeddings and on the classifier's input, training only
    max_len: int = 400  # tokens read per review; later ones are ignored (train and inference)
    ngram_order: int = 3  # phrases of 1..ngram_order tokens vote in the bag; 0 = no bag
    ngram_buckets: int = 1_048_573  # rows of the bag's hashed weight table (a prime)

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
        if cfg.ngram_order:
            if cfg.vocab_size**cfg.ngram_order >= 2**63:
                raise ValueError("vocab_size ** ngram_order must fit in int64 n-gram keys")
            self.ngram = nn.Embedding(cfg.ngram_buckets, 1)  # one vote per hashed phrase
            nn.init.zeros_(self.ngram.weight)  # a phrase never trained on votes nothing

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        lstm_logits, vote, h = self.parts(ids)
        return lstm_logits + vote, h  # (B, T), (B, T, H)

    def parts(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """The LSTM's logit (B, T), the phrase bag's vote (B, T; zeros without a bag), h."""
        x = self.drop(self.embedding(ids))  # (B, T, D)
        h, _ = self.lstm(x)  # (B, T, H)
        T = ids.shape[1]
        steps = torch.arange(1, T + 1, dtype=h.dtype, device=h.device).view(1, -1, 1)
        mean = torch.cumsum(h, dim=1) / steps  # (B, T, H) running mean of h_1..h_t
        # Scores are bounded (|h| < 1) but clamped anyway so exp never overflows.
        a = torch.exp(self.w_att(h).clamp(-30.0, 30.0))  # (B, T, 1)
        att = torch.cumsum(a * h, dim=1) / torch.cumsum(a, dim=1)  # (B, T, H)
        feats = self.drop(torch.cat([h, mean, att], dim=-1))  # (B, T, 3H)
        lstm_logits = self.head(feats).squeeze(-1)  # (B, T)
        vote = self.phrase_vote(ids) if self.cfg.ngram_order else torch.zeros_like(lstm_logits)
        return lstm_logits, vote, h

    def phrase_vote(self, ids: torch.Tensor) -> torch.Tensor:
        """Mean weight of the n-grams ending at or before t, for every t: (B, T).

        The n-gram ending at t has key (..((w_{t-n+1} V + ..) V + w_t); key mod buckets
        picks its weight. An n-gram that holds <pad> or <unk> casts no vote, so word
        dropout in training and unknown words at inference silence their phrases.
        """
        V, n_buckets = self.cfg.vocab_size, self.cfg.ngram_buckets
        known = (ids > 1).to(torch.float32)  # (B, T)
        key, ok = ids, known
        total = torch.zeros_like(known)
        count = torch.zeros_like(known)
        for n in range(1, self.cfg.ngram_order + 1):
            if n > 1:  # extend the (n-1)-gram that ended at t-1 by token t
                key = F.pad(key[:, :-1], (1, 0)) * V + ids
                ok = F.pad(ok[:, :-1], (1, 0)) * known
            total = total + self.ngram(key % n_buckets).squeeze(-1) * ok
            count = count + ok
        return torch.cumsum(total, dim=1) / torch.cumsum(count, dim=1).clamp(min=1.0)


class ExportWrapper(nn.Module):
    """What the ONNX graph computes: P(positive) per prefix (B, T), and h (B, T, H)."""

    def __init__(self, model: SentimentLSTM):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits, h = self.model(ids)
        return torch.sigmoid(logits), h
