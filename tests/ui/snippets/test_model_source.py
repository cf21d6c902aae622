"""A model card's nn.Module is the class core/training/model.py trains for that kind, word
for word, and, built with the card's configuration, has the shipped model's parameter count."""

from __future__ import annotations

import inspect
import json

import pytest

torch = pytest.importorskip("torch")

from core.sentiment.card import model_card  # noqa: E402
from core.training import model as trained  # noqa: E402
from tests.support.paths import MODELS  # noqa: E402
from ui.snippets.model_source import (  # noqa: E402
    MODEL_FILE,
    class_name,
    config_fields,
    kinds,
    model_listing,
    model_source,
)


def _metadata(kind: str) -> dict:
    path = MODELS / "sentiment" / kind / "metadata.json"
    if not path.is_file():
        pytest.skip(f"no shipped {kind} model at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_kinds_and_classes_are_the_ones_build_uses():
    assert kinds() == trained.KINDS
    for kind in trained.KINDS:
        cfg = trained.default_config(kind, vocab_size=10)
        assert class_name(kind) == type(trained.build(cfg)).__name__


@pytest.mark.parametrize("kind", ["bag", "rnn", "lstm"])
def test_the_listing_is_the_class_in_model_py_word_for_word(kind):
    text = MODEL_FILE.read_text(encoding="utf-8")
    listing = model_source(kind)
    cls = trained.CLASSES[kind]
    assert inspect.getsource(cls) in listing  # the class itself, exactly
    assert inspect.getsource(trained.ModelConfig) in listing  # its config, decorator included
    imports, *blocks = listing.split("\n\n\n")
    assert all(f"\n{line}\n" in text for line in imports.splitlines())
    for block in blocks:  # every definition is text of that file
        assert block.strip() in text
    others = set(trained.CLASSES.values()) - {cls}
    assert not any(f"class {c.__name__}(" in listing for c in others)


@pytest.mark.parametrize("kind", ["bag", "rnn", "lstm"])
def test_the_card_builds_the_shipped_model_from_its_listing(kind):
    md = _metadata(kind)
    card = model_card(md, MODELS, kind)
    assert card.config == md["config"]
    namespace: dict = {}
    exec(compile(model_listing(kind, card.config), "<card>", "exec"), namespace)  # noqa: S102
    built = namespace["model"]
    assert type(built).__name__ == class_name(kind)
    assert sum(p.numel() for p in built.parameters()) == md["parameters"]
    assert set(config_fields()) == set(trained.ModelConfig.__dataclass_fields__)


def test_an_unknown_config_field_is_left_out_of_the_build_line():
    listing = model_listing("bag", {"kind": "bag", "vocab_size": 9, "embed_dim": 2, "extra": 1})
    assert "extra" not in listing and 'kind="bag"' in listing
    namespace: dict = {}
    exec(compile(listing, "<card>", "exec"), namespace)  # noqa: S102
    assert namespace["model"].bag.weight.shape == (9, 2)


def test_without_model_py_a_card_shows_no_code_rather_than_failing(monkeypatch, tmp_path):
    from ui.snippets import model_source

    model_source._module.cache_clear()
    monkeypatch.setattr(model_source, "MODEL_FILE", tmp_path / "model.py")
    try:
        assert model_source.kinds() == ()
        (tmp_path / "model.py").write_text("CLASSES = {}\n")
        model_source._module.cache_clear()
        assert model_source.kinds() == ()
    finally:
        model_source._module.cache_clear()
