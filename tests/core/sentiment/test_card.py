"""The model card's figures, read from the shipped metadata or from almost nothing."""

from __future__ import annotations

from core.sentiment.card import model_card


def test_model_card_reads_the_shipped_metadata(model):
    card = model_card(model.metadata, model.models_dir)
    m = model.metadata["metrics"]["typed"]
    assert card.confusion.tolist() == m["confusion_matrix"]
    assert card.metrics[0]["accuracy"] == m["accuracy"]
    assert card.accuracy("no_diacritics") == model.metadata["metrics"]["no_diacritics"]["accuracy"]
    assert {"sentiment.onnx", "vocab.json", "metadata.json"} <= set(card.file_bytes)
    assert card.file_bytes["sentiment.onnx"] == (model.models_dir / "sentiment.onnx").stat().st_size
    assert len(card.curves) == len(model.metadata["curves"])
    assert card.facts["max_len"] == model.max_len
    assert card.facts["epochs"] == len(model.metadata["curves"])
    # every fact the shipped metadata should hold is found (data_limit None = all data)
    assert [k for k, v in card.facts.items() if v is None and k != "data_limit"] == []


def test_model_card_survives_missing_metadata():
    card = model_card({})
    assert card.metrics == [] and card.confusion is None and card.curves == []
    assert card.facts["max_len"] is None and card.accuracy("typed") is None
    assert card.file_bytes == {}
