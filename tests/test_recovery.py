"""Tests of embedding_lib.recovery: scores comparing learned vectors with hidden traits."""
import numpy as np
import pytest

import embedding_lib as el


def _rotation(k, seed):
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(k, k)))
    return q


TRAITS = np.random.default_rng(0).normal(size=(60, 2))


def test_pairwise_distances_match_a_double_loop():
    v = np.random.default_rng(1).normal(size=(6, 3))
    expected = [np.linalg.norm(v[i] - v[j]) for i in range(6) for j in range(i + 1, 6)]
    np.testing.assert_allclose(el.pairwise_distances(v), expected, rtol=1e-10)


def test_distance_correlation_is_one_for_rotated_shifted_scaled_traits():
    moved = 3.0 * TRAITS @ _rotation(2, 5) + np.array([4.0, -1.0])
    assert el.distance_correlation(moved, TRAITS) == pytest.approx(1.0, abs=1e-12)


def test_distance_correlation_is_one_for_traits_embedded_in_more_dimensions():
    padded = np.hstack([TRAITS, np.zeros((60, 3))]) @ _rotation(5, 2)
    assert el.distance_correlation(padded, TRAITS) == pytest.approx(1.0, abs=1e-12)


def test_distance_correlation_is_near_zero_for_random_vectors():
    scores = [el.distance_correlation(np.random.default_rng(s).normal(size=(60, 4)), TRAITS) for s in range(30)]
    assert abs(np.mean(scores)) < 0.05


def test_distance_correlation_drops_as_noise_is_added():
    rng = np.random.default_rng(3)
    scores = [el.distance_correlation(TRAITS + s * rng.normal(size=TRAITS.shape), TRAITS) for s in (0.1, 0.5, 2.0)]
    assert scores[0] > scores[1] > scores[2] and scores[0] > 0.95


def test_pairwise_distance_correlation_is_the_new_name_of_distance_correlation():
    assert el.distance_correlation is el.pairwise_distance_correlation
    v = np.random.default_rng(4).normal(size=(60, 3))
    dx, dy = el.pairwise_distances(v), el.pairwise_distances(TRAITS)
    assert el.pairwise_distance_correlation(v, TRAITS) == pytest.approx(np.corrcoef(dx, dy)[0, 1], abs=1e-12)


def test_a_stretch_or_shear_lowers_the_distance_score_but_not_the_linear_recovery():
    # An invertible map that a linear next layer could undo: the distance score is not blind to it.
    for mix in (np.array([[4.0, 0.0], [0.0, 0.25]]), np.array([[1.0, 3.0], [0.0, 1.0]])):
        assert el.pairwise_distance_correlation(TRAITS @ mix, TRAITS) < 0.95
        assert el.linear_recovery_r2(TRAITS @ mix, TRAITS) == pytest.approx(1.0, abs=1e-9)


def test_linear_recovery_is_one_for_any_invertible_linear_map_of_the_traits():
    mixed = TRAITS @ np.array([[2.0, 1.0, 0.5], [-1.0, 3.0, 0.0]]) + 7.0
    assert el.linear_recovery_r2(mixed, TRAITS) == pytest.approx(1.0, abs=1e-9)


def test_linear_recovery_is_about_zero_or_below_for_random_vectors():
    scores = [el.linear_recovery_r2(np.random.default_rng(s).normal(size=(60, 3)), TRAITS) for s in range(20)]
    assert np.mean(scores) < 0.05


def test_linear_recovery_agrees_with_a_manual_leave_one_out_fit():
    emb = TRAITS @ np.array([[1.0, 0.5], [0.2, 1.0]]) + np.random.default_rng(4).normal(scale=0.5, size=(60, 2))
    n = len(emb)
    design = np.column_stack([emb, np.ones(n)])
    pred = np.empty_like(TRAITS)
    for i in range(n):
        keep = np.arange(n) != i
        coef, *_ = np.linalg.lstsq(design[keep], TRAITS[keep], rcond=None)
        pred[i] = design[i] @ coef
    expected = 1 - np.sum((TRAITS - pred) ** 2) / np.sum((TRAITS - TRAITS.mean(0)) ** 2)
    assert el.linear_recovery_r2(emb, TRAITS, n_folds=n) == pytest.approx(expected, rel=1e-10)


def test_align_to_traits_undoes_a_linear_map():
    a = np.array([[0.0, 2.0], [1.0, 1.0]])
    np.testing.assert_allclose(el.align_to_traits(TRAITS @ a - 3.0, TRAITS), TRAITS, atol=1e-10)


def test_random_baseline_is_seeded_and_centred_near_zero():
    first = el.random_baseline(el.distance_correlation, (60, 3), TRAITS, n_draws=10, seed=2)
    assert first == el.random_baseline(el.distance_correlation, (60, 3), TRAITS, n_draws=10, seed=2)
    assert abs(first[0]) < 0.1 and first[1] > 0


@pytest.mark.parametrize(
    ("a", "b", "error", "match"),
    [(np.zeros((5, 2)), np.zeros((4, 2)), ValueError, "one row per category"),
     (np.ones((2, 2)), np.ones((2, 2)), ValueError, "at least 3"),
     (np.ones(5), np.ones((5, 2)), ValueError, "2-D"),
     (np.full((4, 2), np.nan), np.ones((4, 2)), ValueError, "finite"),
     (np.array([["a", "b"]] * 3), np.ones((3, 2)), TypeError, "numbers")],
)
def test_scores_reject_mismatched_or_bad_inputs(a, b, error, match):
    with pytest.raises(error, match=match):
        el.distance_correlation(a, b)
    with pytest.raises(error, match=match):
        el.linear_recovery_r2(a, b)


def test_distance_correlation_rejects_constant_distances():
    with pytest.raises(ValueError, match="undefined"):
        el.distance_correlation(np.zeros((4, 2)), TRAITS[:4])


def test_linear_recovery_rejects_too_few_categories_for_the_dimension_and_bad_folds():
    with pytest.raises(ValueError, match="too few categories"):
        el.linear_recovery_r2(np.random.default_rng(0).normal(size=(10, 8)), TRAITS[:10])
    with pytest.raises(ValueError, match="n_folds"):
        el.linear_recovery_r2(TRAITS, TRAITS, n_folds=1)
    with pytest.raises(ValueError, match="constant"):
        el.linear_recovery_r2(TRAITS, np.ones((60, 2)))


def test_random_baseline_rejects_bad_arguments():
    with pytest.raises(TypeError, match="score"):
        el.random_baseline("distance", (10, 2), TRAITS[:10])
    with pytest.raises(TypeError, match="shape"):
        el.random_baseline(el.distance_correlation, [10, 2], TRAITS[:10])


# --- bad input (issue 10) ----------------------------------------------------------------

T = np.random.default_rng(0).normal(size=(6, 2))


@pytest.mark.parametrize("fn", [el.distance_correlation, el.linear_recovery_r2, el.align_to_traits])
def test_scores_refuse_complex_embeddings_and_traits(fn):
    with pytest.raises(TypeError, match="embeddings must hold real numbers, got complex values"):
        fn(T[:, :1] + 1j, T)
    with pytest.raises(TypeError, match="traits must hold real numbers, got complex values"):
        fn(T[:, :1], T + 1j)
    with pytest.raises(ValueError, match="traits is a ragged nested list"):
        fn(T[:, :1], [[1.0, 2.0]] * 5 + [[1.0]])


def test_pairwise_distances_names_the_first_non_finite_entry():
    v = np.ones((3, 2))
    v[1, 0] = np.nan
    with pytest.raises(ValueError, match="vectors must hold finite numbers, got nan at row 1, column 0"):
        el.pairwise_distances(v)
    with pytest.raises(TypeError, match="vectors must hold real numbers"):
        el.pairwise_distances(np.ones((3, 2)) + 2j)


@pytest.mark.parametrize("seed, error", [(True, TypeError), ([0], TypeError), ([], TypeError), (-1, ValueError)])
def test_seeds_are_single_non_negative_integers(seed, error):
    with pytest.raises(error, match="seed must be a non-negative integer"):
        el.linear_recovery_r2(T[:, :1], T, seed=seed)
    with pytest.raises(error, match="seed must be a non-negative integer"):
        el.random_baseline(el.distance_correlation, (6, 2), T, n_draws=2, seed=seed)


def test_random_baseline_limits_and_checks_traits_for_any_score():
    with pytest.raises(ValueError, match="n_draws must be a positive integer at most 10,000"):
        el.random_baseline(el.distance_correlation, (6, 2), T, n_draws=10**12)
    with pytest.raises(ValueError, match=r"each random embedding \(shape \(1000000, 1000000\)\) would hold"):
        el.random_baseline(el.distance_correlation, (10**6, 10**6), T)
    with pytest.raises(ValueError, match="traits must hold finite numbers, got inf at row 0, column 0"):
        el.random_baseline(lambda e, t: 0.0, (6, 2), np.where(T > -10, np.inf, 0))
    assert el.random_baseline(el.distance_correlation, (6, 2), T, n_draws=2, seed=np.int64(1)) == \
        el.random_baseline(el.distance_correlation, (6, 2), T, n_draws=2, seed=1)


def test_pairwise_distance_correlation_refuses_complex_and_non_finite_input():
    with pytest.raises(TypeError, match="embeddings must hold real numbers, got complex values"):
        el.pairwise_distance_correlation(T + 1j, T)
    with pytest.raises(ValueError, match="traits must hold finite numbers, got nan at row 0, column 0"):
        el.pairwise_distance_correlation(T, np.where(T > -10, np.nan, 0))
