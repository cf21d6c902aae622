"""The training page's figures and words, without running a page: traces, axes, both languages."""

import pytest

from core.classifier import LIMITS, Point
from core.errors import CoreError
from ui.controls import limit
from ui.i18n import t
from ui.train import figures, words

POINTS = (
    Point(0, 0.0, None, 0.69, 0.5),
    Point(10, 0.5, 0.66),
    Point(20, 1.0, 0.6, 0.58, 0.71),
    Point(30, 1.5, 0.5),
    Point(40, 2.0, 0.45, 0.5, 0.8125),
)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_loss_figure_draws_training_and_validation_told_apart_without_colour(lang):
    fig = figures.loss_figure(POINTS, 3, lang)
    train, valid = fig.data
    assert list(train.x) == [0.5, 1.0, 1.5, 2.0] and list(train.y) == [0.66, 0.6, 0.5, 0.45]
    assert list(valid.x) == [0.0, 1.0, 2.0] and list(valid.y) == [0.69, 0.58, 0.5]
    assert (train.line.dash, train.marker.symbol) != (valid.line.dash, valid.marker.symbol)
    assert train.line.dash != valid.line.dash and train.marker.symbol != valid.marker.symbol
    assert train.name == t("train.fig.train_loss", lang)
    assert valid.name == t("train.fig.val_loss", lang)
    assert fig.layout.xaxis.title.text == t("train.fig.epoch", lang)
    assert fig.layout.yaxis.title.text == t("train.fig.loss_y", lang)
    assert tuple(fig.layout.xaxis.range) == (0, 3)  # the whole run's width from the start


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_accuracy_figure_labels_each_point_and_shows_guessing(lang):
    fig = figures.accuracy_figure(POINTS, 2, lang)
    acc, chance = fig.data
    assert list(acc.x) == [0.0, 1.0, 2.0] and list(acc.y) == [0.5, 0.71, 0.8125]
    assert list(acc.text) == ["50%", "71%", "81%"]  # the numbers are written, not only drawn
    assert list(chance.y) == [0.5, 0.5] and chance.line.dash == "dot"
    assert chance.name == t("train.fig.chance", lang)
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.title.text == t("train.fig.acc_title", lang)


def test_an_empty_run_draws_empty_curves():
    for fig in (figures.loss_figure((), 1, "en"), figures.accuracy_figure((), 1, "en")):
        assert all(len(d.x) in (0, 2) for d in fig.data)


def test_a_poor_model_stays_on_the_accuracy_chart():
    fig = figures.accuracy_figure((Point(0, 0.0, None, 0.7, 0.2),), 1, "en")
    assert fig.layout.yaxis.range[0] < 0.2  # below the point, with room for its marker


@pytest.mark.parametrize("field", sorted(set(LIMITS) - {"max_grad_norm"}))
def test_every_setting_is_labelled_with_its_limits_in_both_languages(field):
    low, high = LIMITS[field]
    for lang in ("vi", "en"):
        text = words.label(field, lang)
        assert limit(low, lang) in text and limit(high, lang) in text
    assert words.label("reviews", "en").endswith("(50–12,000)")
    assert words.label("reviews", "vi").endswith("(50–12.000)")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_refused_setting_names_its_field_and_limits(lang):
    err = CoreError("train_out_of_range", field="epochs", low=1, high=10, value=0)
    text = words.problem_text(err, lang)
    assert t("train.field.epochs", lang) in text and "10" in text
    assert words.problem_text(CoreError("train_kind", kind="gru"), lang).count("gru") == 1


def test_verdicts_and_the_outcome_are_worded_per_language():
    assert words.verdict(0.873, "en") == "P(positive) = 0.873 → positive"
    assert words.verdict(0.2, "vi") == "P(positive) = 0.200 → tiêu cực"
    assert words.verdict(None, "en") == t("train.empty", "en")
    assert words.verdict(0.5, "en").endswith("positive")  # 0.5 reads as positive, as the site
    assert "82.5%" in words.done("lstm", 3, 0.825, 1000, "en")
    assert "82,5%" in words.done("lstm", 3, 0.825, 1000, "vi")
    assert "1.000" in words.done("bag", 1, 0.5, 1000, "vi")
