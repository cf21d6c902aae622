"""core.sentiment.accents: the table that puts back a review's missing diacritics."""

import random
from collections import Counter, defaultdict

import pytest

from core.sentiment.accents import EDGE, AccentTable, restored_pairs
from core.sentiment.text import preprocess, strip_diacritics

CORPUS = [
    "đồ ăn ngon",
    "đồ ăn ngon lắm",
    "đồ ăn hơi dở",
    "món này dở quá",
    "món này dở quá",
    "do trời mưa nên vắng",
    "do trời mưa nên đông",
    "quán này ngon",
    "quán này ngon",
    "nhân viên dễ thương",
    "nhân viên dễ thương",
]


@pytest.fixture(scope="module")
def table():
    return AccentTable.build([preprocess(t) for t in CORPUS], min_count=2)


def restore(table, text):
    return table.restore(text, preprocess(text))


def test_a_syllable_takes_the_form_written_in_its_context(table):
    # "do" alone is most often "đồ", but before "troi" it is written "do", after "nay" "dở";
    # "vắng" was seen once, fewer than min_count times: it stays as typed.
    assert restore(table, "do an ngon") == ["đồ", "ăn", "ngon"]
    assert restore(table, "do troi mua nen vang") == ["do", "trời", "mưa", "nên", "vang"]
    assert restore(table, "mon nay do qua") == ["món", "này", "dở", "quá"]
    assert restore(table, "Nhan vien de thuong!") == ["nhân", "viên", "dễ", "thương"]


def test_a_review_typed_with_accents_is_read_as_it_is(table):
    text = "do an ngon, món này dở"  # one accented letter is enough
    assert not table.applies(text, preprocess(text))
    assert restore(table, text) == preprocess(text)


def test_a_review_in_english_is_read_as_it_is(table):
    text = "the staff was rude and the food cold"
    assert not table.applies(text, preprocess(text))
    assert restore(table, text) == preprocess(text)
    assert restore(table, "") == []


def test_words_teencode_wrote_stay_and_count_as_their_plain_form(table):
    # "ko" is expanded to "không" while cleaning; the review is still accent-free as typed
    text = "do an ko ngon"
    tokens = preprocess(text)
    assert tokens == ["do", "an", "không", "ngon"]
    assert table.applies(text, tokens)
    assert table.restore(text, tokens) == ["đồ", "ăn", "không", "ngon"]


def test_contexts_seen_fewer_than_min_count_times_are_dropped():
    once = AccentTable.build([["dở", "tệ"], ["đồ", "ăn"], ["đồ", "uống"]], min_count=2)
    assert once.left == {} and once.right == {} and once.trigram == {}
    assert once.form(EDGE, "do", "te") == "đồ"  # "dở tệ" was seen once: the unigram wins
    assert "te" not in once.known and "do" in once.known


def test_a_seen_trigram_chooses_its_most_written_form():
    """Against a plain recount: wherever a context (before, s, after) was seen min_count
    times or more, the table restores s to the form most written there."""
    rng = random.Random(0)
    forms = {"do": ["do", "đồ", "dở", "đó"], "an": ["ăn", "an"], "ma": ["mà", "má", "ma"]}
    words = [w for ws in forms.values() for w in ws] + ["ngon", "quá"]
    corpus = [[rng.choice(words) for _ in range(rng.randint(1, 6))] for _ in range(400)]
    table = AccentTable.build(corpus, min_count=3)
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for tokens in corpus:
        ctx = [EDGE, *(strip_diacritics(t) for t in tokens), EDGE]
        for i, w in enumerate(tokens):
            counts[ctx[i], ctx[i + 1], ctx[i + 2]][w] += 1
    checked = 0
    for key, c in counts.items():
        (top, n), *rest = c.most_common()
        if sum(c.values()) >= 3 and not (rest and rest[0][1] == n):  # ties: either is right
            assert table.form(*key) == top, key
            checked += 1
    assert checked > 50


def test_save_and_load_give_the_same_table(table, tmp_path):
    table.record["min_count"] = 2
    path = tmp_path / "accents.json"
    table.save(path)
    back = AccentTable.load(path)
    assert back == table
    assert restore(back, "mon nay do qua") == restore(table, "mon nay do qua")


def test_restored_pairs_list_what_changed_in_order():
    before, after = ["do", "an", "ngon", "do"], ["đồ", "ăn", "ngon", "dở"]
    assert restored_pairs(before, after) == ("do → đồ", "an → ăn", "do → dở")


def test_only_vietnamese_shaped_syllables_count_as_known():
    """English words borrowed into reviews are seen often, but a review of them is English:
    "the food was cold" must not come back as "thề food"."""
    borrowed = [["đồ", "ăn", "the", "food", "ngon"]] * 3 + [["thề", "luôn"]] * 3
    table = AccentTable.build(borrowed, min_count=2)
    assert {"do", "an", "the", "ngon"} <= table.known and "food" not in table.known
    text = "the food was cold and the staff ignored us"
    assert not table.applies(text, preprocess(text))
    assert table.form(EDGE, "the", "luon") == "thề"


def test_the_table_is_read_once_per_file_however_its_path_is_spelled():
    from core.sentiment.accents import table_at
    from core.sentiment.files import ACCENTS_FILE, MODELS_DIR

    a = table_at(MODELS_DIR / ACCENTS_FILE)
    b = table_at(MODELS_DIR / "sentiment" / ".." / ACCENTS_FILE)
    assert a is not None and a is b
    assert table_at(MODELS_DIR / "sentiment" / "no_such_table.json") is None
