"""The ONNX LM: parity with torch, distributions that sum to 1, seeded generation, the card."""

import json
import math

import numpy as np
import pytest
import torch

from core.errors import CoreError
from core.lm.runtime import OnnxLM
from core.lm.sampling import reshape
from core.lm.tokens import BOS, EOS, SPECIALS, Vocab
from core.training.lm import export_onnx, torch_from_onnx
from core.training.lm_model import LSTMLM, LMConfig
from tests.support.paths import MODELS

WORDS = ("quán", "này", "ngon", "lắm", "nhân", "viên", "dễ", "thương")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A small random LSTM LM, exported the way the trainer does, and its torch twin."""
    torch.manual_seed(7)
    cfg = LMConfig(vocab_size=len(SPECIALS) + len(WORDS), embed_dim=6, hidden_size=5)
    model = LSTMLM(cfg).eval()
    folder = tmp_path_factory.mktemp("lm")
    Vocab(SPECIALS + WORDS).save(folder / "vocab.json")
    export_onnx(model, folder / "lm.onnx")
    (folder / "metadata.json").write_text(json.dumps({"config": {}}), "utf-8")
    return model, OnnxLM(folder)


def test_onnx_log_probs_match_torch_at_several_shapes(tiny):
    model, lm = tiny
    rng = np.random.default_rng(0)
    for B, T in [(1, 1), (1, 9), (3, 4), (2, 23)]:
        ids = rng.integers(2, model.cfg.vocab_size, size=(B, T))
        with torch.no_grad():
            ref = model(torch.from_numpy(ids)).numpy()
        got = lm.log_probs(ids)
        assert got.shape == (B, T, model.cfg.vocab_size)
        np.testing.assert_allclose(got, ref, atol=1e-4)


def test_next_word_probabilities_sum_to_one(tiny):
    _, lm = tiny
    for words in ([], ["quán"], ["quán", "này", "unseen-word"]):
        p = lm.next_distribution(words)
        assert p.sum() == pytest.approx(1.0, abs=1e-9) and (p >= 0).all()
    top = lm.top_next(["quán"], k=10)
    assert len(top) == 10 and [p for _, p in top] == sorted((p for _, p in top), reverse=True)


def test_generation_is_reproducible_for_a_seed(tiny):
    _, lm = tiny
    a = lm.generate(["quán"], 20, 1.0, 8, seed=3)
    b = lm.generate(["quán"], 20, 1.0, 8, seed=3)
    assert a == b
    others = {lm.generate(["quán"], 20, 1.0, 8, seed=s).words for s in range(8)}
    assert len(others) > 1  # the seed matters
    assert not {BOS, "<pad>", "<unk>", EOS} & set(a.words)


def test_top_1_is_greedy_and_temperature_sharpens():
    p = np.array([0.1, 0.6, 0.3])
    np.testing.assert_allclose(reshape(p, 1.0, 1), [0, 1, 0])
    np.testing.assert_allclose(reshape(p, 1.0, 3), p)
    cold, hot = reshape(p, 0.5, 3), reshape(p, 2.0, 3)
    assert cold[1] > p[1] > hot[1]
    np.testing.assert_allclose(cold, p**2 / (p**2).sum())
    assert reshape(p, 1.0, 3, banned=[1])[1] == 0
    with pytest.raises(CoreError):
        reshape(p, 0.0, 3)
    with pytest.raises(CoreError):
        reshape(p, 1.0, 0)


def test_a_missing_or_broken_model_is_a_core_error(tmp_path):
    with pytest.raises(CoreError) as err:
        OnnxLM(tmp_path)
    assert err.value.code == "lm_model_unavailable"
    (tmp_path / "metadata.json").write_text("{}")
    Vocab(SPECIALS + WORDS).save(tmp_path / "vocab.json")
    (tmp_path / "lm.onnx").write_bytes(b"not onnx")
    with pytest.raises(CoreError):
        OnnxLM(tmp_path)


# ------------------------------------------------------------ the shipped model


@pytest.fixture(scope="module")
def shipped():
    try:
        return OnnxLM(MODELS / "lm")
    except CoreError as exc:
        pytest.skip(f"no shipped LM: {exc}")


def test_the_shipped_model_is_small_and_its_card_complete(shipped):
    meta = shipped.metadata
    assert (MODELS / "lm" / "lm.onnx").stat().st_size <= 10_000_000
    assert meta["onnx"]["bytes"] == (MODELS / "lm" / "lm.onnx").stat().st_size
    assert meta["command"].startswith("python -m core.training.lm")
    assert meta["data"]["train_split"] == "data_train/train"
    assert meta["data"]["validation_split"] == "data_train/test"
    assert len(meta["data"]["train_sha256"]) == 64
    assert len(meta["epochs"]) == meta["config"]["training"]["epochs"]
    text = json.dumps(meta)
    for machine_path in ("/work", "/home", "/tmp", "/root", "shared/"):
        assert machine_path not in text
    v = meta["validation"]
    assert math.isfinite(v["lstm_perplexity"])
    ngrams = v["ngram_add_one_perplexity"]
    assert set(ngrams) == {"1", "2", "3", "4"} and all(math.isfinite(x) for x in ngrams.values())
    assert v["lstm_perplexity"] < min(ngrams.values())  # the LSTM beats every add-one n-gram


def test_the_shipped_model_predicts_and_writes_reproducibly(shipped):
    p = shipped.next_distribution(["quán", "này"])
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    assert len(shipped.vocab) == shipped.metadata["config"]["model"]["vocab_size"] == p.size
    a = shipped.generate(["món", "ăn"], 15, 0.8, 10, seed=1)
    assert a == shipped.generate(["món", "ăn"], 15, 0.8, 10, seed=1)


def test_the_shipped_file_computes_what_its_torch_model_computes(shipped):
    """The shipped graph, rebuilt as torch's LSTMLM from its own weights: same log-probs."""
    cfg = LMConfig(**shipped.metadata["config"]["model"])
    model = torch_from_onnx(MODELS / "lm" / "lm.onnx", cfg)
    ids = np.array([shipped.encode(["quán", "này", "ngon", "lắm", "nhưng", "hơi", "đắt"])] * 2)
    with torch.no_grad():
        ref = model(torch.from_numpy(ids)).numpy()
    np.testing.assert_allclose(shipped.log_probs(ids), ref, atol=1e-4)


def test_the_shipped_card_is_what_the_command_builds_by_default(shipped):
    """`python -m core.training.lm` with no flags rebuilds this model: the defaults match."""
    from dataclasses import asdict

    from core.training.lm import LMTrainConfig

    assert shipped.metadata["command"] == "python -m core.training.lm"
    assert shipped.metadata["config"] == {
        "model": asdict(LMConfig()),
        "training": asdict(LMTrainConfig()),
    }


# ------------------------------------------------------------ why the texts end early


def _model_p_eos(lm: OnnxLM, words: list[str]) -> float:
    """P(</s> | <s> words) straight from the graph's log-probs (softmax redone here)."""
    lp = lm.log_probs(np.array([lm.encode(words)]))[0, -1].astype(np.float64)
    p = np.exp(lp - lp.max())
    return float(p[lm.vocab.id(EOS)] / p.sum())


def _sampled_p_eos(lm: OnnxLM, words: list[str], temperature: float, top_k: int) -> float:
    """The same after temperature and top-k, by hand: p^(1/T) on the k likeliest allowed ids."""
    p = np.exp(lm.log_probs(np.array([lm.encode(words)]))[0, -1].astype(np.float64))
    p[[lm.vocab.id(w) for w in ("<pad>", BOS, "<unk>")]] = 0.0
    keep = np.argsort(-p)[:top_k]
    w = np.zeros_like(p)
    w[keep] = p[keep] ** (1.0 / temperature)
    return float(w[lm.vocab.id(EOS)] / w.sum())


def test_an_ended_text_says_how_likely_the_end_was_before_and_after_sampling(shipped):
    """After "quán này" the model gives </s> about 9%; top-k = 10 at temperature 0.8 keeps
    </s> among ten words and raises it to about 39%: why texts end after a few syllables."""
    prompt = ["quán", "này"]
    ended = [c for s in range(40) if (c := shipped.generate(prompt, 25, 0.8, 10, s)).ended]
    assert len(ended) >= 10  # a quarter or more of the seeds stop
    first = next(c for c in ended if not c.words)  # stopped at once, right after the prompt
    assert first.end_p == pytest.approx(_model_p_eos(shipped, prompt), rel=1e-5)
    assert first.end_q == pytest.approx(_sampled_p_eos(shipped, prompt, 0.8, 10), rel=1e-5)
    assert 0.05 < first.end_p < 0.15 and first.end_q > 3 * first.end_p
    for c in ended:  # every ended text: the end's odds at its last step, redone by hand
        ctx = prompt + list(c.words)
        assert c.end_p == pytest.approx(_model_p_eos(shipped, ctx), rel=1e-5)
        assert c.end_q == pytest.approx(_sampled_p_eos(shipped, ctx, 0.8, 10), rel=1e-5)


def test_write_past_the_end_never_draws_it_and_runs_to_length(shipped):
    for seed in range(12):
        c = shipped.generate(["quán", "này"], 25, 0.8, 10, seed, allow_end=False)
        assert len(c.words) == 25 and not c.ended and EOS not in c.words
    kept = shipped.generate(["quán", "này"], 25, 0.8, 10, 0)
    assert kept == shipped.generate(["quán", "này"], 25, 0.8, 10, 0, allow_end=True)
