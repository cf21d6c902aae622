"""Faults in the model's files, at core's border: load_model says which file and how to rebuild.

The browser side (the sentiment page shows this message, every other page keeps
working) is tests/e2e/test_faults_browser.py, with the same list of faults.
"""

from __future__ import annotations

import shutil

import pytest

from core.sentiment import ModelUnavailable, load_model
from tests.support.faults import MODEL_FAULTS, MODEL_FILES
from tests.support.paths import ROOT

pytestmark = pytest.mark.skipif(
    not (ROOT / "models" / MODEL_FILES[0]).exists(), reason="no shipped model in models/"
)


def _damaged_models(tmp_path, name, damage):
    d = tmp_path / "models"
    for f in MODEL_FILES:
        (d / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "models" / f, d / f)
    damage(d / name)
    return d


FAULTS = pytest.mark.parametrize(
    ("fault", "name", "damage"), MODEL_FAULTS, ids=[f[0] for f in MODEL_FAULTS]
)


def _load_error(d) -> ModelUnavailable:
    with pytest.raises(ModelUnavailable) as e:
        load_model(d)
    return e.value


@FAULTS
def test_a_broken_model_file_raises_model_unavailable_with_the_fix(tmp_path, fault, name, damage):
    err = _load_error(_damaged_models(tmp_path, name, damage))
    assert "make train" in str(err)


@FAULTS
def test_the_message_names_the_broken_file(tmp_path, fault, name, damage):
    d = _damaged_models(tmp_path, name, damage)
    err = _load_error(d)
    assert name in str(err)  # relative to the models folder: sentiment/lstm/model.onnx
    assert err.code == ("model_missing" if fault.endswith("_missing") else "model_broken")
    assert err.params["file"] == str(d / name) and err.params["command"] == "make train"


def test_the_shipped_model_loads_after_a_failed_load(tmp_path):
    """A failure is not cached: once the files are back, the model loads."""
    name, damage = MODEL_FAULTS[0][1:]
    d = _damaged_models(tmp_path, name, damage)
    with pytest.raises(ModelUnavailable):
        load_model(d)
    shutil.copy2(ROOT / "models" / name, d / name)
    assert load_model(d).classify(["Đồ ăn ngon"])[0].label in ("positive", "negative")


def test_messages_show_model_paths_inside_the_project_without_the_server_folders(tmp_path):
    from core.sentiment import MODELS_DIR
    from core.sentiment.files import project_path

    assert project_path(MODELS_DIR / MODEL_FILES[0]) == "models/sentiment/lstm/model.onnx"
    assert project_path(tmp_path / "m.onnx") == str(tmp_path / "m.onnx")  # the caller's own
