"""Looking inside a trained model: its embedding table and which rows training moved (Chapter 4)."""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import matrix_2d

__all__ = ["changed_rows", "embedding_weights"]


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
