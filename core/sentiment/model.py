"""A shipped sentiment model (bag, rnn or lstm) behind one onnxruntime session (never torch).

load_model(name=...) opens models/sentiment/vocab.json (shared) and the model's
models/sentiment/<name>/{model.onnx, metadata.json} once; the model then classifies
reviews in length-sorted batches (little padding) and analyses single reviews in one
onnxruntime call: P(positive) after every token and the hidden states (rnn, lstm), then
each token's exact leave-one-out influence in NumPy on the same weights (read once by
core.sentiment.weights, and only when a review is analysed).

Nothing is mutated after loading, and onnxruntime's run() is thread-safe, so one
model serves any number of threads.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from core.sentiment.accents import read, restored_pairs, table_at
from core.sentiment.analysis import Analysis, Result, label_of, status_of
from core.sentiment.files import (
    ACCENTS_FILE,
    DEFAULT_MODEL,
    MODEL_NAMES,
    MODELS_DIR,
    ModelUnavailable,
    model_files,
)
from core.sentiment.influence import leave_one_out
from core.sentiment.language import LanguageGuess, detect_language, detect_languages
from core.sentiment.text import CleanStep, clean_steps, tokenize
from core.sentiment.vocab import UNK, Vocab
from core.sentiment.weights import SentimentWeights, read_weights

BATCH_TOKENS = 16_384  # padded tokens per onnxruntime call in bulk classification
CHUNK = 1_024  # reviews per progress report (and per pipelined step)


class SentimentModel:
    """One shipped sentiment model (bag, rnn or lstm) behind one onnxruntime session."""

    def __init__(self, models_dir: Path, name: str = DEFAULT_MODEL):
        self.models_dir = Path(models_dir)
        self.name = name
        vocab_file, onnx_file, meta_file = (self.models_dir / f for f in model_files(name))
        self.onnx_path = onnx_file
        for path in (vocab_file, onnx_file, meta_file):
            if not path.is_file():
                raise ModelUnavailable.missing(path)
        import onnxruntime as ort

        try:  # each file on its own, so the error names the one that is broken
            self.metadata: dict = json.loads(meta_file.read_text("utf-8"))
            self.max_len = int(self.metadata["config"]["max_len"])
            int(self.metadata["config"]["hidden_size"])
            if self.metadata["config"].get("kind", name) != name:
                raise ValueError(f"the metadata describes {self.metadata['config']['kind']!r}")
        except Exception as e:  # not JSON, not UTF-8, keys missing...
            raise ModelUnavailable.broken(meta_file, e) from e
        try:
            self.vocab = Vocab.load(vocab_file)
        except Exception as e:
            raise ModelUnavailable.broken(vocab_file, e) from e
        # Optional: a folder trained without it reads accent-free reviews as they are.
        self.accents = table_at(self.models_dir / ACCENTS_FILE)
        try:
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.intra_op_num_threads = 1  # small matrices: threads cost more than they give
            self.session = ort.InferenceSession(
                str(onnx_file), opts, providers=["CPUExecutionProvider"]
            )
            self._outputs = [o.name for o in self.session.get_outputs()]
            if self._outputs[0] != "p_prefix" or (name != "bag") != ("hidden" in self._outputs):
                raise ValueError(f"outputs {self._outputs}: not a {name} sentiment model")
        except Exception as e:  # truncated or foreign ONNX file
            raise ModelUnavailable.broken(onnx_file, e) from e

    # ------------------------------------------------------------------ raw model

    def _run(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """p_prefix (B, T) and hidden (B, T, H) (None for the bag) for right-padded ids."""
        out = self.session.run(None, {"ids": np.ascontiguousarray(ids, dtype=np.int64)})
        return out[0], (out[1] if len(out) > 1 else None)

    def _p_prefix(self, ids: np.ndarray) -> np.ndarray:
        """p_prefix (B, T) only (skips copying out the (B, T, H) hidden states)."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        return self.session.run(["p_prefix"], {"ids": ids})[0]

    def read(self, text: str) -> list[str]:
        """The tokens the model reads of a review: cleaned, split, diacritics put back."""
        return read(text, self.accents)

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

    def weights(self) -> SentimentWeights:
        """The model's weights, read from its ONNX file once per process."""
        path = self.onnx_path
        try:
            return read_weights(path)
        except FileNotFoundError:
            raise ModelUnavailable.missing(path) from None
        except Exception as e:  # an ONNX file onnxruntime runs but whose weights are not ours
            raise ModelUnavailable.broken(path, e) from e

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
                p = None if status == "empty" else p_of[k]
                label = None if p is None else label_of(p)
                results.append(
                    Result(text=text, label=label, p_positive=p, language=lang.lang, status=status)
                )
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
        seqs = [self.encode(self.read(t)) for t in part]
        return langs, seqs, [k for k, s in enumerate(seqs) if s]

    def analyze(self, text: str) -> Analysis:
        """Everything the page shows about one review, from one onnxruntime call."""
        t0 = time.perf_counter()
        language = detect_language(text)
        steps = clean_steps(text)
        tokens = tokenize(steps[-1].text)
        if self.accents is not None:  # the last step: what read() does after cleaning
            back = self.accents.restore(text, tokens)
            steps.append(CleanStep("accents", " ".join(back), restored_pairs(tokens, back)))
            tokens = back
        ids = self.encode(tokens)
        read = dict(
            model=self.name,
            text=text,
            language=language,
            steps=steps,
            tokens=tokens,
            ids=ids,
            unknown=[i == UNK for i in ids],
            max_len=self.max_len,
            truncated=len(tokens) > self.max_len,
            status=status_of(language, len(ids)),
        )
        if not ids:
            return Analysis(**read, verdict_ms=(time.perf_counter() - t0) * 1e3)
        p_prefix, hidden = self._run(np.asarray([ids]))  # (1, T), (1, T, H) or None
        verdict_ms = (time.perf_counter() - t0) * 1e3
        p = float(p_prefix[0, -1])
        without = leave_one_out(self.weights(), ids)  # (T,) exact: closed form or prefixes
        return Analysis(
            **read,
            label=label_of(p),
            p_positive=p,
            p_prefix=[float(x) for x in p_prefix[0]],
            influence=[p - float(x) for x in without],
            hidden=None if hidden is None else hidden[0],
            verdict_ms=verdict_ms,
        )


_cache: dict[tuple, SentimentModel] = {}
_cache_lock = threading.Lock()


def load_model(models_dir: Path | None = None, *, name: str = DEFAULT_MODEL) -> SentimentModel:
    """Model `name` (one of MODEL_NAMES) in models_dir (default models/), loaded once per
    version of its files."""
    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}: one of {', '.join(MODEL_NAMES)}")
    d = Path(models_dir) if models_dir is not None else MODELS_DIR
    d = d.resolve()
    files = model_files(name)
    accents = d / ACCENTS_FILE  # optional, shared: a rebuilt table is a new model too
    try:
        key = (str(d), name, *((d / f).stat().st_mtime_ns for f in files))
        key += (accents.stat().st_mtime_ns if accents.is_file() else None,)
    except FileNotFoundError:
        missing = next(f for f in files if not (d / f).is_file())
        raise ModelUnavailable.missing(d / missing) from None
    with _cache_lock:
        if key not in _cache:
            _cache[key] = SentimentModel(d, name)
        return _cache[key]
