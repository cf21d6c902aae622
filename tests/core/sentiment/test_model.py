"""The shipped sentiment models (bag, rnn, lstm) through core.sentiment (onnxruntime only)."""

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from core.sentiment import MODEL_NAMES, ModelUnavailable, load_model, model_files
from core.sentiment.files import ACCENTS_FILE
from core.sentiment.text import CLEANING_STEPS, strip_diacritics
from core.sentiment.vocab import UNK
from tests.support.paths import DATA, MODELS, ROOT

# Slide 21, as the slide prints them (left column positive, right column negative).
SLIDE_21 = [
    (
        "Mình được 1 cô bạn giới_thiệu đến đây , tìm địa_chỉ khá dễ . Menu nước uống chất "
        "khỏi nói . Mình muốn cũng đc 8 loại nước ở đây , món nào cũng ngon và bổ_dưỡng cả .",
        "positive",
    ),
    (
        "Mỗi lần thèm trà sữa là làm 1 ly . Quán dễ kiếm , không_gian lại rộng_rãi . "
        "Nhân_viên thì dễ_thương gần_gũi . Nói_chung thèm trà sữa là mình ghé Quán ở đây "
        "vì gần nhà .",
        "positive",
    ),
    (
        "Quán chế_biến đồ_ăn lâu , Cá_Sapa nướng uớp rất dở , sò Lông ko tươi , nước_chấm ko "
        "ngon\n Tóm_lại sẽ ko bao_giờ ghé nữa , ăn_dở mà uổng tiền",
        "negative",
    ),
    (
        "Quán này thấy khá nhiều người bảo mình nên mình đã đi ăn thử , nhưng thực_sự ăn xong "
        "thấy không được như mong_đợi lắm .",
        "negative",
    ),
]


@pytest.mark.parametrize("text,label", SLIDE_21)
def test_slide_21_reviews_get_their_label(zoo, text, label):
    for form in (text, text.replace("_", " ")):
        r = zoo.classify([form])[0]
        assert r.label == label, (form, r.p_positive)
        assert r.status == "ok" and r.language == "vi"


def test_classify_keeps_order_count_and_flags(zoo):
    texts = [
        SLIDE_21[0][0],
        "",
        "The staff is so nice and the coffee is great, I will come back again.",
        "   !!! 123 😀 ",
        SLIDE_21[2][0],
    ]
    results = zoo.classify(texts)
    assert [r.text for r in results] == texts
    assert [r.status for r in results] == ["ok", "empty", "not_vietnamese", "empty", "ok"]
    assert results[1].label is None and results[1].p_positive is None
    assert results[2].label in ("positive", "negative") and 0 <= results[2].p_positive <= 1
    assert [results[0].label, results[4].label] == ["positive", "negative"]


def test_batching_by_length_changes_no_answer(zoo):
    """A review's P is the same alone and inside a padded batch of longer reviews."""
    texts = [t for t, _ in SLIDE_21] + ["ngon", "quán dở tệ", SLIDE_21[3][0] * 5]
    together = [r.p_positive for r in zoo.classify(texts)]
    alone = [zoo.classify([t])[0].p_positive for t in texts]
    np.testing.assert_allclose(together, alone, atol=1e-6)


def test_analyze_explains_the_verdict(zoo):
    text = "Nhân viên dễ thương , đồ ăn ngon nhưng giá hơi đắt . xyzzyqq"
    a = zoo.analyze(text)
    # the cleaning steps, then the shipped accents table's (typed with accents: no change)
    assert [s.key for s in a.steps] == [k for k, _ in CLEANING_STEPS] + ["accents"]
    assert a.steps[-1].text == a.steps[-2].text == a.steps[-2].text.lower()
    assert a.steps[-1].removed == ()
    assert a.tokens[-1] == "xyzzyqq" and a.unknown[-1] and a.ids[-1] == UNK
    assert len(a.ids) == len(a.tokens) == len(a.p_prefix) == len(a.influence) == len(a.unknown)
    assert a.p_positive == pytest.approx(a.p_prefix[-1], abs=1e-7)
    assert a.p_positive == pytest.approx(zoo.classify([text])[0].p_positive, abs=1e-6)
    # p_prefix[t] is the verdict on the first t+1 tokens alone.
    for t in (0, 3, 7):
        assert a.p_prefix[t] == pytest.approx(zoo.predict_ids([a.ids[: t + 1]])[0], abs=1e-6)
    # influence[t] is p minus the verdict with token t left out, recomputed one by one.
    for t in range(len(a.ids)):
        without = zoo.predict_ids([a.ids[:t] + a.ids[t + 1 :]])[0]
        assert a.influence[t] == pytest.approx(a.p_positive - without, abs=1e-6)
    assert a.status == "ok" and a.label in ("positive", "negative") and not a.truncated


def test_a_review_typed_without_diacritics_is_read_with_them_put_back(zoo):
    """The model reads the accents table's restoration: the same ids, and so the same
    verdict, as for the review typed with its diacritics, when the table gets every one back;
    analyze shows it as the last step, and classify reads exactly what analyze reads."""
    typed, plain = "Nhân viên dễ thương, đồ ăn ngon", "Nhan vien de thuong, do an ngon"
    a, b = zoo.analyze(typed), zoo.analyze(plain)
    assert b.tokens == a.tokens == ["nhân", "viên", "dễ", "thương", "đồ", "ăn", "ngon"]
    assert b.steps[-1].key == "accents" and b.steps[-1].text == " ".join(a.tokens)
    assert b.steps[-1].removed == ("nhan → nhân", "vien → viên", "de → dễ", "thuong → thương",
                                   "do → đồ", "an → ăn")  # fmt: skip
    assert b.p_positive == a.p_positive == zoo.classify([plain])[0].p_positive
    assert zoo.read(plain) == zoo.read(typed) == a.tokens


def test_without_an_accents_table_a_review_is_read_as_typed(zoo, tmp_path):
    for f in model_files(zoo.name):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_bytes((zoo.models_dir / f).read_bytes())
    bare = load_model(tmp_path, name=zoo.name)
    assert bare.accents is None
    assert bare.read("do an ngon") == ["do", "an", "ngon"]
    assert [s.key for s in bare.analyze("do an ngon").steps][-1] == "lowercase"


def test_a_table_added_later_reaches_the_next_load(zoo, tmp_path):
    for f in model_files(zoo.name):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_bytes((zoo.models_dir / f).read_bytes())
    assert load_model(tmp_path, name=zoo.name).accents is None
    (tmp_path / ACCENTS_FILE).write_bytes((zoo.models_dir / ACCENTS_FILE).read_bytes())
    assert load_model(tmp_path, name=zoo.name).read("do an ngon") == ["đồ", "ăn", "ngon"]


def test_a_broken_accents_table_is_named_in_the_error(zoo, tmp_path):
    for f in model_files(zoo.name):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_bytes((zoo.models_dir / f).read_bytes())
    (tmp_path / ACCENTS_FILE).write_text("{not json", "utf-8")
    with pytest.raises(ModelUnavailable, match="accents.json"):
        load_model(tmp_path, name=zoo.name)


def test_analyze_keeps_the_graphs_hidden_states(zoo):
    """The hidden states the inside view is checked against are the graph's own h_1..h_T
    (the RNN's and the LSTM's); the bag keeps no state."""
    a = zoo.analyze("Nhân viên dễ thương , đồ ăn ngon nhưng giá hơi đắt")
    out = zoo.session.run(None, {"ids": np.asarray([a.ids], dtype=np.int64)})
    if zoo.name == "bag":
        assert a.hidden is None and len(out) == 1
    else:
        np.testing.assert_array_equal(a.hidden, out[1][0])
        assert a.hidden.shape == (len(a.ids), zoo.metadata["config"]["hidden_size"])


def test_onnx_matches_pytorch_for_every_shipped_model(zoo):
    """Parity: the shipped graph and PyTorch's modules on the same weights, padded batch."""
    torch = pytest.importorskip("torch")
    from core.training.export import torch_from_onnx
    from core.training.model import ExportWrapper, ModelConfig

    net = torch_from_onnx(zoo.onnx_path, ModelConfig(**zoo.metadata["config"]))
    ids = np.random.default_rng(0).integers(0, len(zoo.vocab), (4, 57))
    ids[1, 30:] = 0  # right padding
    with torch.no_grad():
        ref = ExportWrapper(net)(torch.from_numpy(ids))
    ref = (ref,) if zoo.name == "bag" else ref
    got = zoo.session.run(None, {"ids": ids})
    assert len(got) == len(ref) == (1 if zoo.name == "bag" else 2)
    # float32 either side: a recurrent net amplifies rounding over 57 steps (the issue-22
    # RNN, trained mostly on accent-free reviews, strays by 3e-5), far below what shows
    for a, b in zip(got, ref, strict=True):
        np.testing.assert_allclose(a, b.numpy(), atol=1e-4)


def test_analyze_empty_and_single_token(zoo):
    e = zoo.analyze(" 123 !!! ")
    assert (e.status, e.label, e.p_positive, e.p_prefix, e.influence) == (
        "empty",
        None,
        None,
        [],
        [],
    )
    one = zoo.analyze("ngon")
    assert len(one.influence) == 1 and one.p_positive is not None


def test_long_reviews_are_truncated_at_max_len(zoo):
    text = " ".join(["ngon"] * (zoo.max_len + 25))
    a = zoo.analyze(text)
    assert a.truncated and len(a.tokens) == zoo.max_len + 25 and len(a.ids) == zoo.max_len
    assert len(a.p_prefix) == zoo.max_len


def test_influence_of_a_long_review_matches_one_by_one(zoo):
    """Leave-one-out runs in slices of rows for long reviews; every slice must line up."""
    sentence = "quán ngon nhưng phục vụ hơi chậm , giá rẻ , không gian đẹp mà bàn bẩn . "
    a = zoo.analyze(sentence * 12)  # ~170 tokens: three slices
    assert len(a.ids) > 128
    for t in (0, 63, 64, 100, len(a.ids) - 1):
        without = zoo.predict_ids([a.ids[:t] + a.ids[t + 1 :]])[0]
        assert a.influence[t] == pytest.approx(a.p_positive - without, abs=1e-6)


def test_concurrent_classification_is_consistent(model):
    texts = [t for t, _ in SLIDE_21] * 3 + ["quán ngon", "", "dở tệ"]
    serial = model.classify(texts)
    with ThreadPoolExecutor(16) as pool:
        runs = list(pool.map(lambda _: model.classify(texts), range(32)))
    for run in runs:
        assert run == serial


def test_the_sentiment_path_never_imports_torch():
    code = (
        "import sys; from core.sentiment import load_model; from core.sentiment import classify; "
        "from core.sentiment.review import review_trace; "
        "m = load_model(); m.classify(['quán ngon']); m.analyze('quán ngon'); "
        "[review_trace(load_model(name=n), 'quán ngon') for n in ('bag', 'rnn', 'lstm')]; "
        "assert 'torch' not in sys.modules, 'torch was imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_missing_or_corrupt_model_says_how_to_rebuild(tmp_path):
    vocab, onnx_file, meta = model_files("lstm")
    with pytest.raises(ModelUnavailable, match="make train") as e:
        load_model(tmp_path)
    assert "vocab.json" in str(e.value)
    assert e.value.code == "model_missing"
    assert e.value.params == {"file": str(tmp_path / vocab), "command": "make train"}
    for name in (vocab, onnx_file, meta):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MODELS / name, tmp_path / name)
    (tmp_path / onnx_file).write_bytes(b"not an onnx file")
    with pytest.raises(ModelUnavailable, match="make train") as e:
        load_model(tmp_path)
    assert "model.onnx is corrupt" in str(e.value)
    assert e.value.code == "model_broken" and e.value.params["command"] == "make train"
    assert e.value.params["file"].endswith("sentiment/lstm/model.onnx") and e.value.params["detail"]
    shutil.copy(MODELS / onnx_file, tmp_path / onnx_file)
    (tmp_path / vocab).write_text('{"itos": ["oops"]}', encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="vocab.json is corrupt"):
        load_model(tmp_path)
    with pytest.raises(ValueError, match="unknown model"):
        load_model(tmp_path, name="gru")


def test_metadata_is_a_model_card(zoo):
    meta = zoo.metadata
    for key in (
        "command",
        "seed",
        "config",
        "train_config",
        "data",
        "metrics",
        "curves",
        "timings",
        "by_length",
        "reliability",
        "challenge",
        "weights",
        "parameters",
    ):
        assert key in meta, key  # fmt: skip
    assert meta["name"] == meta["config"]["kind"] == zoo.name
    # every recorded setting says what it means
    doc = meta["config_doc"]
    assert {f"ModelConfig.{k}" for k in meta["config"]} <= set(doc)
    assert {f"TrainConfig.{k}" for k in meta["train_config"]} <= set(doc)
    assert meta["command"].startswith("python -m core.training.train")
    # The card holds no machine path: the data folder is relative to the project.
    assert meta["data"]["path"] == "../shared/data/ntc-scv"
    text = json.dumps(meta, ensure_ascii=False)
    assert str(ROOT.parent) not in text and str(ROOT) not in text and '"/' not in text
    assert not meta["data"]["path"].startswith("/")
    lang = meta["data"]["language"]
    assert lang["train"]["read"] == 30_000 and lang["train"]["dropped"] > 0
    assert lang["train"]["kept"] + lang["train"]["dropped"] == 30_000
    for form in ("typed", "underscore", "no_diacritics"):
        m = meta["metrics"][form]
        assert m["n"] == 10_000 and 0.5 < m["accuracy"] <= 1
        assert sum(map(sum, m["confusion_matrix"])) == m["n"]
    assert sum(b["n"] for b in meta["by_length"]) == 10_000
    assert sum(b["n"] for b in meta["reliability"]) == 10_000
    assert meta["weights"]["temperature"] > 0
    assert meta["challenge"]["n"] >= 200 and set(meta["challenge"]["by_category"]) >= {
        "negation", "contrast", "dish_names", "intensifiers", "teencode", "no_diacritics", "emoji"
    }  # fmt: skip
    assert meta["files"]["model.onnx"] == zoo.onnx_path.stat().st_size
    assert json.loads((MODELS / model_files()[0]).read_text("utf-8"))["itos"][:2] == [
        "<pad>",
        "<unk>",
    ]


def test_the_shipped_files_fit_their_budgets():
    """Each file <= 16 MB; every sentiment file together <= 40 MB (an LM ships beside them)."""
    folder = MODELS / "sentiment"
    if not folder.is_dir():
        pytest.skip("no shipped sentiment models")
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert {p.relative_to(MODELS).as_posix() for p in files} >= {
        f for n in MODEL_NAMES for f in model_files(n)
    }
    assert max(p.stat().st_size for p in files) <= 16 * 2**20
    assert sum(p.stat().st_size for p in files) <= 40 * 2**20
    # The one-model layout is gone.
    assert not [
        p for p in ("sentiment.onnx", "vocab.json", "metadata.json") if (MODELS / p).exists()
    ]


def _validation(form):
    texts, labels = [], []
    for label, folder in ((0, "neg"), (1, "pos")):
        files = sorted((DATA / "data_train" / "test" / folder).glob("*.txt"))
        for f in files:
            texts.append(form(f.read_text(encoding="utf-8")))
            labels.append(label)
    return texts, np.array(labels)


@pytest.mark.slow
@pytest.mark.skipif(not DATA.is_dir(), reason="NTC-SCV data folder absent")
def test_validation_accuracy_matches_the_metadata(zoo):
    """The model card's figures, recomputed through the classify path, to 0.001: the three
    forms, and the accuracy per review-length bucket."""
    from core.sentiment.text import preprocess

    forms = {
        "typed": lambda t: t.replace("_", " "),
        "underscore": lambda t: t,
        "no_diacritics": lambda t: strip_diacritics(t.replace("_", " ")),
    }
    for name, form in forms.items():
        texts, y = _validation(form)
        pred = np.array([r.label == "positive" for r in zoo.classify(texts)])
        acc = float((pred == y).mean())
        assert acc == pytest.approx(zoo.metadata["metrics"][name]["accuracy"], abs=1e-3), name
        if name == "typed":
            n = np.array([len(preprocess(t)) for t in texts])
            for b in zoo.metadata["by_length"]:
                hi = b["hi"] if b["hi"] is not None else np.inf
                m = (n >= b["lo"]) & (n <= hi)
                assert int(m.sum()) == b["n"], b["bucket"]
                if m.any():
                    got = float((pred[m] == y[m]).mean())
                    assert got == pytest.approx(b["accuracy"], abs=1e-3), b["bucket"]


def test_the_challenge_figures_match_the_metadata(zoo):
    """The challenge set is a report: its figures on the card are the model's own."""
    from core.training.report import challenge

    assert challenge(zoo) == zoo.metadata["challenge"]


def test_the_figures_were_read_with_the_shipped_accents_table(zoo):
    """The card's figures without diacritics depend on the accents table: the metadata
    names the very file the model reads now."""
    import hashlib

    recorded = zoo.metadata["accents"]
    data = (zoo.models_dir / ACCENTS_FILE).read_bytes()
    assert recorded["sha256"] == hashlib.sha256(data).hexdigest()
    assert recorded["validation"] == zoo.accents.record["validation"]


@pytest.mark.slow
@pytest.mark.skipif(not DATA.is_dir(), reason="NTC-SCV data folder absent")
def test_probabilities_are_calibrated_on_validation(model):
    """P(positive) means something: few reviews pinned at 0 or 1, and a log loss a
    calibrated 0.90-accurate model reaches (an overconfident one scored 0.55 here)."""
    texts, y = _validation(lambda t: t.replace("_", " "))
    p = np.array([r.p_positive for r in model.classify(texts)], dtype=float)
    assert np.mean((p > 0.999) | (p < 0.001)) < 0.05
    p = np.clip(p, 1e-7, 1 - 1e-7)
    log_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert log_loss < 0.30
