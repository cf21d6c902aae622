"""The LSTM language model (slide 6 with an RNN): embedding -> LSTM -> FC head on every h_t."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class LMConfig:
    vocab_size: int = 4000  # syllables kept (4 specials + the most frequent), the rest <unk>
    embed_dim: int = 64  # D: size of each syllable's vector
    hidden_size: int = 128  # H: size of h_t and c_t
    dropout: float = 0.2  # on the embeddings and on h_t, during training only


class LSTMLM(nn.Module):
    """P(next syllable | prefix) after every position: (B, T) ids -> (B, T, V) log-probs."""

    def __init__(self, cfg: LMConfig):
        super().__init__()
        self.cfg = cfg
        self.embedding = nn.Embedding(cfg.vocab_size, cfg.embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(cfg.embed_dim, cfg.hidden_size, batch_first=True)
        self.drop = nn.Dropout(cfg.dropout)
        self.head = nn.Linear(cfg.hidden_size, cfg.vocab_size)  # the FC layer of slide 18

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.drop(self.embedding(ids))  # (B, T, D)
        h, _ = self.lstm(x)  # (B, T, H): one hidden state per position
        return torch.log_softmax(self.head(self.drop(h)), dim=-1)  # (B, T, V)
