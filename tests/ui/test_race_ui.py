"""The race's figures and words, built from a tiny real race without a page."""

import math

import pytest

from core.errors import CoreError
from core.race import Evaluation, Race, RaceConfig, last_evaluation
from tests.support.lang import other_language
from ui.i18n import t
from ui.race import figures, words


@pytest.fixture(scope="module")
def race() -> Race:
    r = Race(RaceConfig(T=5, hidden_size=4, steps=6, eval_every=2, seed=1))
    list(r.run())
    return r


def test_the_loss_figure_has_one_line_per_model_and_guessing_at_ln_k(race):
    fig = figures.loss_figure(race.history, race.config.steps, race.config.symbols, "en")
    names = [d.name for d in fig.data]
    assert names == ["RNN", "LSTM", t("race.fig.chance", "en")]
    rnn = fig.data[0]
    assert list(rnn.x) == [1, 2, 3, 4, 5, 6]
    assert list(rnn.y) == [s.records["RNN"].loss for s in race.history]
    assert fig.data[2].y == (math.log(4), math.log(4))
    assert fig.layout.xaxis.range == (0, 6)
    assert fig.data[0].line.color != fig.data[1].line.color


def test_the_accuracy_figure_draws_only_the_evaluations_and_guessing(race):
    fig = figures.accuracy_figure(race.history, race.config.steps, race.chance, "vi")
    lstm = fig.data[1]
    assert list(lstm.x) == [2, 4, 6]
    assert list(lstm.y) == [race.history[k - 1].records["LSTM"].eval_accuracy for k in (2, 4, 6)]
    assert fig.data[2].y == (0.25, 0.25)
    assert fig.layout.yaxis.tickformat == ".0%" and fig.layout.yaxis.range == (0, 1.05)
    assert fig.layout.title.text == t("race.fig.acc_title", "vi")
    assert fig.layout.xaxis.title.text == t("race.fig.step", "vi")


def test_an_empty_history_is_an_empty_chart_not_an_error():
    fig = figures.loss_figure([], 100, 4, "en")
    assert list(fig.data[0].x) == [] and fig.layout.xaxis.range == (0, 100)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_verdict_is_one_sentence_in_one_language(race, lang):
    evaluation = last_evaluation(race.history)
    text = words.verdict(evaluation, race.config, lang)
    assert text.count(".") == 1 and text.endswith(".")
    acc = race.accuracy("LSTM")  # the model itself, now: the last step was measured
    assert f"{100 * acc:.0f}%" in text and "T = 5" in text and "6" in text
    reach = words.reach(race.history, lang)
    assert other_language(text + reach, lang) == []


def test_each_standing_has_its_words(race):
    for acc, state in ((0.97, "learned"), (0.26, "chance"), (0.6, "partial")):
        evaluation = Evaluation(6, {"RNN": acc, "LSTM": acc})
        expect = t(f"race.state_{state}", "en", model="RNN", acc=f"{100 * acc:.0f}%", chance="25%")
        assert expect in words.verdict(evaluation, race.config, "en")


def test_reach_reads_powers_of_ten():
    assert words._power(-13.2, "en") == "10⁻¹³"
    assert words._power(math.log10(0.3), "en") == "0.3"
    assert words._power(-math.inf, "en") == "0"
    assert words._power(math.nan, "vi") == t("race.reach_none", "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_out_of_range_setting_names_the_field_and_its_limits(lang):
    with pytest.raises(CoreError) as e:
        Race(RaceConfig(T=500))
    text = words.problem_text(e.value, lang)
    assert t("race.field.T", lang) in text and "5" in text and "100" in text and "500" in text
    assert "T (5–100)" in words.label("T", "T", lang)
    # Limits a person can read, thousands grouped as the language writes them.
    sep = {"vi": ".", "en": ","}[lang]
    assert words.label("seed", "seed", lang).endswith(f"(0–2{sep}147{sep}483{sep}647)")
    assert words.label("steps", "steps", lang).endswith(f"(1–5{sep}000)")
    assert words.label("lr", "learning_rate", lang).endswith("(0.0001–0.5)")
    with pytest.raises(CoreError) as e:
        Race(RaceConfig(activation="sigmoid"))
    assert words.problem_text(e.value, lang) == t("error.race_activation", lang)
