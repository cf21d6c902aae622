"""The shared-prefix leave-one-out equals running every variant through onnxruntime."""

import numpy as np
import pytest

from core.sentiment.influence import leave_one_out


@pytest.mark.parametrize("T", [2, 3, 7, 64, 301])
def test_matches_each_variant_run_by_onnxruntime(model, T):
    ids = np.random.default_rng(T).integers(2, len(model.vocab), T)
    keep = ~np.eye(T, dtype=bool)  # row k: every token but k
    variants = ids[None, :].repeat(T, 0)[keep].reshape(T, T - 1)
    expected = model._p_prefix(variants)[:, -1]  # (T,) each variant's own verdict
    got = leave_one_out(model.weights(), list(ids))
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)


def test_analyze_reports_the_change_when_each_token_is_left_out(model):
    a = model.analyze("món ăn ngon nhưng phục vụ chậm và giá hơi cao")
    T = len(a.ids)
    for k in (0, T // 2, T - 1):
        without = model.predict_ids([a.ids[:k] + a.ids[k + 1 :]])[0]
        assert a.influence[k] == pytest.approx(a.p_positive - without, abs=1e-5)


def test_needs_two_tokens(model):
    with pytest.raises(ValueError, match="two tokens"):
        leave_one_out(model.weights(), [5])
