"""Subword (character n-gram) embeddings: vectors for words the table has never seen
(Chapter 12).

fastText (Bojanowski et al., 2017) represents a word by the character n-grams of the
word wrapped in boundary markers, ``<where>`` -> ``<wh``, ``whe``, ``her``, ``ere``,
``re>``, ..., and hashes each n-gram into one of a fixed number of buckets with the
32-bit FNV-1a hash, so that no list of n-grams has to be stored. A word's vector is the
sum (here: the mean) of its n-grams' rows. Any string has n-grams, so any string gets a
vector, misspellings and words never seen included.

Everything here is NumPy and the standard library; the Keras model that learns the rows
is built in the chapter.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import choice, integer, matrix_2d, positive_int, seed as _check_seed, string_list

__all__ = [
    "fnv1a_32",
    "char_ngrams",
    "ngram_ids",
    "misspell",
    "edit_distance",
    "nearest_by_edit_distance",
    "neighbour_hits",
]

_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def fnv1a_32(text: str) -> int:
    """The 32-bit FNV-1a hash of ``text``'s UTF-8 bytes, the hash fastText uses for n-grams.

    Unlike Python's ``hash()``, it is the same in every process and on every machine.

    Examples
    --------
    >>> fnv1a_32(""), fnv1a_32("a"), hex(fnv1a_32("foobar"))
    (2166136261, 3826002220, '0xbf9cf968')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__} {text!r}")
    h = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def _check_n(n_min: Any, n_max: Any) -> tuple[int, int]:
    n_min = positive_int(n_min, "n_min", maximum=20)
    n_max = positive_int(n_max, "n_max", maximum=20)
    if n_max < n_min:
        raise ValueError(f"n_max must be >= n_min, got n_min={n_min}, n_max={n_max}")
    return n_min, n_max


def char_ngrams(word: str, n_min: int = 3, n_max: int = 5, *, boundary: bool = True) -> list[str]:
    """The character n-grams of ``word``, shortest first, left to right.

    With ``boundary`` the word is first wrapped in ``<`` and ``>``, as in fastText, so
    that a prefix (``<un``) differs from the same letters inside a word (``un`` in
    ``fun``), and a short word is itself one of its n-grams (``<cat>``).

    Parameters
    ----------
    word : str
    n_min, n_max : int
        Lengths of the n-grams, from ``n_min`` to ``n_max`` included (at most 20).
    boundary : bool

    Returns
    -------
    list of str
        ``len(t) - n + 1`` n-grams of each length ``n`` (``t`` the wrapped word); none of
        a length longer than ``t``. Repeated n-grams are kept (they count twice).

    See Also
    --------
    ngram_ids. Chapter 12, "A word as a bag of character n-grams".

    Examples
    --------
    >>> char_ngrams("where", 3, 3)
    ['<wh', 'whe', 'her', 'ere', 're>']
    >>> char_ngrams("cat", 4, 5)
    ['<cat', 'cat>', '<cat>']
    """
    if not isinstance(word, str):
        raise TypeError(f"word must be a str, got {type(word).__name__} {word!r}")
    if not word:
        raise ValueError("word must not be empty")
    n_min, n_max = _check_n(n_min, n_max)
    text = f"<{word}>" if boundary else word
    return [text[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(text) - n + 1)]


def ngram_ids(
    words: Sequence[str],
    num_buckets: int,
    n_min: int = 3,
    n_max: int = 5,
    *,
    max_ngrams: int | None = None,
) -> NDArray[np.int32]:
    """Hashed n-gram ids of each word, one padded row per word, ready for an ``Embedding``.

    Each n-gram of :func:`char_ngrams` (with boundary markers) becomes
    ``fnv1a_32(ngram) % num_buckets + 1``, so ids run from 1 to ``num_buckets`` and 0 is
    left for padding (use ``Embedding(num_buckets + 1, dim, mask_zero=True)``).

    Parameters
    ----------
    words : sequence of str, length n
    num_buckets : int
        Number of hash buckets (rows of the table besides padding).
    n_min, n_max : int
    max_ngrams : int, optional
        Width of the result. Longer words keep only their first ``max_ngrams`` n-grams
        (the shortest n-grams come first). By default the width of the longest word.

    Returns
    -------
    ndarray of shape (n, width), int32
        Row ``i`` holds word ``i``'s ids followed by zeros.

    See Also
    --------
    char_ngrams, fnv1a_32. Chapter 12.

    Examples
    --------
    >>> ngram_ids(["cat", "cats"], 100, 3, 3)
    array([[48, 32,  7,  0],
           [48, 32, 22, 39]], dtype=int32)
    """
    words = string_list(words, "words")
    num_buckets = positive_int(num_buckets, "num_buckets", maximum=2**31 - 2)
    n_min, n_max = _check_n(n_min, n_max)
    if max_ngrams is not None:
        max_ngrams = positive_int(max_ngrams, "max_ngrams", maximum=10_000)
    for i, w in enumerate(words):
        if not w:
            raise ValueError(f"words[{i}] is an empty string: it has no n-grams")
    grams = [char_ngrams(w, n_min, n_max) for w in words]
    width = max_ngrams if max_ngrams is not None else max(len(g) for g in grams)
    cache: dict[str, int] = {}
    out = np.zeros((len(words), width), dtype=np.int32)
    for i, gs in enumerate(grams):
        row = []
        for g in gs[:width]:
            b = cache.get(g)
            if b is None:
                b = cache[g] = fnv1a_32(g) % num_buckets + 1
            row.append(b)
        out[i, : len(row)] = row
    return out


def misspell(
    words: Sequence[str], seed: int = 0, kinds: Sequence[str] = ("delete", "swap", "substitute")
) -> tuple[list[str], list[str]]:
    """One random typing error in each word: a deletion, a swap of two neighbouring
    letters, or a substitution by another lower-case letter.

    The kind (among ``kinds``) and the position are drawn with ``seed``. A swap of two
    equal letters would change nothing, so a word whose neighbours are all equal pairs
    gets a substitution instead; every returned spelling differs from its word.

    Parameters
    ----------
    words : sequence of str, each at least 2 characters
    seed : int
    kinds : sequence of {"delete", "swap", "substitute"}

    Returns
    -------
    (misspelled, kind) : two lists of str, one entry per word

    See Also
    --------
    Chapter 12, "Misspellings".

    Examples
    --------
    >>> misspell(["embedding", "vector", "table"], seed=0)
    (['embedning', 'vctor', 'able'], ['substitute', 'delete', 'delete'])
    """
    words = string_list(words, "words")
    rng = np.random.default_rng(_check_seed(seed))
    kinds = string_list(list(kinds) if not isinstance(kinds, str) else kinds, "kinds")
    for k in kinds:
        choice(k, "kinds", ("delete", "swap", "substitute"))
    out, used = [], []
    for i, w in enumerate(words):
        if len(w) < 2:
            raise ValueError(f"words[{i}] = {w!r} is too short to misspell (2 letters or more)")
        kind = kinds[int(rng.integers(len(kinds)))]
        swappable = [j for j in range(len(w) - 1) if w[j] != w[j + 1]]
        if kind == "swap" and not swappable:
            kind = "substitute"
        if kind == "delete":
            j = int(rng.integers(len(w)))
            new = w[:j] + w[j + 1 :]
        elif kind == "swap":
            j = swappable[int(rng.integers(len(swappable)))]
            new = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        else:
            j = int(rng.integers(len(w)))
            others = [c for c in _LETTERS if c != w[j]]
            new = w[:j] + others[int(rng.integers(len(others)))] + w[j + 1 :]
        out.append(new)
        used.append(kind)
    return out, used


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest deletions, insertions and substitutions of single
    characters that turn ``a`` into ``b`` (a swap of neighbours counts 2).

    Examples
    --------
    >>> edit_distance("kitten", "sitting"), edit_distance("form", "from")
    (3, 2)
    """
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError(f"a and b must be str, got {type(a).__name__} and {type(b).__name__}")
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _distances(query: NDArray[np.int32], codes: NDArray[np.int32], lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    """Levenshtein distances from one query to many words at once (rows of ``codes``).

    Row by row of the query, as in :func:`edit_distance`; the left-to-right dependency
    inside a row is a running minimum: cur[j] = min_k (a[k] + j - k).
    """
    n, width = codes.shape
    cols = np.arange(width + 1, dtype=np.int32)
    prev = np.broadcast_to(cols, (n, width + 1)).astype(np.int32)
    for i, c in enumerate(query, 1):
        a = np.empty_like(prev)
        a[:, 0] = i
        a[:, 1:] = np.minimum(prev[:, 1:] + 1, prev[:, :-1] + (codes != c))
        prev = np.minimum.accumulate(a - cols, axis=1) + cols
    return prev[np.arange(n), lengths].astype(np.int64)


def _letter_counts(words: list[str]) -> NDArray[np.int16]:
    """Counts of a..z (column 26: any other character) of each word."""
    counts = np.zeros((len(words), 27), dtype=np.int16)
    for r, w in enumerate(words):
        for ch in w:
            k = ord(ch) - 97
            counts[r, k if 0 <= k < 26 else 26] += 1
    return counts


def nearest_by_edit_distance(
    queries: Sequence[str], vocabulary: Sequence[str]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For each query, the vocabulary word at the smallest Levenshtein distance.

    Ties go to the word that comes first in ``vocabulary``: with a vocabulary in
    frequency order (as GloVe's), the most frequent of the closest words, which is what
    a simple spelling corrector returns. Exact, and fast because most words are never
    compared letter by letter: a word whose letter counts differ from the query's by
    more than the best distance found so far (an edit changes the counts by at most one
    in excess and one in deficit) cannot be closer, and is skipped.

    Returns
    -------
    (index, distance) : two int64 arrays of shape (len(queries),)

    See Also
    --------
    edit_distance. Chapter 12, the edit-distance baseline.

    Examples
    --------
    >>> nearest_by_edit_distance(["form", "cats", "zzzz"], ["from", "cat", "for", "cats"])
    (array([2, 3, 0]), array([1, 0, 4]))
    """
    queries = string_list(queries, "queries")
    vocabulary = string_list(vocabulary, "vocabulary")
    width = max(len(w) for w in vocabulary)
    codes = np.full((len(vocabulary), width), -1, dtype=np.int32)
    for r, w in enumerate(vocabulary):
        codes[r, : len(w)] = [ord(c) for c in w]
    lengths = np.array([len(w) for w in vocabulary], dtype=np.int64)
    counts = np.ascontiguousarray(_letter_counts(vocabulary).T)  # (27, V): fast sums
    best_index = np.zeros(len(queries), dtype=np.int64)
    best_dist = np.zeros(len(queries), dtype=np.int64)
    for q, word in enumerate(queries):
        query = np.array([ord(c) for c in word], dtype=np.int32)
        diff = np.abs(counts - _letter_counts([word])[0][:, None]).sum(axis=0)
        # letters in excess and in deficit: max(excess, deficit), a lower bound
        bound = (diff + np.abs(lengths - len(word))) // 2
        radius = max(1, int(bound.min()))
        while True:
            rows = np.flatnonzero(bound <= radius)
            d = _distances(query, codes[rows, : int(lengths[rows].max())], lengths[rows])
            best = int(d.min())
            if best <= radius:  # every skipped word is farther than `best`: exact
                break
            radius = best
        best_index[q] = rows[np.flatnonzero(d == best)[0]]
        best_dist[q] = best
    return best_index, best_dist


def neighbour_hits(predicted: Any, table: Any, true_rows: Any, k: int = 10) -> NDArray[np.bool_]:
    """Is the true word among the ``k`` nearest rows (by cosine) of each predicted vector?

    Parameters
    ----------
    predicted : array_like of shape (n, dim)
        A row of zeros (a model with no vector for the word) never hits.
    table : array_like of shape (V, dim)
        The vectors searched, e.g. the GloVe rows of the 50,000 most frequent words.
    true_rows : array_like of int, shape (n,)
        Row of ``table`` holding each word's true vector.
    k : int

    Returns
    -------
    ndarray of bool, shape (n,)
        True where fewer than ``k`` rows are strictly closer than the true row (a tie
        with the true row counts for it).

    See Also
    --------
    Chapter 12, "Nearest-neighbour agreement".

    Examples
    --------
    >>> table = [[1, 0], [0, 1], [1, 1]]
    >>> neighbour_hits([[1, 0.1], [0, 0]], table, [0, 1], k=1).tolist()
    [True, False]
    """
    p = matrix_2d(predicted, "predicted").astype(np.float64)
    t = matrix_2d(table, "table").astype(np.float64)
    if p.shape[1] != t.shape[1]:
        raise ValueError(f"predicted has {p.shape[1]} columns but table has {t.shape[1]}")
    k = positive_int(k, "k", maximum=t.shape[0])
    rows = np.asarray(true_rows)
    if rows.shape != (p.shape[0],):
        raise ValueError(f"true_rows must have one row index per predicted vector, shape ({p.shape[0]},), "
                         f"got {rows.shape}")
    rows = np.array([integer(r, "true_rows", minimum=0, maximum=t.shape[0] - 1) for r in rows.tolist()],
                    dtype=np.int64)
    pn = np.linalg.norm(p, axis=1)
    tn = np.linalg.norm(t, axis=1)
    tn[tn == 0] = 1.0
    unit_t = t / tn[:, None]
    hits = np.zeros(p.shape[0], dtype=bool)
    for start in range(0, p.shape[0], 1024):
        sl = slice(start, start + 1024)
        ok = pn[sl] > 0
        sims = (p[sl] / np.where(ok, pn[sl], 1.0)[:, None]) @ unit_t.T
        true_sim = sims[np.arange(sims.shape[0]), rows[sl]]
        closer = (sims > true_sim[:, None]).sum(axis=1)
        hits[sl] = ok & (closer < k)
    return hits
