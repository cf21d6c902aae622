"""The model card in words: core.sentiment.card's figures as labelled rows and sentences."""

from __future__ import annotations

import pandas as pd

from core.sentiment.card import ModelCard
from ui.i18n import t

MISSING = "?"  # a fact the metadata does not hold


def _v(x, fmt: str = "{}") -> str:
    """A raw fact formatted, or '?' when the metadata lacks it."""
    return MISSING if x is None else fmt.format(x)


def _int(x) -> str:
    return f"{x:,}" if isinstance(x, int) else _v(x)


def facts(card: ModelCard, lang: str) -> list[tuple[str, str]]:
    """(what, value) rows: data, architecture, training, provenance."""
    f = card.facts
    limit = f["data_limit"]
    if isinstance(limit, int) and limit:
        train = t("sentiment.fact.data_limit", lang, limit=limit)
    elif isinstance(f.get("train_kept"), int) and isinstance(f.get("train_read"), int):
        train = t("sentiment.fact.data_kept", lang, read=f["train_read"], kept=f["train_kept"])
    else:
        train = t("sentiment.fact.data_full", lang)
    kind = f["kind"] if f["kind"] in ("bag", "rnn", "lstm") else "lstm"
    arch = t(
        f"sentiment.fact.arch_value.{kind}",
        lang,
        V=_v(f["vocab_size"]),
        D=_v(f["embed_dim"]),
        H=_v(f["hidden_size"]),
    )
    tokenization = f["tokenization"]
    if isinstance(tokenization, str) and tokenization.startswith("syllables"):
        tokenization = t("sentiment.fact.syllables", lang)  # the shipped trainer's wording
    training = t(
        "sentiment.fact.training_value",
        lang,
        seed=_v(f["seed"]),
        epochs=f["epochs"],
        best=_v(f["best_epoch"]),
        lr=_v(f["lr"]),
        batch=_v(f["batch_size"]),
        secs=_v(f["train_s"]),
        threads=_v(f["threads"]),
    )
    if f.get("seed_search"):
        runs, mean = f["seed_search"]
        tried = ", ".join(f"{seed}: {acc:.4f}" for seed, acc in runs)
        seed = _v(f["seed"])
        training += t("sentiment.fact.seed_search", lang, tried=tried, mean=mean, seed=seed)
    vocab = t(
        "sentiment.fact.vocab_value", lang, n=_int(f["vocab_entries"]), min_freq=_v(f["min_freq"])
    )
    rows = [
        ("kind", t(f"sentiment.model.{kind}", lang)),
        ("data", t("sentiment.fact.data_value", lang, train=train, val=_int(f["n_validation"]))),
        ("path", _v(f["data_path"])),
        ("sha", f"{_v(f['train_sha256'])[:12]}… / {_v(f['validation_sha256'])[:12]}…"),
        ("arch", arch),
        ("parameters", _int(f["parameters"])),
        ("vocab", vocab),
        ("max_len", t("sentiment.fact.max_len_value", lang, n=_v(f["max_len"]))),
        ("tokenization", _v(tokenization)),
        ("training", training),
        ("augmentation", augmentation(f, lang)),
    ]
    if f["temperature"] is not None:
        epochs = ", ".join(map(str, f["averaged"] or [])) or MISSING
        one = len(f["averaged"] or []) == 1  # the best epoch's own weights, not a mean
        key = "sentiment.fact.calibration_value_one" if one else "sentiment.fact.calibration_value"
        text = t(key, lang, epochs=epochs, temp=f["temperature"])
        if f.get("length_temperature"):
            t2, t100 = f["length_temperature"]
            text += t("sentiment.fact.length_temperature", lang, t2=t2, t100=t100)
        rows.append(("calibration", text))
    rows += [
        ("command", _v(f["command"])),
        ("versions", f"torch {_v(f['torch_version'])}, ONNX opset {_v(f['opset'])}"),
    ]
    return [(t(f"sentiment.fact.{key}", lang), value) for key, value in rows]


def augmentation(f: dict, lang: str) -> str:
    """How the training reviews were varied: accents, unknown tokens, negation pairs."""
    if f.get("both_forms"):
        text = t("sentiment.fact.aug_both", lang)
    elif isinstance(f.get("strip_prob"), float | int):
        text = t("sentiment.fact.aug_strip", lang, share=f["strip_prob"])
    else:
        return MISSING
    if isinstance(f.get("unk_prob"), float | int):
        text += t("sentiment.fact.aug_unk", lang, share=f["unk_prob"])
    if f.get("counterfactual_pairs"):
        text += t("sentiment.fact.aug_pairs", lang, n=f["counterfactual_pairs"])
    return text


def facts_table(card: ModelCard, lang: str) -> pd.DataFrame:
    """The facts as a two-column table: what each row is, and its value (both headed: a
    blank header cell is one a screen reader announces as nothing)."""
    columns = [t("sentiment.card.fact", lang), t("sentiment.card.value", lang)]
    return pd.DataFrame(facts(card, lang), columns=columns)


def limits(card: ModelCard, lang: str) -> list[str]:
    """What the model gets wrong, as sentences; the validation errors first when known."""
    acc = card.accuracy("no_diacritics")
    out = [
        t("sentiment.limit.domain", lang),
        t("sentiment.limit.two_labels", lang),
        t("sentiment.limit.max_len", lang, max_len=_v(card.facts["max_len"])),
        t("sentiment.limit.rare", lang),
        t("sentiment.limit.unaccented_acc", lang, acc=acc)
        if isinstance(acc, float)
        else t("sentiment.limit.unaccented", lang),
        t("sentiment.limit.slides", lang),
    ]
    ch = card.challenge
    if isinstance(ch.get("accuracy"), float):
        n, sure = ch.get("n", MISSING), ch.get("sure_wrong", MISSING)
        out.insert(0, t("sentiment.limit.challenge", lang, n=n, acc=ch["accuracy"], sure=sure))
    if card.confusion is not None and card.confusion.shape == (2, 2):
        (tn, fp), (fn, tp) = card.confusion.tolist()
        n, wrong = tn + fp + fn + tp, fp + fn
        out.insert(0, t("sentiment.limit.errors", lang, n=n, wrong=wrong, fp=fp, fn=fn))
    return out


def speed_metrics(card: ModelCard, lang: str) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the size and speed metrics. The unit sits in the value only
    when it is short ("8.0 MB", "1.3 ms"); reviews per second is in the label, so a value
    stays a few characters (MAX_METRIC_CHARS) and a metric never cuts it short."""
    size, sp = sum(card.file_bytes.values()), card.speed
    one, rate = sp.get("one_review_ms"), sp.get("reviews_per_s")
    return [
        (t("sentiment.m.size", lang), f"{size / 2**20:.1f} MB" if size else MISSING, None),
        (
            t("sentiment.m.one", lang),
            (f"{one:.1f} ms" if one < 100 else f"{one:,.0f} ms") if one else "—",
            t("sentiment.m.one_help", lang),
        ),
        (
            t("sentiment.m.bulk", lang),
            f"{rate:,.0f}" if rate else "—",
            t("sentiment.m.bulk_help", lang, n=sp.get("n", MISSING)),
        ),
    ]


MAX_METRIC_CHARS = 8  # "12.3 ms", "123,456": what a third of the card shows whole at 390 px


def files_caption(file_bytes: dict[str, int]) -> str:
    """'sentiment/lstm/model.onnx: 8,073 KB · ...': the model's files and their sizes."""
    return " · ".join(f"{name}: {size / 1024:,.0f} KB" for name, size in file_bytes.items())
