"""The three models side by side: one review through each, and their measured figures.

- verdict(model, text): one review through one model, timed (the page caches it per
  model and text, for every model but the chosen one, whose verdict comes with its
  review trace); unavailable(name, exc) stands for a model whose files failed to load.
- zoo(metadatas, sizes): the models' table, accuracy by review length, reliability and
  the challenge set per category, read from each model's metadata (written by
  core.training.report through the classify path; nothing is measured here).
Plain numbers only: ui/sentiment words and draws them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from core.sentiment.files import MODEL_NAMES, ModelUnavailable


@dataclass(frozen=True)
class Verdict:
    """One review through one model; label and p are None when it read nothing, and
    error is set (label and p None) when the model could not be loaded."""

    model: str  # "bag" | "rnn" | "lstm"
    label: str | None
    p_positive: float | None
    ms: float | None  # wall time of classifying this one review
    error: ModelUnavailable | None = None


def verdict(model, text: str) -> Verdict:
    """The model's verdict on text, timed (language, cleaning, tokens and the model)."""
    t0 = time.perf_counter()
    r = model.classify([text])[0]
    ms = (time.perf_counter() - t0) * 1e3
    return Verdict(model=model.name, label=r.label, p_positive=r.p_positive, ms=ms)


def unavailable(name: str, error: ModelUnavailable) -> Verdict:
    """The line of a model whose files could not be loaded: its error, no verdict."""
    return Verdict(model=name, label=None, p_positive=None, ms=None, error=error)


@dataclass(frozen=True)
class ZooRow:
    """One model's line of the models' table (None: the metadata lacks the figure)."""

    model: str
    accuracy: dict[str, float | None]  # text form (typed, underscore, no_diacritics) -> acc
    challenge: float | None  # accuracy on the hand-written challenge set
    challenge_n: int | None
    sure_wrong: int | None  # challenge reviews wrong with P < 0.05 or > 0.95
    parameters: int | None
    file_bytes: int | None  # the model's own ONNX file
    one_review_ms: float | None  # classify([review]), median over validation reviews
    reviews_per_s: float | None  # bulk classify on the validation reviews


@dataclass(frozen=True)
class Zoo:
    """Every figure the models' section draws, per model (models whose metadata could
    not be read are left out of every part)."""

    rows: list[ZooRow]
    by_length: dict[str, list[dict]]  # model -> [{bucket, lo, hi, n, accuracy}]
    reliability: dict[str, list[dict]]  # model -> [{lo, hi, n, mean_p, positive_share}]
    challenge: dict[str, dict[str, dict]]  # model -> category -> {n, accuracy}
    speed_how: dict[str, str] = field(default_factory=dict)  # model -> how speed was measured
    # LSTM minus RNN accuracy (percentage points) in the shortest and the longest bucket
    # holding at least GAP_MIN_N reviews: (bucket, gap, bucket, gap); None without both lines
    gap: tuple[str, float, str, float] | None = None
    cpus: int | None = None  # the machine the speed was measured on


FORMS = ("typed", "underscore", "no_diacritics")
GAP_MIN_N = 100  # a length bucket this small says little (the 1-10 bucket holds 9 reviews)


def length_gap(by_length: dict[str, list[dict]], a: str = "rnn", b: str = "lstm"):
    """b's accuracy minus a's, in percentage points, in the shortest and the longest bucket
    both measured on at least GAP_MIN_N reviews; None if there are no two such buckets."""
    acc = {
        m: {
            r["bucket"]: r["accuracy"]
            for r in by_length.get(m) or []
            if r.get("accuracy") is not None and (r.get("n") or 0) >= GAP_MIN_N
        }
        for m in (a, b)
    }
    both = [
        r["bucket"]
        for r in by_length.get(b) or []
        if r["bucket"] in acc[a] and r["bucket"] in acc[b]
    ]
    if len(both) < 2:
        return None
    first, last = both[0], both[-1]
    gap = {k: 100 * (acc[b][k] - acc[a][k]) for k in (first, last)}
    return first, gap[first], last, gap[last]


def zoo_row(name: str, md: dict, file_bytes: int | None) -> ZooRow:
    metrics = md.get("metrics") or {}
    ch = md.get("challenge") or {}
    sp = md.get("speed") or {}
    return ZooRow(
        model=name,
        accuracy={f: (metrics.get(f) or {}).get("accuracy") for f in FORMS},
        challenge=ch.get("accuracy"),
        challenge_n=ch.get("n"),
        sure_wrong=ch.get("sure_wrong"),
        parameters=md.get("parameters"),
        file_bytes=file_bytes,
        one_review_ms=sp.get("one_review_ms"),
        reviews_per_s=sp.get("reviews_per_s"),
    )


def zoo(metadatas: dict[str, dict], sizes: dict[str, int | None]) -> Zoo:
    """The models' figures in MODEL_NAMES order, from each one's metadata.json."""
    names = [n for n in MODEL_NAMES if n in metadatas]
    md = {n: metadatas[n] or {} for n in names}
    by_length = {n: list(md[n].get("by_length") or []) for n in names}
    cpus = next((md[n]["speed"].get("cpus") for n in names if md[n].get("speed")), None)
    return Zoo(
        rows=[zoo_row(n, md[n], sizes.get(n)) for n in names],
        by_length=by_length,
        reliability={n: list(md[n].get("reliability") or []) for n in names},
        challenge={n: dict((md[n].get("challenge") or {}).get("by_category") or {}) for n in names},
        speed_how={n: (md[n].get("speed") or {}).get("how", "") for n in names},
        gap=length_gap(by_length),
        cpus=cpus,
    )


def zoo_of(models: dict) -> tuple[Zoo, dict]:
    """The models section's figures and each loaded model's card (core.sentiment.card)."""
    from core.sentiment.card import model_card
    from core.sentiment.files import model_files

    cards = {n: model_card(m.metadata, m.models_dir, n) for n, m in models.items()}
    sizes = {n: c.file_bytes.get(model_files(n)[1]) for n, c in cards.items()}
    return zoo({n: m.metadata for n, m in models.items()}, sizes), cards


def load_all(load) -> tuple[dict, dict]:
    """Every model by load(name), in MODEL_NAMES order: ({name: model}, {name:
    ModelUnavailable}); one model's missing or broken files do not stop the others."""
    models, errors = {}, {}
    for name in MODEL_NAMES:
        try:
            models[name] = load(name)
        except ModelUnavailable as exc:
            errors[name] = exc
    return models, errors
