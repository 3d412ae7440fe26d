"""Looking inside an embedding: a trained model's table and which rows training moved
(Chapter 4), and tools for real pre-trained vectors (Chapter 6): a word space for cosine
neighbours and analogies, GloVe-style tokens and out-of-vocabulary counts, the class
purity of a map's neighbourhoods, and a permutation test for a difference of means."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import (
    choice,
    matrix_2d,
    positive_int,
    real_array,
    seed as check_seed,
    sequence,
    string_list,
)

__all__ = [
    "changed_rows",
    "embedding_weights",
    "WordSpace",
    "glove_tokenize",
    "oov_report",
    "class_purity",
    "mean_difference_test",
]


def changed_rows(before: Any, after: Any, *, atol: float = 0.0) -> NDArray[np.int64]:
    """Ids of the rows of an embedding matrix that differ between two snapshots.

    A row counts as changed when any of its entries moved by more than ``atol``. With the
    default ``atol=0`` this is an exact comparison, which is what "training left this row
    alone" means.

    Parameters
    ----------
    before, after : array_like, shape (vocab_size, dim)
        The matrix before and after some training steps.
    atol : float
        Largest change still counted as "unchanged" (non-negative).

    Returns
    -------
    ndarray of shape (k,), int64
        The ids of the changed rows, in increasing order.

    See Also
    --------
    Chapter 4, "Training moves only the rows it looked up".

    Examples
    --------
    >>> w0 = np.zeros((4, 2))
    >>> w1 = w0.copy(); w1[1, 0] = 0.5; w1[3, 1] = -1e-9
    >>> changed_rows(w0, w1)
    array([1, 3])
    >>> changed_rows(w0, w1, atol=1e-6)
    array([1])
    """
    a = matrix_2d(before, "before")
    b = matrix_2d(after, "after")
    if a.shape != b.shape:
        raise ValueError(f"before and after must have the same shape, got {a.shape} and {b.shape}")
    if isinstance(atol, bool) or not isinstance(atol, (int, float, np.integer, np.floating)):
        raise TypeError(f"atol must be a number, got {type(atol).__name__} {atol!r}")
    if not np.isfinite(atol) or atol < 0:
        raise ValueError(f"atol must be a finite number >= 0, got {atol!r}")
    moved = np.abs(b.astype(np.float64) - a.astype(np.float64)) > atol
    return np.flatnonzero(moved.any(axis=1)).astype(np.int64)


def embedding_weights(model: Any, name: str | None = None) -> NDArray[np.float32]:
    """A copy of the embedding matrix of a Keras model (or of an ``Embedding`` layer).

    Parameters
    ----------
    model : keras.Model or keras.layers.Embedding
        A built model containing an ``Embedding`` layer, or the layer itself.
    name : str or None
        The layer's name, when the model has several embeddings; by default the model
        must have exactly one.

    Returns
    -------
    ndarray of shape (input_dim, output_dim), float32
        A NumPy copy: later training does not change it.

    See Also
    --------
    Chapters 4 and 5; Chapter 6 inspects the rows.
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be the name of an Embedding layer (a str) or None, got {type(name).__name__} {name!r}")
    import keras

    if isinstance(model, keras.layers.Embedding):
        layer = model
    elif isinstance(model, keras.Model):
        layers = [lay for lay in _all_layers(model) if isinstance(lay, keras.layers.Embedding)]
        if name is not None:
            layers = [lay for lay in layers if lay.name == name]
            if not layers:
                raise ValueError(f"the model has no Embedding layer named {name!r}")
        if not layers:
            raise ValueError("the model has no Embedding layer")
        if len(layers) > 1:
            names = ", ".join(repr(lay.name) for lay in layers)
            raise ValueError(f"the model has {len(layers)} Embedding layers ({names}); pass name= to choose one")
        (layer,) = layers
    else:
        raise TypeError(f"model must be a keras.Model or a keras.layers.Embedding, got {type(model).__name__}")
    if not layer.built:
        raise ValueError(f"the Embedding layer {layer.name!r} is not built yet: call the model on some ids first")
    return np.array(layer.embeddings.numpy(), dtype=np.float32, copy=True)


def _all_layers(model: Any) -> list[Any]:
    """The layers of ``model``, looking inside nested models, in order."""
    out = []
    for layer in model.layers:
        out.append(layer)
        if hasattr(layer, "layers"):
            out.extend(_all_layers(layer))
    return out


class WordSpace:
    """Cosine neighbours and analogies over :class:`WordVectors`, normalised once.

    The rows are divided by their lengths once, at construction (one pass over the
    matrix: 0.1 s for the 400,000 GloVe words); each query is then one matrix-vector
    product. Every ranking breaks exact ties by the smaller row id, that is by the more
    frequent word for vectors in frequency order such as GloVe's.

    Parameters
    ----------
    vectors : WordVectors
        Words and vectors, e.g. ``load_glove_6b()``. No row may be all zeros.

    See Also
    --------
    most_similar : neighbours in a small plain matrix.
    CosineIndex : exact top-k search for many query vectors at once (Chapter 14).
    Chapter 6, "Real vectors".

    Examples
    --------
    >>> from embedding_lib import WordVectors
    >>> wv = WordVectors(["a", "b", "c", "d"],
    ...                  np.array([[1, 0], [1, 0.2], [0, 1], [1, 1]], dtype="float32"))
    >>> idx = WordSpace(wv)
    >>> [(w, round(c, 3)) for w, c in idx.neighbours("a", k=2)]
    [('b', 0.981), ('d', 0.707)]
    >>> [w for w, _ in idx.neighbours("a", k=2, limit=3)]  # only the first 3 rows
    ['b', 'c']
    >>> round(idx.cosine("a", "c"), 3)
    0.0
    """

    def __init__(self, vectors: Any) -> None:
        from .vectors import WordVectors

        if not isinstance(vectors, WordVectors):
            raise TypeError(f"vectors must be WordVectors (e.g. el.load_glove_6b()), got {type(vectors).__name__}")
        m = np.asarray(vectors.vectors, dtype=np.float32)
        norms = np.linalg.norm(m, axis=1)
        if not (norms > 0).all():
            i = int(np.flatnonzero(~(norms > 0))[0])
            raise ValueError(f"the vector of {vectors.words[i]!r} (row {i}) is all zeros: its cosine is undefined")
        self.words: list[str] = vectors.words
        self.index: dict[str, int] = vectors.index
        self.unit: NDArray[np.float32] = m / norms[:, None]

    def __len__(self) -> int:
        return len(self.words)

    def _row(self, word: Any, name: str) -> int:
        if not isinstance(word, str):
            raise TypeError(f"{name} must be a word (str), got {type(word).__name__} {word!r}")
        if word not in self.index:
            raise ValueError(f"{name} {word!r} is not among the {len(self.words)} words")
        return self.index[word]

    def _limit(self, limit: Any) -> int:
        if limit is None:
            return len(self.words)
        return positive_int(limit, "limit", maximum=len(self.words), why=", the number of words")

    def _top(self, scores: NDArray[np.float32], k: int) -> list[tuple[str, float]]:
        finite = int(np.isfinite(scores).sum())
        if k > finite:
            raise ValueError(f"k={k} is more than the {finite} candidate words")
        part = np.argpartition(-scores, k - 1)[:k]
        kth = scores[part].min()
        pool = np.flatnonzero(scores >= kth)  # every row tied with the k-th, too
        order = pool[np.lexsort((pool, -scores[pool]))][:k]
        return [(self.words[i], float(scores[i])) for i in order]

    def cosine(self, a: str, b: str) -> float:
        """Cosine similarity of the vectors of two words."""
        return float(self.unit[self._row(a, "a")] @ self.unit[self._row(b, "b")])

    def neighbours(self, word: str, k: int = 10, *, limit: int | None = None) -> list[tuple[str, float]]:
        """The ``k`` words most similar to ``word`` by cosine, ``word`` itself left out.

        ``limit`` keeps only the first ``limit`` rows as candidates (the most frequent
        words, for vectors in frequency order); ``word`` itself may lie beyond it.
        Returns ``(word, cosine)`` pairs, most similar first.
        """
        i = self._row(word, "word")
        n = self._limit(limit)
        k = positive_int(k, "k")
        scores = self.unit[:n] @ self.unit[i]
        if i < n:
            scores[i] = -np.inf
        return self._top(scores, k)

    def analogy(
        self, a: str, b: str, c: str, k: int = 1, *, exclude_query: bool = True, limit: int | None = None
    ) -> list[tuple[str, float]]:
        """"``a`` is to ``b`` as ``c`` is to ?" by 3CosAdd: the words nearest ``b - a + c``.

        The three vectors are normalised first, so the score of a word ``d`` is its
        cosine with ``u_b - u_a + u_c``, which ranks ``d`` as ``cos(d, b) - cos(d, a) +
        cos(d, c)`` does (Levy and Goldberg, 2014). With ``exclude_query`` (the usual
        evaluation, and the default) ``a``, ``b`` and ``c`` cannot be the answer; without
        it the answer is often ``c`` or ``b`` itself. ``limit`` as in :meth:`neighbours`.
        Returns ``(word, score)`` pairs, best first.
        """
        rows = [self._row(a, "a"), self._row(b, "b"), self._row(c, "c")]
        if not isinstance(exclude_query, (bool, np.bool_)):
            raise TypeError(f"exclude_query must be True or False, got {type(exclude_query).__name__} {exclude_query!r}")
        n = self._limit(limit)
        k = positive_int(k, "k")
        v = self.unit[rows[1]].astype(np.float64) - self.unit[rows[0]] + self.unit[rows[2]]
        norm = np.linalg.norm(v)
        if norm == 0:
            raise ValueError(f"b - a + c is the zero vector for {a!r}, {b!r}, {c!r}: no direction to rank by")
        scores = self.unit[:n] @ (v / norm).astype(np.float32)
        if exclude_query:
            for r in rows:
                if r < n:
                    scores[r] = -np.inf
        return self._top(scores, k)


# Stanford's PTB tokenizer splits these clitics off ("isn't" -> "is" "n't", "can't" ->
# "ca" "n't", "it's" -> "it" "'s"). Decimal numbers and hyphenated words stay whole.
_GLOVE_TOKEN = re.compile(
    r"\w+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|\d+(?:[.,]\d+)+|\w+(?:-\w+)*|[^\w\s]"
)


def glove_tokenize(text: str) -> list[str]:
    """Lower-case ``text`` and split it roughly as the GloVe 6B vocabulary was split.

    GloVe 6B was built from text lower-cased and tokenised by the Stanford tokenizer,
    which splits punctuation off and contractions into two tokens: ``"isn't"`` becomes
    ``"is" "n't"``, ``"can't"`` ``"ca" "n't"`` and ``"it's"`` ``"it" "'s"``. This is a
    small regular-expression version of that (it does not rewrite brackets or quotes as
    Stanford's does), enough to look words up. Curly apostrophes count as straight ones.

    By contrast the course's :func:`tokenize` (Keras' default standardisation) strips
    the apostrophe and makes ``"isnt"``, a rare misspelling in GloVe's vocabulary.

    See Also
    --------
    oov_report. Chapter 6, "How much of the course's text GloVe knows".

    Examples
    --------
    >>> glove_tokenize("Isn't it good? It's 3.5 well-known words, can't you see!")
    ['is', "n't", 'it', 'good', '?', 'it', "'s", '3.5', 'well-known', 'words', ',', 'ca', "n't", 'you', 'see', '!']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__} {text!r}"[:120])
    return _GLOVE_TOKEN.findall(text.replace("\u2019", "'").lower())


def oov_report(tokens: Sequence[str], vocabulary: Any) -> dict[str, Any]:
    """How many tokens, and how many distinct words (types), a vocabulary lacks.

    Parameters
    ----------
    tokens : sequence of str
        The running text, one token per entry (repeats count as tokens).
    vocabulary : container of str
        Anything that answers ``word in vocabulary``: ``WordVectors``, a set, a dict.

    Returns
    -------
    dict with ``tokens``, ``types`` (counts), ``oov_tokens``, ``oov_types`` (counts of
    those missing), ``token_share``, ``type_share`` (the missing shares, 0 to 1) and
    ``missing`` (the missing types, in order of first appearance).

    See Also
    --------
    glove_tokenize. Chapter 6, "How much of the course's text GloVe knows".

    Examples
    --------
    >>> r = oov_report(["the", "cat", "the", "zzyzx"], {"the", "cat"})
    >>> r["oov_tokens"], r["tokens"], r["oov_types"], r["types"], r["missing"]
    (1, 4, 1, 3, ['zzyzx'])
    """
    if isinstance(tokens, str):
        raise TypeError("tokens must be a list of tokens, not a single str (split it first)")
    tokens = string_list(tokens, "tokens", empty="there are no tokens to count")
    if not hasattr(vocabulary, "__contains__") or isinstance(vocabulary, str):
        raise TypeError(f"vocabulary must be a container of words (WordVectors, set, dict), got {type(vocabulary).__name__}")
    types = list(dict.fromkeys(tokens))
    missing = [t for t in types if t not in vocabulary]
    gone = set(missing)
    oov_tokens = sum(t in gone for t in tokens)
    return {
        "tokens": len(tokens),
        "types": len(types),
        "oov_tokens": oov_tokens,
        "oov_types": len(missing),
        "token_share": oov_tokens / len(tokens),
        "type_share": len(missing) / len(types),
        "missing": missing,
    }


def class_purity(points: Any, labels: Sequence[Any], k: int = 10, *, metric: str = "euclidean") -> float:
    """Share of each point's ``k`` nearest neighbours that carry its own label, averaged.

    For a 2-D map (PCA, t-SNE) use the default Euclidean distance, the one the eye sees;
    ``metric="cosine"`` measures the same in the original vectors. Ties are broken by the
    smaller index. With labels unrelated to position the expected value is about
    ``(group size - 1) / (n - 1)``; 1 means every neighbourhood is one class.

    Parameters
    ----------
    points : array_like of shape (n, dim)
    labels : sequence of length n
    k : int
        At most ``n - 1``.
    metric : {"euclidean", "cosine"}

    See Also
    --------
    neighbour_agreement : the cosine version for embedding rows. Chapter 6, "A map of
    real words".

    Examples
    --------
    >>> class_purity([[0, 0], [0, 1], [5, 5], [5, 6]], ["a", "a", "b", "b"], k=1)
    1.0
    >>> class_purity([[0, 0], [0, 1], [5, 5], [5, 6]], ["a", "b", "a", "b"], k=1)
    0.0
    """
    p = matrix_2d(points, "points").astype(np.float64)
    n = p.shape[0]
    if isinstance(labels, str):
        raise TypeError("labels must be a sequence with one label per point, not a single str")
    labels = sequence(labels, "labels", what="a sequence with one label per point")
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries for {n} points")
    k = positive_int(k, "k", maximum=n - 1, why=", the number of other points")
    metric = choice(metric, "metric", ["euclidean", "cosine"])
    if metric == "cosine":
        norms = np.linalg.norm(p, axis=1)
        if not (norms > 0).all():
            raise ValueError(f"point {int(np.flatnonzero(~(norms > 0))[0])} is all zeros: its cosine is undefined")
        u = p / norms[:, None]
        d = 1.0 - u @ u.T
    else:
        sq = (p**2).sum(axis=1)
        d = sq[:, None] + sq[None, :] - 2.0 * p @ p.T
    np.fill_diagonal(d, np.inf)
    codes = np.unique(np.array([str(type(x)) + repr(x) for x in labels]), return_inverse=True)[1]
    nn = np.argsort(d, axis=1, kind="stable")[:, :k]
    return float(np.mean(codes[nn] == codes[:, None]))


def mean_difference_test(a: Any, b: Any, *, n_permutations: int = 10_000, seed: int = 0) -> dict[str, Any]:
    """Is ``mean(a) - mean(b)`` larger than relabelling the values at random gives?

    A one-sided permutation test: pool the values, deal them at random into groups of
    the sizes of ``a`` and ``b`` ``n_permutations`` times, and count how often the
    difference of means reaches the observed one. The p-value counts the observed
    labelling as one of the permutations, ``(count + 1) / (n_permutations + 1)``, so it
    is never 0.

    Returns
    -------
    dict with ``difference`` (observed), ``p_value``, ``exceed`` (how many permutations
    reached it) and ``null`` (the ``n_permutations`` differences, an ndarray).

    See Also
    --------
    Chapter 6, "Measuring a social bias".

    Examples
    --------
    >>> r = mean_difference_test([5.0, 6.0, 7.0], [1.0, 2.0, 3.0], n_permutations=999)
    >>> r["difference"], r["exceed"] < 100, r["p_value"] < 0.1
    (4.0, True, True)
    """
    x = real_array(a, "a", what="a list of numbers").astype(np.float64).ravel()
    y = real_array(b, "b", what="a list of numbers").astype(np.float64).ravel()
    if x.size < 1 or y.size < 1:
        raise ValueError(f"a and b need at least one value each, got {x.size} and {y.size}")
    n_permutations = positive_int(n_permutations, "n_permutations", maximum=10_000_000)
    rng = np.random.default_rng(check_seed(seed))
    pooled = np.concatenate([x, y])
    observed = float(x.mean() - y.mean())
    perms = rng.permuted(np.tile(pooled, (n_permutations, 1)), axis=1)
    null = perms[:, : x.size].mean(axis=1) - perms[:, x.size :].mean(axis=1)
    exceed = int(np.sum(null >= observed - 1e-12 * max(1.0, abs(observed))))
    return {"difference": observed, "p_value": (exceed + 1) / (n_permutations + 1),
            "exceed": exceed, "null": null}
