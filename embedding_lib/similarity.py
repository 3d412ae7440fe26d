"""Looking inside a learned embedding: cosine neighbours, row movement, group structure
(Chapters 6 and 7).

Everything here is NumPy on a plain matrix of shape ``(n, dim)``, so it works the same for
a Keras layer's weights (``layer.get_weights()[0]``), vectors loaded from a file, or a
random baseline.

A row of zeros has no direction, so its cosine with anything is undefined: such rows (a
padding row initialised to zeros, say) are never returned as neighbours, and querying
with one is an error.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import id_array, matrix_2d, positive_int, real_array, sequence, string_list

__all__ = [
    "cosine_to",
    "nearest_neighbours",
    "most_similar",
    "row_movement",
    "neighbour_agreement",
    "group_similarity",
]


def _unit_rows(m: NDArray[Any]) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    m = m.astype(np.float64)
    norms = np.linalg.norm(m, axis=1)
    nonzero = norms > 0
    unit = np.zeros_like(m)
    unit[nonzero] = m[nonzero] / norms[nonzero, None]
    return unit, nonzero


def cosine_to(matrix: Any, vector: Any) -> NDArray[np.float64]:
    """Cosine similarity of every row of ``matrix`` with ``vector``.

    Parameters
    ----------
    matrix : array_like of shape (n, dim)
    vector : array_like of shape (dim,)

    Returns
    -------
    ndarray of shape (n,), float64
        ``nan`` for rows of zeros (their direction is undefined).

    See Also
    --------
    nearest_neighbours. Chapter 6, "Nearest neighbours".

    Examples
    --------
    >>> cosine_to([[1, 0], [0, 2], [1, 1], [0, 0]], [1, 0]).round(3)
    array([1.   , 0.   , 0.707,   nan])
    """
    return _cosine_to(matrix_2d(matrix), vector, "vector")


def _cosine_to(m: NDArray[Any], vector: Any, name: str) -> NDArray[np.float64]:
    v = real_array(vector, name, what=f"a vector of {m.shape[1]} numbers").astype(np.float64)
    if v.shape != (m.shape[1],):
        raise ValueError(f"{name} must have shape ({m.shape[1]},) to match the matrix, got {v.shape}")
    nv = np.linalg.norm(v)
    if nv == 0 or not np.isfinite(nv):
        raise ValueError(f"{name} is all zeros (or too large): its cosine with anything is undefined")
    unit, nonzero = _unit_rows(m)
    out = unit @ (v / nv)
    out[~nonzero] = np.nan
    return np.clip(out, -1.0, 1.0)


def nearest_neighbours(
    matrix: Any, queries: Any, k: int = 5, *, candidates: Any = None
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The ``k`` rows most similar (by cosine) to each query row, the query itself excluded.

    Ties are broken by the smaller id, so the result does not depend on sort stability.

    Parameters
    ----------
    matrix : array_like of shape (n, dim)
    queries : array_like of int, shape (q,)
        Row ids to find neighbours for.
    k : int
        Neighbours per query; at most the number of candidates minus one.
    candidates : array_like of int, optional
        Row ids allowed as neighbours (e.g. all but padding and ``[UNK]``). Default: all
        rows that are not all zeros.

    Returns
    -------
    ids : ndarray of shape (q, k), int64
        Neighbour ids, most similar first.
    similarities : ndarray of shape (q, k), float64

    See Also
    --------
    most_similar : the same with words. Chapter 6, "Nearest neighbours".

    Examples
    --------
    >>> m = [[1, 0], [0.9, 0.1], [0, 1], [-1, 0]]
    >>> ids, sims = nearest_neighbours(m, [0], k=2)
    >>> ids.tolist(), sims.round(3).tolist()
    ([[1, 2]], [[0.994, 0.0]])
    """
    m = matrix_2d(matrix)
    n = m.shape[0]
    k = positive_int(k, "k")
    if k > n - 1:
        raise ValueError(f"k={k} is more than the {n - 1} rows a query can have as neighbours "
                         f"(the matrix has {n} rows)")
    q = id_array(queries, n, name="queries")
    if q.ndim != 1:
        raise ValueError(f"queries must be a 1-D sequence of row ids, got shape {q.shape}")
    unit, nonzero = _unit_rows(m)
    if candidates is None:
        cand = np.flatnonzero(nonzero)
    else:
        cand = id_array(candidates, n, name="candidates")
        if cand.ndim != 1:
            raise ValueError(f"candidates must be a 1-D sequence of row ids, got shape {cand.shape}")
        cand = np.unique(cand)
        zero = cand[~nonzero[cand]]
        if zero.size:
            raise ValueError(f"candidate row {zero[0]} is all zeros: its cosine is undefined; leave it out")
    for i in q:
        if not nonzero[i]:
            raise ValueError(f"query row {i} is all zeros: its cosine with anything is undefined")
    ids = np.empty((q.size, k), dtype=np.int64)
    sims = np.empty((q.size, k), dtype=np.float64)
    for r, i in enumerate(q):
        pool = cand[cand != i]
        if k > pool.size:
            raise ValueError(f"k={k} is more than the {pool.size} candidate rows available for query {i}")
        s = np.clip(unit[pool] @ unit[i], -1.0, 1.0)
        order = np.lexsort((pool, -s))[:k]
        ids[r] = pool[order]
        sims[r] = s[order]
    return ids, sims


def most_similar(
    words: Sequence[str], matrix: Any, query: str | Any, k: int = 5, *, exclude: Sequence[str] = ()
) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors have the highest cosine with ``query``.

    Parameters
    ----------
    words : sequence of str, length n
        ``words[i]`` names row ``i``; distinct.
    matrix : array_like of shape (n, dim)
    query : str or array_like of shape (dim,)
        A word (which is then left out of the answer) or a vector (e.g. ``b - a + c``).
    k : int
        At most ``n``.
    exclude : str or collection of str
        Words never to return (e.g. ``["", "[UNK]"]``, or the words of an analogy). A
        single ``str`` is one word. Words that are not in ``words`` are ignored.

    Returns
    -------
    list of (word, cosine) pairs, most similar first; rows of zeros and excluded words
    are skipped, so the list may be shorter than ``k``.

    See Also
    --------
    nearest_neighbours. Chapters 6 and 7.

    Examples
    --------
    >>> most_similar(["cat", "dog", "car"], [[1, 0.1], [1, 0.2], [0, 1]], "cat", k=2)
    [('dog', 0.995), ('car', 0.1)]
    """
    m = matrix_2d(matrix)
    if isinstance(words, str):
        raise ValueError(f"words must be a list with one word per row ({m.shape[0]}), got str")
    words = string_list(words, "words", empty=None)
    if len(words) != m.shape[0]:
        raise ValueError(f"words must be a list with one word per row ({m.shape[0]}), got {len(words)}")
    k = positive_int(k, "k", maximum=m.shape[0], why=", the number of rows")
    index: dict[str, int] = {}
    for i, w in enumerate(words):
        if w in index:
            raise ValueError(f"words must be distinct, got {w!r} at positions {index[w]} and {i}")
        index[w] = i
    if isinstance(exclude, str):
        exclude = [exclude]  # one word, not its letters
    exclude = sequence(exclude, "exclude", what="a collection of words (str)", ordered=False)
    skip = set()
    for w in exclude:
        if not isinstance(w, str):
            raise TypeError(f"exclude must hold words (str), got {type(w).__name__} {w!r}")
        if w in index:
            skip.add(index[w])
    if isinstance(query, str):
        if query not in index:
            raise ValueError(f"query {query!r} is not among the {len(words)} words")
        vector = m[index[query]]
        skip.add(index[query])
    else:
        vector = query
    s = _cosine_to(m, vector, "query")
    pool = np.array([i for i in range(m.shape[0]) if i not in skip and not np.isnan(s[i])], dtype=np.int64)
    order = pool[np.lexsort((pool, -s[pool]))][:k]
    return [(str(words[i]), round(float(s[i]), 3)) for i in order]


def row_movement(before: Any, after: Any) -> dict[str, NDArray[np.float64]]:
    """How far each row of an embedding matrix moved between two snapshots.

    Parameters
    ----------
    before, after : array_like of shape (n, dim)
        E.g. the weights right after building the model and after ``fit``.

    Returns
    -------
    dict of ndarrays of shape (n,)
        ``distance``: Euclidean length of ``after - before``; ``relative``: that length
        over the length of ``before`` (inf where ``before`` is zero and the row moved);
        ``cosine``: cosine between ``before`` and ``after`` (nan if either is zero).

    See Also
    --------
    Chapter 6, "Which rows moved".

    Examples
    --------
    >>> r = row_movement([[1.0, 0.0], [0.0, 2.0]], [[1.0, 0.0], [0.0, 3.0]])
    >>> r["distance"].tolist(), r["relative"].tolist()
    ([0.0, 1.0], [0.0, 0.5])
    """
    b = matrix_2d(before, "before").astype(np.float64)
    a = matrix_2d(after, "after").astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(f"before and after must have the same shape, got {b.shape} and {a.shape}")
    dist = np.linalg.norm(a - b, axis=1)
    nb = np.linalg.norm(b, axis=1)
    na = np.linalg.norm(a, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(nb > 0, dist / np.where(nb > 0, nb, 1.0), np.where(dist > 0, np.inf, 0.0))
        cos = np.where((nb > 0) & (na > 0), np.sum(a * b, axis=1) / (nb * na), np.nan)
    return {"distance": dist, "relative": rel, "cosine": np.clip(cos, -1.0, 1.0)}


def _labels(labels: Sequence[Any], n: int) -> tuple[list[Any], NDArray[np.int64]]:
    if isinstance(labels, str):
        raise TypeError("labels must be a sequence with one group label per row, not a single str")
    labels = sequence(labels, "labels", what="a sequence with one group label per row")
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries for {n} rows")
    groups: list[Any] = []
    codes = np.empty(n, dtype=np.int64)
    for i, g in enumerate(labels):
        if g not in groups:
            groups.append(g)
        codes[i] = groups.index(g)
    return groups, codes


def neighbour_agreement(matrix: Any, labels: Sequence[Any], k: int = 3) -> float:
    """Share of each row's ``k`` nearest neighbours (by cosine) that are in its own group.

    Averaged over all rows. Only the labelled rows take part: pass the rows of the words
    whose groups you know. With no structure, the expected value is about
    ``(group size - 1) / (n - 1)``; a perfect grouping gives 1.

    Parameters
    ----------
    matrix : array_like of shape (n, dim)
    labels : sequence of length n
        The known group of each row.
    k : int

    Returns
    -------
    float between 0 and 1

    See Also
    --------
    group_similarity. Chapter 7, "Did it learn the groups?".

    Examples
    --------
    >>> m = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]
    >>> neighbour_agreement(m, ["a", "a", "b", "b"], k=1)
    1.0
    """
    m = matrix_2d(matrix)
    _, codes = _labels(labels, m.shape[0])
    ids, _ = nearest_neighbours(m, np.arange(m.shape[0]), k)
    return float(np.mean(codes[ids] == codes[:, None]))


def group_similarity(matrix: Any, labels: Sequence[Any]) -> tuple[list[Any], NDArray[np.float64]]:
    """Mean cosine similarity between the rows of each pair of groups.

    Parameters
    ----------
    matrix : array_like of shape (n, dim)
    labels : sequence of length n

    Returns
    -------
    groups : list
        The distinct labels, in order of first appearance.
    table : ndarray of shape (g, g)
        ``table[a, b]`` is the mean cosine between a row of group ``a`` and a row of
        group ``b``; on the diagonal, pairs of a row with itself are left out.

    See Also
    --------
    neighbour_agreement. Chapter 7, "Did it learn the groups?".

    Examples
    --------
    >>> groups, t = group_similarity([[1, 0], [1, 0.1], [0, 1]], ["x", "x", "y"])
    >>> groups, t.round(2).tolist()
    (['x', 'y'], [[1.0, 0.05], [0.05, nan]])
    """
    m = matrix_2d(matrix)
    groups, codes = _labels(labels, m.shape[0])
    unit, nonzero = _unit_rows(m)
    if not nonzero.all():
        raise ValueError(f"row {int(np.flatnonzero(~nonzero)[0])} is all zeros: its cosine is undefined")
    s = unit @ unit.T
    g = len(groups)
    table = np.full((g, g), np.nan)
    for a in range(g):
        for b in range(g):
            block = s[np.ix_(codes == a, codes == b)]
            if a == b:
                block = block[~np.eye(block.shape[0], dtype=bool)]
            if block.size:
                table[a, b] = float(np.clip(block, -1, 1).mean())
    return groups, table
