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
    assert [k for k, v in card.facts.items() if v is None and k != "data_limit"] == []


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
