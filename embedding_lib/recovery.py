"""Did the embeddings find the hidden structure? Scores that compare vectors to known traits.

A learned embedding is only defined up to transformations that the next layer can undo, so
a score must not care about them:

- :func:`pairwise_distance_correlation` compares *pairwise distances*, so it ignores
  rotations, reflections, shifts and a global scale, but not a general invertible linear
  map (a stretch or a shear changes distances);
- :func:`linear_recovery_r2` asks how well a linear map predicts the traits from the
  embeddings on categories it was not fitted on, so it ignores any invertible linear map.
  A next layer that is linear in the embedding can undo any invertible map, so this is
  the score that the arbitrary basis of a learned table cannot move.

Both are near 0 for vectors unrelated to the traits; :func:`random_baseline` measures how
far from 0 chance alone gets for a given shape.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import check_size, matrix_2d, positive_int
from ._checks import seed as _check_seed

__all__ = ["pairwise_distances", "pairwise_distance_correlation", "distance_correlation", "linear_recovery_r2",
           "align_to_traits", "random_baseline"]


def _pair(a: Any, b: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = matrix_2d(a, "embeddings").astype(np.float64)
    y = matrix_2d(b, "traits").astype(np.float64)
    if x.shape[0] != y.shape[0]:
        raise ValueError(
            f"embeddings and traits must have one row per category each, got {x.shape[0]} and {y.shape[0]} rows"
        )
    if x.shape[0] < 3:
        raise ValueError(f"need at least 3 categories to compare structures, got {x.shape[0]}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("embeddings and traits must be finite (no NaN or inf)")
    return x, y


def pairwise_distances(vectors: Any) -> NDArray[np.float64]:
    """Euclidean distances between all pairs of rows, as the condensed upper triangle.

    Parameters
    ----------
    vectors : array_like of shape (n, d)

    Returns
    -------
    ndarray of shape (n * (n - 1) / 2,)
        ``d(0,1), d(0,2), ..., d(1,2), ...`` (the order of ``scipy.spatial.distance.pdist``).

    Examples
    --------
    >>> pairwise_distances([[0, 0], [3, 4], [0, 1]])
    array([5.        , 1.        , 4.24264069])
    """
    v = matrix_2d(vectors, "vectors").astype(np.float64)
    sq = np.sum(v**2, axis=1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * v @ v.T, 0.0)
    i, j = np.triu_indices(v.shape[0], k=1)
    return np.sqrt(d2[i, j])


def pairwise_distance_correlation(embeddings: Any, traits: Any) -> float:
    """Pearson correlation between the pairwise distances of two sets of vectors.

    1 when one set is a rotated, shifted, uniformly scaled copy of the other; near 0 when
    they are unrelated. The two sets may have different dimensions. A general invertible
    linear map (a stretch, a shear) changes the distances and lowers the score, although a
    linear next layer could undo it: use :func:`linear_recovery_r2` to be blind to it.

    This is *not* Székely's distance correlation (dCor), which double-centres the distance
    matrices and measures dependence; ``distance_correlation`` is this function's former
    name, kept as an alias.

    Parameters
    ----------
    embeddings : array_like of shape (n, d)
    traits : array_like of shape (n, k)
        Row ``i`` of both describes category ``i``.

    Returns
    -------
    float in [-1, 1]

    See Also
    --------
    Chapter 9, "Did the embedding find the hidden traits?".

    Examples
    --------
    >>> t = np.array([[0., 0.], [1., 0.], [0., 2.], [3., 1.]])
    >>> rot = np.array([[0., -1.], [1., 0.]])
    >>> round(pairwise_distance_correlation(5 * t @ rot + 7, t), 6)
    1.0
    >>> stretch = np.array([[3., 0.], [0., 0.5]])
    >>> bool(pairwise_distance_correlation(t @ stretch, t) < 0.99)
    True
    """
    x, y = _pair(embeddings, traits)
    dx, dy = pairwise_distances(x), pairwise_distances(y)
    if dx.std() == 0 or dy.std() == 0:
        raise ValueError("all pairwise distances are equal in one set: the correlation is undefined")
    return float(np.corrcoef(dx, dy)[0, 1])


#: Former name of :func:`pairwise_distance_correlation` (not Székely's dCor).
distance_correlation = pairwise_distance_correlation


def linear_recovery_r2(embeddings: Any, traits: Any, *, n_folds: int = 5, seed: int = 0) -> float:
    """Cross-validated R^2 of predicting the traits from the embeddings with a linear map.

    The categories are shuffled with ``seed`` and cut into ``n_folds`` folds; for each fold a
    least-squares map (with intercept) is fitted on the other folds and predicts this one.
    The score is ``1 - SSE / SST`` over all held-out predictions and all trait columns, so 1
    is perfect and 0 is no better than predicting the mean (it can be negative).

    Parameters
    ----------
    embeddings : array_like of shape (n, d)
    traits : array_like of shape (n, k)
    n_folds : int
        At least 2; every training part must have more rows than ``d + 1``.
    seed : int

    Returns
    -------
    float

    See Also
    --------
    Chapter 9, "Did the embedding find the hidden traits?".

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = rng.normal(size=(40, 2))
    >>> mixed = t @ rng.normal(size=(2, 5))     # any linear map of the traits
    >>> round(linear_recovery_r2(mixed, t), 6)
    1.0
    """
    x, y = _pair(embeddings, traits)
    n_folds = positive_int(n_folds, "n_folds")
    n, d = x.shape
    if n_folds < 2 or n_folds > n:
        raise ValueError(f"n_folds must be between 2 and the number of categories ({n}), got {n_folds}")
    folds = np.array_split(np.random.default_rng(_check_seed(seed)).permutation(n), n_folds)
    smallest_train = n - max(len(f) for f in folds)
    if smallest_train <= d + 1:
        raise ValueError(
            f"too few categories ({n}) for {d}-dimensional embeddings and {n_folds} folds: each fit needs "
            f"more than d + 1 = {d + 1} rows, the smallest has {smallest_train}"
        )
    pred = np.empty_like(y)
    design = np.column_stack([x, np.ones(n)])
    for test in folds:
        train = np.setdiff1d(np.arange(n), test)
        coef, *_ = np.linalg.lstsq(design[train], y[train], rcond=None)
        pred[test] = design[test] @ coef
    sst = np.sum((y - y.mean(axis=0)) ** 2)
    if sst == 0:
        raise ValueError("traits are constant: R^2 is undefined")
    return float(1.0 - np.sum((y - pred) ** 2) / sst)


def align_to_traits(embeddings: Any, traits: Any) -> NDArray[np.float64]:
    """The linear map of the embeddings closest (least squares) to the traits, for plotting.

    Returns
    -------
    ndarray of shape (n, k)
        ``[embeddings, 1] @ W`` with ``W`` fitted on all rows.

    Examples
    --------
    >>> t = np.array([[0., 1.], [1., 0.], [2., 2.], [3., 1.]])
    >>> np.allclose(align_to_traits(2 * t[:, ::-1] - 1, t), t)
    True
    """
    x, y = _pair(embeddings, traits)
    design = np.column_stack([x, np.ones(x.shape[0])])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    return design @ coef


def random_baseline(
    score: Callable[..., float], shape: tuple[int, int], traits: Any, *, n_draws: int = 20, seed: int = 0
) -> tuple[float, float]:
    """Mean and standard deviation of ``score(random, traits)`` over random normal embeddings.

    Parameters
    ----------
    score : callable
        :func:`pairwise_distance_correlation` or :func:`linear_recovery_r2` (or any such score).
    shape : (n, d)
        Shape of the random embeddings, the same as the learned ones.
    traits : array_like of shape (n, k)
    n_draws : int
        At most 10,000.
    seed : int

    Returns
    -------
    (mean, std) : tuple of float

    Examples
    --------
    >>> t = np.random.default_rng(1).normal(size=(50, 2))
    >>> mean, std = random_baseline(pairwise_distance_correlation, (50, 4), t)
    >>> abs(mean) < 0.1
    True
    """
    if not callable(score):
        raise TypeError(f"score must be a function such as distance_correlation, got {type(score).__name__}")
    if not (isinstance(shape, tuple) and len(shape) == 2):
        raise TypeError(f"shape must be a tuple (n, d), got {shape!r}")
    n, d = positive_int(shape[0], "shape[0]"), positive_int(shape[1], "shape[1]")
    n_draws = positive_int(n_draws, "n_draws", maximum=10_000, why=" (20 already gives a usable baseline)")
    check_size(n * d, f"each random embedding (shape {shape})")
    matrix_2d(traits, "traits")  # checked here too, for any score function
    rng = np.random.default_rng(_check_seed(seed))
    scores = [score(rng.normal(size=(n, d)), traits) for _ in range(n_draws)]
    return float(np.mean(scores)), float(np.std(scores))
