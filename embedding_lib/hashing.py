"""The hashing trick: ids from a hash instead of a vocabulary (Chapters 5 and 10).

``keras.layers.Hashing`` maps any string or integer to one of ``num_bins`` buckets with
FarmHash64, so no vocabulary has to be stored, at the price of collisions: distinct
values that land in the same bucket share one embedding row.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import positive_int
from ._checks import salt as _check_salt

__all__ = ["hash_values", "collision_groups", "collision_rate", "expected_collision_rate"]


def _distinct(values: Sequence[Any]) -> list[Any]:
    if values is None:
        raise TypeError("values must be a list of strings or integers, got None")
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | np.ndarray):
        raise TypeError(f"values must be a list of strings or integers, got {type(values).__name__}")
    if len(values) == 0:
        raise ValueError("values is empty")
    kinds = {isinstance(v, str) for v in values}
    if len(kinds) > 1:
        raise TypeError("values must be all strings or all integers, not a mix")
    if not kinds.pop():
        for i, v in enumerate(values):
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise TypeError(f"values[{i}] must be a str or an int, got {type(v).__name__} {v!r}")
    return list(dict.fromkeys(values))  # distinct, in first-appearance order


def hash_values(values: Sequence[Any], num_bins: int, *, salt: int | None = None) -> NDArray[np.int64]:
    """Bucket ids of ``values`` from ``keras.layers.Hashing(num_bins, salt=salt)``.

    Parameters
    ----------
    values : sequence of str or of int, length n
    num_bins : int
    salt : int or None
        Changes the hash function (and so which values collide): an integer from 0 to
        2**63 - 1 (or a pair of them), checked here before Keras sees it.

    Returns
    -------
    ndarray of shape (n,), int64, each in ``0 .. num_bins-1``
    """
    num_bins = positive_int(num_bins, "num_bins")
    salt = _check_salt(salt)
    _distinct(values)
    import keras

    layer = keras.layers.Hashing(num_bins=num_bins, salt=salt)
    arr = np.asarray(list(values))
    return np.asarray(layer(arr.reshape(-1, 1))).reshape(-1).astype(np.int64)


def collision_groups(values: Sequence[Any], num_bins: int, *, salt: int | None = None) -> dict[int, list[Any]]:
    """The buckets that received two or more distinct values, with those values.

    Returns
    -------
    dict
        ``{bucket: [value, value, ...]}``, buckets in increasing order, values in
        first-appearance order.
    """
    distinct = _distinct(values)
    buckets = hash_values(distinct, num_bins, salt=salt)
    groups: dict[int, list[Any]] = {}
    for v, b in zip(distinct, buckets.tolist()):
        groups.setdefault(b, []).append(v)
    return {b: vs for b, vs in sorted(groups.items()) if len(vs) > 1}


def collision_rate(values: Sequence[Any], num_bins: int, *, salt: int | None = None) -> float:
    """Fraction of the distinct values that share their bucket with another value."""
    distinct = _distinct(values)
    shared = sum(len(vs) for vs in collision_groups(distinct, num_bins, salt=salt).values())
    return shared / len(distinct)


def expected_collision_rate(n_values: int, num_bins: int) -> float:
    """Expected :func:`collision_rate` for ``n_values`` distinct values hashed uniformly.

    A given value avoids all the ``n - 1`` others with probability ``(1 - 1/m)^(n-1)``,
    so the expected fraction that collides is ``1 - (1 - 1/m)^(n-1)``.

    Examples
    --------
    >>> round(expected_collision_rate(15, 50), 3)
    0.246
    >>> expected_collision_rate(1, 10)
    0.0
    """
    n = positive_int(n_values, "n_values")
    m = positive_int(num_bins, "num_bins")
    return float(1.0 - (1.0 - 1.0 / m) ** (n - 1))
