"""A model card's figures, read from models/sentiment/<name>/metadata.json and its files.

Every fact is the raw value (None where the metadata lacks it), so an older or
partial metadata file still gives a card; ui/sentiment/card.py words it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.sentiment.files import MODEL_NAMES, model_files

FORMS = ("typed", "underscore", "no_diacritics")  # the validation text forms train.py measures


@dataclass(frozen=True)
class ModelCard:
    """What the model card shows: facts, validation metrics, curves, file sizes."""

    facts: dict[str, object]  # name -> raw value (None if the metadata lacks it)
    metrics: list[dict]  # one per validation form: form, n, accuracy, f1
    confusion: np.ndarray | None  # (2, 2) [[TN, FP], [FN, TP]] of the headline form
    curves: list[dict]  # per epoch: epoch, train_loss, val_accuracy, ...
    best_epoch: int | None
    file_bytes: dict[str, int]  # file (relative to models/) -> size
    speed: dict = field(default_factory=dict)  # metadata "speed": core.training.report's
    challenge: dict = field(default_factory=dict)  # metadata "challenge": n, accuracy, ...
    config: dict = field(default_factory=dict)  # metadata "config": the ModelConfig trained

    def accuracy(self, form: str) -> float | None:
        """Validation accuracy on one text form, if it was measured."""
        return next((m["accuracy"] for m in self.metrics if m["form"] == form), None)


def _n_validation(md: dict) -> int | None:
    """How many validation reviews the metrics were measured on."""
    for m in (md.get("metrics") or {}).values():
        if isinstance(m, dict) and isinstance(m.get("n"), int):
            return m["n"]
    return None


def _length_temperature(calibration: dict | None) -> tuple[float, float] | None:
    """T(2) and T(100) of the recorded length calibration, T(t) = a + b * t**e."""
    if not calibration or not all(k in calibration for k in "abe"):
        return None
    a, b, e = (float(calibration[k]) for k in "abe")
    return a + b * 2.0**e, a + b * 100.0**e


def _seed_search(search: dict | None) -> tuple[tuple[tuple[int, float], ...], float] | None:
    """((seed, validation accuracy), ...) of every seed tried, and their mean; None for a
    model trained with one seed."""
    if not search or not isinstance(search.get("val_accuracy"), dict):
        return None
    runs = tuple((int(s), float(a)) for s, a in search["val_accuracy"].items())
    return runs, float(np.mean([a for _, a in runs]))


def model_card(metadata: dict, models_dir=None, name: str | None = None) -> ModelCard:
    """Model-card figures of model `name` (default: the metadata's kind); missing metadata
    keys are None instead of failing the page. models_dir: the models/ folder, for the
    sizes of the files the model reads."""
    md = metadata or {}
    cfg = md.get("config") or {}
    tcfg = md.get("train_config") or {}
    data = md.get("data") or {}
    timings = md.get("timings") or {}
    weights = md.get("weights") or {}
    language = (data.get("language") or {}).get("train") or {}
    facts = {
        "data_limit": data.get("limit"),  # None: the whole training set
        # slide 22's filter: training reviews read, and kept as Vietnamese (None if unrecorded)
        "train_read": language.get("read"),
        "train_kept": language.get("kept"),
        "n_validation": _n_validation(md),
        "data_path": data.get("path"),
        "train_sha256": data.get("train_sha256"),
        "validation_sha256": data.get("validation_sha256"),
        "vocab_size": cfg.get("vocab_size"),
        "embed_dim": cfg.get("embed_dim"),
        "hidden_size": cfg.get("hidden_size"),
        "kind": cfg.get("kind"),
        "parameters": md.get("parameters"),
        "vocab_entries": md.get("vocab_size"),
        "min_freq": tcfg.get("min_freq"),
        "max_len": cfg.get("max_len"),
        "tokenization": md.get("tokenization"),
        "seed": md.get("seed"),
        # the seeds tried when the shipped one was chosen on validation (None: one seed)
        "seed_search": _seed_search(md.get("seed_search")),
        "epochs": len(md.get("curves") or []),
        "best_epoch": md.get("best_epoch"),
        # what the classifier was shown besides the reviews as typed (None: unrecorded)
        "strip_prob": tcfg.get("strip_prob"),
        "both_forms": tcfg.get("both_forms"),
        "unk_prob": tcfg.get("unk_prob"),
        "counterfactual_pairs": ((md.get("augmentation") or {}).get("counterfactual") or {}).get(
            "pairs_used"
        ),
        "lr": tcfg.get("lr"),
        "batch_size": tcfg.get("batch_size"),
        "train_s": timings.get("train_s"),
        "threads": timings.get("threads"),
        "averaged": weights.get("epochs"),  # the epochs whose weights were averaged
        "temperature": weights.get("temperature"),
        # the length temperature T(t) at 2 and 100 tokens (None for a file without one)
        "length_temperature": _length_temperature(weights.get("calibration")),
        "command": md.get("command"),
        "torch_version": md.get("torch_version"),
        "opset": (md.get("onnx") or {}).get("opset"),
    }
    metrics, confusion = [], None
    for form, m in (md.get("metrics") or {}).items():
        if not isinstance(m, dict) or "accuracy" not in m:
            continue
        metrics.append(
            {"form": form, "n": m.get("n"), "accuracy": m.get("accuracy"), "f1": m.get("f1")}
        )
        if confusion is None or form == "typed":
            cm = m.get("confusion_matrix")
            confusion = np.asarray(cm, dtype=int) if cm is not None else None
    sizes = {}
    name = name or cfg.get("kind")
    if models_dir is not None and name in MODEL_NAMES:
        for f in model_files(name):
            path = Path(models_dir) / f
            if path.is_file():
                sizes[f] = path.stat().st_size
    return ModelCard(
        facts=facts,
        metrics=metrics,
        confusion=confusion,
        curves=list(md.get("curves") or []),
        best_epoch=md.get("best_epoch"),
        file_bytes=sizes,
        speed=dict(md.get("speed") or {}),
        challenge=dict(md.get("challenge") or {}),
        config=dict(cfg),
    )
