"""A training run: its records, its reproducibility, its limits, and the shipped subset."""

import hashlib
import json
from dataclasses import replace

import numpy as np
import pytest

from core.classifier import LIMITS, Classifier, Point, TrainConfig, run, validate
from core.classifier.data import (
    SUBSET_DIR,
    Split,
    counts,
    encode,
    examples,
    load_subset,
    manifest,
)
from core.classifier.train import evaluate, steps_per_epoch, token_table
from core.errors import CoreError

TINY = TrainConfig(embed_dim=4, hidden_size=4, epochs=2, reviews=60, max_len=12, batch_size=16)


def small_subset():
    train, valid = load_subset()
    return train.head(60), valid.head(40)


@pytest.mark.parametrize("kind", ["bag", "rnn", "lstm"])
def test_a_run_yields_points_then_its_classifier(kind):
    c = replace(TINY, kind=kind)
    out = list(run(c, small_subset()))
    *points, model = out
    assert all(isinstance(p, Point) for p in points) and isinstance(model, Classifier)
    assert points[0].step == 0 and points[0].train_loss is None
    assert [p.epoch for p in points if p.val_accuracy is not None] == [0.0, 1.0, 2.0]
    assert points[-1].step == 2 * steps_per_epoch(c) == 8
    assert all(0.0 <= p.val_accuracy <= 1.0 for p in points if p.val_accuracy is not None)
    steps = [p.step for p in points]
    assert steps == sorted(set(steps))
    # The model's own validation accuracy is the last point's.
    train, valid = small_subset()
    lookup = token_table(train, c.max_len, len(model.lookup))
    mapped = Split(tuple(lookup[s] for s in valid.seqs), valid.labels)
    assert evaluate(kind, model.params, mapped, c.max_len)[1] == points[-1].val_accuracy


def test_the_same_config_gives_the_same_run_and_the_seed_changes_it():
    a = list(run(TINY, small_subset()))
    b = list(run(TINY, small_subset()))
    key = [(p.step, p.train_loss, p.val_loss) for p in a[:-1]]
    assert key == [(p.step, p.train_loss, p.val_loss) for p in b[:-1]]
    for name, w in a[-1].params.items():
        np.testing.assert_array_equal(w, b[-1].params[name])
    c = list(run(replace(TINY, seed=1), small_subset()))
    assert [p.train_loss for p in c[:-1]] != [p.train_loss for p in a[:-1]]


def test_the_classifier_reads_a_typed_review():
    model = list(run(TINY, small_subset()))[-1]
    p = model.p_positive("Món ăn rất ngon, phục vụ nhanh")
    assert 0.0 < p < 1.0
    assert model.p_positive("!!! 123 :)") is None  # nothing left after the cleaning
    unseen = encode("zzzqqq ngon", 10)
    assert unseen[0] == 1  # <unk> in the shipped vocabulary
    assert model.logit(unseen) == model.logit(np.array([1, unseen[1]]))


def test_a_review_typed_without_diacritics_reads_as_the_shipped_models_read_it():
    """The page's own classifier reads what the shipped models read: the diacritics put
    back by the shipped accents table (the same ids as the review typed with them)."""
    from core.sentiment import load_model

    typed, plain = "Món ăn rất ngon, phục vụ nhanh", "Mon an rat ngon, phuc vu nhanh"
    assert encode(plain, 50).tolist() == encode(typed, 50).tolist()
    assert encode(plain, 50).tolist() == load_model().encode(load_model().read(plain))


def test_a_typed_review_is_cut_to_max_len():
    assert len(encode("ngon " * 50, 7)) == 7


@pytest.mark.parametrize("field", sorted(LIMITS))
def test_each_limit_is_enforced_with_its_field(field):
    low, high = LIMITS[field]
    for bad in (low - (1 if isinstance(low, int) else low / 2), high * 2, float("nan")):
        with pytest.raises(CoreError) as e:
            validate(replace(TrainConfig(), **{field: bad}))
        assert e.value.code == "train_out_of_range" and e.value.params["field"] == field
    validate(replace(TrainConfig(), **{field: low}))
    validate(replace(TrainConfig(), **{field: high}))


def test_an_unknown_model_is_refused():
    with pytest.raises(CoreError) as e:
        validate(TrainConfig(kind="gru"))
    assert e.value.code == "train_kind"


def test_the_defaults_are_valid_and_read_the_whole_training_subset():
    validate(TrainConfig())
    assert TrainConfig().reviews == LIMITS["reviews"][1] == len(load_subset()[0])


# ------------------------------------------------------------------ the shipped subset


def test_the_subset_is_what_its_manifest_says():
    m = manifest()
    blob = (SUBSET_DIR / m["file"]).read_bytes()
    assert len(blob) == m["file_bytes"] <= 3_000_000
    assert hashlib.sha256(blob).hexdigest() == m["file_sha256"]
    train, valid = load_subset()
    for split, got in (("train", train), ("valid", valid)):
        c = m["counts"][split]
        assert len(got) == c["reviews"] == 2 * m["per_label"][split]
        assert int(got.labels.sum()) == c["positive"] == len(got) // 2  # balanced
        assert sum(len(s) for s in got.seqs) == c["tokens"]
        assert min(len(s) for s in got.seqs) >= 1 and max(len(s) for s in got.seqs) <= 200
    assert counts() == (len(train), len(valid))
    assert abs(train.head(1000).labels.mean() - 0.5) < 0.05  # any prefix is nearly balanced
    shipped = json.loads((SUBSET_DIR.parent / "sentiment" / "vocab.json").read_text("utf-8"))
    v = len(shipped["itos"])
    assert max(int(s.max()) for s in train.seqs) < v
    assert (
        m["vocab_sha256"]
        == hashlib.sha256((SUBSET_DIR.parent / "sentiment" / "vocab.json").read_bytes()).hexdigest()
    )


def test_the_subset_never_reads_the_official_test_split():
    m = manifest()
    assert {s["folder"] for s in m["sources"].values()} == {"data_train/train", "data_train/test"}
    with np.load(SUBSET_DIR / m["file"], allow_pickle=False) as z:
        for split in ("train", "valid"):
            names = z[f"{split}_files"]
            assert len(set(names.tolist())) == len(names)  # no review twice
            assert all(n.split("/")[0] in ("pos", "neg") for n in names)
            labels = z[f"{split}_labels"]
            assert all(
                (n.startswith("pos/")) == bool(y) for n, y in zip(names, labels, strict=True)
            )


def test_the_examples_are_validation_reviews_of_both_labels():
    ex = examples()
    assert len(ex) >= 4 and {e.label for e in ex} == {0, 1}
    assert all(e.file.startswith("data_train/test/") and e.text.strip() for e in ex)
