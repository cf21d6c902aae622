"""Sentiment inference with onnxruntime + NumPy only (this module never imports torch).

load_model() opens models/{sentiment.onnx, vocab.json, metadata.json} once; the
model then classifies reviews in length-sorted batches (little padding) and explains
single reviews: P(positive) after every token, each token's leave-one-out influence,
the hidden states, and the gate-by-gate trace of core.nn.cells run on the same weights.

Nothing is mutated after loading, and onnxruntime's run() is thread-safe, so one
model serves any number of threads.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.nn.cells import LSTMParams, LSTMStep, lstm_forward
from core.sentiment.influence import LSTMReadout, leave_one_out, lstm_logit, phrase_shares
from core.sentiment.text import (
    CleanStep,
    LanguageGuess,
    clean_steps,
    detect_language,
    detect_languages,
    preprocess,
    tokenize,
)
from core.sentiment.vocab import UNK, Vocab

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
FILES = ("sentiment.onnx", "vocab.json", "metadata.json")
REBUILD = "make train"  # the command that rebuilds the artifacts
VIETNAMESE = "vi"
BATCH_TOKENS = 16_384  # padded tokens per onnxruntime call in bulk classification
CHUNK = 1_024  # reviews per progress report (and per pipelined step)


def _shown(path: Path) -> str:
    """A model file's path as messages show it: relative to the project when inside it, so
    a hosted page never prints the server's folders."""
    try:
        return str(Path(path).resolve().relative_to(MODELS_DIR.parent))
    except ValueError:
        return str(path)


class ModelUnavailable(RuntimeError):
    """The model files are missing or unreadable; the message says which and how to fix."""


@dataclass(frozen=True)
class Analysis:
    text: str
    language: LanguageGuess
    steps: list[CleanStep]  # the 5 cleaning steps
    tokens: list[str]  # every token of the cleaned text
    ids: list[int]  # vocab ids of the tokens the model reads (<= max_len)
    unknown: list[bool]  # per read token: mapped to <unk>
    max_len: int  # tokens past this are not read
    truncated: bool
    label: str | None  # "positive" | "negative"; None when there are no tokens
    p_positive: float | None
    p_prefix: list[float]  # P(positive) after reading tokens 1..t, per read token
    influence: list[float]  # p_positive minus P(positive) with token t left out
    status: str  # "ok" | "empty" | "not_vietnamese"
    # The verdict's logit split in two: the LSTM's share and the phrase bag's vote
    # (None when nothing was classified; the bag's is 0.0 for a model without one).
    lstm_logit: float | None = None
    bag_vote: float | None = None
    # Every phrase that voted, once per distinct text: (phrase, times, summed share);
    # the shares add up to bag_vote exactly.
    phrases: list[tuple[str, int, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    text: str
    label: str | None  # "positive" | "negative"; None for an empty review
    p_positive: float | None
    language: str  # ISO 639-1 by langid; "" for an empty review
    status: str  # "ok" | "empty" | "not_vietnamese"


def label_of(p: float) -> str:
    return "positive" if p >= 0.5 else "negative"


def status_of(lang: LanguageGuess, n_tokens: int) -> str:
    if n_tokens == 0:
        return "empty"
    return "ok" if lang.lang == VIETNAMESE else "not_vietnamese"


def _onnx_lstm_params(path: Path) -> tuple[np.ndarray, LSTMParams]:
    """Embedding table and PyTorch-ordered LSTM weights read from the ONNX initializers."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    gather = next(n for n in graph.node if n.op_type == "Gather" and n.input[0] in init)
    lstm = next(n for n in graph.node if n.op_type == "LSTM")
    E = init[gather.input[0]].astype(np.float64)  # (V, D)
    W, R, B = (init[name][0].astype(np.float64) for name in lstm.input[1:4])
    H = R.shape[1]

    def to_ifgo(a: np.ndarray) -> np.ndarray:
        # ONNX packs gates (i, o, f, c); PyTorch and core.nn.cells use (i, f, g, o), g = c.
        i, o, f, c = (a[k * H : (k + 1) * H] for k in range(4))
        return np.concatenate([i, f, c, o], axis=0)

    params = LSTMParams(to_ifgo(W), to_ifgo(R), to_ifgo(B[: 4 * H]), to_ifgo(B[4 * H :]))
    return E, params


class SentimentModel:
    """The shipped sentiment LSTM behind one onnxruntime session."""

    def __init__(self, models_dir: Path):
        self.models_dir = Path(models_dir)
        for name in FILES:
            if not (self.models_dir / name).is_file():
                where = _shown(self.models_dir / name)
                raise ModelUnavailable(f"{where} is missing; rebuild the model with `{REBUILD}`.")
        import onnxruntime as ort

        def broken(name: str, e: Exception) -> ModelUnavailable:
            detail = str(e).replace(str(self.models_dir), _shown(self.models_dir))
            return ModelUnavailable(
                f"{_shown(self.models_dir / name)} is corrupt or incomplete "
                f"({type(e).__name__}: {detail}); rebuild the model with `{REBUILD}`."
            )

        try:  # each file on its own, so the message names the one that is broken
            self.metadata: dict = json.loads((self.models_dir / "metadata.json").read_text("utf-8"))
            self.max_len = int(self.metadata["config"]["max_len"])
            int(self.metadata["config"]["hidden_size"])
        except Exception as e:  # not JSON, not UTF-8, keys missing...
            raise broken("metadata.json", e) from e
        try:
            self.vocab = Vocab.load(self.models_dir / "vocab.json")
        except Exception as e:
            raise broken("vocab.json", e) from e
        try:
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.intra_op_num_threads = 1  # small matrices: threads cost more than they give
            self.session = ort.InferenceSession(
                str(self.models_dir / "sentiment.onnx"), opts, providers=["CPUExecutionProvider"]
            )
        except Exception as e:  # truncated or foreign ONNX file
            raise broken("sentiment.onnx", e) from e
        self._gate_params: tuple[np.ndarray, LSTMParams] | None = None
        self._readout: LSTMReadout | None = None
        self._gate_lock = threading.Lock()

    # ------------------------------------------------------------------ raw model

    def _run(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """p_prefix (B, T) and hidden (B, T, H) for right-padded ids (B, T)."""
        p, h = self.session.run(None, {"ids": np.ascontiguousarray(ids, dtype=np.int64)})
        return p, h

    def _p_prefix(self, ids: np.ndarray) -> np.ndarray:
        """p_prefix (B, T) only (skips copying out the (B, T, H) hidden states)."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        return self.session.run(["p_prefix"], {"ids": ids})[0]

    def encode(self, tokens: list[str]) -> list[int]:
        """Ids of the tokens the model reads (the first max_len)."""
        return self.vocab.encode(tokens[: self.max_len])

    def predict_ids(self, seqs: Sequence[list[int]]) -> np.ndarray:
        """P(positive) of each non-empty id sequence, batched by length, input order kept."""
        out = np.empty(len(seqs))
        if not len(seqs):
            return out
        lengths = np.array([len(s) for s in seqs])
        order = np.argsort(lengths, kind="stable")
        start = 0
        while start < len(order):
            # Grow the batch while its padded size (batch x longest) fits the budget.
            stop = start + 1
            while stop < len(order) and (stop + 1 - start) * lengths[order[stop]] <= BATCH_TOKENS:
                stop += 1
            idx = order[start:stop]
            T = lengths[idx[-1]]
            ids = np.zeros((len(idx), T), dtype=np.int64)
            for b, j in enumerate(idx):
                ids[b, : lengths[j]] = seqs[j]
            p = self._p_prefix(ids)
            out[idx] = p[np.arange(len(idx)), lengths[idx] - 1]
            start = stop
        return out

    def hidden_states(self, ids: list[int]) -> np.ndarray:
        """h_1..h_T (T, H) of the LSTM on ids, from onnxruntime."""
        if not ids:
            return np.zeros((0, self.hidden_size), dtype=np.float32)
        return self._run(np.asarray([ids]))[1][0]

    @property
    def hidden_size(self) -> int:
        return int(self.metadata["config"]["hidden_size"])

    def gate_params(self) -> tuple[np.ndarray, LSTMParams]:
        """(embedding (V, D), LSTMParams) in float64, read once from the ONNX file."""
        with self._gate_lock:
            if self._gate_params is None:
                self._gate_params = _onnx_lstm_params(self.models_dir / "sentiment.onnx")
            return self._gate_params

    def readout(self) -> LSTMReadout:
        """The float32 weights core.sentiment.influence needs, read once from the ONNX file."""
        with self._gate_lock:
            if self._readout is None:
                onnx_path = self.models_dir / "sentiment.onnx"
                E, params = self._gate_params or _onnx_lstm_params(onnx_path)
                order = int(self.metadata["config"].get("ngram_order", 0))
                self._readout = LSTMReadout.from_onnx(onnx_path, E, params, order)
            return self._readout

    def gate_trace(self, ids: list[int]) -> list[LSTMStep]:
        """The same LSTM run by core.nn.cells.lstm_forward on the embedded tokens, step by step."""
        E, params = self.gate_params()
        if not ids:
            return []
        return lstm_forward(params, E[np.asarray(ids)])  # X: (T, D)

    # ------------------------------------------------------------------ reviews

    def classify(
        self,
        texts: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Result]:
        """One Result per text, in input order; batched by length; thread-safe."""
        texts = list(texts)
        results: list[Result] = []

        def finish(part, langs, seqs, full, p) -> None:
            p_of = dict(zip(full, p.tolist(), strict=True))
            for k, (text, lang, s) in enumerate(zip(part, langs, seqs, strict=True)):
                status = status_of(lang, len(s))
                if status == "empty":
                    results.append(Result(text, None, None, lang.lang, status))
                else:
                    results.append(Result(text, label_of(p_of[k]), p_of[k], lang.lang, status))
            if progress is not None:
                progress(len(results), len(texts))

        chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
        if len(chunks) <= 1:
            for part in chunks:
                langs, seqs, full = self._prepare(part)
                finish(part, langs, seqs, full, self.predict_ids([seqs[k] for k in full]))
            return results
        # Pipelined: onnxruntime (which releases the GIL) runs one chunk while Python
        # detects, cleans and tokenises the next, so the two costs overlap.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = None
            for part in chunks:
                langs, seqs, full = self._prepare(part)
                job = pool.submit(self.predict_ids, [seqs[k] for k in full])
                if pending is not None:
                    finish(*pending[:-1], pending[-1].result())
                pending = (part, langs, seqs, full, job)
            finish(*pending[:-1], pending[-1].result())
        return results

    def _prepare(self, part: list[str]) -> tuple[list[LanguageGuess], list[list[int]], list[int]]:
        """Languages, read ids and the indices of non-empty reviews of a chunk."""
        langs = detect_languages(part)
        seqs = [self.encode(preprocess(t)) for t in part]
        return langs, seqs, [k for k, s in enumerate(seqs) if s]

    def analyze(self, text: str) -> Analysis:
        """Everything the page shows about one review."""
        language = detect_language(text)
        steps = clean_steps(text)
        tokens = tokenize(steps[-1].text)
        ids = self.encode(tokens)
        unknown = [i == UNK for i in ids]
        truncated = len(tokens) > self.max_len
        status = status_of(language, len(ids))
        head = (text, language, steps, tokens, ids, unknown, self.max_len, truncated)
        if not ids:
            return Analysis(*head, None, None, [], [], status)
        p_prefix, hidden = (a[0] for a in self._run(np.asarray([ids])))  # (T,), (T, H)
        p = float(p_prefix[-1])
        if len(ids) == 1:
            # Without its only token a review reads nothing: the model's answer to <unk>.
            without = self._p_prefix(np.asarray([[UNK]]))[:, -1]
        else:
            without = leave_one_out(self.readout(), ids)  # (T,) sharing common prefixes
        influence = [p - float(w) for w in without]
        readout = self.readout()
        shares = phrase_shares(readout, ids)  # [] for a model without a bag
        bag = float(sum(share for *_, share in shares))  # the vote is exactly their sum
        phrases: dict[str, list] = {}
        for start, n, share in shares:
            entry = phrases.setdefault(" ".join(tokens[start : start + n]), [0, 0.0])
            entry[0] += 1
            entry[1] += share
        return Analysis(
            *head, label_of(p), p, [float(x) for x in p_prefix], influence, status,
            lstm_logit=lstm_logit(readout, hidden), bag_vote=bag,
            phrases=[(text, k, share) for text, (k, share) in phrases.items()],
        )  # fmt: skip


_cache: dict[tuple, SentimentModel] = {}
_cache_lock = threading.Lock()


def load_model(models_dir: Path | None = None) -> SentimentModel:
    """The model in models_dir (default models/), loaded once per version of its files."""
    d = Path(models_dir) if models_dir is not None else MODELS_DIR
    d = d.resolve()
    try:
        key = (str(d), *((d / f).stat().st_mtime_ns for f in FILES))
    except FileNotFoundError:
        missing = next(f for f in FILES if not (d / f).is_file())
        raise ModelUnavailable(
            f"{_shown(d / missing)} is missing; rebuild the model with `{REBUILD}`."
        ) from None
    with _cache_lock:
        if key not in _cache:
            _cache[key] = SentimentModel(d)
        return _cache[key]
