"""Slides 18-19's loss: every per-step cross-entropy against PyTorch's (float64)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from core.errors import CoreError
from core.lm.generation_loss import (
    B_FC,
    TARGETS,
    W_FC,
    generation_loss,
    slide_hidden_states,
    softmax,
)


def test_the_hidden_states_are_slides_11_to_14s():
    np.testing.assert_array_equal(slide_hidden_states(), [[2, 3], [4, 6], [5, 8]])


@pytest.mark.parametrize("targets", [TARGETS, (0, 0, 0), (2, 1, 2)])
def test_each_cross_entropy_matches_torch(targets):
    hs = slide_hidden_states()
    g = generation_loss(hs, targets=targets)
    # PyTorch: the same FC layer on every hidden state, one cross-entropy per step.
    fc = torch.nn.Linear(2, 3).double()
    with torch.no_grad():
        fc.weight.copy_(torch.from_numpy(W_FC))
        fc.bias.copy_(torch.from_numpy(B_FC))
    logits = fc(torch.from_numpy(hs))  # (3, K)
    y = torch.tensor(targets)
    per_step = F.cross_entropy(logits, y, reduction="none")
    for s, ref, z in zip(g.steps, per_step.tolist(), logits.detach().numpy(), strict=True):
        assert s.ce == pytest.approx(ref, abs=1e-12)
        np.testing.assert_allclose(s.z, z, atol=1e-12)
        np.testing.assert_array_equal(s.onehot, np.eye(3)[s.y])
    assert g.total == pytest.approx(F.cross_entropy(logits, y, reduction="sum").item(), abs=1e-12)
    assert g.mean == pytest.approx(F.cross_entropy(logits, y).item(), abs=1e-12)


def test_the_first_step_by_hand():
    s = generation_loss(slide_hidden_states()).steps[0]
    # z_1 = W_fc [2, 3] + b_fc = [1 - 1.5, -0.5 + 1.5, 0.5 + 0.5] = [-0.5, 1, 1]
    np.testing.assert_allclose(s.z, [-0.5, 1.0, 1.0])
    e = np.exp([-0.5, 1.0, 1.0])
    assert s.ce == pytest.approx(-np.log(e[1] / e.sum()))
    assert softmax(s.z).sum() == pytest.approx(1.0)


def test_a_target_outside_the_vocabulary_is_refused():
    with pytest.raises(CoreError) as err:
        generation_loss(slide_hidden_states(), targets=(0, 3, 1))
    assert err.value.code == "lm_targets"
    with pytest.raises(CoreError):
        generation_loss(slide_hidden_states(), targets=(0, 1))
