"""Honest estimates for tiny data sets: leave-one-out over several seeds (Chapter 5).

Accuracy on the sentences a model was trained on says little when there are ten of them.
Leave-one-out trains on all texts but one, predicts the one left out, and repeats for each
text; doing that for several seeds shows how much the answer depends on the random start.
"""
from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ._checks import KERAS_SEED_MAX, check_size, id_array, matrix_2d, positive_int, real_array
from .models import _check_texts, build_sentiment_model, hash_encode, make_text_vectorizer
from .vocab import tokenize

__all__ = ["LeaveOneOutResult", "leave_one_out_splits", "train_full_batch", "leave_one_out",
           "leave_one_out_with", "seed_summary", "pair_accuracy", "average_vectors",
           "nearest_centroid"]


@dataclass(frozen=True)
class LeaveOneOutResult:
    """Held-out predictions of :func:`leave_one_out`, one row per seed.

    Attributes
    ----------
    seeds : tuple of int, length s
    labels : ndarray of shape (n,), int64
    probabilities : ndarray of shape (s, n), float64
        ``probabilities[i, k]``: the probability of label 1 that the model trained with
        ``seeds[i]`` on every text except ``k`` gave to text ``k``.
    """

    seeds: tuple[int, ...]
    labels: NDArray[np.int64]
    probabilities: NDArray[np.float64]

    @property
    def predictions(self) -> NDArray[np.int64]:
        """Predicted labels (probability >= 0.5), shape (s, n)."""
        return (self.probabilities >= 0.5).astype(np.int64)

    @property
    def correct(self) -> NDArray[np.bool_]:
        """Whether each held-out prediction was right, shape (s, n)."""
        return self.predictions == self.labels[None, :]

    @property
    def accuracy_per_seed(self) -> NDArray[np.float64]:
        """Leave-one-out accuracy of each seed, shape (s,)."""
        return self.correct.mean(axis=1)

    @property
    def mean_accuracy(self) -> float:
        """Mean of :attr:`accuracy_per_seed`."""
        return float(self.accuracy_per_seed.mean())

    @property
    def std_accuracy(self) -> float:
        """Sample standard deviation (ddof=1) of :attr:`accuracy_per_seed`; 0.0 for one seed."""
        acc = self.accuracy_per_seed
        return float(acc.std(ddof=1)) if acc.size > 1 else 0.0


def leave_one_out_splits(n: int) -> list[tuple[NDArray[np.int64], int]]:
    """The ``n`` leave-one-out folds of ``n`` items: (training indices, held-out index).

    Returns
    -------
    list of (ndarray of shape (n-1,), int), length n
        Fold ``k`` holds out item ``k`` and trains on the others, in order.

    See Also
    --------
    Chapter 5, "An honest estimate".

    Examples
    --------
    >>> [(train.tolist(), test) for train, test in leave_one_out_splits(3)]
    [([1, 2], 0), ([0, 2], 1), ([0, 1], 2)]
    """
    n = positive_int(n, "n")
    if n < 2:
        raise ValueError(f"leave-one-out needs at least 2 items (one to train on), got n={n}")
    check_size(n * (n - 1), f"the n={n:,} folds of n - 1 training indices")
    everything = np.arange(n, dtype=np.int64)
    return [(np.delete(everything, k), k) for k in range(n)]


def train_full_batch(model: Any, x: Any, y: Any, epochs: int) -> dict[str, list[float]]:
    """Train a compiled Keras model on all of ``(x, y)`` as one batch, ``epochs`` times.

    For a data set that fits in one batch this gives exactly the weights of
    ``model.fit(x, y, epochs=epochs, shuffle=False)`` (the tests check it), but without
    ``fit``'s per-epoch bookkeeping, which dominates the time when a batch holds nine
    sentences.

    Parameters
    ----------
    model : keras.Model
        Compiled.
    x : array_like, shape (n, ...)
    y : array_like, shape (n,) or (n, 1)
    epochs : int

    Returns
    -------
    dict
        Like ``fit(...).history``: each metric (``"loss"``, ``"accuracy"``, ...) mapped
        to its list of ``epochs`` values, measured during each update.

    Raises
    ------
    ValueError, TypeError
        Before Keras sees them: ``x`` and ``y`` must be finite real numbers of the same
        length; when the model's first layer is an ``Embedding``, ``x`` must hold ids in
        ``0 .. input_dim - 1``; with a binary cross-entropy loss, ``y`` must lie in
        ``[0, 1]``.
    """
    epochs = positive_int(epochs, "epochs")
    if not hasattr(model, "train_on_batch"):
        raise TypeError(f"model must be a compiled keras.Model, got {type(model).__name__}")
    x = real_array(x, "x", what="an array of model inputs, one row per example")
    y = real_array(y, "y", what="an array of labels, one per example")
    if x.ndim == 0 or y.ndim == 0:
        raise ValueError(f"x and y must have one entry per example, got shapes {x.shape} and {y.shape}")
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    if len(x) == 0:
        raise ValueError("x is empty: there is nothing to train on")
    input_dim = _first_embedding_input_dim(model)
    if input_dim is not None:
        id_array(x, input_dim, name="x (ids for the model's Embedding)")
    if _is_binary_crossentropy(model) and (y.min() < 0 or y.max() > 1):
        pos = int(np.flatnonzero((y.ravel() < 0) | (y.ravel() > 1))[0])
        raise ValueError(f"y must hold labels between 0 and 1 for the binary cross-entropy loss, "
                         f"got {y.ravel()[pos]} at position {pos}")
    history: dict[str, list[float]] = {}
    for _ in range(epochs):
        logs = model.train_on_batch(x, y, return_dict=True)
        for key, value in logs.items():
            history.setdefault(key, []).append(float(value))
    return history


def _first_embedding_input_dim(model: Any) -> int | None:
    """``input_dim`` of the model's first layer if it is an Embedding fed by its only input."""
    import keras

    if len(getattr(model, "inputs", None) or ()) != 1:
        return None
    layers = [lay for lay in getattr(model, "layers", []) if not isinstance(lay, keras.layers.InputLayer)]
    if layers and isinstance(layers[0], keras.layers.Embedding):
        return int(layers[0].input_dim)
    return None


def _is_binary_crossentropy(model: Any) -> bool:
    import keras

    loss = getattr(model, "loss", None)
    if isinstance(loss, keras.losses.BinaryCrossentropy):
        return True
    return isinstance(loss, str) and loss.lower() in ("binary_crossentropy", "bce")


def _check_labels(labels: Any, n: int) -> NDArray[np.int64]:
    if labels is None:
        raise TypeError("labels must be a list of 0/1 integers, got None")
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence | np.ndarray):
        raise TypeError(f"labels must be a list of 0/1 integers, got {type(labels).__name__}")
    if len(labels) != n:
        raise ValueError(f"labels must have one entry per text: got {len(labels)} labels for {n} texts")
    for i, v in enumerate(labels):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral) or v not in (0, 1):
            raise ValueError(f"labels must be 0 or 1, got {v!r} at position {i}")
    return np.asarray(labels, dtype=np.int64)


def _check_seeds(seeds: Any) -> tuple[int, ...]:
    if seeds is None:
        raise TypeError("seeds must be a list of non-negative integers, got None")
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, Sequence | np.ndarray | range):
        raise TypeError(f"seeds must be a list of non-negative integers, got {type(seeds).__name__}")
    if len(seeds) == 0:
        raise ValueError("seeds is empty: give at least one seed")
    out = []
    for i, s in enumerate(seeds):
        if isinstance(s, (bool, np.bool_)) or not isinstance(s, numbers.Integral) or s < 0:
            raise ValueError(f"seeds must be non-negative integers, got {s!r} at position {i}")
        if s > KERAS_SEED_MAX:
            raise ValueError(f"seeds must be integers from 0 to {KERAS_SEED_MAX} (what Keras accepts), "
                             f"got {s!r} at position {i}")
        out.append(int(s))
    if len(set(out)) != len(out):
        raise ValueError(f"seeds must be distinct, got {out}")
    return tuple(out)


def leave_one_out(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    seeds: Sequence[int] = (0,),
    epochs: int = 50,
    embedding_dim: int = 8,
    sequence_length: int = 4,
    encoding: Literal["vocabulary", "hashing"] = "vocabulary",
    num_bins: int = 50,
) -> LeaveOneOutResult:
    """Leave-one-out predictions of :func:`~embedding_lib.models.build_sentiment_model`.

    For every seed and every text ``k``: seed everything with ``seed``, encode the other
    texts, build the model, train it full-batch for ``epochs`` epochs
    (:func:`train_full_batch`), and predict text ``k``.

    With ``encoding="vocabulary"`` the ``TextVectorization`` is adapted on the training
    texts only, as it would be in real use: a word that occurs only in the held-out text is
    ``[UNK]`` (id 1) to the model. With ``encoding="hashing"`` the ids come from
    :func:`~embedding_lib.models.hash_encode` with ``num_bins`` ids, so a new word lands in
    some bucket, which may be empty or may belong to another word.

    Parameters
    ----------
    texts : sequence of str, length n (at least 2)
    labels : sequence of int, length n, each 0 or 1
    seeds : sequence of int
        Distinct non-negative seeds; each gives one full leave-one-out pass.
    epochs, embedding_dim, sequence_length : int
        As in the seed article: 50, 8 and 4.
    encoding : {"vocabulary", "hashing"}
    num_bins : int
        Number of ids for ``encoding="hashing"`` (ignored otherwise).

    Returns
    -------
    LeaveOneOutResult
        Probabilities of shape ``(len(seeds), n)`` with accuracy summaries.

    See Also
    --------
    Chapter 5, "An honest estimate".
    """
    texts = _check_texts(texts)
    y = _check_labels(labels, len(texts))
    seed_list = _check_seeds(seeds)
    epochs = positive_int(epochs, "epochs")
    embedding_dim = positive_int(embedding_dim, "embedding_dim")
    sequence_length = positive_int(sequence_length, "sequence_length")
    if encoding not in ("vocabulary", "hashing"):
        raise ValueError(f"encoding must be 'vocabulary' or 'hashing', got {encoding!r}")
    num_bins = positive_int(num_bins, "num_bins")  # checked even when unused, so a typo shows
    if num_bins < 2:
        raise ValueError(f"num_bins must be at least 2 (id 0 is kept for padding), got {num_bins}")
    folds = leave_one_out_splits(len(texts))
    if encoding == "vocabulary":
        without = [k for k, t in enumerate(texts) if not tokenize(t)]
        if len(texts) - len(without) < 2:
            raise ValueError(
                f"texts must have words in at least 2 of them for encoding='vocabulary' (each fold builds "
                f"its vocabulary from the other texts), but {len(without)} of the {len(texts)} texts have "
                f"no word after lower-casing and removing punctuation (positions {without[:5]})"
            )
    hashed = hash_encode(texts, num_bins, sequence_length) if encoding == "hashing" else None

    from .notebook import set_seed

    probs = np.zeros((len(seed_list), len(texts)), dtype=np.float64)
    for i, seed in enumerate(seed_list):
        for train, k in folds:
            set_seed(seed)
            if hashed is not None:
                x_train, x_test, vocab_size = hashed[train], hashed[[k]], num_bins
            else:
                vec = make_text_vectorizer([texts[j] for j in train], sequence_length)
                x_train = np.asarray(vec(np.array([texts[j] for j in train])))
                x_test = np.asarray(vec(np.array([texts[k]])))
                vocab_size = int(vec.vocabulary_size())
            model = build_sentiment_model(vocab_size, embedding_dim, sequence_length)
            train_full_batch(model, x_train, y[train].astype(np.float32), epochs)
            probs[i, k] = float(np.asarray(model(x_test, training=False))[0, 0])
    return LeaveOneOutResult(seeds=seed_list, labels=y, probabilities=probs)


def leave_one_out_with(
    build_model: Any,
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    seeds: Sequence[int] = (0,),
    epochs: int = 50,
    sequence_length: int = 4,
) -> LeaveOneOutResult:
    """Leave-one-out predictions of any text classifier, with a vocabulary built per fold.

    For every seed and every text ``k``: seed everything with ``seed``, adapt a
    ``TextVectorization`` (:func:`~embedding_lib.models.make_text_vectorizer`) on the other
    texts only, call ``build_model(vocabulary_size)`` for a fresh compiled model, train it
    full-batch for ``epochs`` epochs (one step per epoch, the texts in their order, as
    :func:`train_full_batch` does), and predict text ``k``. (Seeded, ``build_model`` gives
    the same starting weights for the same size, so a model is built once per seed and
    size and set back to its starting weights for each fold.) With
    ``build_model=lambda v: build_sentiment_model(v, 8, 4)`` it gives the probabilities of
    :func:`leave_one_out` (the tests check it), several times faster: the training runs in
    :func:`~embedding_lib.multiinput.fit_in_graph`, whose graph is built once per
    vocabulary size instead of once per fold.

    Parameters
    ----------
    build_model : callable
        ``build_model(vocab_size)`` returns a compiled Keras model that maps a batch of
        ``sequence_length`` ids to one probability of label 1.
    texts : sequence of str, length n (at least 2)
    labels : sequence of int, length n, each 0 or 1
    seeds : sequence of int
        Distinct non-negative seeds; each gives one full leave-one-out pass.
    epochs, sequence_length : int

    Returns
    -------
    LeaveOneOutResult

    See Also
    --------
    Chapter 5, "An honest estimate", runs it for the seed's model and for the
    masked-pooling variant.
    """
    from .multiinput import fit_in_graph
    from .notebook import set_seed

    if not callable(build_model):
        raise TypeError(f"build_model must be a function of the vocabulary size, got "
                        f"{type(build_model).__name__}")
    texts = _check_texts(texts)
    y = _check_labels(labels, len(texts))
    seed_list = _check_seeds(seeds)
    epochs = positive_int(epochs, "epochs")
    sequence_length = positive_int(sequence_length, "sequence_length")
    folds = leave_one_out_splits(len(texts))
    without = [k for k, t in enumerate(texts) if not tokenize(t)]
    if len(texts) - len(without) < 2:
        raise ValueError(
            f"texts must have words in at least 2 of them (each fold builds its vocabulary from the "
            f"other texts), but {len(without)} of the {len(texts)} texts have no word after "
            f"lower-casing and removing punctuation (positions {without[:5]})"
        )
    probs = np.zeros((len(seed_list), len(texts)), dtype=np.float64)
    built: dict[tuple[int, int], Any] = {}
    for train, k in folds:
        # The vocabulary depends on the fold only, not on the seed.
        vec = make_text_vectorizer([texts[j] for j in train], sequence_length)
        x_train = np.asarray(vec(np.array([texts[j] for j in train])))
        x_test = np.asarray(vec(np.array([texts[k]])))
        vocab_size = int(vec.vocabulary_size())
        for i, seed in enumerate(seed_list):
            if (seed, vocab_size) not in built:  # the same seed and size: the same start
                set_seed(seed)
                model = build_model(vocab_size)
                built[seed, vocab_size] = (model, model.get_weights())
            model, start = built[seed, vocab_size]
            model.set_weights(start)
            fit_in_graph(model, x_train, y[train].astype(np.float32), epochs=epochs,
                         batch_size=None, shuffle=False, jit_compile=True)
            out = np.asarray(model(x_test, training=False), dtype=np.float64).ravel()
            if out.size != 1 or not np.isfinite(out[0]):
                raise ValueError(f"build_model must give a model with one probability per text, "
                                 f"got {out.size} outputs {out[:3].tolist()} for one text")
            probs[i, k] = float(out[0])
    return LeaveOneOutResult(seeds=seed_list, labels=y, probabilities=probs)


def seed_summary(values: Any) -> dict[str, float]:
    """Mean, sample standard deviation (ddof=1), minimum and maximum of per-seed results.

    Parameters
    ----------
    values : array_like of shape (s,)
        One number per seed (an accuracy, a loss), at least one.

    Returns
    -------
    dict
        ``{"mean", "sd", "min", "max"}`` as floats; ``sd`` is 0.0 for one seed.

    See Also
    --------
    Chapter 8, "Results over five seeds".

    Examples
    --------
    >>> seed_summary([0.5, 0.75, 1.0])
    {'mean': 0.75, 'sd': 0.25, 'min': 0.5, 'max': 1.0}
    """
    v = real_array(values, "values", ndim=1, what="one number per seed")
    if v.size == 0:
        raise ValueError("values is empty: give one result per seed")
    v = v.astype(np.float64)
    sd = float(v.std(ddof=1)) if v.size > 1 else 0.0
    return {"mean": float(v.mean()), "sd": sd, "min": float(v.min()), "max": float(v.max())}


def pair_accuracy(p_positive: Any, pairs: Any) -> NDArray[np.float64]:
    """Share of pairs in which the positive comment gets the higher probability.

    Accuracy at the threshold 0.5 mixes two things: whether a model *ranks* the comments
    right, and where its scores sit. On comments built in pairs that differ only in the
    sentiment word, the ranking alone says whether the model read that word: a model
    that cannot tell the two apart scores 0 (ties count as wrong), whatever its offset.

    Parameters
    ----------
    p_positive : array_like of shape (n,) or (s, n)
        P(positive) for ``n`` comments (one row per seed), or any score that grows with it.
    pairs : array_like of shape (k, 2), int
        Rows ``(i, j)``: comment ``i`` is the positive member, ``j`` the negative one.

    Returns
    -------
    ndarray of shape () or (s,), float64

    See Also
    --------
    embedding_lib.data.held_out_comments : comments in such pairs. Chapter 8.

    Examples
    --------
    >>> pair_accuracy([0.9, 0.6, 0.2, 0.7], [(0, 2), (1, 3)]).item()
    0.5
    """
    p = real_array(p_positive, "p_positive", what="probabilities, one per comment")
    if p.ndim not in (1, 2):
        raise ValueError(f"p_positive must have shape (n,) or (seeds, n), got {p.shape}")
    ij = id_array(pairs, p.shape[-1], name="pairs")
    if ij.ndim != 2 or ij.shape[1] != 2 or len(ij) == 0:
        raise ValueError(f"pairs must have shape (k, 2) with k >= 1, got {ij.shape}")
    return np.mean(p[..., ij[:, 0]] > p[..., ij[:, 1]], axis=-1).astype(np.float64)


def average_vectors(texts: Sequence[str], word_vectors: Any) -> NDArray[np.float32]:
    """The mean of the known word vectors of each text: a bag-of-words sentence vector.

    Words are split with :func:`~embedding_lib.vocab.tokenize`; words without a vector
    are skipped. A text without any known word raises ``ValueError`` naming it.

    Parameters
    ----------
    texts : sequence of str, length n
    word_vectors : WordVectors

    Returns
    -------
    ndarray of shape (n, word_vectors.dim), float32

    See Also
    --------
    nearest_centroid. Chapter 8, "Results over five seeds".

    Examples
    --------
    >>> from embedding_lib.vectors import WordVectors
    >>> wv = WordVectors(["good", "bad"], np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> average_vectors(["good bad", "Good!", "good qwxz"], wv).tolist()
    [[0.5, 0.5], [1.0, 0.0], [1.0, 0.0]]
    """
    from .vectors import WordVectors

    texts = _check_texts(texts)
    if not isinstance(word_vectors, WordVectors):
        raise TypeError(f"word_vectors must be a WordVectors, got {type(word_vectors).__name__}")
    out = np.zeros((len(texts), word_vectors.dim), np.float32)
    for k, text in enumerate(texts):
        rows = [word_vectors.index[w] for w in tokenize(text) if w in word_vectors.index]
        if not rows:
            raise ValueError(f"texts[{k}] = {text!r} has no word with a vector")
        out[k] = np.asarray(word_vectors.vectors[rows], np.float64).mean(axis=0)
    return out


def nearest_centroid(train_x: Any, train_labels: Any, x: Any) -> NDArray[np.int64]:
    """Label of the nearest class centroid (Euclidean) for each row of ``x``; no training.

    Parameters
    ----------
    train_x : array_like of shape (n, d)
    train_labels : sequence of int, length n
        Each 0 or 1, both present.
    x : array_like of shape (m, d)

    Returns
    -------
    ndarray of shape (m,), int64

    See Also
    --------
    average_vectors. Chapter 8, "Results over five seeds".

    Examples
    --------
    >>> nearest_centroid([[0, 0], [0, 2], [4, 0]], [0, 0, 1], [[3, 0], [0, 1]]).tolist()
    [1, 0]
    """
    a = matrix_2d(train_x, "train_x")
    y = _check_labels(train_labels, len(a))
    if y.min() == y.max():
        raise ValueError("train_labels must contain both classes, 0 and 1")
    b = matrix_2d(x, "x")
    if b.shape[1] != a.shape[1]:
        raise ValueError(f"x must have {a.shape[1]} columns like train_x, got {b.shape[1]}")
    centroids = np.stack([a[y == 0].mean(axis=0), a[y == 1].mean(axis=0)])
    dist = np.linalg.norm(b[:, None, :] - centroids[None], axis=-1)
    return np.argmin(dist, axis=1).astype(np.int64)
