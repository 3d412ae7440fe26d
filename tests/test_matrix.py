"""Tests of embedding_lib.matrix: the embedding matrix and its lookup (Chapter 3)."""
import numpy as np
import pytest

import embedding_lib as el


def test_example_matrix_has_padding_row_and_the_seed_deep_row():
    m = el.example_matrix(5)
    assert m.shape == (5, 6) and m.dtype == np.float32
    np.testing.assert_array_equal(m[0], 0)
    np.testing.assert_array_equal(m[1], np.float32(el.DEEP_FACTORS))
    assert el.DEEP_FACTORS == (0.32, 0.02, 0.48, 0.21, 0.56, 0.15)


def test_example_matrix_is_reproducible_and_seed_dependent():
    np.testing.assert_array_equal(el.example_matrix(6, seed=1), el.example_matrix(6, seed=1))
    assert not np.array_equal(el.example_matrix(6, seed=1), el.example_matrix(6, seed=2))
    m = el.example_matrix(50)
    assert m.min() >= 0 and m.max() <= 1  # uniform [0, 1), then rounded to two decimals
    np.testing.assert_array_equal(m, m.round(2))


def test_lookup_reads_rows_for_any_id_shape():
    m = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(el.lookup(m, [3, 1]), m[[3, 1]])
    assert el.lookup(m, [[0, 1], [2, 3]]).shape == (2, 2, 3)
    assert el.lookup(m, 2).tolist() == [6.0, 7.0, 8.0]


def test_one_hot_matmul_equals_lookup():
    m = el.example_matrix(5)
    ids = el.encode("deep learning is very deep", el.build_vocabulary("deep learning is very deep"))
    looked_up = el.lookup(m, ids)
    assert looked_up.shape == (5, 6)
    np.testing.assert_array_equal(el.one_hot_matmul(m, ids), looked_up)
    np.testing.assert_array_equal(el.one_hot(ids, 5) @ m, looked_up)


def test_lookup_matches_keras_embedding_with_the_same_weights():
    keras = pytest.importorskip("keras")
    m = el.example_matrix(5)
    ids = np.array([[1, 2, 3, 4, 1], [0, 0, 4, 3, 2]])
    layer = keras.layers.Embedding(5, 6, embeddings_initializer=keras.initializers.Constant(m))
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(ids)), el.lookup(m, ids))
    layer2 = keras.layers.Embedding(5, 6)
    layer2.build((None,))
    layer2.set_weights([m])
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer2(ids)), el.lookup(m, ids))


def test_time_lookup_vs_matmul_returns_one_positive_row_per_size():
    rows = el.time_lookup_vs_matmul([50, 500], repeats=2)
    assert [r["vocab_size"] for r in rows] == [50, 500]
    for r in rows:
        assert set(r) == {"vocab_size", "lookup_s", "matmul_s", "ratio"}
        assert r["lookup_s"] > 0 and r["matmul_s"] > 0
        assert r["ratio"] == pytest.approx(r["matmul_s"] / r["lookup_s"])


@pytest.mark.parametrize(
    "matrix,ids,exc,match",
    [
        (np.zeros((4, 3)), [4], ValueError, r"< vocab_size=4 \(valid rows are 0..3\), got 4"),
        (np.zeros((4, 3)), [-1], ValueError, "non-negative"),
        (np.zeros((4, 3)), [0.5], TypeError, "must be integers, got 0.5"),
        (np.zeros((4, 3)), ["deep"], TypeError, "must be integers"),
        (np.zeros(4), [0], ValueError, r"2-D \(vocab_size, dim\), got shape \(4,\)"),
        (np.zeros((2, 2, 2)), [0], ValueError, "2-D"),
        (np.zeros((0, 3)), [0], ValueError, "must not be empty"),
        ([["a", "b"]], [0], TypeError, "must hold numbers"),
    ],
)
def test_lookup_and_matmul_reject_bad_input(matrix, ids, exc, match):
    for fn in (el.lookup, el.one_hot_matmul):
        with pytest.raises(exc, match=match):
            fn(matrix, ids)


@pytest.mark.parametrize(
    "kwargs,exc,match",
    [
        ({"vocab_size": 1}, ValueError, "at least 2"),
        ({"vocab_size": 0}, ValueError, "vocab_size must be a positive integer"),
        ({"vocab_size": "5"}, TypeError, "vocab_size must be a positive integer"),
        ({"vocab_size": 5, "dim": 8}, ValueError, "dim must be 6"),
    ],
)
def test_example_matrix_rejects_bad_sizes(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        el.example_matrix(**kwargs)


@pytest.mark.parametrize(
    "sizes,kwargs,exc,match",
    [
        ([], {}, ValueError, "vocab_sizes is empty"),
        (100, {}, TypeError, "sequence of ints"),
        ([0], {}, ValueError, r"vocab_sizes\[0\] must be a positive integer"),
        ([10], {"repeats": 0}, ValueError, "repeats"),
        ([10], {"dim": -1}, ValueError, "dim"),
    ],
)
def test_time_lookup_vs_matmul_rejects_bad_arguments(sizes, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        el.time_lookup_vs_matmul(sizes, **kwargs)


# --- bad input (issue 10): refused with a message naming the argument ------------------

@pytest.mark.parametrize("fn", [el.lookup, el.one_hot_matmul])
@pytest.mark.parametrize("bad, error, message", [
    (np.nan, ValueError, "matrix must hold finite numbers, got nan at row 0, column 1"),
    (np.inf, ValueError, "matrix must hold finite numbers, got inf at row 0, column 1"),
])
def test_lookup_and_matmul_refuse_non_finite_matrices(fn, bad, error, message):
    m = np.arange(12.0).reshape(4, 3)
    m[0, 1] = bad  # before the fix, one_hot_matmul spread this nan to every row it returned
    with pytest.raises(error, match=message):
        fn(m, [2, 3])


@pytest.mark.parametrize("fn", [el.lookup, el.one_hot_matmul])
@pytest.mark.parametrize("matrix, ids, error, message", [
    (np.ones((4, 3)) + 1j, [1], TypeError, "matrix must hold real numbers, got complex values"),
    ([[1.0, 2.0], [3.0]], [1], ValueError, "matrix is a ragged nested list"),
    (None, [1], TypeError, "matrix must be a 2-D array of numbers"),
    (np.ones((4, 3)), [[1], [1, 2]], ValueError, "ids is a ragged nested list"),
    (np.ones((4, 3)), None, TypeError, "ids must be a list or array of integer ids, got None"),
    (np.ones((4, 3)), "12", TypeError, "ids must be a list or array of integer ids, got str '12'"),
])
def test_lookup_and_matmul_refuse_complex_ragged_and_missing_input(fn, matrix, ids, error, message):
    with pytest.raises(error, match=message):
        fn(matrix, ids)


@pytest.mark.parametrize("seed, error", [(True, TypeError), ([1, 2], TypeError), ([], TypeError),
                                         (1.5, TypeError), (-1, ValueError)])
def test_example_matrix_and_timing_refuse_bad_seeds(seed, error):
    with pytest.raises(error, match="seed must be a non-negative integer"):
        el.example_matrix(4, seed=seed)
    with pytest.raises(error, match="seed must be a non-negative integer"):
        el.time_lookup_vs_matmul([10], repeats=1, seed=seed)


def test_example_matrix_takes_numpy_integers():
    np.testing.assert_array_equal(el.example_matrix(np.int64(5), np.int64(6), seed=np.int64(1)),
                                  el.example_matrix(5, 6, seed=1))


@pytest.mark.parametrize("kwargs, message", [
    ({"repeats": 10**12}, "repeats must be a positive integer at most 1,000"),
    ({"n_ids": 10**12}, r"the one-hot matrix \(n_ids=1,000,000,000,000 x vocab size 10\) would hold"),
    ({"dim": 10**12}, r"the matrix \(vocab size 10 x dim=1,000,000,000,000\) would hold"),
])
def test_timing_refuses_sizes_that_would_hang_or_allocate_terabytes(kwargs, message):
    with pytest.raises(ValueError, match=message):
        el.time_lookup_vs_matmul([10], **kwargs)
    with pytest.raises(ValueError, match=r"vocab size 1,000,000,000,000 x dim=6\) would hold"):
        el.time_lookup_vs_matmul([10**12])
    with pytest.raises(ValueError, match=r"the matrix \(vocab_size=1,000,000,000,000 x dim=6\) would hold"):
        el.example_matrix(10**12)
