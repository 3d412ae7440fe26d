"""Functional-API models with several inputs: categorical columns, numeric features, id pairs.

Keras is imported inside the functions, so importing this module stays cheap.

- :func:`build_tabular_model`: one input per categorical column (each through its own
  ``Embedding``, or one-hot encoded for comparison) plus a block of numeric features,
  concatenated and fed to a small dense network that predicts a number.
- :func:`build_pair_model`: two id inputs from the same id space (home and away team),
  looked up either in one shared ``Embedding`` or in two separate ones.

See Also
--------
Chapter 9 compares the two encodings of :func:`build_tabular_model`; Chapter 10 builds the
same wiring by hand and both variants of :func:`build_pair_model`.
"""
from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import boolean, check_size, learning_rate, positive_int
from .tabular import check_cardinalities

__all__ = ["build_tabular_model", "build_pair_model", "embedding_tables"]

_ENCODINGS = ("embedding", "onehot")


def _learning_rate(value: Any) -> float:
    return learning_rate(value)


def build_tabular_model(
    cardinalities: Mapping[str, int],
    embedding_dims: Mapping[str, int] | int | None = None,
    *,
    n_numeric: int = 0,
    encoding: str = "embedding",
    hidden_units: int = 32,
    learning_rate: float = 0.01,
    name: str = "tabular",
) -> Any:
    """A regression model for a table of categorical and numeric columns, compiled.

    Architecture: for each categorical column an ``Input(shape=(1,), dtype="int32")`` named
    after the column, then either ``Embedding(cardinality, dim)`` + ``Flatten``
    (``encoding="embedding"``) or ``CategoryEncoding(cardinality, "one_hot")``
    (``encoding="onehot"``); an ``Input(shape=(n_numeric,))`` named ``numeric`` when
    ``n_numeric > 0``; all concatenated, then ``Dense(hidden_units, relu)`` and ``Dense(1)``.

    Parameters
    ----------
    cardinalities : mapping of str to int
        Column names (also the input names) and their numbers of categories.
    embedding_dims : mapping of str to int, or int, or None
        Embedding size per column (an int gives every column the same size). Required for
        ``encoding="embedding"``, must be None for ``"onehot"``.
    n_numeric : int
        Number of numeric features (0 for none).
    encoding : {"embedding", "onehot"}
    hidden_units : int
    learning_rate : float
        Of the Adam optimizer.
    name : str

    Returns
    -------
    keras.Model
        Compiled with Adam, mean squared error and a ``rmse`` metric. Inputs: a dict
        ``{column: int ids of shape (batch, 1), "numeric": floats of shape (batch, n_numeric)}``;
        output: shape ``(batch, 1)``.

    See Also
    --------
    Chapter 9, "Two ways to feed a category to a network".
    """
    cards = check_cardinalities(cardinalities)
    if encoding not in _ENCODINGS:
        raise ValueError(f"encoding must be one of {_ENCODINGS}, got {encoding!r}")
    if isinstance(n_numeric, bool) or not isinstance(n_numeric, numbers.Integral) or n_numeric < 0:
        raise ValueError(f"n_numeric must be a non-negative integer, got {n_numeric!r}")
    hidden_units = positive_int(hidden_units, "hidden_units")
    lr = _learning_rate(learning_rate)
    if encoding == "onehot":
        if embedding_dims is not None:
            raise ValueError("embedding_dims must be None when encoding='onehot' (there is no embedding)")
        dims: dict[str, int] = {}
    else:
        if embedding_dims is None:
            raise ValueError("embedding_dims is required when encoding='embedding'")
        if isinstance(embedding_dims, Mapping):
            if set(embedding_dims) != set(cards):
                raise ValueError(
                    f"embedding_dims must give a size for exactly the columns {list(cards)}, "
                    f"got {list(embedding_dims)}"
                )
            dims = {c: positive_int(embedding_dims[c], f"embedding_dims[{c!r}]") for c in cards}
        else:
            dims = {c: positive_int(embedding_dims, "embedding_dims") for c in cards}
    for col, card in cards.items():
        width = dims[col] if encoding == "embedding" else hidden_units
        check_size(card * width, f"the weights of column {col!r} (cardinality {card:,} x {width:,})")
    import keras

    inputs = {}
    parts = []
    for col, card in cards.items():
        inp = keras.Input(shape=(1,), dtype="int32", name=col)
        inputs[col] = inp
        if encoding == "embedding":
            vec = keras.layers.Embedding(card, dims[col], name=f"{col}_embedding")(inp)
            parts.append(keras.layers.Flatten(name=f"{col}_flat")(vec))
        else:
            parts.append(keras.layers.CategoryEncoding(card, output_mode="one_hot", name=f"{col}_onehot")(inp))
    if n_numeric:
        inputs["numeric"] = keras.Input(shape=(int(n_numeric),), name="numeric")
        parts.append(inputs["numeric"])
    x = keras.layers.Concatenate(name="features")(parts) if len(parts) > 1 else parts[0]
    x = keras.layers.Dense(hidden_units, activation="relu", name="hidden")(x)
    out = keras.layers.Dense(1, name="output")(x)
    model = keras.Model(inputs, out, name=name)
    model.compile(
        optimizer=keras.optimizers.Adam(lr),
        loss="mse",
        metrics=[keras.metrics.RootMeanSquaredError(name="rmse")],
    )
    return model


def build_pair_model(
    n_ids: int,
    embedding_dim: int = 4,
    *,
    shared: bool = True,
    hidden_units: int = 16,
    input_names: Sequence[str] = ("home", "away"),
    learning_rate: float = 0.01,
    name: str | None = None,
) -> Any:
    """A binary classifier of a pair of ids from one id space, with a shared or separate table.

    ``shared=True``: one ``Embedding(n_ids, embedding_dim)`` named ``id_embedding`` is
    called on both inputs, so id ``i`` has one vector whichever slot it is in.
    ``shared=False``: each input has its own table, ``<input>_embedding``. Either way the
    two vectors are flattened, concatenated (so the next layer still knows which slot each
    came from), and go through ``Dense(hidden_units, relu)`` and ``Dense(1, sigmoid)``.

    Parameters
    ----------
    n_ids : int
        Size of the id space (rows of each table).
    embedding_dim : int
    shared : bool
    hidden_units : int
    input_names : pair of str
    learning_rate : float
    name : str or None
        Defaults to ``"shared"`` or ``"separate"``.

    Returns
    -------
    keras.Model
        Compiled with Adam, binary cross-entropy and accuracy. Inputs: a dict of two int
        arrays of shape ``(batch, 1)``; output: probabilities of shape ``(batch, 1)``.

    See Also
    --------
    Chapter 10, "Which variant predicts better".
    """
    n_ids = positive_int(n_ids, "n_ids")
    embedding_dim = positive_int(embedding_dim, "embedding_dim")
    hidden_units = positive_int(hidden_units, "hidden_units")
    check_size(n_ids * embedding_dim, f"the embedding table (n_ids={n_ids:,} x embedding_dim={embedding_dim:,})")
    lr = _learning_rate(learning_rate)
    shared = boolean(shared, "shared")
    if input_names is None or not isinstance(input_names, Sequence):
        raise TypeError(f"input_names must be a pair of two different names, got {input_names!r}")
    if isinstance(input_names, str) or len(input_names) != 2 or len(set(input_names)) != 2:
        raise ValueError(f"input_names must be two different names, got {input_names!r}")
    for n in input_names:
        if not isinstance(n, str) or not n:
            raise TypeError(f"input names must be non-empty strings, got {n!r}")
    import keras

    first, second = (keras.Input(shape=(1,), dtype="int32", name=n) for n in input_names)
    if shared:
        table = keras.layers.Embedding(n_ids, embedding_dim, name="id_embedding")
        vectors = [table(first), table(second)]
    else:
        vectors = [
            keras.layers.Embedding(n_ids, embedding_dim, name=f"{n}_embedding")(inp)
            for n, inp in zip(input_names, (first, second))
        ]
    flat = [keras.layers.Flatten(name=f"{n}_flat")(v) for n, v in zip(input_names, vectors)]
    x = keras.layers.Concatenate(name="pair")(flat)
    x = keras.layers.Dense(hidden_units, activation="relu", name="hidden")(x)
    out = keras.layers.Dense(1, activation="sigmoid", name="output")(x)
    model = keras.Model({input_names[0]: first, input_names[1]: second}, out,
                        name=name or ("shared" if shared else "separate"))
    model.compile(optimizer=keras.optimizers.Adam(lr), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def embedding_tables(model: Any) -> dict[str, NDArray[np.float32]]:
    """The weight matrix of every ``Embedding`` layer of ``model``, by layer name.

    Returns
    -------
    dict of str to ndarray of shape (input_dim, output_dim)
        In the order of ``model.layers``.
    """
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model, got {type(model).__name__}")
    return {
        layer.name: np.asarray(layer.get_weights()[0])
        for layer in model.layers
        if isinstance(layer, keras.layers.Embedding)
    }
