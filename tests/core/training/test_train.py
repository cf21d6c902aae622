"""Training smoke run of each model on a tiny fixture in the official layout: loads and predicts.

Every test that trains is marked slow (`make test-fast` leaves them out).
"""

import hashlib
import json
import random

import numpy as np
import pytest

from core.sentiment import MODEL_NAMES, load_model, model_files
from core.sentiment.vocab import Vocab
from core.training import train

GOOD = ["ngon", "tuyệt_vời", "thích", "dễ_thương", "sạch_sẽ", "rẻ"]
BAD = ["dở", "tệ", "bẩn", "đắt", "chậm", "thất_vọng"]
FILLER = ["quán", "này", "món", "ăn", "nhân_viên", "phục_vụ", "mình", "đi", "với", "bạn", "lắm"]


def make_dataset(root, n_per_class, seed=0):
    """NTC-SCV's layout: data_train/{train,test}/{pos,neg}/N.txt, words joined by _."""
    rng = random.Random(seed)
    for split, n in (("train", n_per_class), ("test", n_per_class // 3)):
        for folder, words in (("pos", GOOD), ("neg", BAD)):
            d = root / "data_train" / split / folder
            d.mkdir(parents=True)
            for k in range(n):
                body = rng.choices(FILLER, k=rng.randint(3, 15)) + rng.choices(words, k=2)
                rng.shuffle(body)
                (d / f"{k}.txt").write_text(" ".join(body) + " .\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    data = make_dataset(tmp_path_factory.mktemp("ntc"), 150)
    out = tmp_path_factory.mktemp("models")
    opts = "--epochs 6 --batch-size 16 --lr 0.01 --hidden-size 16 --embed-dim 16 --max-len 40"
    opts += " --dropout 0.1 --unk-prob 0.02"  # a tiny model on a tiny task: regularise lightly
    args = [str(data), "--out", str(out), *opts.split(), "--seed", "7", "--threads", "1"]
    assert train.main(args) == 0
    return data, out


@pytest.mark.slow
@pytest.mark.parametrize("name", MODEL_NAMES)
def test_smoke_run_writes_every_models_artifacts(trained, name):
    data, out = trained
    assert all((out / f).is_file() for f in model_files(name))
    meta = json.loads((out / model_files(name)[2]).read_text("utf-8"))
    assert meta["seed"] == 7 and meta["config"]["embed_dim"] == 16
    assert meta["config"]["hidden_size"] == (0 if name == "bag" else 16)
    assert meta["name"] == meta["config"]["kind"] == name
    assert meta["command"].startswith("python -m core.training.train")
    assert len(meta["data"]["train_sha256"]) == 64
    # No machine path on the model card: a folder outside the project is named, not located.
    assert meta["data"]["path"] == data.name
    assert str(data) not in json.dumps(meta) and str(out) not in json.dumps(meta)
    assert 1 <= len(meta["curves"]) <= 6
    assert meta["metrics"]["typed"]["n"] == 100
    assert meta["data"]["language"]["train"]["read"] == 300
    vocab = Vocab.load(out / model_files(name)[0])
    assert vocab.itos[:2] == ["<pad>", "<unk>"]
    assert "nhân" in vocab and "nhân_viên" not in vocab  # syllables, not underscore words


@pytest.mark.slow
@pytest.mark.parametrize("name", MODEL_NAMES)
def test_smoke_model_loads_and_predicts(trained, name):
    _, out = trained
    model = load_model(out, name=name)
    results = model.classify(["món ăn ngon , nhân viên dễ thương", "quán bẩn , phục vụ chậm , tệ"])
    assert [r.label for r in results] == ["positive", "negative"]
    assert model.metadata["metrics"]["typed"]["accuracy"] >= 0.85


@pytest.mark.slow
def test_the_same_seed_gives_the_same_model(trained, tmp_path):
    data, out = trained
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    args = [str(data), "--out", str(tmp_path), *opts.split(), "--threads", "1", "--model", "rnn"]
    assert train.main(args) == 0
    # --model trains that model alone
    assert not (tmp_path / "sentiment" / "lstm").exists()
    first = load_model(tmp_path, name="rnn").predict_ids([[2, 3, 4, 5]])
    again = tmp_path / "again"
    assert train.main([*args[:2], str(again), *args[3:]]) == 0
    np.testing.assert_array_equal(load_model(again, name="rnn").predict_ids([[2, 3, 4, 5]]), first)


@pytest.mark.slow
def test_pretraining_the_lstm_as_a_language_model_runs(trained, tmp_path):
    data, _ = trained
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    opts += " --pretrain-epochs 1 --pretrain-max-len 20 --model lstm --threads 1"
    assert train.main([str(data), "--out", str(tmp_path), *opts.split()]) == 0
    meta = load_model(tmp_path).metadata
    assert len(meta["pretrain_curves"]) == 1 and meta["pretrain_curves"][0]["next_token_loss"] > 0
    assert meta["train_config"]["pretrain_epochs"] == 1


@pytest.mark.slow
def test_one_model_reads_the_shared_vocabulary_it_finds(trained, tmp_path):
    """--model X beside a shipped vocab.json reads it as it is (the other models read it
    too); the prefix loss runs, and the length temperature is fitted and recorded."""
    data, out = trained
    (tmp_path / "sentiment").mkdir()
    shared = tmp_path / "sentiment" / "vocab.json"
    itos = [*Vocab.load(out / model_files("lstm")[0]).itos, "chữ_lạ"]  # never in the data
    Vocab(itos).save(shared)
    before = shared.read_bytes()
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    opts += " --prefix-weight 0.3 --model lstm --threads 1"
    assert train.main([str(data), "--out", str(tmp_path), *opts.split()]) == 0
    assert shared.read_bytes() == before
    meta = load_model(tmp_path).metadata
    assert meta["vocab_size"] == len(itos)
    assert meta["vocab_sha256"] == hashlib.sha256(before).hexdigest()
    cal = meta["weights"]["calibration"]
    assert cal["a"] > 0 and cal["b"] >= 0 and -2 < cal["e"] < 0
    assert cal["prefix_log_loss_after"] <= cal["prefix_log_loss_before"] + 1e-9


@pytest.mark.slow
@pytest.mark.parametrize("new_vocab", [False, True])
def test_all_three_read_the_shipped_vocabulary_unless_told(trained, tmp_path, new_vocab):
    """`make train` reads the vocabulary it finds, so the shipped commands give the shipped
    models; --new-vocab builds it again from the training split, for all three."""
    data, out = trained
    (tmp_path / "sentiment").mkdir()
    shared = tmp_path / "sentiment" / "vocab.json"
    Vocab([*Vocab.load(out / model_files("lstm")[0]).itos, "chữ_lạ"]).save(shared)
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    args = [str(data), "--out", str(tmp_path), *opts.split(), *["--new-vocab"] * new_vocab]
    assert train.main(args) == 0
    assert ("chữ_lạ" in Vocab.load(shared)) is not new_vocab
    for name in MODEL_NAMES:
        meta = load_model(tmp_path, name=name).metadata
        assert meta["vocab_sha256"] == hashlib.sha256(shared.read_bytes()).hexdigest()
        assert meta["train_config"]["threads"] == 1  # default: same command, same weights


@pytest.mark.slow
def test_several_seeds_ship_the_best_on_validation_and_record_them_all(trained, tmp_path):
    data, _ = trained
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    args = [str(data), "--out", str(tmp_path), *opts.split(), "--model", "rnn", "--seeds", "3", "4"]
    assert train.main(args) == 0
    meta = load_model(tmp_path, name="rnn").metadata
    search = meta["seed_search"]
    assert set(search["val_accuracy"]) == {"3", "4"}
    best = max(search["val_accuracy"].values())
    assert search["val_accuracy"][str(search["chosen"])] == best
    assert meta["seed"] == meta["train_config"]["seed"] == search["chosen"]
    assert search["mean"] == pytest.approx(np.mean(list(search["val_accuracy"].values())))
    # the shipped weights are the chosen seed's: its torch figure is the metadata's
    assert meta["weights"]["val_accuracy_torch"][meta["weights"]["chosen"]] == best
    assert "--seeds 3 4" in meta["command"]


def test_seed_and_seeds_together_are_refused(tmp_path, capsys):
    data = make_dataset(tmp_path / "ntc", 3)
    args = [str(data), "--out", str(tmp_path / "out"), "--seed", "1", "--seeds", "2", "3"]
    assert train.main(args) == 2
    assert "--seeds" in capsys.readouterr().err


def test_a_new_vocabulary_for_one_model_alone_is_refused(tmp_path, capsys):
    data = make_dataset(tmp_path / "ntc", 3)
    args = [str(data), "--out", str(tmp_path / "out"), "--model", "rnn", "--new-vocab"]
    assert train.main(args) == 2
    assert "--new-vocab" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_data_folder_is_exit_code_2(tmp_path, capsys):
    assert train.main([str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    assert "data_train" in capsys.readouterr().err


def test_the_data_folder_is_recorded_relative_to_the_project(tmp_path):
    from core.training.data import DEFAULT_DATA, ROOT, recorded_path

    assert recorded_path(DEFAULT_DATA) == "../shared/data/ntc-scv"
    assert recorded_path(ROOT / "data" / "ntc") == "data/ntc"
    assert recorded_path(tmp_path / "ntc-scv") == "ntc-scv"  # elsewhere: the name alone


@pytest.mark.slow
def test_both_forms_and_counterfactual_pairs_train_and_are_on_the_card(trained, tmp_path):
    data, _ = trained
    opts = "--epochs 1 --batch-size 32 --hidden-size 8 --embed-dim 8 --max-len 40 --limit 30"
    opts += " --model rnn --both-forms yes --counterfactual 1.0"
    assert train.main([str(data), "--out", str(tmp_path), *opts.split()]) == 0
    meta = load_model(tmp_path, name="rnn").metadata
    assert meta["train_config"]["both_forms"] is True
    aug = meta["augmentation"]
    assert "twice" in aug["no_diacritics"] and "TEENCODE" in aug["teencode"]
    cf = aug["counterfactual"]
    assert cf["pairs_used"] == cf["pairs_available"] and cf["share"] == 1.0
    assert "không" in cf["rule"]
    assert "--both-forms yes --counterfactual 1.0" in meta["command"]


def _prepared(n_reviews: int, n_pairs: int) -> train.Prepared:
    ids = [[2 + k] for k in range(n_reviews)]
    cf = [[100 + k] for k in range(2 * n_pairs)]
    return train.Prepared(
        None, ids, [[-i for i in s] for s in ids], np.arange(n_reviews) % 2,
        cf, [[-i for i in s] for s in cf], np.array([1, 0] * n_pairs),
        [], [], np.zeros(0), {}, 0.0,
    )  # fmt: skip


def test_a_share_of_the_counterfactual_pairs_joins_whole_pairs_after_the_reviews():
    prep = _prepared(5, 10)
    none = train.examples(prep, train.TrainConfig(counterfactual=0.0))
    assert none.typed == prep.tr_ids and none.pairs == 0 and len(none.y) == 5
    half = train.examples(prep, train.TrainConfig(counterfactual=0.5, seed=3))
    assert half.pairs == 5 and len(half.typed) == len(half.plain) == len(half.y) == 15
    added = [s[0] - 100 for s in half.typed[5:]]
    assert all(a % 2 == 0 and b == a + 1 for a, b in zip(added[::2], added[1::2], strict=True))
    assert list(half.y[5:]) == [1, 0] * 5
    assert half.plain[7] == [-half.typed[7][0]]  # the same review in its other form
    again = train.examples(prep, train.TrainConfig(counterfactual=0.5, seed=3))
    assert again.typed == half.typed  # the seed decides which pairs


def test_an_epoch_shows_each_review_once_or_in_both_forms():
    rng = np.random.default_rng(0)
    index, plain = train.epoch_items(1000, train.TrainConfig(strip_prob=0.3), rng)
    assert list(index) == list(range(1000)) and 0.25 < plain.mean() < 0.35
    index, plain = train.epoch_items(4, train.TrainConfig(both_forms=True), rng)
    assert list(index) == [0, 1, 2, 3, 0, 1, 2, 3]
    assert list(plain) == [False] * 4 + [True] * 4


@pytest.mark.parametrize(("text", "value"), [("1", True), ("yes", True), ("False", False)])
def test_a_bool_setting_reads_yes_and_no(text, value):
    assert train._yes_no(text) is value


def test_a_bool_setting_refuses_other_words(tmp_path, capsys):
    data = make_dataset(tmp_path / "ntc", 3)
    with pytest.raises(SystemExit):
        train.main([str(data), "--out", str(tmp_path / "o"), "--both-forms", "maybe"])
    assert "give 1 or 0" in capsys.readouterr().err
