"""Two-tower retrieval for recommendation (Chapter 15).

:func:`make_interactions` generates users, items and the items each user chose, from a
*planted* preference model whose probabilities are returned too, so that a trained model
can be compared with the truth and not only with held-out clicks. The evaluation helpers
rank the items a user has not interacted with yet and measure recall@k on held-out
interactions. :func:`build_two_tower` builds the Keras model of the chapter: a user tower
and an item tower, each an embedding table plus a feature, trained with in-batch
negatives and, optionally, the logQ correction of the sampling bias.

Only :func:`build_two_tower` imports Keras (and keras-rs), inside the function.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import check_size, id_array, positive_int, real_array, real_number
from ._checks import seed as _check_seed

__all__ = [
    "Interactions",
    "make_interactions",
    "item_sampling_probability",
    "exclude_seen",
    "heldout_recall",
    "popularity_scores",
    "build_two_tower",
]


@dataclass(frozen=True, eq=False)
class Interactions:
    """Generated users, items and interactions, with the planted preferences.

    Attributes
    ----------
    user_age_band : ndarray of shape (n_users,), int64
        A user feature, ``0 .. n_age_bands - 1``.
    item_category : ndarray of shape (n_items,), int64
        An item feature, ``0 .. n_categories - 1``.
    train, test : ndarray of shape (m, 2), int64
        ``(user, item)`` pairs; each user's items are distinct and split between them.
    probabilities : ndarray of shape (n_users, n_items), float64
        The planted ``P(item | user)`` the interactions were drawn from (rows sum to 1).
    favourite_categories : ndarray of shape (n_users, 2), int64
        The two categories each user was given a taste for.
    """

    user_age_band: NDArray[np.int64]
    item_category: NDArray[np.int64]
    train: NDArray[np.int64]
    test: NDArray[np.int64]
    probabilities: NDArray[np.float64]
    favourite_categories: NDArray[np.int64]

    @property
    def n_users(self) -> int:
        return int(self.probabilities.shape[0])

    @property
    def n_items(self) -> int:
        return int(self.probabilities.shape[1])


def make_interactions(
    n_users: int = 2000,
    n_items: int = 500,
    *,
    n_categories: int = 10,
    n_age_bands: int = 4,
    per_user: int = 20,
    n_test: int = 4,
    popularity_exponent: float = 1.0,
    category_boost: float = 2.5,
    seed: int = 0,
) -> Interactions:
    """Users choose items from planted preferences: popularity, categories and age.

    The planted model: item ``i`` has a category and a popularity weight
    ``(rank_i + 1) ** -popularity_exponent`` (ranks a random permutation: a few items are
    very popular, most are rare). Each age band prefers some categories; each user gets
    an age band and two favourite categories drawn from their band's preferences. Then

    ``P(i | u)`` is proportional to ``popularity_i * exp(category_boost * [category_i is
    one of u's favourites])``,

    and each user chooses ``per_user`` distinct items from it (weighted sampling without
    replacement). ``n_test`` of each user's items, chosen at random, are held out.

    Parameters
    ----------
    n_users, n_items : int
        At least 1 and 2 * per_user respectively.
    n_categories : int
        At least 2 (each user has two favourites).
    n_age_bands : int
    per_user, n_test : int
        Items per user, and how many of them go to the test set (``1 <= n_test <
        per_user``).
    popularity_exponent, category_boost : float
        Non-negative: 0 makes every item equally popular, or categories irrelevant.
    seed : int

    Returns
    -------
    Interactions

    See Also
    --------
    Chapter 15, "Interactions with planted preferences".

    Examples
    --------
    >>> data = make_interactions(50, 40, per_user=5, n_test=1, seed=0)
    >>> data.train.shape, data.test.shape, data.probabilities.shape
    ((200, 2), (50, 2), (50, 40))
    >>> bool(np.allclose(data.probabilities.sum(axis=1), 1))
    True
    """
    n_users = positive_int(n_users, "n_users", maximum=10**6)
    per_user = positive_int(per_user, "per_user", maximum=10**4)
    n_items = positive_int(n_items, "n_items", maximum=10**6)
    if n_items < 2 * per_user:
        raise ValueError(f"n_items must be at least 2 * per_user = {2 * per_user}, got {n_items}")
    n_categories = positive_int(n_categories, "n_categories", maximum=n_items)
    if n_categories < 2:
        raise ValueError(f"n_categories must be at least 2 (each user has two favourites), got {n_categories}")
    n_age_bands = positive_int(n_age_bands, "n_age_bands", maximum=1000)
    n_test = positive_int(n_test, "n_test")
    if n_test >= per_user:
        raise ValueError(f"n_test must be smaller than per_user={per_user}, got {n_test}")
    popularity_exponent = real_number(popularity_exponent, "popularity_exponent", minimum=0.0)
    category_boost = real_number(category_boost, "category_boost", minimum=0.0)
    seed = _check_seed(seed)
    check_size(n_users * n_items, "the probability matrix (n_users x n_items)")

    rng = np.random.default_rng(seed)
    item_category = rng.integers(0, n_categories, size=n_items)
    rank = rng.permutation(n_items)
    popularity = (rank + 1.0) ** -popularity_exponent
    band_taste = rng.dirichlet(np.full(n_categories, 0.5), size=n_age_bands)
    age = rng.integers(0, n_age_bands, size=n_users)
    favourites = np.empty((n_users, 2), dtype=np.int64)
    for u in range(n_users):
        favourites[u] = rng.choice(n_categories, size=2, replace=False, p=band_taste[age[u]])
    liked = (item_category[None, :] == favourites[:, :1]) | (item_category[None, :] == favourites[:, 1:])
    logits = np.log(popularity)[None, :] + category_boost * liked
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    # Weighted sampling without replacement: the per_user largest of log p + Gumbel noise.
    keys = np.log(probabilities) + rng.gumbel(size=probabilities.shape)
    chosen = np.argsort(-keys, axis=1, kind="stable")[:, :per_user]
    is_test = np.zeros((n_users, per_user), dtype=bool)
    for u in range(n_users):
        is_test[u, rng.choice(per_user, size=n_test, replace=False)] = True
    users = np.repeat(np.arange(n_users), per_user).reshape(n_users, per_user)
    pairs = np.stack([users, chosen], axis=-1)
    return Interactions(
        user_age_band=age.astype(np.int64),
        item_category=item_category.astype(np.int64),
        train=pairs[~is_test].astype(np.int64),
        test=pairs[is_test].astype(np.int64),
        probabilities=probabilities,
        favourite_categories=favourites,
    )


def _pairs(pairs: Any, name: str, n_users: int | None = None, n_items: int | None = None) -> NDArray[np.int64]:
    arr = id_array(pairs, name=name)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"{name} must be (user, item) pairs, shape (m, 2), got shape {arr.shape}")
    if n_users is not None and arr.size and arr[:, 0].max() >= n_users:
        raise ValueError(f"{name} holds user {arr[:, 0].max()}, but there are only {n_users} users")
    if n_items is not None and arr.size and arr[:, 1].max() >= n_items:
        raise ValueError(f"{name} holds item {arr[:, 1].max()}, but there are only {n_items} items")
    return arr


def item_sampling_probability(train: Any, n_items: int) -> NDArray[np.float64]:
    """The probability that a training example's item is ``i``: its share of the pairs.

    With in-batch negatives, every item of a batch is a negative for the other rows, so
    items turn up as negatives in proportion to this probability: the ``Q`` of the logQ
    correction. Items never seen get probability 0.

    Examples
    --------
    >>> item_sampling_probability([[0, 1], [1, 1], [1, 2], [2, 0]], 4).tolist()
    [0.25, 0.5, 0.25, 0.0]
    """
    n_items = positive_int(n_items, "n_items")
    pairs = _pairs(train, "train", n_items=n_items)
    if len(pairs) == 0:
        raise ValueError("train is empty: there is nothing to count")
    return np.bincount(pairs[:, 1], minlength=n_items) / len(pairs)


def popularity_scores(train: Any, n_users: int, n_items: int) -> NDArray[np.float64]:
    """The popularity baseline: every user scores item ``i`` by its training count.

    Returns an ``(n_users, n_items)`` matrix whose rows are all the same.

    Examples
    --------
    >>> popularity_scores([[0, 1], [1, 1], [1, 2]], 2, 3).tolist()
    [[0.0, 2.0, 1.0], [0.0, 2.0, 1.0]]
    """
    n_users = positive_int(n_users, "n_users")
    n_items = positive_int(n_items, "n_items")
    pairs = _pairs(train, "train", n_users, n_items)
    counts = np.bincount(pairs[:, 1], minlength=n_items).astype(np.float64)
    return np.broadcast_to(counts, (n_users, n_items)).copy()


def exclude_seen(ranked: Any, train: Any, k: int) -> NDArray[np.int64]:
    """The first ``k`` items of each user's ranking that the user has not trained on.

    Parameters
    ----------
    ranked : array_like of int, shape (n_users, m)
        Items per user, best first (row ``u`` is user ``u``), e.g. from a search for
        ``k`` plus the most items any user has seen.
    train : array_like of int, shape (pairs, 2)
        ``(user, item)`` pairs to leave out.
    k : int

    Returns
    -------
    ndarray of shape (n_users, k), int64

    Examples
    --------
    >>> exclude_seen([[3, 1, 2, 0], [0, 1, 2, 3]], [[0, 3], [1, 1]], 2).tolist()
    [[1, 2], [0, 2]]
    """
    r = id_array(ranked, name="ranked")
    if r.ndim != 2:
        raise ValueError(f"ranked must be a matrix (n_users, m) of item ids, got shape {r.shape}")
    k = positive_int(k, "k")
    pairs = _pairs(train, "train", n_users=r.shape[0])
    seen = np.zeros((r.shape[0], int(max(r.max(), pairs[:, 1].max() if len(pairs) else 0)) + 1), dtype=bool)
    seen[pairs[:, 0], pairs[:, 1]] = True
    keep = ~np.take_along_axis(seen, r, axis=1)
    short = np.flatnonzero(keep.sum(axis=1) < k)
    if short.size:
        u = int(short[0])
        raise ValueError(
            f"user {u} has only {int(keep[u].sum())} unseen items among the {r.shape[1]} ranked; "
            f"rank at least k plus the items each user has seen"
        )
    order = np.argsort(~keep, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(r, order, axis=1)


def heldout_recall(top: Any, test: Any) -> float:
    """Recall@k on held-out interactions, averaged over the users that have any.

    For user ``u`` with held-out items ``T_u`` and recommended items ``top[u]`` (``k`` of
    them), recall is ``|top[u] & T_u| / |T_u|``.

    Examples
    --------
    >>> heldout_recall([[1, 2], [0, 3]], [[0, 2], [0, 5], [1, 3]])
    0.75
    """
    t = id_array(top, name="top")
    if t.ndim != 2:
        raise ValueError(f"top must be a matrix (n_users, k) of item ids, got shape {t.shape}")
    pairs = _pairs(test, "test", n_users=t.shape[0])
    if len(pairs) == 0:
        raise ValueError("test is empty: there is nothing to recall")
    hit = (t[pairs[:, 0]] == pairs[:, 1:]).any(axis=1)
    users = np.unique(pairs[:, 0])
    per_user = np.bincount(pairs[:, 0], weights=hit, minlength=t.shape[0])[users]
    n_test = np.bincount(pairs[:, 0], minlength=t.shape[0])[users]
    return float(np.mean(per_user / n_test))


def build_two_tower(
    n_users: int,
    n_age_bands: int,
    n_items: int,
    n_categories: int,
    *,
    dim: int = 32,
    sampling_probability: Any = None,
    temperature: float = 0.1,
    learning_rate: float = 0.01,
) -> Any:
    """The chapter's two-tower model, compiled: in-batch softmax, optional logQ correction.

    User tower: ``Embedding(n_users, dim)(user) + Embedding(n_age_bands, dim)(age_band)``,
    scaled to length 1. Item tower: the same with ``item`` and ``category``. For a batch
    of ``B`` (user, item) pairs the logits are the ``B x B`` dot products divided by
    ``temperature``; row ``r``'s label is its own item, the other ``B - 1`` items are its
    negatives. With ``sampling_probability`` (the ``Q`` of
    :func:`item_sampling_probability`), ``log Q(item)`` is subtracted from each column's
    logits (``keras_rs.layers.SamplingProbabilityCorrection``). Logits of a negative that
    is the row's own item (an "accidental hit") are set to -1e9. (KerasRS 0.4.0 has a
    ``RemoveAccidentalHits`` layer for this, but it adds about 1e-40 to those logits,
    which changes nothing in float32; keras-rs pull request #206 fixes it.)

    The model takes a dict with ``user``, ``age_band``, ``item`` and ``category`` (int
    arrays) and no labels; ``model.user_tower`` and ``model.item_tower`` map their two
    inputs to unit vectors. Seed Keras (``el.set_seed``) before building.

    See Also
    --------
    Chapter 15, "Two towers".
    """
    n_users = positive_int(n_users, "n_users")
    n_age_bands = positive_int(n_age_bands, "n_age_bands")
    n_items = positive_int(n_items, "n_items")
    n_categories = positive_int(n_categories, "n_categories")
    dim = positive_int(dim, "dim", maximum=4096)
    temperature = real_number(temperature, "temperature", minimum=0.0)
    if temperature == 0:
        raise ValueError("temperature must be positive, got 0")
    learning_rate = real_number(learning_rate, "learning_rate", minimum=0.0)
    log_q = None
    if sampling_probability is not None:
        q = real_array(sampling_probability, "sampling_probability", ndim=1, what="one probability per item")
        if q.shape != (n_items,):
            raise ValueError(f"sampling_probability must have one value per item ({n_items}), got shape {q.shape}")
        if (q < 0).any() or (q > 1).any():
            raise ValueError("sampling_probability must hold probabilities (0 to 1)")
        log_q = q.astype(np.float32)

    import keras
    import keras_rs
    from keras import layers, ops

    def tower(name: str, n_ids: int, n_feature: int, id_name: str, feature_name: str) -> Any:
        ids = keras.Input(shape=(), dtype="int32", name=id_name)
        feature = keras.Input(shape=(), dtype="int32", name=feature_name)
        vector = layers.Add()([
            layers.Embedding(n_ids, dim, name=f"{id_name}_embedding")(ids),
            layers.Embedding(n_feature, dim, name=f"{feature_name}_embedding")(feature),
        ])
        return keras.Model({id_name: ids, feature_name: feature},
                           layers.UnitNormalization()(vector), name=name)

    class TwoTower(keras.Model):
        def __init__(self) -> None:
            super().__init__(name="two_tower")
            self.user_tower = tower("user_tower", n_users, n_age_bands, "user", "age_band")
            self.item_tower = tower("item_tower", n_items, n_categories, "item", "category")
            self.correction = keras_rs.layers.SamplingProbabilityCorrection()
            self.log_q = None if log_q is None else ops.convert_to_tensor(log_q)
            self.softmax_loss = keras.losses.CategoricalCrossentropy(from_logits=True)

        def build(self, input_shape: Any = None) -> None:
            self.built = True  # the towers are built already; nothing else has weights

        def call(self, inputs: dict[str, Any]) -> tuple[Any, Any]:
            users = self.user_tower({"user": inputs["user"], "age_band": inputs["age_band"]})
            items = self.item_tower({"item": inputs["item"], "category": inputs["category"]})
            return users, items

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):  # noqa: ANN001
            users, items = y_pred
            logits = ops.matmul(users, ops.transpose(items)) / temperature
            batch = ops.shape(logits)[0]
            labels = ops.eye(batch, dtype="float32")
            if self.log_q is not None:
                q = ops.take(self.log_q, x["item"])[None, :]
                logits = self.correction(logits, ops.broadcast_to(q, ops.shape(logits)))
            # Accidental hits: the row's own item again among its negatives. Their logits
            # are set very low here, because keras_rs.layers.RemoveAccidentalHits 0.4.0
            # adds about 1e-40 to them, which leaves them unchanged (keras-rs PR #206).
            item = x["item"]
            accidental = ops.logical_and(
                ops.equal(item[:, None], item[None, :]), ops.logical_not(ops.eye(batch, dtype="bool"))
            )
            logits = ops.where(accidental, ops.full_like(logits, -1e9), logits)
            return self.softmax_loss(labels, logits)

    model = TwoTower()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate))
    return model
