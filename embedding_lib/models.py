"""Keras model builders and text encoders used across chapters. Keras is imported on call.

See Also
--------
Chapter 5 builds and trains :func:`build_sentiment_model`; Chapters 6 and 8 reuse it.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import boolean, check_size, choice, matrix_2d, positive_int, string_list
from ._checks import learning_rate as _check_learning_rate
from ._checks import seed as _check_seed
from ._checks import salt as _check_salt
from .hashing import hash_values
from .vocab import tokenize

__all__ = ["make_text_vectorizer", "vectorizer_vocabulary", "hash_encode", "build_sentiment_model",
           "reinitialize"]


def _check_texts(texts: Any) -> list[str]:
    """Return ``texts`` as a list after checking it is a non-empty sequence of str."""
    return string_list(texts, "texts", empty="there is nothing to encode")


def make_text_vectorizer(texts: Sequence[str], sequence_length: int = 4, *, max_tokens: int | None = None) -> Any:
    """A ``keras.layers.TextVectorization`` adapted to ``texts``.

    Ids: 0 padding, 1 ``[UNK]``, then words by decreasing frequency. Outputs are padded
    or truncated at the end to ``sequence_length``.

    Parameters
    ----------
    texts : sequence of str
        At least one of them must hold a word (after lower-casing and removing
        punctuation): an empty vocabulary would make the layer fail when called.
    sequence_length : int
    max_tokens : int or None
        Vocabulary cap, counting the two reserved ids (so at least 3).

    Returns
    -------
    keras.layers.TextVectorization
        Called on ``n`` strings it returns int64 ids of shape ``(n, sequence_length)``.

    See Also
    --------
    vectorizer_vocabulary : its vocabulary as plain strings. Chapter 5.
    """
    texts = string_list(texts, "texts", empty="nothing to build a vocabulary from")
    sequence_length = positive_int(sequence_length, "sequence_length")
    if max_tokens is not None:
        max_tokens = positive_int(max_tokens, "max_tokens")
        if max_tokens < 3:
            raise ValueError(f"max_tokens must be at least 3 (padding, [UNK] and one word), got {max_tokens}")
    if not any(tokenize(t) for t in texts):
        raise ValueError("texts hold no word after lower-casing and removing punctuation: "
                         "there is nothing to build a vocabulary from")
    import keras

    vec = keras.layers.TextVectorization(
        max_tokens=max_tokens, output_mode="int", output_sequence_length=sequence_length
    )
    vec.adapt(list(texts))
    return vec


def vectorizer_vocabulary(vectorizer: Any) -> list[str]:
    """The vocabulary of an adapted ``TextVectorization``, as plain ``str``, id order.

    Keras returns NumPy string scalars; this gives ordinary strings, so that a printed list
    reads ``['', '[UNK]', 'work', ...]``. Entry ``i`` is the token with id ``i``: ``''``
    for padding (id 0) and ``'[UNK]'`` for out-of-vocabulary words (id 1).

    Parameters
    ----------
    vectorizer : keras.layers.TextVectorization
        Adapted, for example by :func:`make_text_vectorizer`.

    Returns
    -------
    list of str, length ``vectorizer.vocabulary_size()``

    See Also
    --------
    Chapter 5, "Two ways to turn words into ids".
    """
    get = getattr(vectorizer, "get_vocabulary", None)
    if get is None or not callable(get):
        raise TypeError(
            f"vectorizer must be a keras.layers.TextVectorization, got {type(vectorizer).__name__}"
        )
    return [str(token) for token in get()]


def hash_encode(
    texts: Sequence[str], num_bins: int = 50, sequence_length: int = 4, *, salt: int | None = None
) -> NDArray[np.int64]:
    """Encode texts with the hashing trick, keeping id 0 for padding (the seed's ``one_hot``).

    Each text is split into words with :func:`~embedding_lib.vocab.tokenize` (lower case,
    no punctuation: the same standardisation as ``TextVectorization``). Each word is hashed
    into one of the ``num_bins - 1`` ids ``1 .. num_bins-1``, which is what the old
    ``keras.preprocessing.text.one_hot(text, num_bins)`` promised and what
    ``keras.layers.Hashing(num_bins, mask_value="")`` does today. Sequences are then padded
    with 0, or cut, at the end to ``sequence_length``.

    Parameters
    ----------
    texts : sequence of str, length n
    num_bins : int
        Number of ids including the padding id 0 (at least 2): the ``input_dim`` of the
        embedding that follows.
    sequence_length : int
        Ids per text after padding or cutting.
    salt : int or None
        Passed to the hash: another salt gives other buckets and other collisions.

    Returns
    -------
    ndarray of shape (n, sequence_length), int64, values in ``0 .. num_bins-1``

    See Also
    --------
    embedding_lib.hashing.hash_values : the bucket of each distinct word. Chapter 5.
    """
    texts = _check_texts(texts)
    num_bins = positive_int(num_bins, "num_bins")
    if num_bins < 2:
        raise ValueError(f"num_bins must be at least 2 (id 0 is kept for padding), got {num_bins}")
    sequence_length = positive_int(sequence_length, "sequence_length")
    salt = _check_salt(salt)
    tokens = [tokenize(t) for t in texts]
    distinct = list(dict.fromkeys(w for words in tokens for w in words))
    bucket = {}
    if distinct:
        ids = hash_values(distinct, num_bins - 1, salt=salt) + 1
        bucket = dict(zip(distinct, ids.tolist()))
    out = np.zeros((len(texts), sequence_length), dtype=np.int64)
    for k, words in enumerate(tokens):
        row = [bucket[w] for w in words][:sequence_length]
        out[k, : len(row)] = row
    return out


def build_sentiment_model(
    vocab_size: int,
    embedding_dim: int = 8,
    sequence_length: int = 4,
    *,
    embedding_matrix: Any = None,
    trainable: bool = True,
    name: str = "sentiment",
    pooling: str = "flatten",
    learning_rate: float | None = None,
) -> Any:
    """The seed article's model: ``Embedding -> Flatten -> Dense(1, sigmoid)``, compiled.

    With ``pooling="mean"`` the ``Flatten`` is replaced by masked average pooling:
    ``Embedding(mask_zero=True) -> GlobalAveragePooling1D -> Dense(1, sigmoid)``, which
    averages the vectors of the real words and skips the padding (Chapter 8).

    Parameters
    ----------
    vocab_size : int
        ``input_dim`` of the embedding: number of ids, padding and OOV included.
    embedding_dim : int
        Length of each word vector (8 in the seed).
    sequence_length : int
        Ids per comment after padding (4 in the seed).
    embedding_matrix : array_like of shape (vocab_size, embedding_dim), optional
        Initial weights (pre-trained vectors, Chapter 8): real, finite numbers. They are
        set on the built layer (``set_weights``), not through a ``Constant`` initializer,
        so that the model's config (``get_config``/``to_json``) does not carry a copy of
        the whole matrix. Random uniform if None.
    trainable : bool
        Whether the embedding is updated in training (``False`` freezes it).
    name : str
        The model's name.
    pooling : {"flatten", "mean"}
        ``"flatten"`` (the seed's model): one ``Dense`` weight per position and
        dimension, a "bag of positions". ``"mean"``: the masked mean of the word vectors,
        one ``Dense`` weight per dimension wherever the word stands; id 0 is then the mask.
    learning_rate : float, optional
        Adam's learning rate; None keeps Keras's default (0.001, ``optimizer="adam"``).

    Returns
    -------
    keras.Model
        Compiled with Adam, binary cross-entropy and accuracy. Input: int ids of shape
        ``(batch, sequence_length)``; output: probabilities of shape ``(batch, 1)``.
        It has ``vocab_size * embedding_dim`` embedding weights plus
        ``sequence_length * embedding_dim + 1`` dense weights (``embedding_dim + 1`` with
        ``pooling="mean"``).

    See Also
    --------
    embedding_lib.evaluation.leave_one_out : a held-out estimate for this model. Chapter 5.
    """
    vocab_size = positive_int(vocab_size, "vocab_size")
    embedding_dim = positive_int(embedding_dim, "embedding_dim")
    sequence_length = positive_int(sequence_length, "sequence_length")
    check_size(vocab_size * embedding_dim, f"the embedding table (vocab_size={vocab_size:,} x "
               f"embedding_dim={embedding_dim:,})")
    trainable = boolean(trainable, "trainable")
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty str, got {type(name).__name__} {name!r}")
    pooling = choice(pooling, "pooling", ("flatten", "mean"))
    if learning_rate is not None:
        learning_rate = _check_learning_rate(learning_rate)
    m = None
    if embedding_matrix is not None:
        m = matrix_2d(embedding_matrix, "embedding_matrix").astype(np.float32)
        if m.shape != (vocab_size, embedding_dim):
            raise ValueError(
                f"embedding_matrix must have shape (vocab_size, embedding_dim) = "
                f"({vocab_size}, {embedding_dim}), got {m.shape}"
            )
    import keras

    # With a matrix, the table starts at zeros and the matrix is set once the layer is
    # built: a Constant(matrix) initializer would copy every number into the model's
    # config. "zeros", like Constant, draws no random numbers, so the Dense layer gets
    # the same initial weights either way.
    mean = pooling == "mean"
    model = keras.Sequential(
        [
            keras.Input(shape=(sequence_length,), dtype="int32", name="ids"),
            keras.layers.Embedding(vocab_size, embedding_dim,
                                   embeddings_initializer="uniform" if m is None else "zeros",
                                   trainable=trainable, mask_zero=mean, name="embedding"),
            keras.layers.GlobalAveragePooling1D(name="pooling") if mean
            else keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(1, activation="sigmoid", name="dense"),
        ],
        name=name,
    )
    if m is not None:
        model.get_layer("embedding").set_weights([m])
    optimizer = "adam" if learning_rate is None else keras.optimizers.Adam(learning_rate)
    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
    return model


def reinitialize(model: Any, seed: int, *, embedding_matrix: Any = None) -> Any:
    """Give a compiled model fresh starting weights and a fresh optimizer, in place.

    Training many seeds of one small model is dominated by Keras's fixed costs: building
    the model and tracing its training step, which take longer than a hundred training
    steps of a ten-comment batch. This resets a model that has already been compiled
    (and perhaps trained), so that the traced step is reused: every weight is drawn again
    from its layer's own initializer, seeded from ``seed``; an ``Embedding`` gets
    ``embedding_matrix`` instead when one is given (pre-trained rows); and the
    optimizer's state (Adam's moments and step counter) is set back to zero, keeping its
    learning rate.

    The same seed gives the same weights whatever the model went through before, so
    training after ``reinitialize(model, seed)`` is repeatable (the tests check it
    against a freshly built model).

    Parameters
    ----------
    model : keras.Model
        Built; compiled if it is to be trained.
    seed : int
        Non-negative. The ``k``-th weight variable is drawn with seed ``seed + k``.
    embedding_matrix : array_like of shape (input_dim, output_dim), optional
        Rows for every ``Embedding`` layer of the model (usually there is one).

    Returns
    -------
    keras.Model
        The same model, for chaining.

    See Also
    --------
    build_sentiment_model. Chapter 8, "Four ways to use the vectors".
    """
    seed = _check_seed(seed, keras=True)
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model, got {type(model).__name__}")
    if not model.built:
        raise ValueError("model is not built yet: build it (give it an Input) before reinitialize")
    m = None
    if embedding_matrix is not None:
        m = matrix_2d(embedding_matrix, "embedding_matrix").astype(np.float32)
    k = 0
    for layer in model.layers:
        for attr in ("embeddings", "kernel", "bias"):
            var = getattr(layer, attr, None) if not isinstance(layer, keras.Model) else None
            if var is None or not hasattr(var, "assign"):
                continue
            if attr == "embeddings" and m is not None:
                if tuple(m.shape) != tuple(var.shape):
                    raise ValueError(f"embedding_matrix must have the shape of layer {layer.name!r}'s "
                                     f"table, {tuple(var.shape)}, got {m.shape}")
                var.assign(m)
            else:
                init = keras.initializers.get(getattr(layer, f"{attr}_initializer"))
                config = init.get_config()
                if "seed" in config:
                    config["seed"] = seed + k
                var.assign(type(init).from_config(config)(tuple(var.shape), dtype=var.dtype))
            k += 1
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None:
        for var in optimizer.variables:
            if not var.path.endswith("learning_rate"):
                var.assign(np.zeros(tuple(var.shape), dtype=var.dtype))
    return model
