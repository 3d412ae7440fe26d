"""Argument checks shared by the modules: each raises a clear error naming what was wrong."""
from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray


def positive_int(value: Any, name: str) -> int:
    """Return ``value`` as an ``int`` if it is a positive integer, else raise.

    >>> positive_int(3, "dim")
    3
    >>> positive_int(0, "dim")
    Traceback (most recent call last):
    ...
    ValueError: dim must be a positive integer, got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {type(value).__name__} {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def id_array(ids: Any, vocab_size: int | None = None, name: str = "ids") -> NDArray[np.int64]:
    """Return ``ids`` as an int64 array after checking it holds valid indices.

    Rejects floats that are not whole numbers, booleans, strings, negative values and,
    when ``vocab_size`` is given, values ``>= vocab_size``.

    >>> id_array([1, 2, 3], vocab_size=4)
    array([1, 2, 3])
    >>> id_array([1, 4], vocab_size=4)
    Traceback (most recent call last):
    ...
    ValueError: ids must be < vocab_size=4 (valid rows are 0..3), got 4 at position 1
    """
    arr = np.asarray(ids)
    if arr.dtype == object or arr.dtype.kind in "USb":
        raise TypeError(f"{name} must be integers, got an array of dtype {arr.dtype}")
    if arr.size and arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            bad = np.flatnonzero(~np.isfinite(arr.ravel()) | (arr.ravel() != np.round(arr.ravel())))[0]
            raise TypeError(f"{name} must be integers, got {arr.ravel()[bad].item()!r} at position {bad}")
    elif arr.size and arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integers, got an array of dtype {arr.dtype}")
    arr = arr.astype(np.int64)
    if arr.size and arr.min() < 0:
        pos = int(np.flatnonzero(arr.ravel() < 0)[0])
        raise ValueError(f"{name} must be non-negative, got {arr.ravel()[pos]} at position {pos}")
    if vocab_size is not None and arr.size and arr.max() >= vocab_size:
        pos = int(np.flatnonzero(arr.ravel() >= vocab_size)[0])
        raise ValueError(
            f"{name} must be < vocab_size={vocab_size} (valid rows are 0..{vocab_size - 1}), "
            f"got {arr.ravel()[pos]} at position {pos}"
        )
    return arr


def matrix_2d(matrix: Any, name: str = "matrix") -> NDArray[np.floating]:
    """Return ``matrix`` as a 2-D float array, or raise naming the shape that was given.

    >>> matrix_2d([[1, 2], [3, 4]]).shape
    (2, 2)
    >>> matrix_2d([1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: matrix must be 2-D (vocab_size, dim), got shape (3,)
    """
    arr = np.asarray(matrix)
    if arr.dtype == object or arr.dtype.kind in "USb":
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (vocab_size, dim), got shape {arr.shape}")
    if 0 in arr.shape:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if arr.dtype.kind not in "f":
        arr = arr.astype(np.float32)
    return arr


def string_list(values: Any, name: str, *, empty: str | None = "there is nothing to use") -> list[str]:
    """Return ``values`` as a list after checking it is a sequence of ``str``.

    ``empty`` is the reason given when the sequence is empty; pass None to allow it.

    >>> string_list(("a", "b"), "texts")
    ['a', 'b']
    >>> string_list("ab", "texts")
    Traceback (most recent call last):
    ...
    TypeError: texts must be a list of strings, got str
    >>> string_list(["a", 3], "texts")
    Traceback (most recent call last):
    ...
    TypeError: texts[1] must be a str, got int 3
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a list of strings, got {type(values).__name__}")
    if empty is not None and len(values) == 0:
        raise ValueError(f"{name} is empty: {empty}")
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"{name}[{i}] must be a str, got {type(v).__name__} {v!r}")
    return list(values)
