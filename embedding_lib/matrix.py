"""The embedding matrix: lookup, and the one-hot product it replaces (Chapter 3)."""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import check_size, id_array, matrix_2d, positive_int
from ._checks import seed as _check_seed
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

    seed : int
        Seed of the generator that fills the other rows.

    Returns
    -------
    ndarray of shape (vocab_size, dim), float32

    See Also
    --------
    Chapter 3, "The embedding matrix".

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
    check_size(vocab_size * dim, f"the matrix (vocab_size={vocab_size:,} x dim={dim})")
    rng = np.random.default_rng(_check_seed(seed))
    m = rng.random((vocab_size, dim)).round(2).astype(np.float32)
    m[0] = 0.0
    m[1] = DEEP_FACTORS
    return m


def lookup(matrix: Any, ids: Any) -> NDArray[Any]:
    """Embedding lookup: the rows of ``matrix`` at ``ids``.

    Parameters
    ----------
    matrix : array_like, shape (vocab_size, dim)
        Real, finite numbers.
    ids : array_like of int, any shape ``s``
        Each in ``0 .. vocab_size - 1``.

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
        Real, finite numbers: with a NaN or an infinity in it, the product would spread
        it to every row (``0 * nan`` is ``nan``) while the lookup would not, so it is
        refused.
    ids : array_like of int, shape (n,)

    Returns
    -------
    ndarray of shape (n, dim)

    See Also
    --------
    lookup : the same rows, read directly. Chapter 3, "The embedding matrix".

    Examples
    --------
    >>> m = np.arange(12.0).reshape(4, 3)
    >>> one_hot_matmul(m, [3, 1])
    array([[ 9., 10., 11.],
           [ 3.,  4.,  5.]])
    """
    m = matrix_2d(matrix)
    return one_hot(ids, m.shape[0], dtype=m.dtype) @ m


def _bare_lookup(m: NDArray[Any], ids: NDArray[np.int64]) -> NDArray[Any]:
    return m[ids]


def _bare_matmul(m: NDArray[Any], ids: NDArray[np.int64]) -> NDArray[Any]:
    oh = np.zeros((ids.size, m.shape[0]), dtype=m.dtype)
    oh[np.arange(ids.size), ids] = 1
    return oh @ m


def _best_time(fn: Any, args: tuple[Any, ...], repeats: int, min_run_s: float = 2e-4) -> float:
    """Seconds per call of ``fn(*args)``: best of ``repeats`` runs of a calibrated loop."""
    number = 1
    while True:  # like timeit's autorange: loop enough calls that the clock's grain is negligible
        t0 = time.perf_counter()
        for _ in range(number):
            fn(*args)
        if time.perf_counter() - t0 >= min_run_s or number >= 10_000:
            break
        number *= 10
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn(*args)
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def time_lookup_vs_matmul(
    vocab_sizes: Sequence[int],
    *,
    dim: int = 6,
    n_ids: int = 5,
    repeats: int = 20,
    seed: int = 0,
) -> list[dict[str, float]]:
    """Time an embedding lookup against the one-hot product, for each vocabulary size.

    Both sides are timed bare, as numpy operations, without the argument checks of
    :func:`lookup` and :func:`one_hot_matmul` (which cost the same few microseconds on
    either side and would hide the difference): the lookup is ``matrix[ids]``; the product
    builds the ``(n_ids, vocab_size)`` one-hot matrix and multiplies it by the matrix. The
    one-hot matrix is built inside the timed region, because a model fed one-hot inputs has
    to build them too. Before timing, the two library functions are checked to agree.

    Each measurement is the best of ``repeats`` runs (the least disturbed by other work on
    the machine) of a loop long enough for the clock's resolution not to matter.

    Parameters
    ----------
    vocab_sizes : sequence of int
        The vocabulary sizes (rows of the random float32 matrix) to time.
    dim : int
        Columns of the matrix.
    n_ids : int
        How many ids are looked up per call (a sentence's length).
    repeats : int
        Runs per measurement (at most 1000); the fastest is kept.
    seed : int
        Seed of the random matrix and ids.

    Returns
    -------
    list of dict
        One dict per size with keys ``vocab_size``, ``lookup_s``, ``matmul_s`` (seconds per
        call) and ``ratio`` (``matmul_s / lookup_s``). Timings vary from run to run.

    See Also
    --------
    Chapter 3, "The embedding matrix".

    Examples
    --------
    >>> rows = time_lookup_vs_matmul([100], repeats=2)
    >>> rows[0]["vocab_size"], rows[0]["ratio"] > 0
    (100, True)
    """
    repeats = positive_int(repeats, "repeats", maximum=1000, why=" (the best of 20 is already stable)")
    n_ids = positive_int(n_ids, "n_ids")
    dim = positive_int(dim, "dim")
    if isinstance(vocab_sizes, (str, bytes)) or not isinstance(vocab_sizes, Sequence | np.ndarray):
        raise TypeError(f"vocab_sizes must be a sequence of ints, got {type(vocab_sizes).__name__}")
    if len(vocab_sizes) == 0:
        raise ValueError("vocab_sizes is empty: give at least one vocabulary size")
    sizes = [positive_int(v, f"vocab_sizes[{i}]") for i, v in enumerate(vocab_sizes)]
    for v in sizes:
        check_size(v * dim, f"the matrix (vocab size {v:,} x dim={dim:,})")
        check_size(v * n_ids, f"the one-hot matrix (n_ids={n_ids:,} x vocab size {v:,})")
    rng = np.random.default_rng(_check_seed(seed))
    rows = []
    for v in sizes:
        m = rng.random((v, dim), dtype=np.float32)
        ids = rng.integers(0, v, n_ids)
        expected = lookup(m, ids)
        if not (np.array_equal(expected, one_hot_matmul(m, ids))
                and np.array_equal(expected, _bare_lookup(m, ids))
                and np.array_equal(expected, _bare_matmul(m, ids))):
            raise AssertionError("lookup and one-hot product disagree")  # pragma: no cover
        lookup_s = _best_time(_bare_lookup, (m, ids), repeats)
        matmul_s = _best_time(_bare_matmul, (m, ids), repeats)
        rows.append({"vocab_size": v, "lookup_s": lookup_s, "matmul_s": matmul_s, "ratio": matmul_s / lookup_s})
    return rows
