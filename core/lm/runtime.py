"""The shipped LSTM language model, run by onnxruntime: next-word distributions, continuations.

models/lm/ holds lm.onnx ((B, T) ids -> (B, T, V) log-probs), vocab.json and
metadata.json, written by `python -m core.training.lm`. The site never imports torch.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import CoreError
from core.lm.sampling import reshape
from core.lm.tokens import BOS, EOS, PAD, UNK, Vocab

MAX_PREFIX = 200  # tokens read before the next word: enough context, bounded work per keystroke


@dataclass(frozen=True)
class Continuation:
    prompt: tuple[str, ...]  # the prompt's tokens as the model read them
    words: tuple[str, ...]  # the generated syllables (</s> ends early)
    probs: tuple[float, ...]  # the probability each drawn word had under the reshaped distribution
    # Whether </s> was drawn, and at that step its probability under the model (end_p) and
    # after temperature and top-k (end_q): top-k keeps only the likeliest words, </s> is
    # often one of them, and renormalising over so few words multiplies its share.
    ended: bool = False
    end_p: float = math.nan
    end_q: float = math.nan


class OnnxLM:
    """lm.onnx with its vocabulary and model card."""

    def __init__(self, folder: Path | str):
        folder = Path(folder)
        try:
            import onnxruntime as ort

            self.metadata = json.loads((folder / "metadata.json").read_text("utf-8"))
            self.vocab = Vocab.load(folder / "vocab.json")
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1  # tiny graphs; the machine's cores are shared
            opts.inter_op_num_threads = 1
            self.session = ort.InferenceSession(
                str(folder / "lm.onnx"), opts, providers=["CPUExecutionProvider"]
            )
        except CoreError:
            raise
        except Exception as exc:  # missing, truncated or foreign files all mean the same
            raise CoreError("lm_model_unavailable", f"cannot load the LM: {exc}") from exc
        V = self.session.get_outputs()[0].shape[-1]
        if isinstance(V, int) and len(self.vocab) != V:
            raise CoreError("lm_model_unavailable", "lm.onnx and vocab.json disagree")
        self.banned = [self.vocab.id(w) for w in (PAD, BOS, UNK)]  # never written out

    def log_probs(self, ids: np.ndarray) -> np.ndarray:
        """(B, T) int64 ids -> (B, T, V) float32 ln P(next | prefix up to t)."""
        return self.session.run(None, {"ids": np.asarray(ids, dtype=np.int64)})[0]

    def encode(self, words: list[str]) -> list[int]:
        """<s> then the words' ids (the last MAX_PREFIX of them)."""
        return [self.vocab.id(BOS)] + self.vocab.encode(words[-MAX_PREFIX:])

    def next_distribution(self, words: list[str]) -> np.ndarray:
        """P(next | <s> words) over the vocabulary, float64 (V,), sums to 1."""
        lp = self.log_probs(np.array([self.encode(words)]))[0, -1].astype(np.float64)
        p = np.exp(lp - lp.max())
        return p / p.sum()

    def top_next(self, words: list[str], k: int = 10) -> list[tuple[str, float]]:
        """The k likeliest next syllables with their probabilities."""
        p = self.next_distribution(words)
        best = np.argsort(-p, kind="stable")[:k]
        return [(self.vocab.itos[i], float(p[i])) for i in best]

    def generate(
        self,
        words: list[str],
        length: int,
        temperature: float,
        top_k: int,
        seed: int,
        allow_end: bool = True,
    ) -> Continuation:
        """Up to length syllables drawn one at a time; the same seed writes the same text.

        Drawing </s> ends the text. With allow_end=False </s> is never drawn (banned like
        <pad>), so the text always runs to length: the model's words, minus its wish to stop.
        """
        rng = np.random.default_rng(seed)
        ctx, out, probs = list(words), [], []
        eos = self.vocab.id(EOS)
        banned = self.banned if allow_end else [*self.banned, eos]
        for _ in range(length):
            p = self.next_distribution(ctx)
            q = reshape(p, temperature, top_k, banned)
            i = int(rng.choice(len(q), p=q))
            if i == eos:
                return Continuation(
                    tuple(words), tuple(out), tuple(probs), True, float(p[eos]), float(q[eos])
                )
            out.append(self.vocab.itos[i])
            probs.append(float(q[i]))
            ctx.append(self.vocab.itos[i])
        return Continuation(tuple(words), tuple(out), tuple(probs))
