"""The site runs without torch: every page driven and every runtime module imported, in a
fresh interpreter, leave `torch` out of sys.modules, and `onnx` too (the site reads the
shipped weights with core/onnxfile.py; requirements.txt has neither).

A fresh subprocess, because this test session itself imports torch for the references.
Runtime = app.py and pages/ (through AppTest, with their text boxes, toggles and
buttons used), ui/, and core/ except core/training (training and the ONNX export need torch, and
requirements-train.txt brings it).
"""

import json
import subprocess
import sys

import pytest

from tests.support.paths import ROOT

DRIVER = r"""
import importlib, json, pathlib, pkgutil, sys

import tests.conftest  # noqa: F401  the AppTest set-up every page test runs with
from tests.support.apptest import open_page

import core, ui

skipped = ("core.training",)
modules = []
for pkg in (core, ui):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if not m.name.startswith(skipped):
            importlib.import_module(m.name)
            modules.append(m.name)

SMALL = {"race_steps": 3, "race_T": 5, "race_hidden": 4,  # the race page's quick settings
         "train_reviews": 50, "train_epochs": 1, "train_embed": 4, "train_hidden": 4,
         "train_max_len": 10}  # and the training page's
pages, used = sorted(p.name for p in pathlib.Path("pages").glob("*.py")), 0


def small(at):
    for key, value in SMALL.items():
        if any(w.key == key and w.value != value for w in at.number_input):
            at.number_input(key=key).set_value(value).run()


for name in pages:
    at = open_page(f"pages/{name}")
    small(at)
    for kind in ("text_area", "text_input"):  # a review to classify, a phrase to read
        for w in getattr(at, kind):
            w.input("Món ăn rất ngon, phục vụ nhanh. The food was great.").run()
            used += 1
            assert not at.exception, (name, kind, at.exception)
    for kind in ("toggle", "button"):  # presets among the buttons set the radios too
        keys = [w.key for w in getattr(at, kind) if w.key and w.key != "lang"]
        for key in keys:
            widgets = [w for w in getattr(at, kind) if w.key == key]
            if not widgets or widgets[0].disabled:
                continue
            w = widgets[0]
            if kind == "toggle":
                w.set_value(not w.value)
            else:
                w.click()
            at.run()
            small(at)  # a preset may have set a long race again
            used += 1
            assert not at.exception, (name, key, at.exception)
print(json.dumps({
    "training_only": sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "onnx")),
    "modules": modules, "pages": pages, "used": used,
}))
"""


@pytest.mark.slow
def test_every_page_and_runtime_module_runs_without_importing_torch_or_onnx():
    out = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["training_only"] == []
    assert len(seen["pages"]) == len(list((ROOT / "pages").glob("*.py"))) >= 7
    assert "core.gradients.bptt" in seen["modules"] and "ui.gradients.figures" in seen["modules"]
    assert "core.sentiment.weights" in seen["modules"]
    assert not any(m.startswith("core.training") for m in seen["modules"])
    assert seen["used"] > 15  # the pages' own controls were used, not only opened
