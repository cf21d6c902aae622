"""Bag or sequence (slides 7-9, 24): indices, padding, shapes, the three encoders against torch."""

import numpy as np
import pytest
import torch
from torch import nn

from core.errors import CoreError
from core.lecture import bag
from core.lecture.bag import PAD, UNK, bag_or_sequence

SLIDE = ("dog bites man", "man bites dog")


def _torch_encoders(r):
    """The same weights in torch's own layers, float64: (flatten, bag, rnn last state)."""
    V, D = r.E.shape
    H = r.rnn.hidden_size
    ids = torch.tensor(r.ids)
    emb = nn.Embedding(V, D, padding_idx=PAD, dtype=torch.float64)
    bag_ = nn.EmbeddingBag(V, D, mode="mean", padding_idx=PAD, dtype=torch.float64)
    rnn = nn.RNN(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        emb.weight.copy_(torch.tensor(r.E))
        bag_.weight.copy_(torch.tensor(r.E))
        rnn.weight_ih_l0.copy_(torch.tensor(r.rnn.W_xh))
        rnn.weight_hh_l0.copy_(torch.tensor(r.rnn.W_hh))
        rnn.bias_ih_l0.copy_(torch.tensor(r.rnn.b_xh))
        rnn.bias_hh_l0.copy_(torch.tensor(r.rnn.b_hh))
        X = emb(ids)  # (N, M, D)
        packed = nn.utils.rnn.pack_padded_sequence(
            X, torch.tensor(r.lengths), batch_first=True, enforce_sorted=False
        )
        out, h_n = rnn(packed)
        states, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        mean = bag_(ids)  # 2-D input: one bag per row
    return X.numpy(), X.flatten(1).numpy(), mean.numpy(), h_n[0].numpy(), states.numpy()


def test_slide_24_indices_and_shapes():
    r = bag_or_sequence(SLIDE)
    assert r.vocab.tokens[:2] == ("<pad>", "<unk>")
    # slide 24: [dog, bites, man] -> 2 4 3 and [man, bites, dog] -> 3 4 2
    assert r.ids.tolist() == [[2, 4, 3], [3, 4, 2]]
    assert r.shapes == {
        "ids": (2, 3),  # N x M
        "E": (5, 3),  # V x D
        "embedded": (2, 3, 3),  # N x M x D
        "flatten": (2, 9),
        "bag": (2, 3),
        "rnn": (2, 2),
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 2026])
def test_only_the_bag_forgets_word_order(seed):
    r = bag_or_sequence(SLIDE, seed=seed)
    assert r.reordered
    assert r.same("bag")
    np.testing.assert_array_equal(r.outputs["bag"][0], r.outputs["bag"][1])
    assert not r.same("flatten") and not r.same("rnn")
    assert np.abs(r.outputs["rnn"][0] - r.outputs["rnn"][1]).max() > 1e-3


def test_a_longer_reordering_keeps_the_bag_bit_for_bit():
    text = "the cat that the dog bites runs far away from the man"
    words = text.split(" ")
    r = bag_or_sequence([" ".join(words), " ".join(reversed(words))], D=4, H=3, seed=3)
    assert r.same("bag") and not r.same("flatten") and not r.same("rnn")


def test_different_words_change_the_bag():
    r = bag_or_sequence(["dog bites man", "man bites cat"])
    assert not r.reordered and not r.same("bag")


@pytest.mark.parametrize(
    "texts",
    [SLIDE, ("the dog bites", "a man bites the old dog"), ("a", "b c d e f g h")],
)
@pytest.mark.parametrize(("D", "H", "seed"), [(3, 2, 0), (1, 1, 5), (4, 3, 11)])
def test_the_three_encoders_match_torch(texts, D, H, seed):
    r = bag_or_sequence(texts, D=D, H=H, seed=seed)
    X, flat, bag_mean, last, states = _torch_encoders(r)
    np.testing.assert_allclose(r.embedded, X, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.outputs["flatten"], flat, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.outputs["bag"], bag_mean, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.outputs["rnn"], last, rtol=0, atol=1e-12)
    for n, L in enumerate(r.lengths):
        np.testing.assert_allclose(r.states[n, :L], states[n, :L], rtol=0, atol=1e-12)
        assert np.isnan(r.states[n, L:]).all()


def test_padding_is_index_0_a_zero_vector_and_left_out_of_the_mean():
    r = bag_or_sequence(["dog", "man bites dog"], seed=4)
    assert r.ids.tolist() == [[2, PAD, PAD], [3, 4, 2]]
    assert r.lengths.tolist() == [1, 3]
    np.testing.assert_array_equal(r.E[PAD], 0.0)
    np.testing.assert_array_equal(r.embedded[0, 1:], 0.0)
    # the mean of one word is that word's vector, not a third of it
    np.testing.assert_array_equal(r.outputs["bag"][0], r.E[2])
    # the RNN's last state is the one after "dog", not after the padding
    np.testing.assert_array_equal(r.outputs["rnn"][0], r.states[0, 0])


def test_a_capped_vocabulary_maps_the_rest_to_unk():
    r = bag_or_sequence(SLIDE, max_vocab=4)
    assert r.vocab.tokens == ("<pad>", "<unk>", "dog", "man")
    assert r.ids.tolist() == [[2, UNK, 3], [3, UNK, 2]]
    assert r.vocab.index("bites") == UNK


def test_words_are_lowercased_and_split_on_any_space():
    assert bag.tokenize("  Dog\tBITES\nman ") == ("dog", "bites", "man")


def test_weights_are_seeded_one_decimal_and_pad_row_zero():
    E1, rnn1 = bag.small_weights(6, 3, 2, seed=9)
    E2, rnn2 = bag.small_weights(6, 3, 2, seed=9)
    E3, _ = bag.small_weights(6, 3, 2, seed=10)
    np.testing.assert_array_equal(E1, E2)
    np.testing.assert_array_equal(rnn1.W_hh, rnn2.W_hh)
    assert not np.array_equal(E1, E3)
    for a in (E1, rnn1.W_xh, rnn1.W_hh, rnn1.b_xh, rnn1.b_hh):
        np.testing.assert_array_equal(a, np.round(a, 1))
        assert np.abs(a).max() <= 1.0
    assert rnn1.W_xh.shape == (2, 3) and rnn1.nonlinearity == "tanh"


@pytest.mark.parametrize(
    ("texts", "kwargs", "code"),
    [
        (("dog", "   "), {}, "bag_empty"),
        (("a " * 13, "b"), {}, "bag_too_long"),
        (SLIDE, {"D": 5}, "bag_size"),
        (SLIDE, {"H": 0}, "bag_size"),
        (SLIDE, {"max_vocab": 2}, "bag_vocab_size"),
    ],
)
def test_bad_input_raises_a_coded_error(texts, kwargs, code):
    with pytest.raises(CoreError) as exc:
        bag_or_sequence(texts, **kwargs)
    assert exc.value.code == code
