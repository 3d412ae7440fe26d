"""Export an embedding for the TensorFlow Embedding Projector (Chapter 6).

The Projector (https://projector.tensorflow.org) loads two tab-separated files:
``vectors.tsv`` with one vector per line, and ``metadata.tsv`` with the label of each
vector on the same line number. With a single metadata column the file has *no* header;
with several columns the first line is a header, so it then has one line more than
``vectors.tsv``.

The padding row needs a decision. TextVectorization names it ``''``, which would be an
empty line in ``metadata.tsv``; and it is not a word. By default it is left out of both
files (and so are any other ``skip`` rows); with ``padding_label`` it is kept under that
visible name.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._checks import _first_non_finite, id_array, integer, matrix_2d, path_like, sequence

__all__ = ["write_projector_files"]


def _clean(label: Any, what: str) -> str:
    s = str(label)
    if "\t" in s or "\n" in s or "\r" in s:
        raise ValueError(f"{what} {s!r} contains a tab or a line break, which would break the TSV layout")
    return s


def write_projector_files(
    directory: str | os.PathLike[str],
    tokens: Sequence[str],
    matrix: Any,
    *,
    skip: Sequence[int] | None = None,
    padding_label: str | None = None,
    columns: Mapping[str, Sequence[Any]] | None = None,
    decimals: int = 6,
) -> dict[str, Any]:
    """Write ``vectors.tsv`` and ``metadata.tsv`` for the Embedding Projector.

    Parameters
    ----------
    directory : path-like
        Created if missing.
    tokens : sequence of str, length n
        The vocabulary in id order (``tokens[i]`` labels row ``i``).
    matrix : array_like of shape (n, dim)
    skip : sequence of int, optional
        Row ids to leave out. Default: the rows whose token is ``''`` (padding), unless
        ``padding_label`` is given.
    padding_label : str, optional
        Keep the padding rows and show them under this label (e.g. ``"[PAD]"``).
    columns : mapping of str to sequence, optional
        Extra metadata columns (e.g. ``{"group": [...]}``), one value per row of
        ``matrix``. The token column is then called ``word`` and a header line is written.
    decimals : int
        Digits after the decimal point in ``vectors.tsv``.

    Returns
    -------
    dict
        ``vectors`` and ``metadata`` (the two paths), ``rows`` (ids written, in order)
        and ``lines`` (the line count of each file).

    See Also
    --------
    Chapter 6, "Exploring in the Embedding Projector".

    Examples
    --------
    >>> import tempfile
    >>> out = write_projector_files(tempfile.mkdtemp(), ["", "[UNK]", "good"], np.eye(3))
    >>> out["rows"], out["lines"]
    ([1, 2], {'vectors': 2, 'metadata': 2})
    """
    directory = path_like(directory, "directory")
    m = matrix_2d(matrix, finite=False)  # skipped rows may hold anything; written rows are checked below
    if not isinstance(tokens, str):
        tokens = sequence(tokens, "tokens", what="a list of labels, one per row of the matrix")
    if isinstance(tokens, str) or len(tokens) != m.shape[0]:
        raise ValueError(f"tokens must hold one label per row of the matrix ({m.shape[0]}), got "
                         f"{'a str' if isinstance(tokens, str) else len(tokens)}")
    tokens = [str(t) for t in tokens]
    if padding_label is not None:
        if not isinstance(padding_label, str) or not padding_label:
            raise ValueError(f"padding_label must be a non-empty str or None, got {padding_label!r}")
        tokens = [padding_label if t == "" else t for t in tokens]
    if skip is None:
        skip_ids = {i for i, t in enumerate(tokens) if t == ""}
    else:
        skip_ids = set(id_array(sequence(skip, "skip", what="a collection of row ids", ordered=False),
                                m.shape[0], name="skip").tolist())
    rows = [i for i in range(m.shape[0]) if i not in skip_ids]
    if not rows:
        raise ValueError("every row is skipped: nothing to export")
    for i in rows:
        if tokens[i] == "":
            raise ValueError(f"row {i} has an empty label; skip it or give padding_label")
        _clean(tokens[i], "token")
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a dict {{column name: values}}, got {type(columns).__name__}")
    extra: dict[str, list[str]] = {}
    for name, values in (columns or {}).items():
        _clean(name, "column name")
        if not isinstance(values, str):
            values = sequence(values, f"column {name!r}", what="a list with one value per row")
        if isinstance(values, str) or len(values) != m.shape[0]:
            raise ValueError(f"column {name!r} must hold one value per row ({m.shape[0]})")
        extra[name] = [_clean(v, f"value of column {name!r}") for v in values]
    decimals = integer(decimals, "decimals", minimum=0, maximum=12)
    bad = _first_non_finite(m[rows])
    if bad is not None:
        raise ValueError(f"matrix must hold finite numbers in the rows written, got {m[rows][bad]} at row "
                         f"{rows[bad[0]]}, column {bad[1]} (nan or inf cannot be shown)")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    vec_path = directory / "vectors.tsv"
    meta_path = directory / "metadata.tsv"
    row_fmt = "\t".join([f"%.{decimals}f"] * m.shape[1])
    with open(vec_path, "w", encoding="utf-8", newline="\n") as f:
        for i in rows:
            f.write(row_fmt % tuple(m[i].tolist()) + "\n")
    with open(meta_path, "w", encoding="utf-8", newline="\n") as f:
        if extra:
            f.write("\t".join(["word", *extra]) + "\n")
        for i in rows:
            f.write("\t".join([tokens[i], *(extra[c][i] for c in extra)]) + "\n")
    return {
        "vectors": vec_path,
        "metadata": meta_path,
        "rows": rows,
        "lines": {"vectors": len(rows), "metadata": len(rows) + (1 if extra else 0)},
    }
