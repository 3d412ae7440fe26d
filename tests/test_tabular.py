"""Tests of embedding_lib.tabular: generated tables, column specs, one-hot blocks, size rules."""
import math

import numpy as np
import pytest

import embedding_lib as el


# --- make_store_sales -----------------------------------------------------------------

def test_store_sales_is_reproducible_with_the_same_seed_and_differs_with_another():
    a, b, c = el.make_store_sales(500, seed=3), el.make_store_sales(500, seed=3), el.make_store_sales(500, seed=4)
    for col in a.categorical:
        np.testing.assert_array_equal(a.categorical[col], b.categorical[col])
    np.testing.assert_array_equal(a.target, b.target)
    np.testing.assert_array_equal(a.traits["store"], b.traits["store"])
    assert not np.array_equal(a.target, c.target)
    assert not np.array_equal(a.traits["store"], c.traits["store"])


def test_store_sales_columns_have_the_documented_shapes_and_ranges():
    data = el.make_store_sales(2000, n_stores=30, n_products=20, trait_dim=3, seed=0)
    assert len(data) == 2000
    assert data.cardinalities == {"store": 30, "product": 20, "day": 7}
    assert data.numeric.shape == (2000, 3) and data.numeric.dtype == np.float32
    assert data.numeric_names == ("price", "promo", "temperature")
    assert data.traits["store"].shape == (30, 3) and data.traits["product"].shape == (20, 3)
    for col, card in data.cardinalities.items():
        ids = data.categorical[col]
        assert ids.min() >= 0 and ids.max() < card
        assert len(np.unique(ids)) == card  # 2000 rows hit every category
    assert set(np.unique(data.numeric[:, 1]).tolist()) == {0.0, 1.0}


def test_store_sales_target_is_the_documented_formula_plus_noise_of_the_given_size():
    data = el.make_store_sales(20_000, noise_std=0.3, seed=1)
    s, p, d = (data.categorical[c] for c in ("store", "product", "day"))
    expected = (
        np.sum(data.traits["store"][s] * data.traits["product"][p], axis=1)
        + np.asarray(el.DAY_EFFECT)[d]
        + data.numeric @ np.array([-0.4, 0.5, 0.2])
    )
    np.testing.assert_allclose(data.signal, expected, atol=1e-5)
    noise = data.target - data.signal
    assert abs(noise.std() - 0.3) < 0.01 and abs(noise.mean()) < 0.01


def test_a_least_squares_fit_on_the_hidden_features_recovers_the_effects():
    """Oracle: regress the target on the true features; the coefficients come back."""
    data = el.make_store_sales(20_000, seed=2)
    s, p, d = (data.categorical[c] for c in ("store", "product", "day"))
    affinity = np.sum(data.traits["store"][s] * data.traits["product"][p], axis=1)
    design = np.column_stack([affinity, np.eye(7)[d], data.numeric])
    coef, *_ = np.linalg.lstsq(design, data.target, rcond=None)
    assert abs(coef[0] - 1.0) < 0.01
    np.testing.assert_allclose(coef[1:8], el.DAY_EFFECT, atol=0.02)
    np.testing.assert_allclose(coef[8:], [-0.4, 0.5, 0.2], atol=0.02)
    residual = data.target - design @ coef
    assert abs(residual.std() - data.noise_std) < 0.01


def test_store_effects_carry_the_traits_visible_to_a_per_store_fit():
    """Per-store slopes on the product traits are the store traits (the structure is in the data)."""
    data = el.make_store_sales(20_000, seed=0)
    s, p = data.categorical["store"], data.categorical["product"]
    rest = data.target - np.asarray(el.DAY_EFFECT)[data.categorical["day"]] - data.numeric @ np.array([-0.4, 0.5, 0.2])
    err = []
    for store in range(data.cardinalities["store"]):
        rows = s == store
        coef, *_ = np.linalg.lstsq(data.traits["product"][p[rows]], rest[rows], rcond=None)
        err.append(np.abs(coef - data.traits["store"][store]).max())
    assert np.median(err) < 0.05


def test_split_is_a_seeded_partition_of_the_rows():
    data = el.make_store_sales(1000, seed=0)
    train, test = data.split(0.25, seed=5)
    assert len(train) == 750 and len(test) == 250
    both = np.sort(np.concatenate([train.target, test.target]))
    np.testing.assert_array_equal(both, np.sort(data.target))
    train2, _ = data.split(0.25, seed=5)
    np.testing.assert_array_equal(train.target, train2.target)
    train3, _ = data.split(0.25, seed=6)
    assert not np.array_equal(train.target, train3.target)


def test_inputs_are_one_int32_column_per_category_and_the_numeric_block():
    data = el.make_store_sales(10, seed=0)
    inp = data.inputs()
    assert list(inp) == ["store", "product", "day", "numeric"]
    assert inp["store"].shape == (10, 1) and inp["store"].dtype == np.int32
    np.testing.assert_array_equal(inp["day"][:, 0], data.categorical["day"])
    assert inp["numeric"].shape == (10, 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"n_rows": 0}, ValueError, "n_rows"), ({"n_stores": 2.5}, TypeError, "n_stores"),
     ({"noise_std": -1.0}, ValueError, "noise_std"), ({"trait_dim": 0}, ValueError, "trait_dim")],
)
def test_store_sales_rejects_bad_arguments(kwargs, error, match):
    args = {"n_rows": 10} | kwargs
    with pytest.raises(error, match=match):
        el.make_store_sales(**args)


def test_split_rejects_a_fraction_outside_zero_one():
    with pytest.raises(ValueError, match="test_fraction"):
        el.make_store_sales(10).split(1.5)


# --- make_matches ---------------------------------------------------------------------

def test_matches_are_reproducible_and_never_pit_a_team_against_itself():
    a, b = el.make_matches(3000, n_teams=12, seed=7), el.make_matches(3000, n_teams=12, seed=7)
    np.testing.assert_array_equal(a.home_win, b.home_win)
    assert not np.array_equal(a.home_win, el.make_matches(3000, n_teams=12, seed=8).home_win)
    assert (a.home != a.away).all()
    assert a.home.max() < 12 and a.away.max() < 12 and a.home.min() >= 0
    assert a.inputs()["home"].shape == (3000, 1)


def test_match_probabilities_follow_the_normal_cdf_of_the_strength_gap():
    m = el.make_matches(200, n_teams=8, home_advantage=0.3, seed=0)
    z = m.strength[m.home] - m.strength[m.away] + 0.3
    expected = [0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z]
    np.testing.assert_allclose(m.win_probability, expected, rtol=1e-12)


def test_stronger_teams_win_more_often_and_home_teams_have_an_advantage():
    m = el.make_matches(40_000, n_teams=10, home_advantage=0.3, seed=0)
    wins = np.bincount(m.home, weights=m.home_win, minlength=10) + np.bincount(
        m.away, weights=1 - m.home_win, minlength=10)
    games = np.bincount(m.home, minlength=10) + np.bincount(m.away, minlength=10)
    assert np.corrcoef(wins / games, m.strength)[0, 1] > 0.95
    assert abs(m.home_win.mean() - m.win_probability.mean()) < 0.01
    assert m.home_win.mean() > 0.55


def test_best_accuracy_is_the_mean_of_the_larger_outcome_probability():
    m = el.make_matches(100, seed=0)
    p = m.win_probability
    assert m.best_accuracy() == pytest.approx(np.mean(np.where(p > 0.5, p, 1 - p)))
    assert 0.5 <= m.best_accuracy() <= 1.0
    assert len(m.subset(np.arange(10))) == 10


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"n_teams": 1}, ValueError, "at least 2"), ({"n_matches": 0}, ValueError, "n_matches"),
     ({"home_advantage": "big"}, TypeError, "home_advantage")],
)
def test_matches_reject_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        el.make_matches(**({"n_matches": 10} | kwargs))


def test_matches_without_home_effects_are_the_original_generator():
    # The original draws, written out: strengths, home, away, then the uniforms of the results.
    rng = np.random.default_rng(3)
    strength = rng.normal(size=12)
    home = rng.integers(0, 12, 500)
    away = (home + rng.integers(1, 12, 500)) % 12
    z = strength[home] - strength[away] + 0.3
    prob = np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z])
    won = (rng.random(500) < prob).astype(np.int64)
    for m in (el.make_matches(500, n_teams=12, seed=3),
              el.make_matches(500, n_teams=12, home_effect_std=0.0, seed=3)):
        np.testing.assert_array_equal(m.home_win, won)
        np.testing.assert_allclose(m.win_probability, prob, rtol=1e-12)
        np.testing.assert_array_equal(m.home_effect, np.zeros(12))


def test_team_home_effects_change_only_the_odds_of_the_same_matches():
    base = el.make_matches(3000, n_teams=12, seed=5)
    m = el.make_matches(3000, n_teams=12, home_effect_std=1.0, seed=5)
    np.testing.assert_array_equal(m.home, base.home)
    np.testing.assert_array_equal(m.away, base.away)
    np.testing.assert_array_equal(m.strength, base.strength)
    assert m.home_effect.shape == (12,) and m.home_effect.std() > 0.3
    z = m.strength[m.home] + m.home_effect[m.home] - m.strength[m.away] + 0.3
    expected = [0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z]
    np.testing.assert_allclose(m.win_probability, expected, rtol=1e-12)
    np.testing.assert_array_equal(m.subset(np.arange(5)).home_effect, m.home_effect)


def test_a_team_with_a_large_home_effect_wins_more_at_home_than_away():
    m = el.make_matches(40_000, n_teams=10, home_effect_std=1.0, seed=0)
    home_rate = np.bincount(m.home, weights=m.home_win, minlength=10) / np.bincount(m.home, minlength=10)
    away_rate = np.bincount(m.away, weights=1 - m.home_win, minlength=10) / np.bincount(m.away, minlength=10)
    assert np.corrcoef(home_rate - away_rate, m.home_effect)[0, 1] > 0.9


@pytest.mark.parametrize(("value", "error"), [(-0.5, ValueError), (float("nan"), ValueError),
                                              ("big", TypeError)])
def test_matches_reject_a_bad_home_effect_spread(value, error):
    with pytest.raises(error, match="home_effect_std"):
        el.make_matches(10, home_effect_std=value)


# --- column specs and one-hot blocks --------------------------------------------------

@pytest.mark.parametrize(
    ("spec", "error", "match"),
    [([("a", 3)], TypeError, "must be a dict"), ({}, ValueError, "is empty"),
     ({"": 3}, TypeError, "non-empty strings"), ({"a": 3.0}, TypeError, "column 'a'"),
     ({"a": True}, TypeError, "column 'a'"), ({"a": -1}, ValueError, "column 'a'")],
)
def test_invalid_column_specs_raise_a_clear_error(spec, error, match):
    with pytest.raises(error, match=match):
        el.check_cardinalities(spec)


def test_one_hot_columns_matches_numpy_eye_blocks():
    spec = {"a": 4, "b": 3}
    cols = {"a": [3, 0, 1], "b": [2, 2, 0]}
    expected = np.hstack([np.eye(4)[cols["a"]], np.eye(3)[cols["b"]]])
    out = el.one_hot_columns(cols, spec)
    np.testing.assert_array_equal(out, expected)
    assert out.dtype == np.float32 and out.sum(axis=1).tolist() == [2.0, 2.0, 2.0]


def test_one_hot_columns_accepts_column_vectors_and_follows_the_spec_order():
    out = el.one_hot_columns({"b": [[1]], "a": [[0]]}, {"a": 2, "b": 2})
    assert out.tolist() == [[1.0, 0.0, 0.0, 1.0]]


def test_one_hot_columns_agrees_with_keras_category_encoding():
    keras = pytest.importorskip("keras")
    ids = np.array([[0], [5], [2]])
    layer = keras.layers.CategoryEncoding(num_tokens=6, output_mode="one_hot")
    np.testing.assert_array_equal(np.asarray(layer(ids)), el.one_hot_columns({"x": ids}, {"x": 6}))


@pytest.mark.parametrize(
    ("cols", "match"),
    [({"a": [0, 3], "b": [0, 1]}, r"unknown category 3 in column 'a' at row 1: valid ids are 0\.\.2"),
     ({"a": [0], "b": [0], "c": [1]}, r"unexpected column\(s\) \['c'\]"),
     ({"b": [0]}, r"missing column\(s\) \['a'\]"),
     ({"a": [0, 1], "b": [0]}, "same number of rows"),
     ({"a": [[0, 1]], "b": [0]}, r"shape \(n,\) or \(n, 1\)"),
     ({"a": [-1], "b": [0]}, "non-negative")],
)
def test_bad_columns_raise_a_clear_error(cols, match):
    with pytest.raises(ValueError, match=match):
        el.check_columns(cols, {"a": 3, "b": 2})


def test_non_integer_ids_are_rejected():
    with pytest.raises(TypeError, match="integers"):
        el.one_hot_columns({"a": ["x"]}, {"a": 3})
    with pytest.raises(TypeError, match="must be a dict"):
        el.check_columns([[0]], {"a": 3})


# --- embedding-size rules -------------------------------------------------------------

@pytest.mark.parametrize(
    ("n", "fastai", "fourth", "half"),
    # by hand: 1.6 * 100**0.56 = 21.09; 100**0.25 = 3.16; (100 + 1) // 2 = 50
    [(100, 21, 3, 50), (50, 14, 3, 25), (7, 5, 2, 4), (2, 2, 1, 1), (1, 2, 1, 1),
     # 1.6 * 10**6 ** 0.56 = 3644 -> capped at 600; 10**6 ** 0.25 = 31.6; capped at 50
     (10**6, 600, 32, 50), (1116, 81, 6, 50)],
)
def test_embedding_size_rules_match_hand_computed_values(n, fastai, fourth, half):
    assert el.fastai_embedding_size(n) == fastai
    assert el.fourth_root_embedding_size(n) == fourth
    assert el.half_capped_embedding_size(n) == half


def test_half_capped_rule_reproduces_the_rossmann_course_table():
    # cardinalities (+1 for missing) and sizes printed in fast.ai's 2018 lesson3-rossman notebook
    cards = [1116, 8, 4, 13, 32, 3, 26, 27, 5, 53, 22, 7, 9]
    sizes = [50, 4, 2, 7, 16, 2, 13, 14, 3, 27, 11, 4, 5]
    assert [el.half_capped_embedding_size(c) for c in cards] == sizes


def test_embedding_size_table_has_one_row_per_column_in_spec_order():
    rows = el.embedding_size_table({"store": 100, "day": 7})
    assert [r["column"] for r in rows] == ["store", "day"]
    assert rows[0] == {"column": "store", "cardinality": 100, "fastai": 21, "fourth_root": 3, "half_capped": 50}


@pytest.mark.parametrize("rule", [el.fastai_embedding_size, el.fourth_root_embedding_size,
                                  el.half_capped_embedding_size])
def test_embedding_size_rules_reject_non_positive_counts(rule):
    with pytest.raises(ValueError, match="n_categories"):
        rule(0)
    with pytest.raises(TypeError, match="n_categories"):
        rule(3.5)


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.fixture(scope="module")
def small_table():
    return el.make_store_sales(200, seed=0)


@pytest.mark.parametrize("fraction, error, message", [
    (0.999, ValueError, r"test_fraction=0.999 of 200 rows leaves 0 rows to train on"),
    (float("nan"), ValueError, "test_fraction must be a finite number > 0 and < 1, got nan"),
    (1.0, ValueError, "test_fraction must be a finite number > 0 and < 1, got 1.0"),
    ("0.2", TypeError, "test_fraction must be a real number, got str '0.2'"),
    (None, TypeError, "test_fraction must be a real number, got None"),
    (0.2j, TypeError, "test_fraction must be a real number, got complex"),
])
def test_split_refuses_fractions_that_leave_no_training_rows(small_table, fraction, error, message):
    with pytest.raises(error, match=message):
        small_table.split(fraction)


def test_split_takes_numpy_floats_and_refuses_bad_seeds(small_table):
    a, b = small_table.split(np.float32(0.25), seed=np.int64(3))
    c, d = small_table.split(0.25, seed=3)
    np.testing.assert_array_equal(a.target, c.target)
    assert len(b) == 50
    for seed, error in [(True, TypeError), ([1], TypeError), (-1, ValueError)]:
        with pytest.raises(error, match="seed must be a non-negative integer"):
            small_table.split(0.2, seed=seed)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"noise_std": float("nan")}, ValueError, "noise_std must be a non-negative number, got nan"),
    ({"noise_std": float("inf")}, ValueError, "noise_std must be a finite number >= 0, got inf"),
    ({"seed": [0, 1]}, TypeError, r"seed must be a non-negative integer, got list \[0, 1\]"),
    ({"seed": True}, TypeError, "seed must be a non-negative integer, got bool True"),
    ({"n_rows": 10**12}, ValueError, r"the table \(n_rows=1,000,000,000,000 rows, with traits of dimension 2\)"),
])
def test_store_sales_refuses_non_finite_noise_and_odd_seeds(kwargs, error, message):
    with pytest.raises(error, match=message):
        el.make_store_sales(**({"n_rows": 100} | kwargs))


@pytest.mark.parametrize("kwargs, error, message", [
    ({"home_advantage": float("nan")}, ValueError, "home_advantage must be a finite number, got nan"),
    ({"home_advantage": float("-inf")}, ValueError, "home_advantage must be a finite number, got -inf"),
    ({"home_advantage": 1j}, TypeError, "home_advantage must be a number"),
    ({"seed": []}, TypeError, r"seed must be a non-negative integer, got list \[\]"),
    ({"n_matches": 10**12}, ValueError, "n_matches must be a positive integer at most 10,000,000"),
])
def test_matches_refuse_non_finite_home_advantage_and_odd_seeds(kwargs, error, message):
    with pytest.raises(error, match=message):
        el.make_matches(**({"n_matches": 100} | kwargs))


def test_generators_take_numpy_scalars():
    a = el.make_store_sales(np.int64(50), noise_std=np.float32(0.5), seed=np.int64(2))
    b = el.make_store_sales(50, noise_std=float(np.float32(0.5)), seed=2)
    np.testing.assert_array_equal(a.target, b.target)
    m = el.make_matches(np.int64(50), n_teams=np.int64(4), home_advantage=np.float32(0.25), seed=np.int64(1))
    np.testing.assert_array_equal(m.win_probability, el.make_matches(50, n_teams=4, home_advantage=0.25, seed=1).win_probability)


def test_check_columns_names_ragged_and_string_columns():
    with pytest.raises(ValueError, match="column 'a' is a ragged nested list"):
        el.check_columns({"a": [[1], [1, 2]]}, {"a": 3})
    with pytest.raises(TypeError, match="column 'a' must be a list or array of integer ids, got str 'ab'"):
        el.check_columns({"a": "ab"}, {"a": 3})
    with pytest.raises(ValueError, match=r"rows must be < vocab_size=200 \(valid rows are 0..199\)"):
        el.make_store_sales(200, seed=0).subset([200])


@pytest.mark.parametrize("std, error, message", [
    (float("nan"), ValueError, "home_effect_std must be a finite number >= 0, got nan"),
    (-0.5, ValueError, "home_effect_std must be a finite number >= 0, got -0.5"),
    ("1", TypeError, "home_effect_std must be a real number, got str '1'"),
])
def test_matches_check_the_spread_of_home_effects(std, error, message):
    with pytest.raises(error, match=message):
        el.make_matches(100, home_effect_std=std)
