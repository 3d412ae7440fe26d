"""Tests of embedding_lib.search: exact cosine top-k, recall, the two machine limits
(Chapter 14). Oracles: a full sort of every score, scikit-learn's brute-force neighbours,
and faiss's exact inner-product index."""
import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

import embedding_lib as el
from embedding_lib import search


def brute_force(matrix, queries, k):
    """Oracle: every cosine in float64, sorted by (-cosine, id)."""
    m = np.asarray(matrix, dtype=np.float64)
    q = np.atleast_2d(np.asarray(queries, dtype=np.float64))
    s = (q / np.linalg.norm(q, axis=1, keepdims=True)) @ (m / np.linalg.norm(m, axis=1, keepdims=True)).T
    ids = np.array([np.lexsort((np.arange(len(row)), -row))[:k] for row in s])
    return ids, np.take_along_axis(s, ids, 1)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(3000, 16)).astype(np.float32), rng.normal(size=(40, 16)).astype(np.float32)


def test_unit_rows_have_length_one_and_keep_direction(data):
    m, _ = data
    u = el.unit_rows(m)
    assert u.dtype == np.float32 and u.flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(np.linalg.norm(u, axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(u * np.linalg.norm(m, axis=1, keepdims=True), m, rtol=1e-5, atol=1e-6)


def test_unit_rows_accepts_fortran_order_and_integers():
    m = np.asfortranarray(np.arange(1, 13, dtype=np.float32).reshape(4, 3))
    assert el.unit_rows(m).flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(el.unit_rows([[3, 4]]), [[0.6, 0.8]])


@pytest.mark.parametrize("k", [1, 10, 37])
def test_search_matches_the_full_sort(data, k):
    m, q = data
    ids, sims = el.CosineIndex(m).search(q, k)
    ref_ids, ref_sims = brute_force(m, q, k)
    np.testing.assert_array_equal(ids, ref_ids)
    np.testing.assert_allclose(sims, ref_sims, atol=1e-6)
    assert ids.dtype == np.int64 and sims.dtype == np.float32
    assert (np.diff(sims, axis=1) <= 0).all()


def test_search_matches_scikit_learn(data):
    m, q = data
    nn = NearestNeighbors(n_neighbors=5, metric="cosine", algorithm="brute").fit(m)
    dist, ref = nn.kneighbors(q)
    ids, sims = el.exact_top_k(m, q, 5)
    np.testing.assert_array_equal(ids, ref)
    np.testing.assert_allclose(sims, 1 - dist, atol=1e-6)


def test_search_matches_faiss_exact_inner_product(data):
    faiss = pytest.importorskip("faiss")
    m, q = data
    u = el.unit_rows(m)
    flat = faiss.IndexFlatIP(u.shape[1])
    flat.add(u)
    ref_sims, ref_ids = flat.search(el.unit_rows(q), 8)
    ids, sims = el.CosineIndex(m).search(q, 8)
    np.testing.assert_array_equal(ids, ref_ids)
    np.testing.assert_allclose(sims, ref_sims, atol=1e-6)


def test_many_queries_use_several_tiles_and_agree_with_one_at_a_time(monkeypatch, data):
    m, q = data
    monkeypatch.setattr(search, "_BLOCK_SCORES", 7 * 64)  # tiles of a few rows
    monkeypatch.setattr(search, "_SAMPLE_ROWS", 50)
    index = el.CosineIndex(m)
    ids, sims = index.search(q, 6)
    for row, query in enumerate(q):
        one_ids, one_sims = index.search(query, 6)
        np.testing.assert_array_equal(ids[row], one_ids)
        np.testing.assert_allclose(sims[row], one_sims, atol=1e-6)
    np.testing.assert_array_equal(ids, brute_force(m, q, 6)[0])


def test_one_query_gives_one_dimensional_results(data):
    m, q = data
    ids, sims = el.CosineIndex(m).search(q[0], 4)
    assert ids.shape == (4,) and sims.shape == (4,)


def test_ties_are_ordered_by_the_smaller_id():
    # rows 1, 3 and 4 point the same way as the query; 2 and 5 a little less.
    m = [[0, 1], [1, 1], [1, 0.9], [2, 2], [4, 4], [1, 0.9]]  # scaled by powers of 2
    ids, sims = el.exact_top_k(m, [1, 1], k=4)
    assert ids.tolist() == [1, 3, 4, 2]
    ids, _ = el.exact_top_k(m, [1, 1], k=5)
    assert ids.tolist() == [1, 3, 4, 2, 5]


def test_ties_at_the_boundary_of_k_keep_the_smaller_ids():
    m = np.tile([[1.0, 0.0]], (50, 1))
    m[::7] = [0.0, 1.0]  # a few rows elsewhere
    ids, sims = el.exact_top_k(m, [1, 0], k=5)
    expected = [i for i in range(50) if i % 7][:5]
    assert ids.tolist() == expected
    np.testing.assert_allclose(sims, 1)


def test_k_equal_to_n_returns_every_row(data):
    m, q = data
    ids, _ = el.exact_top_k(m[:30], q[:2], k=30)
    assert sorted(ids[0].tolist()) == list(range(30))


def test_k_larger_than_n_is_refused():
    with pytest.raises(ValueError, match="k=4 is more than the 3 vectors in the index"):
        el.exact_top_k([[1, 0], [0, 1], [1, 1]], [1, 0], k=4)


@pytest.mark.parametrize("k, error", [(0, ValueError), (-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_bad_k_is_refused(k, error):
    with pytest.raises(error, match="k must be a positive integer"):
        el.exact_top_k([[1, 0], [0, 1]], [1, 0], k=k)


def test_zero_rows_and_zero_queries_are_refused():
    with pytest.raises(ValueError, match="vectors row 1 is all zeros"):
        el.CosineIndex([[1, 0], [0, 0]])
    index = el.CosineIndex([[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="queries row 1 is all zeros"):
        index.search([[1, 1], [0, 0]], k=1)
    with pytest.raises(ValueError, match="queries row 0 is all zeros"):
        index.search([0, 0], k=1)


def test_bad_shapes_are_refused():
    index = el.CosineIndex([[1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match=r"queries must have 3 columns .* got shape \(1, 2\)"):
        index.search([[1, 0]], k=1)
    with pytest.raises(ValueError, match=r"queries must have 3 columns .* got shape \(1, 2\)"):
        index.search([1, 0], k=1)
    with pytest.raises(ValueError, match=r"one vector \(dim,\) or a matrix \(q, dim\), got shape \(1, 1, 3\)"):
        index.search([[[1, 0, 0]]], k=1)
    with pytest.raises(ValueError, match="queries is empty"):
        index.search(np.zeros((0, 3)), k=1)
    with pytest.raises(ValueError, match=r"vectors must be 2-D"):
        el.CosineIndex([1, 2, 3])


def test_non_finite_values_are_refused():
    with pytest.raises(ValueError, match="vectors must hold finite numbers, got nan at row 1"):
        el.CosineIndex([[1, 0], [np.nan, 1]])
    with pytest.raises(ValueError, match="queries must hold finite numbers"):
        el.CosineIndex([[1, 0], [0, 1]]).search([np.inf, 1], k=1)
    with pytest.raises(TypeError, match="queries must be"):
        el.CosineIndex([[1, 0], [0, 1]]).search("king", k=1)


def test_index_reports_its_size():
    index = el.CosineIndex(np.ones((5, 4)))
    assert (len(index), index.n, index.dim, index.unit.nbytes) == (5, 5, 4, 80)
    assert repr(index) == "CosineIndex(5 vectors x 4 dims, 80 bytes)"


def test_the_input_matrix_is_not_modified(data):
    m, q = data
    before = m.copy()
    el.CosineIndex(m).search(q, 3)
    np.testing.assert_array_equal(m, before)


def test_recall_at_k():
    truth = [[1, 2, 3], [4, 5, 6]]
    assert el.recall_at_k(truth, truth) == 1.0
    assert el.recall_at_k([[3, 2, 1], [7, 8, 9]], truth) == 0.5
    assert el.recall_at_k([[1, -1, -1], [-1, -1, -1]], truth) == pytest.approx(1 / 6)
    # extra columns of found beyond k do not count
    assert el.recall_at_k([[9, 9, 9, 1], [4, 5, 6, 0]], truth) == 0.5


def test_recall_at_k_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match="one row per query"):
        el.recall_at_k([[1, 2]], [[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="fewer than the k=3"):
        el.recall_at_k([[1, 2]], [[1, 2, 3]])
    with pytest.raises(ValueError, match="2-D"):
        el.recall_at_k([1, 2], [[1, 2]])


def test_limits_are_positive_and_arguments_checked():
    assert el.copy_bandwidth(2**20, repeats=2) > 1e6
    assert el.matmul_flops(32, repeats=2) > 1e3
    with pytest.raises(ValueError, match="n_bytes must be a positive integer"):
        el.copy_bandwidth(0)
    with pytest.raises(ValueError, match="repeats must be a positive integer at most 1,000"):
        el.best_time(lambda: None, repeats=10**6)
    with pytest.raises(TypeError, match="fn must be a function"):
        el.best_time(3)


def test_best_time_keeps_the_fastest_call():
    calls = iter([0.02, 0.0, 0.01])
    import time

    def sleepy():
        time.sleep(next(calls))

    assert el.best_time(sleepy, repeats=3) < 0.01
