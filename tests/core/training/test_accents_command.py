"""`python -m core.training.accents` on a tiny dataset in the official layout."""

import json

from core.sentiment.accents import AccentTable
from core.sentiment.files import ACCENTS_FILE
from core.training import accents
from tests.core.training.test_train import make_dataset


def test_builds_the_table_from_training_and_measures_it_on_validation(tmp_path, capsys):
    data = make_dataset(tmp_path / "ntc", 60)
    assert accents.main([str(data), "--out", str(tmp_path / "models")]) == 0
    path = tmp_path / "models" / ACCENTS_FILE
    table = AccentTable.load(path)
    record = json.loads(path.read_text("utf-8"))["record"]
    assert record["command"] == "python -m core.training.accents ntc"  # never a machine path
    assert record["train_reviews"] + record["train_dropped_not_vietnamese"] == 120
    v = record["validation"]
    assert v["reviews"] == 40
    # the fixture's validation reviews are written from the training words: every one typed
    # without diacritics is restored, none typed with them, and every syllable comes back
    assert v["restored_share_no_diacritics"] == 1.0 and v["restored_share_typed"] == 0.0
    assert v["syllables_compared"] > 100 and v["syllable_accuracy"] > 0.9
    assert table.restore("nhan vien de thuong", ["nhan", "vien", "de", "thuong"]) == [
        "nhân", "viên", "dễ", "thương"
    ]  # fmt: skip
    assert "syllables restored as typed" in capsys.readouterr().out
