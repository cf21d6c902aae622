"""The model card's figures, read from each shipped model's metadata or from almost nothing."""

from __future__ import annotations

import pytest

from core.sentiment import model_files
from core.sentiment.card import model_card


def test_model_card_reads_the_shipped_metadata(zoo):
    card = model_card(zoo.metadata, zoo.models_dir, zoo.name)
    m = zoo.metadata["metrics"]["typed"]
    assert card.confusion.tolist() == m["confusion_matrix"]
    assert card.metrics[0]["accuracy"] == m["accuracy"]
    assert card.accuracy("no_diacritics") == zoo.metadata["metrics"]["no_diacritics"]["accuracy"]
    # the files this model reads: the shared vocabulary, its own ONNX file and metadata
    assert list(card.file_bytes) == list(model_files(zoo.name))
    onnx = model_files(zoo.name)[1]
    assert card.file_bytes[onnx] == (zoo.models_dir / onnx).stat().st_size
    assert len(card.curves) == len(zoo.metadata["curves"])
    assert card.facts["max_len"] == zoo.max_len and card.facts["kind"] == zoo.name
    assert card.facts["epochs"] == len(zoo.metadata["curves"])
    assert card.speed["reviews_per_s"] > 0 and card.challenge["n"] >= 200
    # every fact the shipped metadata should hold is found (data_limit None = all data)
    optional = {"data_limit", "seed_search"}  # None: all the data; one seed
    assert [k for k, v in card.facts.items() if v is None and k not in optional] == []


def test_the_card_lists_every_seed_tried_and_their_mean():
    search = {"val_accuracy": {"1": 0.89, "2": 0.9, "1234": 0.894}, "chosen": 2}
    runs, mean = model_card({"seed": 2, "seed_search": search}).facts["seed_search"]
    assert runs == ((1, 0.89), (2, 0.9), (1234, 0.894))
    assert mean == pytest.approx((0.89 + 0.9 + 0.894) / 3)
    assert model_card({"seed": 7}).facts["seed_search"] is None


def test_a_shipped_seed_search_ships_its_best_seed(zoo):
    """When several seeds were tried, the shipped weights are the best one's on validation."""
    search = zoo.metadata.get("seed_search")
    if search is None:
        assert zoo.metadata["seed"] == zoo.metadata["train_config"]["seed"]
        return
    accs = {int(s): a for s, a in search["val_accuracy"].items()}
    assert len(accs) > 1 and search["chosen"] == zoo.metadata["seed"] == max(accs, key=accs.get)
    w = zoo.metadata["weights"]
    assert w["val_accuracy_torch"][w["chosen"]] == accs[search["chosen"]]
    assert search["mean"] == pytest.approx(sum(accs.values()) / len(accs))


def test_model_card_survives_missing_metadata():
    card = model_card({})
    assert card.metrics == [] and card.confusion is None and card.curves == []
    assert card.facts["max_len"] is None and card.accuracy("typed") is None
    assert card.file_bytes == {} and card.speed == {} and card.challenge == {}


def test_the_card_states_the_length_temperature_the_onnx_file_applies(zoo):
    """The metadata's recorded calibration is the one inside the shipped graph."""
    t2, t100 = model_card(zoo.metadata, zoo.models_dir, zoo.name).facts["length_temperature"]
    w = zoo.weights()  # read from the ONNX file, not the metadata
    assert t2 == pytest.approx(float(w.temperature(2)), rel=1e-5)
    assert t100 == pytest.approx(float(w.temperature(100)), rel=1e-5) and t2 > t100
