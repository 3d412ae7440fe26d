"""Tests of embedding_lib.retrieval: the planted interaction generator, the evaluation
helpers and the two-tower model (Chapter 15). Oracles: the planted probabilities
themselves (empirical frequencies must match them), brute-force loops, and a NumPy
re-computation of the in-batch softmax loss."""
import numpy as np
import pytest

import embedding_lib as el


@pytest.fixture(scope="module")
def data():
    return el.make_interactions(300, 100, per_user=10, n_test=3, seed=1)


def test_shapes_split_and_distinct_items(data):
    assert data.train.shape == (300 * 7, 2) and data.test.shape == (300 * 3, 2)
    both = np.concatenate([data.train, data.test])
    for u in range(data.n_users):
        items = both[both[:, 0] == u, 1]
        assert len(items) == 10 and len(set(items.tolist())) == 10
    assert np.bincount(data.test[:, 0], minlength=300).tolist() == [3] * 300
    np.testing.assert_allclose(data.probabilities.sum(axis=1), 1)


def test_same_seed_same_data_other_seed_other_data():
    a = el.make_interactions(50, 40, per_user=5, n_test=1, seed=3)
    b = el.make_interactions(50, 40, per_user=5, n_test=1, seed=3)
    c = el.make_interactions(50, 40, per_user=5, n_test=1, seed=4)
    np.testing.assert_array_equal(a.train, b.train)
    np.testing.assert_array_equal(a.probabilities, b.probabilities)
    assert not np.array_equal(a.train, c.train)


def test_probabilities_follow_the_planted_formula(data):
    liked = (data.item_category[None, :] == data.favourite_categories[:, :1]) | (
        data.item_category[None, :] == data.favourite_categories[:, 1:])
    ratio = data.probabilities / data.probabilities[:, :1]
    # the ratio of two items' probabilities for one user depends only on their
    # popularity and on whether the user likes their category (boost 2.5 by default)
    pop_ratio = ratio / np.exp(2.5 * (liked.astype(float) - liked[:, :1]))
    np.testing.assert_allclose(pop_ratio, np.broadcast_to(pop_ratio[0], pop_ratio.shape), rtol=1e-9)
    assert (data.favourite_categories[:, 0] != data.favourite_categories[:, 1]).all()


def test_choices_follow_the_probabilities():
    # with one item per user, the choices are draws from P(i | u): compare frequencies
    d = el.make_interactions(20000, 20, n_categories=2, n_age_bands=1, per_user=2, n_test=1,
                             category_boost=0.0, seed=0)
    first = np.concatenate([d.train, d.test])
    expected = d.probabilities.mean(axis=0)  # same for every user when boost is 0
    # each user draws 2 distinct items; the share of users holding item i is
    # P(i first) + P(i second); check the most popular item, which is drawn most often
    top = int(np.argmax(expected))
    share = np.mean([(first[first[:, 0] == u, 1] == top).any() for u in range(0, 20000, 10)])
    p = expected[top]
    second = sum(expected[j] * p / (1 - expected[j]) for j in range(20) if j != top)
    assert share == pytest.approx(p + second, abs=0.03)


def test_favourites_get_most_choices():
    d = el.make_interactions(500, 200, category_boost=4.0, popularity_exponent=0.0, seed=0)
    cat = d.item_category[d.train[:, 1]]
    fav = d.favourite_categories[d.train[:, 0]]
    assert np.mean((cat[:, None] == fav).any(axis=1)) > 0.8


@pytest.mark.parametrize("kwargs, error, match", [
    ({"n_items": 10, "per_user": 20}, ValueError, "n_items must be at least 2 \\* per_user"),
    ({"n_test": 20}, ValueError, "n_test must be smaller than per_user"),
    ({"n_categories": 1}, ValueError, "n_categories must be at least 2"),
    ({"category_boost": -1.0}, ValueError, "category_boost"),
    ({"seed": -1}, ValueError, "seed"),
    ({"n_users": 2.5}, TypeError, "n_users"),
])
def test_bad_arguments_are_refused(kwargs, error, match):
    with pytest.raises(error, match=match):
        el.make_interactions(**kwargs)


def test_item_sampling_probability_is_the_share_of_pairs(data):
    q = el.item_sampling_probability(data.train, data.n_items)
    assert q.sum() == pytest.approx(1)
    assert q[data.train[0, 1]] == pytest.approx(np.mean(data.train[:, 1] == data.train[0, 1]))
    with pytest.raises(ValueError, match="only 5 items"):
        el.item_sampling_probability(data.train, 5)
    with pytest.raises(ValueError, match="shape \\(m, 2\\)"):
        el.item_sampling_probability([1, 2, 3], 5)


def test_exclude_seen_keeps_order_and_drops_training_items():
    ranked = [[5, 4, 3, 2, 1, 0], [0, 1, 2, 3, 4, 5]]
    train = [[0, 5], [0, 3], [1, 1], [1, 2]]
    assert el.exclude_seen(ranked, train, 3).tolist() == [[4, 2, 1], [0, 3, 4]]
    with pytest.raises(ValueError, match="user 0 has only 4 unseen items"):
        el.exclude_seen(ranked, train, 5)


def test_heldout_recall_against_a_loop(data):
    rng = np.random.default_rng(0)
    top = np.stack([rng.choice(100, 10, replace=False) for _ in range(300)])
    expected = np.mean([
        np.isin(data.test[data.test[:, 0] == u, 1], top[u]).mean() for u in range(300)
    ])
    assert el.heldout_recall(top, data.test) == pytest.approx(expected)
    assert el.heldout_recall(np.repeat(data.test[:, 1].reshape(300, 3), 1, axis=1), data.test) == 1.0


def test_popularity_and_truth_rank_as_expected(data):
    pop = el.popularity_scores(data.train, data.n_users, data.n_items)
    assert (pop == pop[0]).all() and pop[0].sum() == len(data.train)

    def recall(scores):
        ranked = np.argsort(-scores, axis=1, kind="stable")[:, :17]
        return el.heldout_recall(el.exclude_seen(ranked, data.train, 10), data.test)

    random = recall(np.random.default_rng(0).random((300, 100)))
    assert recall(data.probabilities) > recall(pop) > random


def test_two_tower_model_trains_and_its_loss_is_the_in_batch_softmax():
    keras = pytest.importorskip("keras")
    d = el.make_interactions(60, 40, per_user=6, n_test=1, seed=0)
    q = el.item_sampling_probability(d.train, d.n_items)
    el.set_seed(0)
    model = el.build_two_tower(d.n_users, 4, d.n_items, 10, dim=8, sampling_probability=q,
                               temperature=0.1)
    x = {"user": d.train[:, 0], "age_band": d.user_age_band[d.train[:, 0]],
         "item": d.train[:, 1], "category": d.item_category[d.train[:, 1]]}
    batch = {k: v[:16] for k, v in x.items()}
    users, items = (np.asarray(t) for t in model(batch))
    np.testing.assert_allclose(np.linalg.norm(users, axis=1), 1, rtol=1e-5)
    # the loss recomputed in NumPy: logits / T - log Q, accidental hits removed
    logits = users @ items.T / 0.1 - np.log(q[batch["item"]])[None, :]
    same = batch["item"][:, None] == batch["item"][None, :]
    logits = np.where(same & ~np.eye(16, dtype=bool), logits - 1e30, logits)
    logits -= logits.max(axis=1, keepdims=True)
    expected = np.mean(-np.diag(logits) + np.log(np.exp(logits).sum(axis=1)))
    loss = float(model.compute_loss(batch, None, model(batch)))
    assert loss == pytest.approx(expected, rel=1e-4)
    history = model.fit(x, batch_size=32, epochs=3, verbose=0).history["loss"]
    assert history[-1] < history[0]
    assert isinstance(model.item_tower, keras.Model)


def test_two_tower_argument_checks():
    with pytest.raises(ValueError, match="one value per item \\(5\\)"):
        el.build_two_tower(3, 2, 5, 2, sampling_probability=[0.5, 0.5])
    with pytest.raises(ValueError, match="temperature must be positive"):
        el.build_two_tower(3, 2, 5, 2, temperature=0)
    with pytest.raises(ValueError, match="probabilities"):
        el.build_two_tower(3, 2, 2, 2, sampling_probability=[1.5, 0.0])
