"""Keras model builders used across chapters. TensorFlow/Keras is imported on call.

See Also
--------
Chapter 5 builds and trains :func:`build_sentiment_model`; Chapters 6 and 8 reuse it.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._checks import positive_int

__all__ = ["make_text_vectorizer", "build_sentiment_model"]


def make_text_vectorizer(texts: Sequence[str], sequence_length: int = 4, *, max_tokens: int | None = None) -> Any:
    """A ``keras.layers.TextVectorization`` adapted to ``texts``.

    Ids: 0 padding, 1 ``[UNK]``, then words by decreasing frequency. Outputs are padded
    or truncated at the end to ``sequence_length``.

    Parameters
    ----------
    texts : sequence of str
    sequence_length : int
    max_tokens : int or None
        Vocabulary cap, counting the two reserved ids.

    Returns
    -------
    keras.layers.TextVectorization
    """
    if isinstance(texts, str) or not isinstance(texts, Sequence):
        raise TypeError(f"texts must be a list of strings, got {type(texts).__name__}")
    if not texts:
        raise ValueError("texts is empty: nothing to build a vocabulary from")
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be a str, got {type(t).__name__} {t!r}")
    sequence_length = positive_int(sequence_length, "sequence_length")
    if max_tokens is not None:
        max_tokens = positive_int(max_tokens, "max_tokens")
    import keras

    vec = keras.layers.TextVectorization(
        max_tokens=max_tokens, output_mode="int", output_sequence_length=sequence_length
    )
    vec.adapt(list(texts))
    return vec


def build_sentiment_model(
    vocab_size: int,
    embedding_dim: int = 8,
    sequence_length: int = 4,
    *,
    embedding_matrix: Any = None,
    trainable: bool = True,
    name: str = "sentiment",
) -> Any:
    """The seed article's model: ``Embedding -> Flatten -> Dense(1, sigmoid)``, compiled.

    Parameters
    ----------
    vocab_size : int
        ``input_dim`` of the embedding: number of ids, padding and OOV included.
    embedding_dim : int
        Length of each word vector (8 in the seed).
    sequence_length : int
        Ids per comment after padding (4 in the seed).
    embedding_matrix : array_like of shape (vocab_size, embedding_dim), optional
        Initial weights (pre-trained vectors, Chapter 8). Random uniform if None.
    trainable : bool
        Whether the embedding is updated in training (``False`` freezes it).

    Returns
    -------
    keras.Model
        Compiled with Adam, binary cross-entropy and accuracy. Input: int ids of shape
        ``(batch, sequence_length)``; output: probabilities of shape ``(batch, 1)``.
    """
    vocab_size = positive_int(vocab_size, "vocab_size")
    embedding_dim = positive_int(embedding_dim, "embedding_dim")
    sequence_length = positive_int(sequence_length, "sequence_length")
    import keras

    init: Any = "uniform"
    if embedding_matrix is not None:
        import numpy as np

        m = np.asarray(embedding_matrix, dtype="float32")
        if m.shape != (vocab_size, embedding_dim):
            raise ValueError(
                f"embedding_matrix must have shape (vocab_size, embedding_dim) = "
                f"({vocab_size}, {embedding_dim}), got {m.shape}"
            )
        init = keras.initializers.Constant(m)
    model = keras.Sequential(
        [
            keras.Input(shape=(sequence_length,), dtype="int32", name="ids"),
            keras.layers.Embedding(vocab_size, embedding_dim, embeddings_initializer=init,
                                   trainable=trainable, name="embedding"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(1, activation="sigmoid", name="dense"),
        ],
        name=name,
    )
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
