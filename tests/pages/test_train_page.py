"""The "Train it yourself" page, driven through the real app by widget key, in both languages.

Every run here is tiny (50 reviews, E = H = 4, 10 tokens, one epoch), set through the page's
own controls; the training itself runs in the shared pool's worker processes.
"""

import gc
import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from core.classifier import KINDS, TrainConfig
from core.classifier.data import examples
from tests.core.test_jobs import gated, open_gates, wait_for
from tests.support import apptest
from tests.support.lang import english_strings, vietnamese_words, visible_text
from ui.i18n import t
from ui.pool import pool
from ui.train.controls import Replay

PAGE = "pages/train.py"
TINY = {
    "train_embed": 4,
    "train_hidden": 4,
    "train_epochs": 1,
    "train_reviews": 50,
    "train_max_len": 10,
    "train_batch": 16,
}


def open_page(lang: str = "en") -> AppTest:
    return apptest.open_page(PAGE, lang)


def set_tiny(at: AppTest, kind: str = "lstm", **more) -> AppTest:
    at.radio(key="train_kind").set_value(kind).run()
    for key, value in {**TINY, **more}.items():
        at.number_input(key=key).set_value(value).run()
    return at


def play_out(at: AppTest, timeout_s: float = 60) -> AppTest:
    """Rerun (as the replay's redraws do) until the run is over."""
    deadline = time.monotonic() + timeout_s
    while not at.button(key="train_stop").disabled:
        assert time.monotonic() < deadline, "the replay never ended"
        time.sleep(0.1)
        at.run()
    assert not at.exception, at.exception
    return at


def tiny_run(at: AppTest, kind: str = "lstm", **more) -> AppTest:
    set_tiny(at, kind, **more)
    at.button(key="train_start").click().run()
    return play_out(at)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart_words(at: AppTest) -> str:
    out = []
    for spec in figures(at):
        lay = spec["layout"]
        out += [lay["title"]["text"], lay["xaxis"]["title"]["text"], lay["yaxis"]["title"]["text"]]
        out += [d["name"] for d in spec["data"]]
    return "\n".join(out)


def test_the_page_opens_on_the_defaults_and_waits_for_train():
    at = open_page()
    d = TrainConfig()
    assert at.radio(key="train_kind").value == d.kind == "lstm"
    assert at.number_input(key="train_hidden").value == d.hidden_size
    assert at.number_input(key="train_reviews").value == d.reviews
    assert at.number_input(key="train_hidden").label == "Hidden size H (2–64)"
    assert at.number_input(key="train_reviews").label == "Training reviews (50–12,000)"
    assert at.button(key="train_stop").disabled
    assert t("train.ready", "en") in visible_text(at)
    assert figures(at) == []
    assert "12,000 training reviews" in visible_text(at)


def test_a_tiny_run_draws_both_curves_then_compares_the_two_models():
    at = tiny_run(open_page())
    loss, acc = figures(at)
    assert [d["name"] for d in loss["data"]] == ["training (batches)", "validation"]
    assert loss["data"][1]["x"] == [0.0, 1.0]  # before training and after the one epoch
    assert acc["data"][0]["x"] == [0.0, 1.0]
    assert acc["data"][1]["name"] == "guessing (50%)" and acc["data"][1]["y"] == [0.5, 0.5]
    # Told apart without colour: each trace has its own dash or marker.
    styles = {(d["line"].get("dash"), d.get("marker", {}).get("symbol")) for d in loss["data"]}
    assert len(styles) == 2
    assert at.get("progress")[0].proto.value == 100
    assert at.success[0].value.startswith("Done: after 1 epoch(s), your LSTM gets ")
    box = at.text_area(key="train_review")
    assert box.value == examples()[0].text
    text = visible_text(at)
    assert "Your LSTM" in text and "Shipped LSTM (trained on the full split)" in text
    verdicts = [m.value for m in at.markdown if m.value.startswith("P(positive) = ")]
    assert len(verdicts) == 2, verdicts
    assert at.button(key="train_stop").disabled
    assert [h.value for h in at.header] == [t("train.settings", "en"), t("train.try_title", "en")]


def test_a_new_review_gets_both_verdicts_and_an_empty_one_is_said_so():
    at = tiny_run(open_page())
    before = [m.value for m in at.markdown if m.value.startswith("P(positive)")]
    at.text_area(key="train_review").input("Quán dở tệ, phục vụ chậm, không bao giờ quay lại").run()
    after = [m.value for m in at.markdown if m.value.startswith("P(positive)")]
    assert len(after) == 2 and after != before
    assert t("train.review_label", "en", label="positive").split(":")[0] not in visible_text(at)
    at.text_area(key="train_review").input("!!! 123").run()
    assert t("train.empty", "en") in visible_text(at)
    assert not at.exception


def test_markup_typed_as_a_review_is_never_drawn():
    at = tiny_run(open_page())
    at.text_area(key="train_review").input("<img src=x onerror=alert(1)> ngon").run()
    assert not at.exception
    assert all("<img" not in m.value for m in at.markdown)


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "lstm"])
def test_the_bag_and_the_rnn_train_too(kind):
    at = tiny_run(open_page(), kind)
    name = t(f"train.kind.{kind}", "en")
    assert at.success[0].value.startswith(f"Done: after 1 epoch(s), your {name} gets ")
    assert f"Shipped {name}" in visible_text(at)


def test_students_on_the_same_settings_share_one_run():
    first, second = open_page("en"), open_page("vi")
    for at in (first, second):
        tiny_run(at, train_seed=9_111)
    job = first.session_state["train_replay"].job
    assert job is second.session_state["train_replay"].job
    assert pool().view(job).state == "done" and job.key[0] == "train"
    assert figures(first)[0]["data"][0]["y"] == figures(second)[0]["data"][0]["y"]


def test_a_run_waits_in_a_visible_queue_while_every_worker_is_busy(tmp_path):
    """The training slots are the race's: a bounded number at once, the others queued."""
    busy = pool()
    work = (gated, (str(tmp_path), 1))
    blockers = [busy.follow(("test-busy-train", i), work, "test") for i in range(busy.workers)]
    try:
        at = set_tiny(open_page("en"), train_seed=9_222)
        at.button(key="train_start").click().run()
        place = pool().view(at.session_state["train_replay"].job).position
        assert place >= 1
        assert t("train.queued", "en", ahead=place - 1) in [i.value for i in at.info]
        assert not at.button(key="train_stop").disabled  # leaving the queue is one click
    finally:
        open_gates(tmp_path, 1)
    play_out(at)
    assert at.success and not any("waiting" in i.value for i in at.info)
    wait_for(lambda: all(b.state == "done" for b in blockers))


def test_a_session_that_ends_stops_the_run_nobody_else_follows():
    at = set_tiny(open_page("en"), train_reviews=12000, train_batch=1, train_epochs=10,
                  train_seed=9_333)  # fmt: skip
    at.button(key="train_start").click().run()
    job = at.session_state["train_replay"].job
    assert job.state in ("queued", "running")
    del at
    gc.collect()
    wait_for(lambda: job.state == "cancelled", timeout=20)
    assert not any(type(r).__name__ == "Classifier" for r in job.records)


def test_a_run_is_reproducible_and_the_seed_changes_it():
    a = tiny_run(open_page())
    b = tiny_run(open_page())
    assert figures(a) == figures(b)
    b.number_input(key="train_seed").set_value(5).run()
    b.button(key="train_start").click().run()
    play_out(b)
    assert figures(b)[0]["data"][0]["y"] != figures(a)[0]["data"][0]["y"]


def test_a_replay_that_ends_while_the_page_draws_still_turns_stop_off(monkeypatch):
    """The replay reaches its trained model between Stop being drawn (still playing) and
    the board: the board must still rerun the page, so Stop turns off and the review box
    for the trained model appears (tests/pages/test_race_page.py has the race's twin)."""
    at = set_tiny(open_page())
    at.button(key="train_start").click().run()
    job = at.session_state["train_replay"].job
    wait_for(lambda: pool().view(job).state == "done", timeout=60)
    looks = []

    def cursor(self, available):  # one record short when Stop is drawn, all from then on
        looks.append(available)
        return available - 1 if len(looks) == 1 else available

    monkeypatch.setattr(Replay, "cursor", cursor)
    at.run()
    assert len(looks) >= 3
    assert at.button(key="train_stop").disabled
    assert t("train.try_title", "en") in visible_text(at)


def test_stop_freezes_the_run_where_it_is():
    at = set_tiny(open_page(), train_reviews=3000, train_batch=1, train_epochs=3, train_seed=7)
    at.button(key="train_start").click().run()
    deadline = time.monotonic() + 60
    while not figures(at) or not figures(at)[0]["data"][0]["x"]:
        assert time.monotonic() < deadline
        time.sleep(0.2)
        at.run()
    at.button(key="train_stop").click().run()
    shown = figures(at)[0]["data"][0]["x"]
    assert shown and shown[-1] < 3
    step = at.session_state["train_replay"]
    assert any(i.value.startswith("Stopped at step") for i in at.info)
    assert at.button(key="train_stop").disabled and not at.success
    time.sleep(0.6)
    at.run()
    assert figures(at)[0]["data"][0]["x"] == shown  # frozen where it stopped
    assert step.job.state in ("cancelled", "done")


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [("train_hidden", 500, "hidden_size"), ("train_lr", 0.5, "learning_rate"),
     ("train_reviews", 10, "reviews"), ("train_epochs", 0, "epochs")],
)  # fmt: skip
def test_out_of_range_settings_are_explained_with_their_limits(key, value, field):
    at = open_page()
    at.number_input(key=key).set_value(value).run()
    text = " ".join(e.value for e in at.error)
    assert t(f"train.field.{field}", "en") in text and "between" in text
    assert t("train.fix", "en") in [i.value for i in at.info]
    assert not at.exception and figures(at) == []


def test_changing_a_setting_after_a_run_clears_it():
    at = tiny_run(open_page())
    at.number_input(key="train_hidden").set_value(6).run()
    assert figures(at) == [] and t("train.ready", "en") in visible_text(at)


def _drive(at: AppTest) -> tuple[str, str]:
    """Every control used; what the reader saw along the way, and the review shown."""
    seen = [visible_text(at)]
    at.number_input(key="train_lr").set_value(2.0).run()
    seen.append(visible_text(at))
    at.number_input(key="train_lr").set_value(0.01).run()
    tiny_run(at, "bag")
    seen += [visible_text(at), chart_words(at)]
    tiny_run(at, "rnn", train_seed=3)
    seen += [visible_text(at), chart_words(at)]
    return "\n".join(seen), examples()[0].text


def test_english_page_shows_no_vietnamese_word():
    text, review = _drive(open_page("en"))
    assert vietnamese_words(text, allowed=review) == []
    assert "Train it yourself" in text and "guessing" in text


def test_vietnamese_page_shows_no_english_sentence():
    text, _ = _drive(open_page("vi"))
    assert english_strings(text) == []
    assert "Tự tay huấn luyện" in text and "đoán mò" in text
