"""Argument checks shared by the modules: each raises a clear error naming what was wrong.

This module is the one place where the rules for arguments live, so that every public
function of the package answers bad input in the same way:

- numbers are real and finite: complex values, NaN and infinity are refused, in
  hyper-parameters (:func:`real_number`) and in matrices (:func:`matrix_2d`, which names
  the first bad row and column);
- integers are integers: ``True`` is not a seed or a size, ``1.5`` is not an id, and ids
  must lie in ``0 .. vocab_size - 1`` (:func:`id_array`, :func:`integer`);
- NumPy scalars (``np.int64(2)``, ``np.float32(0.5)``, ``np.bool_(True)``) are welcome
  wherever the Python type is, and are turned into it before Keras sees them;
- a ``str`` is never taken as a sequence of tokens (:func:`sequence`, :func:`string_list`),
  ``None`` where a sequence is expected and ragged nested lists get a message that says so;
- sizes are checked against what they index or allocate (``maximum=``, :func:`check_size`),
  so that a typo cannot hang the kernel or ask for terabytes;
- seeds and hashing salts are checked against what NumPy and Keras accept
  (:func:`seed`, :func:`salt`).

Type errors (a str where a number is expected) raise ``TypeError``; values of the right
type outside their range raise ``ValueError``. Every message starts with the argument's
name and shows the value that was given.
"""
from __future__ import annotations

import numbers
import os
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Largest number of elements an array made from a size argument may have (4 GB of float32).
MAX_ELEMENTS = 1_000_000_000

#: Seeds that Keras and TensorFlow accept (``keras.utils.set_random_seed``): 0 .. 2**32 - 1.
KERAS_SEED_MAX = 2**32 - 1

#: Salts that ``keras.layers.Hashing`` accepts: it turns them into int64.
SALT_MAX = 2**63 - 1


def _show(value: Any) -> str:
    """``type value`` for a message, with long reprs cut."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return "None" if value is None else f"{type(value).__name__} {text}"


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def integer(
    value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None, why: str = ""
) -> int:
    """Return ``value`` as an ``int`` after checking it is an integer in ``[minimum, maximum]``.

    Python and NumPy integers are accepted; ``bool``, floats (even ``2.0``), strings and
    ``None`` are not. ``why`` is appended to the message of a value above ``maximum``.

    >>> integer(np.int64(4), "decimals", minimum=0, maximum=12)
    4
    >>> integer(True, "seed", minimum=0)
    Traceback (most recent call last):
    ...
    TypeError: seed must be a non-negative integer, got bool True
    >>> integer(13, "decimals", minimum=0, maximum=12)
    Traceback (most recent call last):
    ...
    ValueError: decimals must be an integer from 0 to 12, got 13
    """
    if minimum is not None and maximum is not None:
        want = f"an integer from {minimum:,} to {maximum:,}"
    elif minimum == 0:
        want = "a non-negative integer"
    elif minimum == 1:
        want = "a positive integer"
    elif minimum is not None:
        want = f"an integer >= {minimum:,}"
    else:
        want = "an integer"
    if not _is_int(value):
        raise TypeError(f"{name} must be {want}, got {_show(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be {want}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be {want}{why}, got {value!r}")
    return value


def positive_int(value: Any, name: str, *, maximum: int | None = None, why: str = "") -> int:
    """Return ``value`` as an ``int`` if it is a positive integer (at most ``maximum``), else raise.

    >>> positive_int(3, "dim")
    3
    >>> positive_int(0, "dim")
    Traceback (most recent call last):
    ...
    ValueError: dim must be a positive integer, got 0
    >>> positive_int(10**12, "repeats", maximum=1000)
    Traceback (most recent call last):
    ...
    ValueError: repeats must be a positive integer at most 1,000, got 1000000000000
    """
    if not _is_int(value):
        raise TypeError(f"{name} must be a positive integer, got {_show(value)}")
    value = int(value)
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be a positive integer at most {maximum:,}{why}, got {value!r}")
    return value


def non_negative_int(value: Any, name: str, *, maximum: int | None = None, why: str = "") -> int:
    """Return ``value`` as an ``int`` if it is an integer >= 0 (at most ``maximum``), else raise.

    >>> non_negative_int(0, "n_numeric")
    0
    >>> non_negative_int(-1, "n_numeric")
    Traceback (most recent call last):
    ...
    ValueError: n_numeric must be a non-negative integer, got -1
    """
    if not _is_int(value):
        raise TypeError(f"{name} must be a non-negative integer, got {_show(value)}")
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be a non-negative integer at most {maximum:,}{why}, got {value!r}")
    return value


def seed(value: Any, name: str = "seed", *, keras: bool = False) -> int:
    """Return a seed as an ``int``: a non-negative integer (at most 2**32 - 1 if Keras gets it).

    NumPy's generators take any non-negative integer; Keras and TensorFlow take
    ``0 .. 2**32 - 1``. ``True``, ``1.5``, ``"0"``, ``None`` and lists are refused: a seed
    is one number, so that a run can be repeated.

    >>> seed(np.int64(7))
    7
    >>> seed([1, 2])
    Traceback (most recent call last):
    ...
    TypeError: seed must be a non-negative integer, got list [1, 2]
    >>> seed(2**32, keras=True)
    Traceback (most recent call last):
    ...
    ValueError: seed must be an integer from 0 to 4294967295 (what Keras accepts), got 4294967296
    """
    if not _is_int(value):
        raise TypeError(f"{name} must be a non-negative integer, got {_show(value)}")
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if keras and value > KERAS_SEED_MAX:
        raise ValueError(f"{name} must be an integer from 0 to {KERAS_SEED_MAX} (what Keras accepts), got {value!r}")
    return value


def salt(value: Any, name: str = "salt") -> int | list[int] | None:
    """Check a ``keras.layers.Hashing`` salt before Keras sees it: None, an integer in
    ``0 .. 2**63 - 1``, or a pair of them. NumPy integers become ``int``.

    >>> salt(np.int64(5)), salt(None), salt((1, 2))
    (5, None, [1, 2])
    >>> salt(2**64)
    Traceback (most recent call last):
    ...
    ValueError: salt must be an integer from 0 to 2**63 - 1 (Keras stores it as a signed 64-bit integer), got 18446744073709551616
    """
    if value is None:
        return None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return [_salt_int(v, f"{name}[{i}]") for i, v in enumerate(value)]
    if not _is_int(value):
        raise TypeError(f"{name} must be None, an integer or a pair of integers, got {_show(value)}")
    return _salt_int(value, name)


def _salt_int(value: Any, name: str) -> int:
    if not _is_int(value):
        raise TypeError(f"{name} must be an integer, got {_show(value)}")
    if not 0 <= value <= SALT_MAX:
        raise ValueError(f"{name} must be an integer from 0 to 2**63 - 1 (Keras stores it as a signed "
                         f"64-bit integer), got {int(value)}")
    return int(value)


def real_number(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a finite ``float`` in the given range, else raise.

    Python and NumPy ints and floats are accepted; ``bool``, complex numbers, strings,
    ``None``, NaN and infinity are not. ``low_open``/``high_open`` exclude the ends.

    >>> real_number(np.float32(0.5), "learning_rate", minimum=0, low_open=True)
    0.5
    >>> real_number(float("nan"), "learning_rate", minimum=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a finite number > 0, got nan
    >>> real_number(1j, "noise_std", minimum=0)
    Traceback (most recent call last):
    ...
    TypeError: noise_std must be a real number, got complex 1j
    """
    parts = []
    if minimum is not None:
        parts.append(f"{'>' if low_open else '>='} {minimum:g}")
    if maximum is not None:
        parts.append(f"{'<' if high_open else '<='} {maximum:g}")
    want = "a finite number" + (" " + " and ".join(parts) if parts else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_show(value)}")
    x = float(value)
    bad = not np.isfinite(x)
    if minimum is not None:
        bad = bad or x < minimum or (low_open and x == minimum)
    if maximum is not None:
        bad = bad or x > maximum or (high_open and x == maximum)
    if bad:
        raise ValueError(f"{name} must be {want}, got {value!r}")
    return x


def learning_rate(value: Any, name: str = "learning_rate") -> float:
    """Return a learning rate as a ``float``: a finite number > 0 (Python or NumPy).

    Any other value raises ``ValueError`` (a NaN or infinite rate would train to NaN).

    >>> learning_rate(np.float32(0.5))
    0.5
    >>> learning_rate(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a positive number (finite, e.g. 0.01), got inf
    """
    if (isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real)
            or not np.isfinite(float(value)) or not value > 0):
        raise ValueError(f"{name} must be a positive number (finite, e.g. 0.01), got {value!r}")
    return float(value)


def boolean(value: Any, name: str) -> bool:
    """Return ``value`` as a ``bool`` if it is ``True``/``False`` (Python or NumPy), else raise.

    >>> boolean(np.bool_(True), "trainable")
    True
    >>> boolean("yes", "trainable")
    Traceback (most recent call last):
    ...
    TypeError: trainable must be True or False, got str 'yes'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_show(value)}")
    return bool(value)


def choice(value: Any, name: str, options: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``options``, else raise naming them.

    >>> choice("pre", "padding", ("pre", "post"))
    'pre'
    >>> choice("mid", "padding", ("pre", "post"))
    Traceback (most recent call last):
    ...
    ValueError: padding must be one of 'pre', 'post'; got 'mid'
    """
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(repr(o) for o in options)}; got {value!r}")
    return value


def check_size(n_elements: int, what: str) -> None:
    """Refuse to build an array of more than :data:`MAX_ELEMENTS` elements.

    ``what`` names the array and the arguments that set its size.

    >>> check_size(10**6, "the one-hot matrix")
    >>> check_size(10**12, "the one-hot matrix (len(ids) x depth)")
    Traceback (most recent call last):
    ...
    ValueError: the one-hot matrix (len(ids) x depth) would hold 1,000,000,000,000 numbers, more than the 1,000,000,000 (4 GB of float32) these helpers build; use smaller sizes
    """
    if n_elements > MAX_ELEMENTS:
        raise ValueError(
            f"{what} would hold {n_elements:,} numbers, more than the {MAX_ELEMENTS:,} "
            f"({4 * MAX_ELEMENTS // 10**9} GB of float32) these helpers build; use smaller sizes"
        )


def _asarray(value: Any, name: str, what: str) -> NDArray[Any]:
    """``np.asarray`` with messages for None, a str and ragged nested lists."""
    if value is None:
        raise TypeError(f"{name} must be {what}, got None")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be {what}, got {_show(value)}")
    try:
        return np.asarray(value)
    except ValueError as err:
        if "inhomogeneous" in str(err) or "sequence" in str(err):
            raise ValueError(
                f"{name} is a ragged nested list (its rows have different lengths); "
                f"it must be {what}, rectangular"
            ) from None
        raise ValueError(f"{name} must be {what}: {err}") from None


def id_array(ids: Any, vocab_size: int | None = None, name: str = "ids") -> NDArray[np.int64]:
    """Return ``ids`` as an int64 array after checking it holds valid indices.

    Rejects ``None``, a ``str``, ragged nested lists, floats that are not whole numbers
    (and NaN), booleans, complex numbers, negative values and, when ``vocab_size`` is
    given, values ``>= vocab_size``. Whole floats such as ``2.0`` are accepted.

    >>> id_array([1, 2, 3], vocab_size=4)
    array([1, 2, 3])
    >>> id_array([1, 4], vocab_size=4)
    Traceback (most recent call last):
    ...
    ValueError: ids must be < vocab_size=4 (valid rows are 0..3), got 4 at position 1
    >>> id_array([[1], [1, 2]])
    Traceback (most recent call last):
    ...
    ValueError: ids is a ragged nested list (its rows have different lengths); it must be a list or array of integer ids, rectangular
    """
    arr = _asarray(ids, name, "a list or array of integer ids")
    if arr.dtype == object or arr.dtype.kind in "USVbc":
        raise TypeError(f"{name} must be integers, got an array of dtype {arr.dtype}")
    if arr.size and arr.dtype.kind == "f":
        flat = arr.ravel()
        bad_mask = ~np.isfinite(flat)
        bad_mask[~bad_mask] = flat[~bad_mask] != np.round(flat[~bad_mask])
        if bad_mask.any():
            bad = int(np.flatnonzero(bad_mask)[0])
            raise TypeError(f"{name} must be integers, got {flat[bad].item()!r} at position {bad}")
        if np.abs(flat).max() >= 2.0**63:
            bad = int(np.flatnonzero(np.abs(flat) >= 2.0**63)[0])
            raise ValueError(f"{name} must be ids (small non-negative integers), got {flat[bad].item()!r} at position {bad}")
    elif arr.size and arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integers, got an array of dtype {arr.dtype}")
    if arr.size and arr.dtype.kind == "u" and arr.max() > np.iinfo(np.int64).max:
        bad = int(np.flatnonzero(arr.ravel() > np.iinfo(np.int64).max)[0])
        raise ValueError(f"{name} must be ids (small non-negative integers), got {arr.ravel()[bad]} at position {bad}")
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


def _first_non_finite(arr: NDArray[Any]) -> tuple[int, ...] | None:
    """Index of the first NaN or infinite entry of a float array, or None."""
    if arr.dtype.kind != "f":
        return None
    ok = np.isfinite(arr)
    if ok.all():
        return None
    return tuple(int(i) for i in np.unravel_index(int(np.flatnonzero(~ok.ravel())[0]), arr.shape))


def matrix_2d(matrix: Any, name: str = "matrix", *, finite: bool = True) -> NDArray[np.floating]:
    """Return ``matrix`` as a 2-D real float array, or raise naming what was wrong.

    Integers are converted to float32; float arrays are returned as they are (no copy).
    Refused: ``None``, a ``str``, ragged nested lists, non-numbers, booleans, complex
    numbers (their imaginary part would be dropped), arrays that are not 2-D or empty,
    and, unless ``finite=False``, NaN or infinity (the message names the first bad row
    and column).

    >>> matrix_2d([[1, 2], [3, 4]]).shape
    (2, 2)
    >>> matrix_2d([1, 2, 3])
    Traceback (most recent call last):
    ...
    ValueError: matrix must be 2-D (vocab_size, dim), got shape (3,)
    >>> matrix_2d([[0.0, 1.0], [2.0, float("nan")]], "vectors")
    Traceback (most recent call last):
    ...
    ValueError: vectors must hold finite numbers, got nan at row 1, column 1
    >>> matrix_2d([[1 + 2j]])
    Traceback (most recent call last):
    ...
    TypeError: matrix must hold real numbers, got complex values (dtype complex128)
    """
    arr = _asarray(matrix, name, "a 2-D array of numbers (vocab_size, dim)")
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex values (dtype {arr.dtype})")
    if arr.dtype == object or arr.dtype.kind not in "iuf":
        what = f" ({type(matrix).__name__})" if arr.ndim == 0 else ""
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}{what}")
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (vocab_size, dim), got shape {arr.shape}")
    if 0 in arr.shape:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if arr.dtype.kind not in "f":
        arr = arr.astype(np.float32)
    if finite:
        bad = _first_non_finite(arr)
        if bad is not None:
            raise ValueError(f"{name} must hold finite numbers, got {arr[bad]} at row {bad[0]}, column {bad[1]}")
    return arr


def real_array(
    values: Any, name: str, *, ndim: int | None = None, finite: bool = True, what: str = "an array of numbers"
) -> NDArray[Any]:
    """Return ``values`` as a NumPy array of real numbers (ints or floats, not bool).

    Refused like :func:`matrix_2d`: ``None``, a ``str``, ragged lists, non-numbers,
    complex numbers, a wrong number of dimensions and (unless ``finite=False``) NaN or
    infinity, named by position.

    >>> real_array([1, 2.5], "counts", ndim=1)
    array([1. , 2.5])
    >>> real_array([1.0, float("inf")], "vector", ndim=1)
    Traceback (most recent call last):
    ...
    ValueError: vector must hold finite numbers, got inf at position 1
    """
    arr = _asarray(values, name, what)
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex values (dtype {arr.dtype})")
    if arr.dtype == object or arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {what} ({ndim}-D), got shape {arr.shape}")
    if finite:
        bad = _first_non_finite(arr)
        if bad is not None:
            where = f"position {bad[0]}" if arr.ndim == 1 else f"index {bad}"
            raise ValueError(f"{name} must hold finite numbers, got {arr[bad]} at {where}")
    return arr


def sequence(values: Any, name: str, *, what: str = "a list", ordered: bool = True) -> list[Any]:
    """Return ``values`` as a list after checking it is a sequence and not a single ``str``.

    With ``ordered=False`` any iterable but a str (a set, a generator) is accepted.

    >>> sequence(("a", "b"), "labels")
    ['a', 'b']
    >>> sequence("ab", "padding_tokens", what="a list of tokens")
    Traceback (most recent call last):
    ...
    TypeError: padding_tokens must be a list of tokens, not a single str 'ab'
    >>> sequence(None, "labels")
    Traceback (most recent call last):
    ...
    TypeError: labels must be a list, got None
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be {what}, not a single {type(values).__name__} {values!r}")
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise ValueError(f"{name} must be {what} (1-D), got an array of shape {values.shape}")
        return values.tolist()
    kinds = (Sequence, range) if ordered else (Iterable,)
    if values is None or not isinstance(values, kinds) or isinstance(values, dict):
        raise TypeError(f"{name} must be {what}, got {_show(values)}")
    return list(values)


def string_list(values: Any, name: str, *, empty: str | None = "there is nothing to use") -> list[str]:
    """Return ``values`` as a list after checking it is a sequence of ``str``.

    ``empty`` is the reason given when the sequence is empty; pass None to allow it.
    NumPy strings become ``str``.

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
    if values is None:
        raise TypeError(f"{name} must be a list of strings, got None")
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a list of strings, got {type(values).__name__}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be a 1-D list of strings, got an array of shape {values.shape}")
    if empty is not None and len(values) == 0:
        raise ValueError(f"{name} is empty: {empty}")
    out = []
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"{name}[{i}] must be a str, got {type(v).__name__} {v!r}")
        out.append(str(v))
    return out


def path_like(value: Any, name: str = "path", *, text_file: bool = False) -> Any:
    """Check a file or directory name: a ``str`` or ``os.PathLike`` (e.g. ``pathlib.Path``).

    An ``int`` is refused: ``open(3)`` would use file descriptor 3. With ``text_file`` an
    open text file (an object with ``write``) is accepted too.

    >>> path_like("vectors.txt")
    'vectors.txt'
    >>> path_like(3)
    Traceback (most recent call last):
    ...
    TypeError: path must be a file name (a str or a pathlib.Path), got int 3
    """
    if isinstance(value, (str, os.PathLike)):
        return value
    if text_file and hasattr(value, "write") and not isinstance(value, (bytes, int)):
        return value
    alt = " or an open text file" if text_file else ""
    raise TypeError(f"{name} must be a file name (a str or a pathlib.Path){alt}, got {_show(value)}")


def axes(ax: Any, name: str = "ax") -> Any:
    """Check that ``ax`` is None or a matplotlib ``Axes`` (matplotlib is imported only if needed).

    >>> axes(None) is None
    True
    >>> axes("left")
    Traceback (most recent call last):
    ...
    TypeError: ax must be a matplotlib Axes (e.g. from plt.subplots()) or None, got str 'left'
    """
    if ax is None:
        return None
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes (e.g. from plt.subplots()) or None, got {_show(ax)}")
    return ax
