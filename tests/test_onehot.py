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


# --- bad input (issue 10) ----------------------------------------------------------------

def test_cosine_similarity_names_a_nan_row_instead_of_calling_it_zero():
    v = np.array([[np.nan, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match="vectors must hold finite numbers, got nan at row 0, column 0"):
        el.cosine_similarity_matrix(v)
    v = np.array([[1.0, 1.0], [1.0, np.inf]])
    with pytest.raises(ValueError, match="got inf at row 1, column 1"):
        el.cosine_similarity_matrix(v)


@pytest.mark.parametrize("vectors, error, message", [
    ([[1.0, 2.0], [3.0]], ValueError, "vectors is a ragged nested list"),
    (None, TypeError, "vectors must be a 2-D array of numbers .n, d., got None"),
])
def test_cosine_similarity_ragged_and_none(vectors, error, message):
    with pytest.raises(error, match=message):
        el.cosine_similarity_matrix(vectors)


@pytest.mark.parametrize("fn", [el.one_hot, el.bag_of_words])
@pytest.mark.parametrize("ids, error, message", [
    ([[1], [1, 2]], ValueError, "ids is a ragged nested list"),
    (None, TypeError, "ids must be a list or array of integer ids, got None"),
    ([1, np.nan], TypeError, "ids must be integers, got nan at position 1"),
    ([1 + 0j], TypeError, "ids must be integers, got an array of dtype complex128"),
])
def test_one_hot_and_bag_of_words_ragged_none_nan_complex(fn, ids, error, message):
    with pytest.raises(error, match=message):
        fn(ids, 4)


def test_one_hot_refuses_sizes_beyond_memory_and_odd_dtypes():
    with pytest.raises(ValueError, match=r"the one-hot matrix \(2 ids x depth=1,000,000,000,000\) would hold"):
        el.one_hot([1, 2], 10**12)
    with pytest.raises(ValueError, match=r"the bag-of-words vector \(depth=1,000,000,000,000\) would hold"):
        el.bag_of_words([1, 2], 10**12)
    with pytest.raises(TypeError, match="dtype must be a numpy dtype such as 'float32', got 'bogus'"):
        el.one_hot([1], 4, dtype="bogus")
    with pytest.raises(TypeError, match="dtype must be a numeric numpy dtype"):
        el.one_hot([1], 4, dtype=str)


def test_numpy_sizes_and_flags_are_welcome():
    np.testing.assert_array_equal(el.one_hot([1], np.int64(3)), el.one_hot([1], 3))
    np.testing.assert_array_equal(el.bag_of_words([1, 1], 3, binary=np.bool_(True)), [0, 1, 0])


@pytest.mark.parametrize("flag", ["yes", None, 1])
def test_bag_of_words_wants_a_bool_for_binary(flag):
    with pytest.raises(TypeError, match="binary must be True or False"):
        el.bag_of_words([1], 3, binary=flag)
