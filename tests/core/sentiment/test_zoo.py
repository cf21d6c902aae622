"""The three models side by side: one review through each, the models' figures, faults."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from core.sentiment import MODEL_NAMES, ModelUnavailable, load_model, model_files
from core.sentiment.review import EXAMPLES
from core.sentiment.text import preprocess
from core.sentiment.zoo import length_gap, load_all, unavailable, verdict, zoo, zoo_of
from tests.support.faults import MODEL_FAULTS
from tests.support.paths import ROOT


@pytest.mark.parametrize(("key", "label"), [("pos2", "positive"), ("neg1", "negative")])
def test_a_verdict_is_the_graphs_answer_and_the_datasets_label(zoo, key, label):
    """Slide 21's reviews carry their label in the data; P(positive) is the shipped graph's
    own output after the review's last token, run here without the classify path."""
    text = EXAMPLES[key]
    v = verdict(zoo, text)
    ids = np.asarray([zoo.encode(preprocess(text))], dtype=np.int64)
    p = zoo.session.run(["p_prefix"], {"ids": ids})[0][0, -1]
    assert (v.model, v.label, v.error) == (zoo.name, label, None)
    assert v.p_positive == pytest.approx(float(p), abs=1e-7)
    assert v.ms > 0
    empty = verdict(zoo, "😀 !!!")
    assert empty.label is None and empty.p_positive is None


def test_the_zoo_reads_every_figure_from_the_metadata():
    md = {
        "rnn": {"metrics": {"typed": {"accuracy": 0.8}}, "parameters": 10,
                "challenge": {"n": 208, "accuracy": 0.7, "sure_wrong": 3,
                              "by_category": {"negation": {"n": 28, "accuracy": 0.3}}},
                "speed": {"one_review_ms": 0.6, "reviews_per_s": 900.0, "cpus": 2},
                "by_length": [{"bucket": "11-25", "n": 900, "accuracy": 0.76}],
                "reliability": [{"lo": 0.0, "hi": 0.1, "n": 5, "mean_p": 0.05,
                                 "positive_share": 0.0}]},
        "bag": {},
    }  # fmt: skip
    z = zoo(md, {"rnn": 2**20})
    assert [r.model for r in z.rows] == ["bag", "rnn"]  # MODEL_NAMES order
    bag, rnn = z.rows
    assert bag.accuracy == {"typed": None, "underscore": None, "no_diacritics": None}
    assert bag.challenge is None and bag.reviews_per_s is None and bag.file_bytes is None
    assert rnn.accuracy["typed"] == 0.8 and rnn.challenge == 0.7 and rnn.sure_wrong == 3
    assert (rnn.one_review_ms, rnn.reviews_per_s, rnn.file_bytes) == (0.6, 900.0, 2**20)
    assert z.challenge["rnn"] == {"negation": {"n": 28, "accuracy": 0.3}}
    assert z.by_length["rnn"][0]["accuracy"] == 0.76 and z.by_length["bag"] == []
    assert z.cpus == 2 and z.gap is None  # no lstm line to compare with


def test_the_length_gap_is_lstm_minus_rnn_in_the_outer_buckets_big_enough():
    rows = lambda accs: [  # noqa: E731
        {"bucket": b, "n": n, "accuracy": a}
        for (b, n), a in zip((("1-10", 9), ("11-25", 900), ("26-50", 2000), ("200+", 800)),
                             accs, strict=True)
    ]  # fmt: skip
    gap = length_gap({"rnn": rows([1.0, 0.70, 0.75, 0.80]), "lstm": rows([0.5, 0.75, 0.8, 0.9])})
    assert gap[0] == "11-25" and gap[2] == "200+"  # 1-10 holds too few reviews
    assert gap[1] == pytest.approx(5.0) and gap[3] == pytest.approx(10.0)
    assert length_gap({"rnn": rows([0.5] * 4)}) is None


def test_the_shipped_zoo_has_every_model_and_every_figure():
    models, errors = load_all(lambda n: load_model(name=n))
    assert list(models) == list(MODEL_NAMES) and errors == {}
    z, cards = zoo_of(models)
    assert [r.model for r in z.rows] == list(MODEL_NAMES) and list(cards) == list(MODEL_NAMES)
    for r in z.rows:
        assert all(0.5 < a <= 1 for a in r.accuracy.values())
        assert r.challenge_n >= 200 and r.sure_wrong is not None
        assert (
            r.parameters > 0
            and r.file_bytes == (ROOT / "models" / model_files(r.model)[1]).stat().st_size
        )
        assert r.one_review_ms > 0 and r.reviews_per_s > 0
        assert z.by_length[r.model] and len(z.reliability[r.model]) == 10
    assert z.gap is not None and "/" not in "".join(z.speed_how.values())  # no machine path


@pytest.mark.parametrize(
    ("fault", "name", "damage"), MODEL_FAULTS, ids=[f[0] for f in MODEL_FAULTS]
)
def test_a_broken_file_takes_down_only_the_models_that_read_it(tmp_path, fault, name, damage):
    d = tmp_path / "models"
    shutil.copytree(ROOT / "models" / "sentiment", d / "sentiment")
    damage(d / name)
    models, errors = load_all(lambda n: load_model(d, name=n))
    if name.startswith("sentiment/vocab"):  # every model reads the one vocabulary
        assert models == {} and set(errors) == set(MODEL_NAMES)
    else:  # the lstm's own files: the bag and the rnn still answer
        assert list(models) == ["bag", "rnn"] and list(errors) == ["lstm"]
        assert all(m.classify(["Ngon"])[0].label for m in models.values())
    for e in errors.values():
        assert isinstance(e, ModelUnavailable) and e.params["command"] == "make train"
        assert unavailable("lstm", e).error is e
