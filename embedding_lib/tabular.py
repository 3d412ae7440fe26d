"""Tabular data with categorical columns, and how big their embeddings should be (Chapters 9, 10).

The datasets here are generated, so that the *hidden structure* behind them is known and a
chapter can check whether a model's embeddings found it:

- :func:`make_store_sales`: daily sales of products in stores. Every store and every product
  has hidden 2-D traits, and the expected sales of a (store, product) pair is the dot product
  of their traits plus a day-of-week effect and the effects of three numeric columns.
- :func:`make_matches`: results of matches between teams that have a hidden strength. Both
  the home and the away team are ids from the same set of teams.

Everything is deterministic given ``seed``.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import check_size, id_array, positive_int, real_number
from ._checks import seed as _check_seed
from .onehot import one_hot

__all__ = [
    "TabularData",
    "MatchData",
    "DAY_NAMES",
    "DAY_EFFECT",
    "NUMERIC_EFFECT",
    "make_store_sales",
    "make_matches",
    "check_cardinalities",
    "check_columns",
    "one_hot_columns",
    "fastai_embedding_size",
    "fourth_root_embedding_size",
    "half_capped_embedding_size",
    "embedding_size_table",
]

#: Day-of-week names, in id order (0 = Monday).
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: Hidden effect of each day of the week on sales: quiet early week, a weekend lift.
DAY_EFFECT = (-0.3, -0.2, -0.1, 0.0, 0.2, 0.5, 0.3)

#: Effects of the numeric columns on sales, in column order (price, promo, temperature).
NUMERIC_EFFECT = (-0.4, 0.5, 0.2)
_NUMERIC_NAMES = ("price", "promo", "temperature")


def check_cardinalities(cardinalities: Mapping[str, int]) -> dict[str, int]:
    """Validate a column spec ``{column name: number of categories}`` and return it as a dict.

    Raises
    ------
    TypeError
        If it is not a mapping, a name is not a str, or a cardinality is not an int.
    ValueError
        If it is empty, a name is empty, or a cardinality is below 1.

    Examples
    --------
    >>> check_cardinalities({"store": 100, "day": 7})
    {'store': 100, 'day': 7}
    >>> check_cardinalities({"store": 0})
    Traceback (most recent call last):
    ...
    ValueError: cardinality of column 'store' must be a positive integer, got 0
    """
    if not isinstance(cardinalities, Mapping):
        raise TypeError(
            f"cardinalities must be a dict {{column name: number of categories}}, got {type(cardinalities).__name__}"
        )
    if not cardinalities:
        raise ValueError("cardinalities is empty: give at least one categorical column")
    out = {}
    for name, card in cardinalities.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"column names must be non-empty strings, got {name!r}")
        if isinstance(card, bool) or not isinstance(card, numbers.Integral):
            raise TypeError(
                f"cardinality of column {name!r} must be a positive integer, got {type(card).__name__} {card!r}"
            )
        if card < 1:
            raise ValueError(f"cardinality of column {name!r} must be a positive integer, got {card!r}")
        out[name] = int(card)
    return out


def check_columns(columns: Mapping[str, Any], cardinalities: Mapping[str, int]) -> dict[str, NDArray[np.int64]]:
    """Check categorical columns of ids against their spec; return them as 1-D int64 arrays.

    Parameters
    ----------
    columns : mapping of str to array_like of int, each of shape (n,) or (n, 1)
        One array of category ids per column.
    cardinalities : mapping of str to int
        The spec: every column of the spec must be present, and every id of column ``c``
        must lie in ``0 .. cardinalities[c] - 1``.

    Returns
    -------
    dict of str to ndarray of shape (n,), in the order of ``cardinalities``

    Raises
    ------
    ValueError
        For a missing or unexpected column, an unknown category (id out of range) or
        columns of different lengths.

    Examples
    --------
    >>> check_columns({"day": [0, 6]}, {"day": 7})
    {'day': array([0, 6])}
    >>> check_columns({"day": [0, 7]}, {"day": 7})
    Traceback (most recent call last):
    ...
    ValueError: unknown category 7 in column 'day' at row 1: valid ids are 0..6
    """
    cards = check_cardinalities(cardinalities)
    if not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a dict {{column name: ids}}, got {type(columns).__name__}")
    missing = [c for c in cards if c not in columns]
    if missing:
        raise ValueError(f"missing column(s) {missing}: the spec expects {list(cards)}")
    extra = [c for c in columns if c not in cards]
    if extra:
        raise ValueError(f"unexpected column(s) {extra}: the spec has only {list(cards)}")
    out: dict[str, NDArray[np.int64]] = {}
    n_rows = None
    for name, card in cards.items():
        arr = id_array(columns[name], name=f"column {name!r}")
        if arr.ndim == 2 and arr.shape[1] == 1:
            arr = arr[:, 0]
        if arr.ndim != 1:
            raise ValueError(f"column {name!r} must have shape (n,) or (n, 1), got {arr.shape}")
        if arr.size and arr.max() >= card:
            row = int(np.flatnonzero(arr >= card)[0])
            raise ValueError(
                f"unknown category {arr[row]} in column {name!r} at row {row}: valid ids are 0..{card - 1}"
            )
        if n_rows is None:
            n_rows = arr.size
        elif arr.size != n_rows:
            raise ValueError(
                f"columns must have the same number of rows: {list(out)[0]!r} has {n_rows}, {name!r} has {arr.size}"
            )
        out[name] = arr
    return out


def one_hot_columns(columns: Mapping[str, Any], cardinalities: Mapping[str, int]) -> NDArray[np.float32]:
    """One-hot encode each categorical column and place the blocks side by side.

    Parameters
    ----------
    columns : mapping of str to array_like of int, shape (n,)
    cardinalities : mapping of str to int
        Column order and block widths.

    Returns
    -------
    ndarray of shape (n, sum of cardinalities), float32
        Row ``i`` has exactly one 1 in each column's block.

    See Also
    --------
    Chapter 9, "Two ways to feed a category to a network".

    Examples
    --------
    >>> one_hot_columns({"a": [0, 2], "b": [1, 0]}, {"a": 3, "b": 2})
    array([[1., 0., 0., 0., 1.],
           [0., 0., 1., 1., 0.]], dtype=float32)
    """
    cols = check_columns(columns, cardinalities)
    cards = check_cardinalities(cardinalities)
    return np.concatenate([one_hot(cols[c], cards[c]) for c in cards], axis=1)


@dataclass(frozen=True)
class TabularData:
    """A table of categorical and numeric columns with a numeric target and its hidden cause.

    Attributes
    ----------
    categorical : dict of str to ndarray of shape (n,), int64
        Category ids per column, each column ``c`` in ``0 .. cardinalities[c] - 1``.
    numeric : ndarray of shape (n, k), float32
    numeric_names : tuple of str, length k
    target : ndarray of shape (n,), float32
        What a model should predict: ``signal`` plus noise.
    signal : ndarray of shape (n,), float32
        The noise-free expected target (hidden from a model, used to check results).
    cardinalities : dict of str to int
    traits : dict of str to ndarray of shape (cardinality, trait_dim)
        Hidden traits of the categories of each column that has them.
    noise_std : float
        Standard deviation of the noise: the error of a perfect model.
    """

    categorical: dict[str, NDArray[np.int64]]
    numeric: NDArray[np.float32]
    numeric_names: tuple[str, ...]
    target: NDArray[np.float32]
    signal: NDArray[np.float32]
    cardinalities: dict[str, int]
    traits: dict[str, NDArray[np.float64]]
    noise_std: float

    def __len__(self) -> int:
        return int(self.target.shape[0])

    def subset(self, rows: Any) -> TabularData:
        """The same table restricted to ``rows`` (an index array)."""
        rows = id_array(rows, len(self), name="rows")
        return TabularData(
            categorical={c: v[rows] for c, v in self.categorical.items()},
            numeric=self.numeric[rows],
            numeric_names=self.numeric_names,
            target=self.target[rows],
            signal=self.signal[rows],
            cardinalities=dict(self.cardinalities),
            traits=self.traits,
            noise_std=self.noise_std,
        )

    def split(self, test_fraction: float = 0.2, *, seed: int = 0) -> tuple[TabularData, TabularData]:
        """Shuffle the rows with ``seed`` and cut them into (train, test).

        The test part gets ``round(test_fraction * n)`` rows, at least 1; both parts must
        be non-empty.
        """
        test_fraction = real_number(test_fraction, "test_fraction", minimum=0, maximum=1,
                                    low_open=True, high_open=True)
        order = np.random.default_rng(_check_seed(seed)).permutation(len(self))
        n_test = max(1, int(round(test_fraction * len(self))))
        if n_test >= len(self):
            raise ValueError(f"test_fraction={test_fraction!r} of {len(self)} rows leaves {len(self) - n_test} "
                             "rows to train on; use a smaller test_fraction (or more rows)")
        return self.subset(np.sort(order[n_test:])), self.subset(np.sort(order[:n_test]))

    def inputs(self) -> dict[str, NDArray[Any]]:
        """The model inputs: one ``(n, 1)`` int32 array per categorical column and ``numeric``."""
        out: dict[str, NDArray[Any]] = {c: v.astype(np.int32)[:, None] for c, v in self.categorical.items()}
        out["numeric"] = self.numeric
        return out


def make_store_sales(
    n_rows: int = 20_000,
    *,
    n_stores: int = 100,
    n_products: int = 50,
    trait_dim: int = 2,
    noise_std: float = 0.3,
    seed: int = 0,
) -> TabularData:
    """Generate daily sales of products in stores, driven by hidden traits.

    Each store ``s`` gets hidden traits ``a_s`` and each product ``p`` hidden traits ``b_p``,
    all drawn from a standard normal in ``trait_dim`` dimensions (think "neighbourhood
    income, share of families" for a store and "price level, family appeal" for a product).
    A row is a random (store, product, day) with three numeric columns drawn independently:
    ``price`` (standardised log price, normal), ``promo`` (1 on 20 % of rows) and
    ``temperature`` (standardised, normal). Its target is

    ``sales = a_s . b_p + DAY_EFFECT[day] - 0.4 price + 0.5 promo + 0.2 temperature + noise``

    with Gaussian noise of standard deviation ``noise_std``. The dot product is what makes
    stores "similar": two stores with close traits sell the same products well.

    Parameters
    ----------
    n_rows : int
    n_stores, n_products : int
        Cardinalities of the ``store`` and ``product`` columns (``day`` has 7).
    trait_dim : int
        Dimension of the hidden traits.
    noise_std : float
    seed : int

    Returns
    -------
    TabularData
        Categorical columns ``store``, ``product``, ``day``; numeric columns ``price``,
        ``promo``, ``temperature``; traits for ``store`` and ``product``.

    See Also
    --------
    Chapter 9, "A table with a hidden structure"; Chapters 10 and 11 reuse it.

    Examples
    --------
    >>> data = make_store_sales(1000, seed=0)
    >>> len(data), data.cardinalities, data.traits["store"].shape
    (1000, {'store': 100, 'product': 50, 'day': 7}, (100, 2))
    """
    n_rows = positive_int(n_rows, "n_rows")
    n_stores = positive_int(n_stores, "n_stores")
    n_products = positive_int(n_products, "n_products")
    trait_dim = positive_int(trait_dim, "trait_dim")
    check_size(n_rows * (3 + trait_dim), f"the table (n_rows={n_rows:,} rows, with traits of dimension {trait_dim})")
    check_size(max(n_stores, n_products) * trait_dim, "the traits (n_stores or n_products x trait_dim)")
    if isinstance(noise_std, (bool, np.bool_)) or not isinstance(noise_std, numbers.Real) or not noise_std >= 0:
        raise ValueError(f"noise_std must be a non-negative number, got {noise_std!r}")
    noise_std = real_number(noise_std, "noise_std", minimum=0)
    rng = np.random.default_rng(_check_seed(seed))
    store_traits = rng.normal(size=(n_stores, trait_dim))
    product_traits = rng.normal(size=(n_products, trait_dim))
    store = rng.integers(0, n_stores, n_rows)
    product = rng.integers(0, n_products, n_rows)
    day = rng.integers(0, len(DAY_NAMES), n_rows)
    numeric = np.column_stack(
        [rng.normal(size=n_rows), (rng.random(n_rows) < 0.2).astype(float), rng.normal(size=n_rows)]
    )
    signal = (
        np.sum(store_traits[store] * product_traits[product], axis=1)
        + np.asarray(DAY_EFFECT)[day]
        + numeric @ np.asarray(NUMERIC_EFFECT)
    )
    target = signal + rng.normal(scale=noise_std, size=n_rows)
    return TabularData(
        categorical={"store": store.astype(np.int64), "product": product.astype(np.int64), "day": day.astype(np.int64)},
        numeric=numeric.astype(np.float32),
        numeric_names=_NUMERIC_NAMES,
        target=target.astype(np.float32),
        signal=signal.astype(np.float32),
        cardinalities={"store": n_stores, "product": n_products, "day": len(DAY_NAMES)},
        traits={"store": store_traits, "product": product_traits},
        noise_std=float(noise_std),
    )


@dataclass(frozen=True)
class MatchData:
    """Results of matches between teams whose hidden strengths decide the odds.

    Attributes
    ----------
    home, away : ndarray of shape (n,), int64
        Team ids in ``0 .. n_teams - 1``; a team never plays itself.
    home_win : ndarray of shape (n,), int64
        1 if the home team won.
    win_probability : ndarray of shape (n,), float64
        The true probability that the home team wins (hidden from a model).
    strength : ndarray of shape (n_teams,), float64
        The hidden strength of each team.
    home_advantage : float
    n_teams : int
    home_effect : ndarray of shape (n_teams,), float64
        Each team's own extra advantage when it plays at home (all zeros unless
        ``make_matches(home_effect_std=...)`` was asked for one).
    """

    home: NDArray[np.int64]
    away: NDArray[np.int64]
    home_win: NDArray[np.int64]
    win_probability: NDArray[np.float64]
    strength: NDArray[np.float64]
    home_advantage: float
    n_teams: int
    home_effect: NDArray[np.float64] | None = None

    def __len__(self) -> int:
        return int(self.home.shape[0])

    def subset(self, rows: Any) -> MatchData:
        """The same matches restricted to ``rows`` (an index array)."""
        rows = id_array(rows, len(self), name="rows")
        return MatchData(self.home[rows], self.away[rows], self.home_win[rows], self.win_probability[rows],
                         self.strength, self.home_advantage, self.n_teams, self.home_effect)

    def inputs(self) -> dict[str, NDArray[np.int32]]:
        """Model inputs ``{"home": (n, 1), "away": (n, 1)}``, int32."""
        return {"home": self.home.astype(np.int32)[:, None], "away": self.away.astype(np.int32)[:, None]}

    def best_accuracy(self) -> float:
        """Expected accuracy of the ideal predictor that knows the true win probabilities."""
        return float(np.mean(np.maximum(self.win_probability, 1 - self.win_probability)))


def make_matches(
    n_matches: int = 2000,
    *,
    n_teams: int = 40,
    home_advantage: float = 0.3,
    home_effect_std: float = 0.0,
    seed: int = 0,
) -> MatchData:
    """Generate match results between teams with hidden strengths.

    Each team gets a strength drawn from a standard normal. In a match the home team wins
    with probability ``Phi(strength[home] - strength[away] + home_advantage)`` (``Phi`` is
    the standard normal CDF); home and away are two different teams drawn uniformly.

    With ``home_effect_std > 0`` every team also gets its own home effect, drawn from a
    normal with that standard deviation, and the home team wins with probability
    ``Phi(strength[home] + home_effect[home] - strength[away] + home_advantage)``: teams
    then differ at home and away. The matches (who meets whom) and the random draws that
    decide them are the same as with ``home_effect_std=0``.

    Parameters
    ----------
    n_matches : int
    n_teams : int
        Size of the shared id space (at least 2).
    home_advantage : float
    home_effect_std : float
        Spread of the team-specific home effects (0, the default, gives every team the
        same home advantage).
    seed : int

    Returns
    -------
    MatchData

    See Also
    --------
    Chapter 10, "Which variant predicts better" and "When teams differ at home and away".

    Examples
    --------
    >>> m = make_matches(500, n_teams=10, seed=1)
    >>> len(m), m.n_teams, bool((m.home != m.away).all())
    (500, 10, True)
    """
    n_matches = positive_int(n_matches, "n_matches", maximum=10_000_000,
                             why=" (the win probabilities are computed one by one)")
    n_teams = positive_int(n_teams, "n_teams")
    if n_teams < 2:
        raise ValueError(f"n_teams must be at least 2 so that two different teams can meet, got {n_teams}")
    check_size(n_teams, f"the strengths (n_teams={n_teams:,})")
    if isinstance(home_advantage, (bool, np.bool_)) or not isinstance(home_advantage, numbers.Real):
        raise TypeError(f"home_advantage must be a number, got {home_advantage!r}")
    home_advantage = real_number(home_advantage, "home_advantage")
    home_effect_std = real_number(home_effect_std, "home_effect_std", minimum=0)
    rng = np.random.default_rng(_check_seed(seed))
    strength = rng.normal(size=n_teams)
    home = rng.integers(0, n_teams, n_matches)
    away = (home + rng.integers(1, n_teams, n_matches)) % n_teams  # never the home team
    uniform = rng.random(n_matches)
    # Drawn last, and only when asked for, so that the default's results never change.
    home_effect = np.zeros(n_teams)
    if home_effect_std > 0:
        home_effect = rng.normal(scale=home_effect_std, size=n_teams)
    z = strength[home] + home_effect[home] - strength[away] + home_advantage
    prob = 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))
    home_win = (uniform < prob).astype(np.int64)
    return MatchData(home.astype(np.int64), away.astype(np.int64), home_win, prob, strength,
                     float(home_advantage), n_teams, home_effect)


def fastai_embedding_size(n_categories: int) -> int:
    """fast.ai's rule: ``min(600, round(1.6 * n ** 0.56))`` (``emb_sz_rule`` in fastai.tabular).

    Examples
    --------
    >>> fastai_embedding_size(100), fastai_embedding_size(7), fastai_embedding_size(10**6)
    (21, 5, 600)
    """
    n = positive_int(n_categories, "n_categories")
    return int(min(600, round(1.6 * n**0.56)))


def fourth_root_embedding_size(n_categories: int) -> int:
    """The fourth-root rule of the TensorFlow feature-columns post: ``n ** 0.25``, rounded.

    The post gives the formula without a rounding; this rounds to the nearest integer and
    never returns less than 1.

    Examples
    --------
    >>> fourth_root_embedding_size(100), fourth_root_embedding_size(7), fourth_root_embedding_size(10**6)
    (3, 2, 32)
    """
    n = positive_int(n_categories, "n_categories")
    return max(1, int(round(n**0.25)))


def half_capped_embedding_size(n_categories: int) -> int:
    """Half the cardinality, capped at 50: ``min(50, (n + 1) // 2)`` (fast.ai course, 2018).

    Examples
    --------
    >>> half_capped_embedding_size(100), half_capped_embedding_size(7), half_capped_embedding_size(10**6)
    (50, 4, 50)
    """
    n = positive_int(n_categories, "n_categories")
    return min(50, (n + 1) // 2)


def embedding_size_table(cardinalities: Mapping[str, int]) -> list[dict[str, Any]]:
    """The three rules of thumb side by side for each column of a spec.

    Returns
    -------
    list of dict
        One row per column: ``column``, ``cardinality``, ``fastai``, ``fourth_root``,
        ``half_capped``.

    See Also
    --------
    Chapter 9, "Choosing the embedding size".

    Examples
    --------
    >>> embedding_size_table({"day": 7})
    [{'column': 'day', 'cardinality': 7, 'fastai': 5, 'fourth_root': 2, 'half_capped': 4}]
    """
    cards = check_cardinalities(cardinalities)
    return [
        {
            "column": c,
            "cardinality": n,
            "fastai": fastai_embedding_size(n),
            "fourth_root": fourth_root_embedding_size(n),
            "half_capped": half_capped_embedding_size(n),
        }
        for c, n in cards.items()
    ]
