"""Tests of embedding_lib.onehot: one-hot vectors, bag of words, cosine similarity (Chapter 1)."""
import numpy as np
import pytest

import embedding_lib as el


def test_one_hot_rows_are_rows_of_the_identity():
    ids = [3, 0, 7, 3]
    np.testing.assert_array_equal(el.one_hot(ids, 8), np.eye(8, dtype=np.float32)[ids])


def test_one_hot_has_one_one_per_row_and_depth_minus_one_zeros():
    m = el.one_hot(np.arange(2000), 2000)
    assert m.shape == (2000, 2000) and m.dtype == np.float32
    assert (m.sum(axis=1) == 1).all() and ((m == 0).sum(axis=1) == 1999).all()


def test_one_hot_dtype_and_empty_input():
    assert el.one_hot([1], 3, dtype=np.uint8).dtype == np.uint8
    assert el.one_hot([], 3).shape == (0, 3)


def test_bag_of_words_is_the_sum_of_one_hot_rows():
    ids = [1, 2, 3, 4, 1]
    np.testing.assert_array_equal(el.bag_of_words(ids, 6), el.one_hot(ids, 6).sum(axis=0))
    np.testing.assert_array_equal(el.bag_of_words(ids, 6, binary=True), el.one_hot(ids, 6).max(axis=0))


def test_cosine_similarity_matches_scikit_learn():
    sklearn_pairwise = pytest.importorskip("sklearn.metrics.pairwise")
    rng = np.random.default_rng(0)
    v = rng.normal(size=(7, 5))
    np.testing.assert_allclose(el.cosine_similarity_matrix(v), sklearn_pairwise.cosine_similarity(v), atol=1e-12)


def test_distinct_one_hot_vectors_have_cosine_zero():
    sim = el.cosine_similarity_matrix(el.one_hot([1, 2, 3, 4], 2000))
    np.testing.assert_array_equal(sim, np.eye(4))


def test_cosine_similarity_is_clipped_to_minus_one_one():
    sim = el.cosine_similarity_matrix([[1e-3, 3e-3, 7e-3], [-1e-3, -3e-3, -7e-3]])
    assert sim.max() <= 1.0 and sim.min() >= -1.0
    assert sim[0, 1] == pytest.approx(-1.0)


@pytest.mark.parametrize(
    "ids,depth,exc,match",
    [
        ([1, 4], 4, ValueError, r"< vocab_size=4 \(valid rows are 0..3\), got 4"),
        ([-1], 4, ValueError, "non-negative, got -1"),
        ([1.5], 4, TypeError, "must be integers, got 1.5"),
        (["deep"], 4, TypeError, "must be integers"),
        ([True], 4, TypeError, "must be integers"),
        ([[1, 2]], 4, ValueError, "1-D"),
        ([1], 0, ValueError, "depth must be a positive integer"),
        ([1], 4.0, TypeError, "depth must be a positive integer"),
    ],
)
def test_one_hot_and_bag_of_words_reject_bad_ids(ids, depth, exc, match):
    for fn in (el.one_hot, el.bag_of_words):
        with pytest.raises(exc, match=match):
            fn(ids, depth)


@pytest.mark.parametrize(
    "vectors,exc,match",
    [
        ([1, 2, 3], ValueError, "2-D"),
        (np.zeros((0, 3)), ValueError, "empty"),
        ([[1, 0], [0, 0]], ValueError, "row 1 is all zeros"),
        ([["a", "b"]], TypeError, "real numbers"),
        ([[1 + 1j, 0]], TypeError, "real numbers"),
    ],
)
def test_cosine_similarity_rejects_bad_input(vectors, exc, match):
    with pytest.raises(exc, match=match):
        el.cosine_similarity_matrix(vectors)
