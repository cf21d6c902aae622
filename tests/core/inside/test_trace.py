"""The page's calls on the shipped LSTM: the review read once, held to onnxruntime; the span's
units and their matches; an intervention."""

from __future__ import annotations

import numpy as np
import pytest

from core.inside.rank import CONTRAST, NEGATION
from core.inside.run import Intervention
from core.inside.trace import explore, first_cue, intervene, read_review
from core.sentiment.review import EXAMPLES


def test_a_review_is_read_once_and_its_run_is_onnxruntimes(lstm):
    r = read_review(lstm, EXAMPLES["neg2"])
    assert r.tokens == r.analysis.tokens[: len(r.analysis.ids)]
    assert r.max_abs_diff < 1e-5
    assert r.run.p[-1] == pytest.approx(r.analysis.p_positive, abs=1e-5)
    assert read_review(lstm, "!!! ???") is None


def test_the_span_selects_units_and_every_match_has_them_all_on(lstm, few_states):
    r = read_review(lstm, EXAMPLES["neg2"])
    k = first_cue(r.tokens, CONTRAST)
    assert r.tokens[k] == "nhưng"
    for which in ("h", "c"):
        x = explore(lstm, r, few_states, (k, k + 1), which, 0.1)
        state = getattr(r.run, which)
        assert np.all(state[k, x.selection.units] > 0.1)
        for m in x.matches:
            a = few_states.offsets[m.review]
            run = few_states.state(which)[a + m.start : a + m.stop][:, x.selection.units]
            assert np.all(run.astype(np.float32) > 0.1)
        assert x.search_ms >= 0


def test_an_intervention_changes_the_run_from_its_start_on(lstm):
    r = read_review(lstm, EXAMPLES["neg2"])
    k = first_cue(r.tokens, NEGATION)
    out = intervene(lstm, r, Intervention(k, tuple(range(128)), "h", 0.0))
    np.testing.assert_array_equal(out.p[:k], r.run.p[:k])
    np.testing.assert_array_equal(out.h[k:], 0.0)
    assert first_cue(["a", "b"], NEGATION) is None
