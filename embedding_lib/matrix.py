"""The embedding matrix: lookup, and the one-hot product it replaces (Chapter 3)."""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import id_array, matrix_2d, positive_int
from .onehot import one_hot

__all__ = ["DEEP_FACTORS", "example_matrix", "lookup", "one_hot_matmul", "time_lookup_vs_matmul"]

#: The six latent factors of "deep" in the seed article's example.
DEEP_FACTORS = (0.32, 0.02, 0.48, 0.21, 0.56, 0.15)


def example_matrix(vocab_size: int, dim: int = 6, *, seed: int = 0) -> NDArray[np.float32]:
    """A small readable embedding matrix: row 0 (padding) zeros, row 1 the seed's "deep".

    Other rows are drawn uniformly from [0, 1) with ``seed`` and rounded to two decimals,
    so that printed rows stay readable.

    Parameters
    ----------
    vocab_size : int
        Number of rows (at least 2: padding and "deep").
    dim : int
        Number of latent factors; must be 6 so that row 1 can be :data:`DEEP_FACTORS`.

    Returns
    -------
    ndarray of shape (vocab_size, dim), float32

    Examples
    --------
    >>> m = example_matrix(5)
    >>> m.shape, m[1].tolist() == list(np.float32(DEEP_FACTORS))
    ((5, 6), True)
    >>> m[0].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    vocab_size = positive_int(vocab_size, "vocab_size")
    dim = positive_int(dim, "dim")
    if vocab_size < 2:
        raise ValueError(f"vocab_size must be at least 2 (padding row and 'deep'), got {vocab_size}")
    if dim != len(DEEP_FACTORS):
        raise ValueError(f"dim must be {len(DEEP_FACTORS)} to hold the seed's factors for 'deep', got {dim}")
    rng = np.random.default_rng(seed)
    m = rng.random((vocab_size, dim)).round(2).astype(np.float32)
    m[0] = 0.0
    m[1] = DEEP_FACTORS
    return m


def lookup(matrix: Any, ids: Any) -> NDArray[Any]:
    """Embedding lookup: the rows of ``matrix`` at ``ids``.

    Parameters
    ----------
    matrix : array_like, shape (vocab_size, dim)
    ids : array_like of int, any shape ``s``

    Returns
    -------
    ndarray of shape ``s + (dim,)``

    See Also
    --------
    one_hot_matmul : the same result computed the expensive way. Chapter 3.

    Examples
    --------
    >>> m = np.arange(12.0).reshape(4, 3)
    >>> lookup(m, [3, 1])
    array([[ 9., 10., 11.],
           [ 3.,  4.,  5.]])
    """
    m = matrix_2d(matrix)
    return m[id_array(ids, m.shape[0])]


def one_hot_matmul(matrix: Any, ids: Any) -> NDArray[Any]:
    """The same as :func:`lookup`, computed as ``one_hot(ids) @ matrix``.

    Parameters
    ----------
    matrix : array_like, shape (vocab_size, dim)
    ids : array_like of int, shape (n,)

    Returns
    -------
    ndarray of shape (n, dim)

    Examples
    --------
    >>> m = np.arange(12.0).reshape(4, 3)
    >>> one_hot_matmul(m, [3, 1])
    array([[ 9., 10., 11.],
           [ 3.,  4.,  5.]])
    """
    m = matrix_2d(matrix)
    return one_hot(ids, m.shape[0], dtype=m.dtype) @ m


def time_lookup_vs_matmul(
    vocab_sizes: Sequence[int],
    *,
    dim: int = 6,
    n_ids: int = 5,
    repeats: int = 20,
    seed: int = 0,
) -> list[dict[str, float]]:
    """Time :func:`lookup` against :func:`one_hot_matmul` for each vocabulary size.

    Each measurement is the best of ``repeats`` runs (the least disturbed by other work on
    the machine). The one-hot matrix is built inside the timed region, because a model that
    used one-hot inputs would have to build it too.

    Returns
    -------
    list of dict
        One dict per size with keys ``vocab_size``, ``lookup_s``, ``matmul_s``, ``ratio``.

    Examples
    --------
    >>> rows = time_lookup_vs_matmul([100], repeats=2)
    >>> rows[0]["vocab_size"], rows[0]["ratio"] > 0
    (100, True)
    """
    repeats = positive_int(repeats, "repeats")
    n_ids = positive_int(n_ids, "n_ids")
    rng = np.random.default_rng(seed)
    rows = []
    for v in vocab_sizes:
        v = positive_int(v, "vocab size")
        m = rng.random((v, positive_int(dim, "dim")), dtype=np.float32)
        ids = rng.integers(0, v, n_ids)
        if not np.array_equal(lookup(m, ids), one_hot_matmul(m, ids)):
            raise AssertionError("lookup and one-hot product disagree")  # pragma: no cover
        best = {}
        for name, fn in (("lookup_s", lookup), ("matmul_s", one_hot_matmul)):
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn(m, ids)
                times.append(time.perf_counter() - t0)
            best[name] = min(times)
        rows.append({"vocab_size": v, **best, "ratio": best["matmul_s"] / best["lookup_s"]})
    return rows
