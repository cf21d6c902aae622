"""The shared NumPy scores against torch's binary cross-entropy (float64) and counts by hand;
and the model card's module imports with torch unimportable."""

import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.training.metrics import (
    CLIP,
    accuracy,
    log_loss,
    logit_log_loss,
    metrics,
    reliability,
    sure_share,
)
from tests.support.paths import ROOT

P = np.array([0.9, 0.2, 0.65, 0.4, 0.05, 0.999, 0.5, 0.31])
Y = np.array([1, 0, 0, 1, 0, 1, 1, 0])


def bce(p, y) -> float:
    """torch's reference in float64."""
    return F.binary_cross_entropy(
        torch.tensor(p, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    ).item()


def test_log_loss_is_torch_binary_cross_entropy():
    assert log_loss(P, Y) == pytest.approx(bce(P, Y), rel=1e-12)


def test_a_sure_mistake_costs_the_clipped_loss_not_infinity():
    """P = 0 for a positive: -log(CLIP), where torch (clamping log at -100) would say 100."""
    p, y = np.array([0.0, 1.0, 0.7]), np.array([1, 0, 1])
    expected = bce(np.clip(p, CLIP, 1 - CLIP), y)
    assert log_loss(p, y) == pytest.approx(expected, rel=1e-9)
    assert log_loss(p, y) == pytest.approx((2 * -np.log(1e-7) - np.log(0.7)) / 3, rel=1e-6)


def test_logit_log_loss_is_torch_bce_with_logits_even_for_huge_logits():
    z = np.array([-800.0, -3.0, -0.2, 0.0, 0.7, 5.0, 800.0])
    y = np.array([1, 0, 1, 1, 0, 1, 0])
    expected = F.binary_cross_entropy_with_logits(
        torch.tensor(z, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    ).item()
    got = logit_log_loss(z, 2.0 * y - 1.0)
    assert np.isfinite(got) and got == pytest.approx(expected, rel=1e-12)


def test_accuracy_counts_the_logit_sign_zero_as_positive():
    z = np.array([2.0, -1.0, 0.0, 0.0, -0.5])
    y = np.array([1, 1, 1, 0, 0])
    assert accuracy(z, y) == pytest.approx(3 / 5)  # right: 2.0, 0.0 (pos), -0.5


def test_metrics_by_hand():
    # pred (p >= 0.5): 1 0 1 0 0 1 1 0 against 1 0 0 1 0 1 1 0: TP 3, TN 3, FP 1, FN 1
    m = metrics(P, Y)
    assert m["confusion_matrix"] == [[3, 1], [1, 3]]
    assert m["n"] == 8 and m["accuracy"] == pytest.approx(6 / 8)
    assert m["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))
    assert m["log_loss"] == pytest.approx(bce(P, Y), rel=1e-12)


def test_metrics_of_no_reviews_do_not_divide_by_zero():
    m = metrics(np.array([]), np.array([]))
    assert m["n"] == 0 and m["accuracy"] == 0 and m["f1"] == 0 and np.isnan(m["log_loss"])


def test_reliability_bins_by_hand():
    p = np.array([0.0, 0.05, 0.12, 0.19, 0.5, 0.55, 0.99, 1.0])
    y = np.array([0, 0, 1, 0, 1, 0, 1, 1])
    rows = reliability(p, y, bins=5)  # [0, .2) [.2, .4) [.4, .6) [.6, .8) [.8, 1]
    assert [(r["lo"], r["hi"]) for r in rows] == [
        (0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0)
    ]  # fmt: skip
    assert [r["n"] for r in rows] == [4, 0, 2, 0, 2]
    assert rows[0]["mean_p"] == pytest.approx((0.0 + 0.05 + 0.12 + 0.19) / 4)
    assert rows[0]["positive_share"] == pytest.approx(1 / 4)
    assert rows[2]["mean_p"] == pytest.approx(0.525) and rows[2]["positive_share"] == 0.5
    assert rows[4]["mean_p"] == pytest.approx(0.995) and rows[4]["positive_share"] == 1.0
    assert rows[1]["mean_p"] is None and rows[1]["positive_share"] is None


def test_sure_share_by_hand():
    assert sure_share(np.array([0.01, 0.05, 0.5, 0.951, 0.96, 0.3])) == pytest.approx(3 / 6)


def test_the_card_module_imports_without_torch_and_without_selection():
    """report must import where torch cannot; and no longer through selection (the old cycle)."""
    code = (
        "import sys; sys.modules['torch'] = None\n"  # `import torch` now raises ImportError
        "import core.training.report, core.training.metrics\n"
        "assert 'core.training.selection' not in sys.modules, 'report imported selection'\n"
        "print('imported')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "imported"


def test_the_shim_really_makes_torch_unimportable():
    """The check above means something only if the shim blocks torch."""
    code = "import sys; sys.modules['torch'] = None\nimport core.training.selection\n"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode != 0 and "torch" in run.stderr
