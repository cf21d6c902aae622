"""The LM training command end to end on a tiny made-up NTC-SCV folder (never the real data)."""

import json
import math

import pytest

from core.lm.runtime import OnnxLM
from core.training import lm as train_lm

pytestmark = pytest.mark.slow

REVIEWS = [
    "Quán này ngon lắm, nhân_viên dễ thương!",
    "Đồ ăn dở, phục_vụ chậm. Không quay lại.",
    "Trà sữa ngon, giá hợp_lý 30k",
    "Quán đông, chờ lâu nhưng món ngon",
]


@pytest.fixture
def tiny_data(tmp_path):
    for split in ("train", "test"):
        for label in ("pos", "neg"):
            d = tmp_path / "ntc" / "data_train" / split / label
            d.mkdir(parents=True)
            for i, text in enumerate(REVIEWS * 2):
                (d / f"{i}.txt").write_text(f"{text} {label} {i}", encoding="utf-8")
    return tmp_path / "ntc"


def test_a_tiny_run_writes_a_model_the_runtime_reads(tiny_data, tmp_path):
    out = tmp_path / "out"
    argv = ["--data", str(tiny_data), "--out", str(out), "--epochs", "2", "--tokens-per-epoch",
            "300", "--vocab-size", "40", "--hidden", "8", "--embed", "8"]  # fmt: skip
    meta = train_lm.main(argv)
    assert sorted(p.name for p in out.iterdir()) == [
        "lm.onnx", "metadata.json", "reviews_sample.txt.gz", "vocab.json",
    ]  # fmt: skip
    assert json.loads((out / "metadata.json").read_text("utf-8")) == meta
    # The command as typed, without the machine's paths.
    assert meta["command"].startswith("python -m core.training.lm --data DATA --out OUT --epochs 2")
    assert str(tmp_path) not in json.dumps(meta)
    assert [e["epoch"] for e in meta["epochs"]] == [1, 2]
    assert meta["config"]["model"]["vocab_size"] <= 40
    assert meta["data"]["train_reviews"] == meta["data"]["validation_reviews"] == 16
    v = meta["validation"]
    assert math.isfinite(v["lstm_perplexity"]) and set(v["ngram_add_one_perplexity"]) == {
        "1", "2", "3", "4",
    }  # fmt: skip
    lm = OnnxLM(out)
    assert abs(lm.next_distribution(["quán"]).sum() - 1) < 1e-9
    # The card's number is the runtime's: recompute it through onnxruntime.
    ids = [[2, *lm.vocab.encode(t), 3] for t in (train_lm.tokens(r) for r in
           train_lm.read_split(tiny_data, "test")[0])]  # fmt: skip
    assert train_lm.onnx_perplexity(lm, ids) == pytest.approx(v["lstm_perplexity"], rel=1e-9)


def test_the_command_shows_folders_as_placeholders():
    shown = train_lm.shown_args(["--data", "/x/ntc", "--out=/y", "--epochs", "2"])
    assert shown == ["--data", "DATA", "--out OUT", "--epochs", "2"]


def test_a_seed_gives_the_same_model(tiny_data, tmp_path):
    argv = ["--data", str(tiny_data), "--epochs", "1", "--tokens-per-epoch", "200",
            "--vocab-size", "30", "--hidden", "4", "--embed", "4"]  # fmt: skip
    a = train_lm.main([*argv, "--out", str(tmp_path / "a")])
    b = train_lm.main([*argv, "--out", str(tmp_path / "b")])
    assert a["onnx"]["sha256"] == b["onnx"]["sha256"]
    assert a["epochs"][0]["train_loss"] == b["epochs"][0]["train_loss"]
