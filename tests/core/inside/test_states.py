"""The validation states: the shipped subset's validation reviews only, bounded, and the
model's own numbers (onnxruntime's verdicts, the float64 run's h and c)."""

from __future__ import annotations

import numpy as np

from core.classifier.data import load_subset, manifest
from core.inside.run import run
from core.inside.states import MAX_TOKENS, PER_CLASS, build_states, subset


def test_the_states_come_from_the_validation_split_never_the_official_test(few_states):
    m = manifest()
    assert m["sources"]["valid"]["folder"] == "data_train/test"  # NTC-SCV's validation
    assert m["official_test_split"] == "never read"
    valid = load_subset()[1]
    seqs, labels = subset(valid, 40)
    assert len(seqs) == 80 and labels.sum() == 40
    for r in range(len(few_states)):
        a, b = few_states.offsets[r], few_states.offsets[r + 1]
        np.testing.assert_array_equal(few_states.ids[a:b], seqs[r][:60])
    np.testing.assert_array_equal(few_states.labels, labels)


def test_the_verdicts_are_onnxruntimes_on_the_tokens_kept(lstm, few_states):
    s = few_states
    seqs = [s.ids[s.offsets[r] : s.offsets[r + 1]].tolist() for r in range(len(s))]
    np.testing.assert_allclose(s.p, lstm.predict_ids(seqs), rtol=0, atol=1e-5)


def test_h_and_c_are_the_float64_runs_to_float16s_precision(lstm, few_states):
    s = few_states
    for r in (0, 7, len(s) - 1):
        a, b = s.offsets[r], s.offsets[r + 1]
        ref = run(lstm.weights(), s.ids[a:b].tolist())
        for name in ("h", "c"):
            got = s.state(name)[a:b].astype(np.float64)
            ok = np.abs(got - getattr(ref, name)) <= 1e-3 * np.maximum(1.0, np.abs(got)) + 1e-4
            assert ok.all(), (name, r)


def test_the_default_build_stays_within_its_memory_bound(lstm):
    s = build_states(lstm.weights())
    assert len(s) == 2 * PER_CLASS and s.lengths.max() <= MAX_TOKENS
    assert s.nbytes < 60e6
    assert not s.h.flags.writeable and not s.c.flags.writeable
