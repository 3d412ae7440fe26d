"""Memory accounting: what one-hot vectors and embedding tables cost (Chapters 1, 3, 10)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import DTypeLike

from ._checks import non_negative_int, positive_int, sequence

__all__ = ["one_hot_bytes", "embedding_bytes", "table_bytes", "format_bytes", "memory_table"]


def _itemsize(dtype: DTypeLike) -> int:
    try:
        return np.dtype(dtype).itemsize
    except TypeError as err:
        raise TypeError(f"dtype must be a numpy dtype such as 'float32', got {dtype!r}") from err


def one_hot_bytes(vocab_size: int, n_tokens: int = 1, dtype: DTypeLike = np.float32) -> int:
    """Bytes taken by ``n_tokens`` dense one-hot vectors of length ``vocab_size``.

    Equal to ``one_hot(ids, vocab_size, dtype).nbytes`` for ``n_tokens`` ids.

    Parameters
    ----------
    vocab_size : int
    n_tokens : int
    dtype : numpy dtype

    Returns
    -------
    int

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> one_hot_bytes(2000)
    8000
    >>> one_hot_bytes(2000, n_tokens=5, dtype="uint8")
    10000
    """
    return positive_int(vocab_size, "vocab_size") * positive_int(n_tokens, "n_tokens") * _itemsize(dtype)


def embedding_bytes(dim: int, n_tokens: int = 1, dtype: DTypeLike = np.float32) -> int:
    """Bytes taken by ``n_tokens`` looked-up embedding vectors of length ``dim``.

    (For the whole table, pass ``n_tokens=vocab_size``.)

    Parameters
    ----------
    dim : int
    n_tokens : int
    dtype : numpy dtype

    Returns
    -------
    int

    See Also
    --------
    Chapter 3, "The embedding matrix".

    Examples
    --------
    >>> embedding_bytes(6)
    24
    >>> embedding_bytes(64, n_tokens=10_000_000)
    2560000000
    """
    return positive_int(dim, "dim") * positive_int(n_tokens, "n_tokens") * _itemsize(dtype)


def table_bytes(
    n_rows: int,
    dim: int,
    *,
    optimizer_slots: int = 0,
    n_shards: int = 1,
    dtype: DTypeLike = np.float32,
) -> int:
    """Bytes one device holds of an ``n_rows x dim`` table and its optimizer slots.

    Training keeps the weights plus ``optimizer_slots`` arrays of the table's shape
    (Adam: 2, its ``momentum`` and ``velocity``). Mirrored (``n_shards=1``) every device
    holds all of it; sharded by rows over ``n_shards`` devices, each holds at most
    ``ceil(n_rows / n_shards)`` rows of each (slots are sharded like the table).

    Parameters
    ----------
    n_rows, dim : int
    optimizer_slots : int
        Arrays of the table's shape the optimizer keeps (0 for plain SGD).
    n_shards : int
        Devices the rows are split over (1: the whole table on every device).
    dtype : numpy dtype

    Returns
    -------
    int

    See Also
    --------
    Chapter 11, "Why mirroring stops working".

    Examples
    --------
    >>> table_bytes(10_000_000, 64)
    2560000000
    >>> table_bytes(10_000_000, 64, optimizer_slots=2, n_shards=8)
    960000000
    """
    n_rows = positive_int(n_rows, "n_rows")
    n_shards = positive_int(n_shards, "n_shards")
    copies = 1 + non_negative_int(optimizer_slots, "optimizer_slots")
    return copies * embedding_bytes(dim, -(-n_rows // n_shards), dtype)


def format_bytes(n: int | float) -> str:
    """Human-readable size with binary-free SI units (kB = 1000 B).

    ``n`` must be a finite number >= 0 (Python or NumPy); anything else raises ``ValueError``.

    Examples
    --------
    >>> format_bytes(8000), format_bytes(2_560_000_000), format_bytes(24)
    ('8.0 kB', '2.6 GB', '24 B')
    """
    if (isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, float, np.integer, np.floating))
            or not np.isfinite(n) or n < 0):
        raise ValueError(f"n must be a non-negative number of bytes, got {n!r}")
    if n < 1000:
        return f"{int(n)} B"
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        n /= 1000
        if n < 1000 or unit == "PB":
            return f"{n:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def memory_table(
    vocab_sizes: Sequence[int],
    *,
    sentence_len: int,
    corpus_tokens: int,
    dim: int | None = None,
    dtype: DTypeLike = np.float32,
) -> list[dict[str, int]]:
    """One-hot memory per word, per sentence and per corpus, for each vocabulary size.

    With ``dim`` given, the same three quantities for embedding vectors are added, plus the
    size of the embedding table itself.

    Parameters
    ----------
    vocab_sizes : sequence of int
    sentence_len : int
        Words per sentence.
    corpus_tokens : int
        Words (tokens) in the whole corpus.
    dim : int, optional
        Embedding dimension, to add the dense-vector columns.
    dtype : numpy dtype
        Element type of both encodings.

    Returns
    -------
    list of dict
        Keys ``vocab_size``, ``word``, ``sentence``, ``corpus`` (bytes of one-hot), and with
        ``dim``: ``emb_word``, ``emb_sentence``, ``emb_corpus``, ``emb_table``.

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> memory_table([2000], sentence_len=5, corpus_tokens=1000)[0]
    {'vocab_size': 2000, 'word': 8000, 'sentence': 40000, 'corpus': 8000000}
    """
    sentence_len = positive_int(sentence_len, "sentence_len")
    corpus_tokens = positive_int(corpus_tokens, "corpus_tokens")
    sizes = sequence(vocab_sizes, "vocab_sizes", what="a list of vocabulary sizes (ints)")
    if dim is not None:
        dim = positive_int(dim, "dim")
    rows = []
    for i, v in enumerate(sizes):
        row = {
            "vocab_size": positive_int(v, f"vocab_sizes[{i}]"),
            "word": one_hot_bytes(v, 1, dtype),
            "sentence": one_hot_bytes(v, sentence_len, dtype),
            "corpus": one_hot_bytes(v, corpus_tokens, dtype),
        }
        if dim is not None:
            row |= {
                "emb_word": embedding_bytes(dim, 1, dtype),
                "emb_sentence": embedding_bytes(dim, sentence_len, dtype),
                "emb_corpus": embedding_bytes(dim, corpus_tokens, dtype),
                "emb_table": embedding_bytes(dim, v, dtype),
            }
        rows.append(row)
    return rows
