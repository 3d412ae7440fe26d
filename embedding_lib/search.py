"""Exact and approximate vector search (Chapter 14).

Exact top-k cosine search is one matrix product and a selection: normalise the rows of
the database once, multiply the normalised queries by it, keep the ``k`` largest scores of
each row. :class:`CosineIndex` does exactly that, in blocks so that a thousand queries
against 400,000 vectors never hold a 400,000-column score matrix per query in memory at
once, and with one refinement of the selection: instead of ``np.argpartition`` over every
score, it first takes the ``k``-th best score among a strided sample of the rows (a lower
bound for the true ``k``-th best), keeps only the scores at or above it (one comparison,
a few hundred candidates per query), and sorts those. The answer is the same, ties
included (equal scores are ordered by the smaller row id), and the selection then costs
far less than the matrix product it follows.

:func:`copy_bandwidth` and :func:`matmul_flops` measure the two limits the chapter
compares the search with: how many bytes per second the machine moves through memory,
and how many float32 multiply-adds per second a large matrix product reaches.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import check_size, matrix_2d, positive_int, real_array

__all__ = [
    "unit_rows",
    "CosineIndex",
    "exact_top_k",
    "recall_at_k",
    "best_time",
    "copy_bandwidth",
    "matmul_flops",
]

#: Rows sampled to set the selection threshold (see the module docstring).
_SAMPLE_ROWS = 4096
#: Scores computed at once: 4 MB of float32, so that a block of scores stays in cache.
_BLOCK_SCORES = 2**20
#: Slack subtracted from the sampled threshold: the sample's scores come from another
#: matrix product, whose float32 sums may round differently in the last bit.
_SLACK = 1e-5


def unit_rows(matrix: Any, name: str = "matrix") -> NDArray[np.float32]:
    """The rows of ``matrix`` scaled to length 1, as a C-ordered float32 array.

    Cosine similarity of unit vectors is their dot product, so a search normalises its
    database once, here, and then needs only matrix products.

    Parameters
    ----------
    matrix : array_like of shape (n, dim)
        Real, finite numbers; no row may be all zeros (it has no direction).
    name : str
        How error messages call the argument.

    Returns
    -------
    ndarray of shape (n, dim), float32
        A new array (the input is never modified).

    See Also
    --------
    CosineIndex. Chapter 14, "Exact search".

    Examples
    --------
    >>> unit_rows([[3, 4], [0, 2]]).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 1.0]]
    >>> unit_rows([[1, 0], [0, 0]])
    Traceback (most recent call last):
    ...
    ValueError: matrix row 1 is all zeros: it has no direction, so its cosine with anything is undefined; leave it out
    """
    m = matrix_2d(matrix, name)
    norms = np.sqrt(np.einsum("ij,ij->i", m, m, dtype=np.float64))
    zero = np.flatnonzero(norms == 0)
    if zero.size:
        raise ValueError(
            f"{name} row {zero[0]} is all zeros: it has no direction, so its cosine with "
            "anything is undefined; leave it out"
        )
    if not np.isfinite(norms).all():
        bad = int(np.flatnonzero(~np.isfinite(norms))[0])
        raise ValueError(f"{name} row {bad} is too large to normalise in float64")
    out = np.empty(m.shape, dtype=np.float32)
    np.divide(m, norms[:, None], out=out, casting="unsafe")
    return out


class CosineIndex:
    """Exact top-k cosine search over the rows of a matrix.

    Parameters
    ----------
    vectors : array_like of shape (n, dim)
        The database: real, finite, no row of zeros. It is normalised once, into a
        float32 copy of ``4 * n * dim`` bytes (:attr:`unit`).

    Attributes
    ----------
    unit : ndarray of shape (n, dim), float32
        The normalised rows.

    See Also
    --------
    exact_top_k : the same in one call. Chapter 14, "Exact search".

    Examples
    --------
    >>> index = CosineIndex([[1, 0], [0.9, 0.1], [0, 1], [-1, 0]])
    >>> index
    CosineIndex(4 vectors x 2 dims, 32 bytes)
    >>> ids, sims = index.search([[0.9, 0.2], [0, -1]], k=2)
    >>> ids.tolist(), sims.astype(float).round(3).tolist()
    ([[1, 0], [0, 3]], [[0.994, 0.976], [0.0, 0.0]])
    """

    def __init__(self, vectors: Any) -> None:
        self.unit = unit_rows(vectors, "vectors")

    @property
    def n(self) -> int:
        """Number of vectors in the index."""
        return int(self.unit.shape[0])

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self.unit.shape[1])

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"CosineIndex({self.n} vectors x {self.dim} dims, {self.unit.nbytes:,} bytes)"

    def search(self, queries: Any, k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The ``k`` rows most similar (by cosine) to each query, most similar first.

        Parameters
        ----------
        queries : array_like of shape (q, dim), or (dim,) for one query
            Real, finite, not all zeros; they need not be normalised.
        k : int
            From 1 to the number of vectors in the index.

        Returns
        -------
        ids : ndarray of shape (q, k), int64 (shape (k,) for one query)
            Row ids, by decreasing cosine; equal cosines are ordered by the smaller id.
        sims : ndarray of the same shape, float32
            Their cosines.
        """
        q = real_array(queries, "queries", what="a vector or a matrix of query vectors")
        single = q.ndim == 1
        if single:
            q = q[None, :]
        if q.ndim != 2:
            raise ValueError(
                f"queries must be one vector (dim,) or a matrix (q, dim), got shape {q.shape}"
            )
        if q.shape[1] != self.dim:
            raise ValueError(
                f"queries must have {self.dim} columns to match the index's vectors, "
                f"got shape {q.shape}"
            )
        if q.shape[0] == 0:
            raise ValueError("queries is empty: give at least one query vector")
        k = positive_int(k, "k")
        if k > self.n:
            raise ValueError(f"k={k} is more than the {self.n} vectors in the index")
        qn = unit_rows(q, "queries")
        check_size(q.shape[0] * k, "the result (queries x k)")
        ids = np.empty((q.shape[0], k), dtype=np.int64)
        sims = np.empty((q.shape[0], k), dtype=np.float32)
        # Scores are computed as (database rows, queries): BLAS is several times faster
        # with the long dimension first when the inner dimension is as short as 50.
        n_blocks = -(-q.shape[0] // 256)
        q_block = -(-q.shape[0] // n_blocks)  # blocks of equal size, at most 256 queries
        tile = max(k, _BLOCK_SCORES // q_block) if q.shape[0] > 1 else self.n
        stride = max(1, self.n // _SAMPLE_ROWS)
        sample = self.unit[::stride]
        if sample.shape[0] < k:
            sample = self.unit
        buf = np.empty((min(tile, self.n), q_block), dtype=np.float32)
        mask = np.empty(buf.shape, dtype=bool)
        for start in range(0, q.shape[0], q_block):
            block = qn[start : start + q_block]
            if len(block) != buf.shape[1]:  # a last, smaller block gets contiguous buffers
                buf = np.empty((buf.shape[0], len(block)), dtype=np.float32)
                mask = np.empty(buf.shape, dtype=bool)
            ids[start : start + len(block)], sims[start : start + len(block)] = self._block(
                block, k, sample, tile, buf, mask
            )
        if single:
            return ids[0], sims[0]
        return ids, sims

    def _block(
        self,
        queries: NDArray[np.float32],
        k: int,
        sample: NDArray[np.float32],
        tile: int,
        buf: NDArray[np.float32],
        mask: NDArray[np.bool_],
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Top k of one block of normalised queries: threshold from the sample, then exact."""
        b = len(queries)
        qt = queries.T
        sample_scores = sample @ qt  # (sample rows, b)
        m = sample_scores.shape[0]
        threshold = np.partition(sample_scores, m - k, axis=0)[m - k] - _SLACK
        rows, cols, vals = [], [], []
        for start in range(0, self.n, tile):
            part = self.unit[start : start + tile]
            scores = buf[: len(part)]
            hit = mask[: len(part)]
            if b == 1:  # one query: a matrix-vector product
                np.matmul(part, qt[:, 0], out=scores[:, 0])
            else:
                np.matmul(part, qt, out=scores)
            np.greater_equal(scores, threshold, out=hit)
            flat = np.flatnonzero(hit)
            row, query = np.divmod(flat, b)
            rows.append(query)
            cols.append(row + start)
            vals.append(scores[row, query])
        r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
        order = np.lexsort((c, -v, r))  # by query, then decreasing score, then smaller id
        first = np.searchsorted(r[order], np.arange(b))
        take = order[first[:, None] + np.arange(k)]
        return c[take].astype(np.int64), v[take]


def exact_top_k(
    vectors: Any, queries: Any, k: int
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Exact top-k cosine search in one call: ``CosineIndex(vectors).search(queries, k)``.

    Normalises the database on every call; to search the same vectors many times, build
    a :class:`CosineIndex` once.

    See Also
    --------
    CosineIndex. Chapter 14, "Exact search".

    Examples
    --------
    >>> ids, sims = exact_top_k([[1, 0], [0, 1], [1, 1], [1, 1]], [2, 1], k=3)
    >>> ids.tolist(), sims.astype(float).round(3).tolist()
    ([2, 3, 0], [0.949, 0.949, 0.894])
    """
    return CosineIndex(vectors).search(queries, k)


def recall_at_k(found: Any, truth: Any) -> float:
    """Share of the true top-k neighbours that a search found, averaged over queries.

    Parameters
    ----------
    found : array_like of int, shape (q, k_found)
        Ids an (approximate) search returned per query; ``-1`` (faiss's "no result")
        counts as a miss. ``k_found`` may exceed ``k``: only the first ``k`` count.
    truth : array_like of int, shape (q, k)
        The exact top-k ids per query.

    Returns
    -------
    float
        Mean over queries of ``|found[:, :k] & truth| / k``, from 0 to 1.

    See Also
    --------
    Chapter 14, "Approximate search".

    Examples
    --------
    >>> recall_at_k([[1, 2, 3], [4, 5, -1]], [[3, 2, 9], [4, 6, 7]])
    0.5
    """
    f = real_array(found, "found", ndim=2, what="a matrix of ids (queries, k)")
    t = real_array(truth, "truth", ndim=2, what="a matrix of ids (queries, k)")
    if f.shape[0] != t.shape[0]:
        raise ValueError(
            f"found and truth must have one row per query each, got {f.shape[0]} and {t.shape[0]} rows"
        )
    k = t.shape[1]
    if k == 0:
        raise ValueError("truth has no columns: k must be at least 1")
    if f.shape[1] < k:
        raise ValueError(f"found has {f.shape[1]} ids per query, fewer than the k={k} of truth")
    f = f[:, :k]
    hits = sum(len(np.intersect1d(a[a >= 0], b)) for a, b in zip(f, t))
    return float(hits / (k * t.shape[0]))


def best_time(fn: Callable[[], Any], repeats: int = 5) -> float:
    """Seconds of the fastest of ``repeats`` calls of ``fn()`` (the least disturbed run).

    >>> best_time(lambda: sum(range(10)), repeats=3) > 0
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function of no arguments, got {type(fn).__name__}")
    repeats = positive_int(repeats, "repeats", maximum=1000)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def copy_bandwidth(n_bytes: int = 256 * 2**20, repeats: int = 5) -> float:
    """Memory bandwidth in bytes per second, from copying a large array with ``np.copyto``.

    A copy reads ``n_bytes`` and writes ``n_bytes``; both are counted. Make ``n_bytes``
    several times the last-level cache, so that the copy streams through main memory.
    The copy is single-threaded, like a NumPy matrix-vector product's memory traffic
    per query.

    Parameters
    ----------
    n_bytes : int
        Size of the array copied (rounded down to whole float32 numbers); at most 4 GB.
    repeats : int
        Copies timed; the fastest counts.

    Examples
    --------
    >>> copy_bandwidth(2**20, repeats=2) > 0
    True
    """
    n_bytes = positive_int(n_bytes, "n_bytes", maximum=4 * 2**30)
    n = max(1, n_bytes // 4)
    src = np.ones(n, dtype=np.float32)
    dst = np.zeros_like(src)  # touched, so that no page fault lands in the timing
    seconds = best_time(lambda: np.copyto(dst, src), repeats)
    return 2 * src.nbytes / seconds


def matmul_flops(n: int = 2048, repeats: int = 3) -> float:
    """Float32 matrix-multiply throughput in FLOP per second: ``(n, n) @ (n, n)``.

    Counts ``2 n^3`` floating-point operations (a multiply and an add per term), with
    whatever threads NumPy's BLAS uses.

    Examples
    --------
    >>> matmul_flops(64, repeats=2) > 0
    True
    """
    n = positive_int(n, "n", maximum=16384)
    rng = np.random.default_rng(0)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    out = np.empty((n, n), dtype=np.float32)
    seconds = best_time(lambda: np.matmul(a, b, out=out), repeats)
    return 2 * n**3 / seconds
