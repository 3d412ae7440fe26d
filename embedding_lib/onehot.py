"""One-hot vectors, bag-of-words vectors and cosine similarity (Chapter 1)."""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from ._checks import _asarray, boolean, check_size, id_array, matrix_2d, positive_int

__all__ = ["one_hot", "bag_of_words", "cosine_similarity_matrix"]


def one_hot(ids: Any, depth: int, dtype: DTypeLike = np.float32) -> NDArray[Any]:
    """One-hot encode a sequence of ids.

    Parameters
    ----------
    ids : array_like of int, shape (n,)
        Word ids, each in ``0 .. depth-1``.
    depth : int
        The vocabulary size: the length of each one-hot vector.
    dtype : numpy dtype
        Element type of the result (float32, as a network would use it, by default).

    Returns
    -------
    ndarray of shape (n, depth)
        Row ``k`` is all zeros except a 1 in column ``ids[k]``.

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> one_hot([1, 2, 1], depth=4)
    array([[0., 1., 0., 0.],
           [0., 0., 1., 0.],
           [0., 1., 0., 0.]], dtype=float32)
    """
    depth = positive_int(depth, "depth")
    try:
        dt = np.dtype(dtype)
    except TypeError as err:
        raise TypeError(f"dtype must be a numpy dtype such as 'float32', got {dtype!r}") from err
    if dt.kind not in "biuf":
        raise TypeError(f"dtype must be a numeric numpy dtype such as 'float32' or 'uint8', got {dt}")
    arr = id_array(ids, depth)
    if arr.ndim != 1:
        raise ValueError(f"ids must be 1-D (one sequence of ids), got shape {arr.shape}")
    check_size(arr.size * depth, f"the one-hot matrix ({arr.size:,} ids x depth={depth:,})")
    out = np.zeros((arr.size, depth), dtype=dt)
    out[np.arange(arr.size), arr] = 1
    return out


def bag_of_words(ids: Any, depth: int, *, binary: bool = False) -> NDArray[np.float32]:
    """Sum the one-hot vectors of a document: word counts (or presence if ``binary``).

    Parameters
    ----------
    ids : array_like of int, shape (n,)
        The document's word ids, each in ``0 .. depth-1``.
    depth : int
        The vocabulary size.
    binary : bool
        Record only whether each word occurs (1) or not (0), instead of its count.

    Returns
    -------
    ndarray of shape (depth,), float32
        Entry ``i`` is how many times id ``i`` occurs (or whether it does).

    See Also
    --------
    one_hot : the vectors being summed. Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> bag_of_words([1, 2, 3, 4, 1], depth=6)
    array([0., 2., 1., 1., 1., 0.], dtype=float32)
    >>> bag_of_words([1, 2, 3, 4, 1], depth=6, binary=True)
    array([0., 1., 1., 1., 1., 0.], dtype=float32)
    """
    depth = positive_int(depth, "depth")
    binary = boolean(binary, "binary")
    arr = id_array(ids, depth)
    if arr.ndim != 1:
        raise ValueError(f"ids must be 1-D (one document), got shape {arr.shape}")
    check_size(depth, f"the bag-of-words vector (depth={depth:,})")
    counts = np.bincount(arr, minlength=depth).astype(np.float32)
    return np.minimum(counts, 1) if binary else counts


def cosine_similarity_matrix(vectors: Any) -> NDArray[np.float64]:
    """Cosine similarity of every pair of rows.

    Parameters
    ----------
    vectors : array_like, shape (n, d)

    Returns
    -------
    ndarray of shape (n, n)
        Entry ``(i, j)`` is ``v_i . v_j / (|v_i| |v_j|)``.

    Raises
    ------
    ValueError
        If ``vectors`` is not 2-D or is empty, holds NaN or infinity (the first one is
        named), or a row is all zeros: its direction, and so its cosine, is undefined.
    TypeError
        If ``vectors`` does not hold real numbers.

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> cosine_similarity_matrix([[1, 0], [0, 1], [1, 1]]).round(3)
    array([[1.   , 0.   , 0.707],
           [0.   , 1.   , 0.707],
           [0.707, 0.707, 1.   ]])
    """
    v = _asarray(vectors, "vectors", "a 2-D array of numbers (n, d)")
    if v.dtype == object or v.dtype.kind in "USVb" or v.dtype.kind == "c":
        raise TypeError(f"vectors must hold real numbers, got dtype {v.dtype}")
    if v.ndim != 2:
        raise ValueError(f"vectors must be 2-D (n, d), got shape {v.shape}")
    if 0 in v.shape:
        raise ValueError(f"vectors must not be empty, got shape {v.shape}")
    v = matrix_2d(v, "vectors").astype(np.float64)  # NaN or inf: named by row and column
    norms = np.linalg.norm(v, axis=1)
    zero = np.flatnonzero(norms == 0)
    if zero.size:
        raise ValueError(f"row {zero[0]} is all zeros: cosine similarity is undefined for a zero vector")
    unit = v / norms[:, None]
    return np.clip(unit @ unit.T, -1.0, 1.0)
