"""Tests of embedding_lib.similarity: cosine neighbours, row movement, group structure
(Chapters 6 and 7). Oracles: scikit-learn's cosine similarity and brute-force loops."""
import numpy as np
import pytest
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.neighbors import NearestNeighbors

import embedding_lib as el


@pytest.fixture
def matrix():
    return np.random.default_rng(0).normal(size=(40, 6)).astype(np.float32)


def test_cosine_to_matches_scikit_learn(matrix):
    v = matrix[5] + 0.3
    expected = cosine_similarity(matrix, v[None, :])[:, 0]
    np.testing.assert_allclose(el.cosine_to(matrix, v), expected, rtol=1e-6, atol=1e-7)


def test_cosine_to_gives_nan_for_zero_rows(matrix):
    m = matrix.copy()
    m[3] = 0
    out = el.cosine_to(m, m[4])
    assert np.isnan(out[3]) and np.isfinite(np.delete(out, 3)).all()


def test_nearest_neighbours_match_scikit_learn_brute_force(matrix):
    k = 4
    ids, sims = el.nearest_neighbours(matrix, np.arange(40), k)
    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(matrix)
    dist, ref = nn.kneighbors(matrix)
    # scikit-learn returns each point itself first (distance 0); drop it
    np.testing.assert_array_equal(ids, ref[:, 1:])
    np.testing.assert_allclose(sims, 1 - dist[:, 1:], atol=1e-6)
    assert (np.diff(sims, axis=1) <= 1e-12).all()


def test_nearest_neighbours_break_ties_by_smaller_id():
    m = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 2.0], [0.0, 3.0], [1.0, 1.0]])
    ids, sims = el.nearest_neighbours(m, [1], k=3)
    assert ids.tolist() == [[2, 3, 4]]
    np.testing.assert_allclose(sims[0], [1, 1, np.sqrt(0.5)])


def test_nearest_neighbours_respect_candidates_and_skip_zero_rows(matrix):
    m = matrix.copy()
    m[0] = 0  # a zero padding row is never a neighbour
    ids, _ = el.nearest_neighbours(m, [5, 6], k=39 - 1)
    assert 0 not in ids and 5 not in ids[0] and 6 not in ids[1]
    cand = [2, 9, 11, 30]
    ids, sims = el.nearest_neighbours(m, [9], k=3, candidates=cand)
    brute = sorted((i for i in cand if i != 9), key=lambda i: -cosine_similarity(m[[9]], m[[i]])[0, 0])
    assert ids[0].tolist() == brute


def test_nearest_neighbours_errors(matrix):
    m = matrix.copy()
    m[0] = 0
    with pytest.raises(ValueError, match="query row 0 is all zeros"):
        el.nearest_neighbours(m, [0], 2)
    with pytest.raises(ValueError, match="candidate row 0 is all zeros"):
        el.nearest_neighbours(m, [1], 2, candidates=[0, 2, 3])
    with pytest.raises(ValueError, match="k=5 is more than the 2 candidate rows"):
        el.nearest_neighbours(m, [1], 5, candidates=[1, 2, 3])
    with pytest.raises(ValueError, match="queries must be < vocab_size=40"):
        el.nearest_neighbours(m, [40], 2)
    with pytest.raises(ValueError, match="queries must be a 1-D"):
        el.nearest_neighbours(m, [[1]], 2)
    with pytest.raises(ValueError, match="k must be a positive integer"):
        el.nearest_neighbours(m, [1], 0)


def test_most_similar_with_a_word_or_a_vector():
    words = ["", "king", "queen", "man", "woman", "apple"]
    m = np.array([[0, 0], [1, 1], [1, 0.8], [0.2, 1], [0.2, 0.8], [-1, 0.1]], dtype=float)
    got = el.most_similar(words, m, "king", k=2)
    ref = cosine_similarity(m[[1]], m[[2, 3, 4, 5]])[0]
    assert [w for w, _ in got] == ["queen", "woman"]
    assert got[0][1] == round(float(ref[0]), 3)
    vec_result = el.most_similar(words, m, m[2] - m[1] + m[3], k=1, exclude=["queen", "man", "king"])
    assert vec_result[0][0] == "woman"
    with pytest.raises(ValueError, match="'prince' is not among the 6 words"):
        el.most_similar(words, m, "prince")
    with pytest.raises(ValueError, match="one word per row"):
        el.most_similar(words[:3], m, "king")
    with pytest.raises(ValueError, match="query must have shape"):
        el.most_similar(words, m, [1.0, 2.0, 3.0])


def test_row_movement_matches_numpy(matrix):
    after = matrix.copy()
    after[[2, 7]] += 0.5
    after[9] = 0
    r = el.row_movement(matrix, after)
    np.testing.assert_allclose(r["distance"], np.linalg.norm(after - matrix, axis=1), rtol=1e-6)
    np.testing.assert_allclose(r["relative"], r["distance"] / np.linalg.norm(matrix, axis=1), rtol=1e-6)
    assert np.flatnonzero(r["distance"]).tolist() == [2, 7, 9]
    assert np.isnan(r["cosine"][9]) and np.allclose(r["cosine"][[0, 1]], 1)
    zero_before = el.row_movement([[0.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 0.0]])
    assert zero_before["relative"].tolist() == [np.inf, 0.0]
    with pytest.raises(ValueError, match="same shape"):
        el.row_movement(matrix, matrix[:3])


def test_neighbour_agreement_matches_a_brute_force_loop(matrix):
    labels = ["a"] * 10 + ["b"] * 10 + ["c"] * 20
    k = 3
    sims = cosine_similarity(matrix)
    hits = []
    for i in range(40):
        order = [j for j in np.argsort(-sims[i], kind="stable") if j != i][:k]
        hits += [labels[j] == labels[i] for j in order]
    assert el.neighbour_agreement(matrix, labels, k) == pytest.approx(np.mean(hits))


def test_neighbour_agreement_is_one_for_separated_groups_and_low_for_noise():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(4, 8)) * 10
    labels = np.repeat(np.arange(4), 6)
    clustered = centres[labels] + rng.normal(size=(24, 8))
    assert el.neighbour_agreement(clustered, labels.tolist(), 3) == 1.0
    noise = rng.normal(size=(24, 8))
    assert el.neighbour_agreement(noise, labels.tolist(), 3) < 0.6


def test_group_similarity_matches_a_loop(matrix):
    labels = ["x"] * 15 + ["y"] * 25
    groups, table = el.group_similarity(matrix, labels)
    sims = cosine_similarity(matrix)
    x, y = np.arange(15), np.arange(15, 40)
    within_x = np.mean([sims[i, j] for i in x for j in x if i != j])
    between = np.mean([sims[i, j] for i in x for j in y])
    assert groups == ["x", "y"]
    assert table[0, 0] == pytest.approx(within_x, abs=1e-6)
    assert table[0, 1] == pytest.approx(between, abs=1e-6) and table[1, 0] == pytest.approx(between, abs=1e-6)


def test_group_helpers_check_labels(matrix):
    with pytest.raises(ValueError, match="labels has 3 entries for 40 rows"):
        el.neighbour_agreement(matrix, ["a", "b", "c"])
    with pytest.raises(TypeError, match="not a single str"):
        el.group_similarity(matrix, "a" * 40)
    m = matrix.copy()
    m[4] = 0
    with pytest.raises(ValueError, match="row 4 is all zeros"):
        el.group_similarity(m, ["a"] * 40)


# --- bad input (issue 10) ----------------------------------------------------------------

WORDS = ["cat", "dog", "car", "bus"]
VECS = np.array([[1.0, 0.1], [1.0, 0.2], [0.1, 1.0], [0.2, 1.0]])


def test_most_similar_reads_a_str_exclude_as_one_word():
    # before the fix, exclude="dog" was read letter by letter and excluded nothing
    assert [w for w, _ in el.most_similar(WORDS, VECS, "cat", k=2)] == ["dog", "bus"]
    assert [w for w, _ in el.most_similar(WORDS, VECS, "cat", k=2, exclude="dog")] == ["bus", "car"]
    assert el.most_similar(WORDS, VECS, "cat", k=2, exclude="dog") == \
        el.most_similar(WORDS, VECS, "cat", k=2, exclude=["dog"])
    assert el.most_similar(WORDS, VECS, "cat", k=1, exclude={"dog", "emu"})[0][0] == "bus"


@pytest.mark.parametrize("exclude, error, message", [
    (None, TypeError, "exclude must be a collection of words .str., got None"),
    (3, TypeError, "exclude must be a collection of words .str., got int 3"),
    ([1, 2], TypeError, "exclude must hold words .str., got int 1"),
])
def test_most_similar_checks_exclude(exclude, error, message):
    with pytest.raises(error, match=message):
        el.most_similar(WORDS, VECS, "cat", k=2, exclude=exclude)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"k": 5}, ValueError, "k must be a positive integer at most 4, the number of rows, got 5"),
    ({"k": 10**12}, ValueError, "k must be a positive integer at most 4"),
    ({"query": "emu"}, ValueError, "query 'emu' is not among the 4 words"),
    ({"query": None}, TypeError, "query must be a vector of 2 numbers, got None"),
    ({"query": [np.nan, 1.0]}, ValueError, "query must hold finite numbers, got nan at position 0"),
    ({"query": [1j, 1.0]}, TypeError, "query must hold real numbers"),
    ({"query": [0.0, 0.0]}, ValueError, "query is all zeros"),
    ({"words": ["a", "a", "b", "c"]}, ValueError, "words must be distinct, got 'a' at positions 0 and 1"),
    ({"words": None}, TypeError, "words must be a list of strings, got None"),
    ({"words": [1, 2, 3, 4]}, TypeError, r"words\[0\] must be a str, got int 1"),
    ({"matrix": VECS + 1j}, TypeError, "matrix must hold real numbers, got complex values"),
    ({"matrix": np.where(VECS > 0.9, np.inf, VECS)}, ValueError, "matrix must hold finite numbers, got inf at row 0"),
])
def test_most_similar_refuses_bad_input(kwargs, error, message):
    args = {"words": WORDS, "matrix": VECS, "query": "cat", "k": 2} | kwargs
    with pytest.raises(error, match=message):
        el.most_similar(**args)


def test_nearest_neighbours_checks_k_against_the_rows_before_allocating():
    with pytest.raises(ValueError, match=r"k=1000000000000 is more than the 3 rows a query can have as neighbours"):
        el.nearest_neighbours(VECS, [0], 10**12)
    with pytest.raises(ValueError, match="k=4 is more than the 3 rows"):
        el.neighbour_agreement(VECS, ["a", "a", "b", "b"], 4)


@pytest.mark.parametrize("fn", [
    lambda m: el.cosine_to(m, [1.0, 0.0]),
    lambda m: el.nearest_neighbours(m, [1], 1),
    lambda m: el.row_movement(VECS, m),
    lambda m: el.neighbour_agreement(m, ["a", "a", "b", "b"], 1),
    lambda m: el.group_similarity(m, ["a", "a", "b", "b"]),
])
@pytest.mark.parametrize("bad, error, message", [
    (np.nan, ValueError, "must hold finite numbers, got nan at row 0, column 1"),
    (np.inf, ValueError, "must hold finite numbers, got inf at row 0, column 1"),
])
def test_similarity_functions_name_the_first_non_finite_entry(fn, bad, error, message):
    # before the fix a NaN row was "all zeros" or propagated into the result
    m = VECS.copy()
    m[0, 1] = bad
    with pytest.raises(error, match=message):
        fn(m)


@pytest.mark.parametrize("fn", [lambda m: el.cosine_to(m, [1.0, 0.0]), lambda m: el.row_movement(m, VECS),
                                lambda m: el.nearest_neighbours(m, [1], 1)])
def test_similarity_functions_refuse_complex_matrices(fn):
    with pytest.raises(TypeError, match="must hold real numbers, got complex values"):
        fn(VECS + 0.5j)


def test_cosine_to_checks_the_vector_and_labels_must_be_a_sequence():
    with pytest.raises(ValueError, match="vector must hold finite numbers, got inf at position 1"):
        el.cosine_to(VECS, [1.0, np.inf])
    with pytest.raises(TypeError, match="vector must be a vector of 2 numbers, got str 'ab'"):
        el.cosine_to(VECS, "ab")
    with pytest.raises(TypeError, match="labels must be a sequence with one group label per row, got None"):
        el.group_similarity(VECS, None)
    with pytest.raises(ValueError, match="candidates is a ragged nested list"):
        el.nearest_neighbours(VECS, [0], 1, candidates=[[1], [2, 3]])
