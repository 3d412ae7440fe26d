"""Functional-API models with several inputs: categorical columns, numeric features, id pairs.

Keras is imported inside the functions, so importing this module stays cheap.

- :func:`build_tabular_model`: one input per categorical column (each through its own
  ``Embedding``, or one-hot encoded for comparison) plus a block of numeric features,
  concatenated and fed to a small dense network that predicts a number.
- :func:`build_pair_model`: two id inputs from the same id space (home and away team),
  looked up either in one shared ``Embedding`` or in two separate ones.
- :func:`fit_in_graph`: what ``model.fit`` does (Adam steps on shuffled mini-batches), run
  as one TensorFlow graph that is built once per architecture, for chapters that train
  dozens of small models.

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

__all__ = ["build_tabular_model", "build_pair_model", "embedding_tables", "fit_in_graph"]

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


# One training graph per architecture: {key: (engine model, tf.function)}.
_ENGINES: dict[str, tuple[Any, Any]] = {}


def _architecture_key(model: Any) -> str:
    """The model's layers, wiring, optimizer and loss, with auto-generated names left out."""
    import json

    import keras

    rename = {layer.name: f"#{i}" for i, layer in enumerate(model.layers)}
    rename[model.name] = "#model"

    def canon(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: canon(v) for k, v in value.items() if k not in ("name", "seed")}
        if isinstance(value, (list, tuple)):
            return [canon(v) for v in value]
        if isinstance(value, str):
            return rename.get(value, value)
        return value

    try:
        inputs = sorted(model.input) if isinstance(model.input, dict) else None
    except AttributeError:  # a Sequential model: one input, fed by position
        inputs = None
    optimizer = model.optimizer.get_config()
    optimizer.pop("name", None)
    loss = model.loss if isinstance(model.loss, str) else keras.losses.serialize(model.loss)
    return json.dumps([canon(model.get_config()), inputs, type(model.optimizer).__name__, optimizer,
                       loss, [tuple(w.shape) for w in model.weights]], sort_keys=True, default=str)


def _engine(model: Any, jit_compile: bool) -> tuple[Any, Any]:
    """The cached (engine, train function) for the architecture of ``model``."""
    import keras
    import tensorflow as tf

    key = _architecture_key(model) + f" jit={jit_compile}"
    if key in _ENGINES:
        return _ENGINES[key]
    engine = keras.models.clone_model(model)
    engine.compile(optimizer=type(model.optimizer).from_config(model.optimizer.get_config()),
                   loss=model.loss)
    engine.optimizer.build(engine.trainable_variables)

    @tf.function(reduce_retracing=True, jit_compile=jit_compile)
    def train(x: Any, y: Any, order: Any, batch_size: Any) -> Any:
        n_epochs, n = tf.shape(order)[0], tf.shape(order)[1]
        losses = tf.TensorArray(tf.float32, size=n_epochs)
        for epoch in tf.range(n_epochs):
            total = tf.constant(0.0)
            for start in tf.range(0, n, batch_size):
                rows = order[epoch, start:start + batch_size]
                xb = tf.nest.map_structure(lambda a: tf.gather(a, rows), x)
                yb = tf.gather(y, rows)
                with tf.GradientTape() as tape:
                    pred = engine(xb, training=True)
                    loss = engine.compute_loss(x=xb, y=yb, y_pred=pred, training=True)
                grads = tape.gradient(loss, engine.trainable_variables)
                engine.optimizer.apply(grads, engine.trainable_variables)
                total += tf.cast(loss, tf.float32) * tf.cast(tf.shape(rows)[0], tf.float32)
            losses = losses.write(epoch, total / tf.cast(n, tf.float32))
        return losses.stack()

    _ENGINES[key] = (engine, train)
    return engine, train


def fit_in_graph(
    model: Any,
    x: Any,
    y: Any,
    *,
    epochs: int,
    batch_size: int | None = 32,
    shuffle: bool = True,
    seed: int = 0,
    jit_compile: bool = False,
) -> dict[str, list[float]]:
    """Train a compiled Keras model like ``model.fit``, with every step in one TensorFlow graph.

    The same training as ``fit(x, y, epochs=epochs, batch_size=batch_size, shuffle=shuffle)``:
    ``epochs`` passes over the rows in mini-batches of ``batch_size`` (the last one smaller),
    a step of the model's optimizer on the model's compiled loss for each, and the rows put
    in a new random order before each pass when ``shuffle`` is true (the orders come from
    ``numpy.random.default_rng(seed)``, so they differ from ``fit``'s). What differs is the
    cost. ``fit`` runs a Python loop with callbacks and a data pipeline around every step,
    and builds its graph anew for every new model. Here all steps of all epochs run inside
    one graph, built once per architecture and reused for every model of the same
    architecture (the same layers, sizes, wiring, optimizer and loss; names do not count).
    The model's weights are copied in, trained and copied back; the optimizer starts
    fresh on every call, as it does for a new model.

    Parameters
    ----------
    model : keras.Model
        Compiled (``model.compile``) with an optimizer and a loss. Its own optimizer's
        state is not used or changed.
    x : ndarray or dict of ndarray
        Model inputs, one row per example (a dict keyed by input name for several inputs).
    y : ndarray
        Targets, one per example.
    epochs : int
    batch_size : int or None
        Rows per step; ``None`` puts all rows in one batch (one step per epoch).
    shuffle : bool
    seed : int
        Seeds the order of the rows.
    jit_compile : bool
        Compile the graph with XLA. That takes a second or two once per architecture and
        then makes each step several times faster when there are few, tiny steps (the
        full-batch training of Chapter 5); with many mini-batches it is slower here.

    Returns
    -------
    dict
        ``{"loss": [...]}``: per epoch, the mean over its batches of the training loss,
        weighted by batch size, as ``fit(...).history["loss"]`` reports it.

    Raises
    ------
    ValueError, TypeError
        ``model`` not a compiled Keras model, inputs of different lengths or not finite,
        or bad ``epochs``, ``batch_size``, ``seed``.

    See Also
    --------
    Chapters 9 and 10 train dozens of small models with it; Chapter 5's leave-one-out too.

    Examples
    --------
    >>> fit_in_graph(None, [[1.0]], [1.0], epochs=1)
    Traceback (most recent call last):
    ...
    TypeError: model must be a compiled keras.Model, got NoneType
    """
    import keras

    from ._checks import real_array, seed as check_seed

    if not isinstance(model, keras.Model) or getattr(model, "optimizer", None) is None \
            or getattr(model, "loss", None) is None:
        raise TypeError(f"model must be a compiled keras.Model, got {type(model).__name__}")
    epochs = positive_int(epochs, "epochs")
    shuffle = boolean(shuffle, "shuffle")
    jit_compile = boolean(jit_compile, "jit_compile")
    rng = np.random.default_rng(check_seed(seed))
    if isinstance(x, Mapping):
        xs = {k: np.asarray(v) for k, v in x.items()}
        arrays = list(xs.values())
    else:
        xs = real_array(x, "x", what="an array of model inputs, one row per example")
        arrays = [xs]
    ys = real_array(y, "y", what="an array of targets, one per example").astype(np.float32)
    for a in arrays:
        real_array(a, "x", what="an array of model inputs, one row per example")
        if a.ndim == 0 or len(a) != len(ys):
            raise ValueError(f"x and y must have one row per example, got {a.shape} and {ys.shape}")
    n = len(ys)
    if n == 0:
        raise ValueError("x is empty: there is nothing to train on")
    batch = n if batch_size is None else positive_int(batch_size, "batch_size")
    import tensorflow as tf

    engine, train = _engine(model, jit_compile)
    engine.set_weights(model.get_weights())
    for var in engine.optimizer.variables:
        if var is not engine.optimizer._learning_rate:
            var.assign(np.zeros(var.shape, dtype=var.dtype))
    if shuffle:
        order = np.stack([rng.permutation(n) for _ in range(epochs)])
    else:
        order = np.tile(np.arange(n), (epochs, 1))

    def tensor(a: NDArray[Any]) -> Any:
        return tf.constant(a if a.dtype.kind in "iu" else a.astype(np.float32))

    x_in = {k: tensor(v) for k, v in xs.items()} if isinstance(xs, dict) else tensor(xs)
    losses = train(x_in, tf.constant(ys), tf.constant(order.astype(np.int32)),
                   tf.constant(min(batch, n), dtype=tf.int32))
    model.set_weights(engine.get_weights())
    return {"loss": [float(v) for v in np.asarray(losses)]}
