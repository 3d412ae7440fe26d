"""Tests of embedding_lib.hashing: the hashing trick and its collisions (Chapter 5)."""
import numpy as np
import pytest

import embedding_lib as el

WORDS = ["well", "done", "good", "work", "great", "effort", "nice", "excellent",
         "weak", "poor", "not", "could", "have", "better"]


def _keras_buckets(values, num_bins, salt=None):
    keras = pytest.importorskip("keras")
    layer = keras.layers.Hashing(num_bins=num_bins, salt=salt)
    return np.asarray(layer(np.asarray(values).reshape(-1, 1))).reshape(-1)


def test_hash_values_equal_keras_hashing_layer_for_strings_and_ints():
    np.testing.assert_array_equal(el.hash_values(WORDS, 50), _keras_buckets(WORDS, 50))
    ints = [3, 17, 42, 1000, 7]
    np.testing.assert_array_equal(el.hash_values(ints, 10), _keras_buckets(ints, 10))
    out = el.hash_values(WORDS, 50)
    assert out.dtype == np.int64 and out.shape == (len(WORDS),)
    assert out.min() >= 0 and out.max() < 50


def test_hash_values_are_the_same_in_every_process():
    # FarmHash64 does not depend on PYTHONHASHSEED (unlike Python's hash(), which the old
    # keras.preprocessing.text.one_hot used), so these buckets are fixed forever.
    np.testing.assert_array_equal(el.hash_values(["nice", "could", "well"], 49), [32, 32, 11])
    np.testing.assert_array_equal(el.hash_values(WORDS, 50), el.hash_values(list(WORDS), 50))


def test_salt_changes_the_buckets_and_is_itself_deterministic():
    words = el.english_words(200)
    plain = el.hash_values(words, 1000)
    salted = el.hash_values(words, 1000, salt=7)
    assert np.mean(plain != salted) > 0.9  # another hash function: almost every bucket moves
    np.testing.assert_array_equal(salted, el.hash_values(words, 1000, salt=7))
    np.testing.assert_array_equal(salted, _keras_buckets(words, 1000, salt=7))
    assert not np.array_equal(salted, el.hash_values(words, 1000, salt=8))


def _brute_force_groups(values, buckets):
    groups = {}
    for v, b in zip(values, buckets):
        groups.setdefault(int(b), [])
        if v not in groups[int(b)]:
            groups[int(b)].append(v)
    return {b: vs for b, vs in sorted(groups.items()) if len(vs) > 1}


@pytest.mark.parametrize("num_bins", [7, 49, 50, 500])
def test_collision_groups_and_rate_match_a_brute_force_count(num_bins):
    buckets = _keras_buckets(WORDS, num_bins)
    expected_groups = _brute_force_groups(WORDS, buckets)
    assert el.collision_groups(WORDS, num_bins) == expected_groups
    shared = sum(
        1 for i in range(len(WORDS))
        if any(buckets[j] == buckets[i] for j in range(len(WORDS)) if j != i)
    )
    assert el.collision_rate(WORDS, num_bins) == pytest.approx(shared / len(WORDS))


def test_duplicates_count_once_and_one_bin_makes_everything_collide():
    assert el.collision_rate(WORDS + WORDS[:3], 50) == el.collision_rate(WORDS, 50)
    assert el.collision_rate(WORDS, 1) == 1.0
    assert el.collision_groups(WORDS, 1) == {0: WORDS}
    assert el.collision_rate(["only"], 3) == 0.0
    assert el.collision_groups(["a", "a"], 3) == {}


def test_the_ten_comments_collide_once_in_the_seeds_49_word_buckets():
    assert el.collision_groups(WORDS, 49) == {32: ["nice", "could"]}
    assert el.collision_rate(WORDS, 49) == pytest.approx(2 / 14)


@pytest.mark.parametrize(("n", "m"), [(14, 49), (15, 50), (40, 20), (2, 3)])
def test_expected_collision_rate_matches_a_monte_carlo_estimate(n, m):
    rng = np.random.default_rng(0)
    trials = 20_000
    draws = np.sort(rng.integers(0, m, size=(trials, n)), axis=1)
    same = draws[:, 1:] == draws[:, :-1]
    collides = np.zeros_like(draws, dtype=bool)
    collides[:, 1:] |= same
    collides[:, :-1] |= same
    per_trial = collides.mean(axis=1)
    standard_error = per_trial.std(ddof=1) / np.sqrt(trials)
    assert el.expected_collision_rate(n, m) == pytest.approx(per_trial.mean(), abs=4 * standard_error + 1e-12)


def test_real_words_collide_about_as_often_as_uniform_hashing_predicts():
    words = el.english_words(2000)
    observed = el.collision_rate(words, 4000)
    expected = el.expected_collision_rate(2000, 4000)
    assert observed == pytest.approx(expected, abs=0.05)


def test_expected_collision_rate_edge_cases():
    assert el.expected_collision_rate(1, 10) == 0.0
    assert el.expected_collision_rate(5, 1) == 1.0
    assert el.expected_collision_rate(2, 4) == pytest.approx(0.25)


@pytest.mark.parametrize("num_bins", [0, -3])
def test_non_positive_num_bins_raise_value_error(num_bins):
    with pytest.raises(ValueError, match="num_bins must be a positive integer"):
        el.hash_values(WORDS, num_bins)
    with pytest.raises(ValueError, match="num_bins must be a positive integer"):
        el.collision_rate(WORDS, num_bins)


@pytest.mark.parametrize("num_bins", [2.5, "50", True, None])
def test_non_integer_num_bins_raise_type_error(num_bins):
    with pytest.raises(TypeError, match="num_bins must be a positive integer"):
        el.hash_values(WORDS, num_bins)


@pytest.mark.parametrize(
    ("values", "error", "match"),
    [
        ("well done", TypeError, "values must be a list"),
        (42, TypeError, "values must be a list"),
        ([], ValueError, "values is empty"),
        (["good", 3], TypeError, "not a mix"),
        ([1.5, 2.5], TypeError, r"values\[0\] must be a str or an int"),
        ([True, False], TypeError, r"values\[0\] must be a str or an int"),
    ],
)
def test_bad_values_raise_clear_errors(values, error, match):
    with pytest.raises(error, match=match):
        el.hash_values(values, 10)
    with pytest.raises(error, match=match):
        el.collision_groups(values, 10)


@pytest.mark.parametrize(("n", "m", "error"), [(0, 10, ValueError), (5, 0, ValueError), (2.0, 10, TypeError)])
def test_expected_collision_rate_rejects_bad_sizes(n, m, error):
    with pytest.raises(error):
        el.expected_collision_rate(n, m)


# --- bad input (issue 10): salts are checked before Keras sees them ----------------------

@pytest.mark.parametrize("fn", [el.hash_values, el.collision_groups, el.collision_rate])
@pytest.mark.parametrize("salt, error, message", [
    (2**70, ValueError, r"salt must be an integer from 0 to 2\*\*63 - 1 \(Keras stores it as a signed 64-bit"),
    (2**63, ValueError, r"salt must be an integer from 0 to 2\*\*63 - 1"),
    (-1, ValueError, r"salt must be an integer from 0 to 2\*\*63 - 1, got -1|signed 64-bit integer\), got -1"),
    (True, TypeError, "salt must be None, an integer or a pair of integers, got bool True"),
    (1.5, TypeError, "salt must be None, an integer or a pair of integers, got float 1.5"),
    ("7", TypeError, "salt must be None, an integer or a pair of integers, got str '7'"),
])
def test_bad_salts_are_refused_with_their_name(fn, salt, error, message):
    with pytest.raises(error, match=message):
        fn(WORDS, 10, salt=salt)


def test_numpy_integer_salts_equal_python_ones():
    # Keras refuses np.int64 salts; the package turns them into int first
    np.testing.assert_array_equal(el.hash_values(WORDS, 50, salt=np.int64(7)), el.hash_values(WORDS, 50, salt=7))
    np.testing.assert_array_equal(el.hash_values(WORDS, 50, salt=2**63 - 1), _keras_buckets(WORDS, 50, 2**63 - 1))
    np.testing.assert_array_equal(el.hash_values(WORDS, 50, salt=(1, 2)), _keras_buckets(WORDS, 50, [1, 2]))


@pytest.mark.parametrize("values, error, message", [
    (None, TypeError, "values must be a list of strings or integers, got None"),
    ("well done", TypeError, "values must be a list of strings or integers, got str"),
    ([1.5, 2.5], TypeError, r"values\[0\] must be a str or an int, got float 1.5"),
    (["a", 1], TypeError, "values must be all strings or all integers, not a mix"),
])
def test_bad_values_are_refused(values, error, message):
    with pytest.raises(error, match=message):
        el.hash_values(values, 10)
