"""Small helpers for the chapter notebooks: seeding and gluing numbers into the prose."""
from __future__ import annotations

import random
from typing import Any

import numpy as np

from ._checks import boolean
from ._checks import seed as _check_seed

__all__ = ["set_seed", "glue"]


def set_seed(seed: int = 0, *, deterministic_ops: bool = True) -> None:
    """Seed Python, NumPy and (if it is installed) Keras/TensorFlow, for repeatable runs.

    Call it explicitly in a notebook's environment cell; importing ``embedding_lib`` never
    seeds anything. With ``deterministic_ops`` TensorFlow is also asked for deterministic
    kernels (``tf.config.experimental.enable_op_determinism``), so that two runs on the
    same machine give the same floats.

    Parameters
    ----------
    seed : int
        An integer from 0 to 2**32 - 1 (what Keras and NumPy's legacy seeding accept);
        a NumPy integer is fine. ``True``, ``1.5`` or a list raise ``TypeError``.
    deterministic_ops : bool
        Also turn on TensorFlow's op determinism.

    See Also
    --------
    Every chapter's environment cell.

    Examples
    --------
    (Seeding itself imports Keras, so the doctest shows only the argument check; the
    seeding is tested in ``tests/test_notebook.py``.)

    >>> set_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative integer, got -1
    """
    seed = _check_seed(seed, keras=True)
    deterministic_ops = boolean(deterministic_ops, "deterministic_ops")
    random.seed(seed)
    np.random.seed(seed)
    try:
        import keras
    except ModuleNotFoundError:  # a numpy-only chapter on a machine without TensorFlow
        return
    keras.utils.set_random_seed(int(seed))
    if deterministic_ops:
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


def glue(name: str, value: Any, display: bool = False) -> None:
    """Store ``value`` under ``name`` so that the book's prose can show it with ``{glue}``.

    A thin wrapper over ``myst_nb.glue``: where myst-nb is not installed (a bare Colab
    runtime, say) it does nothing, so that a chapter still runs there. It returns None, so
    that a cell ending with ``el.glue(...)`` shows no extra output.

    Parameters
    ----------
    name : str
        The key used in the prose, as in ``{glue:text}`name```.
    value : object
        What to store (a number, a string, a figure...). A NumPy scalar is stored as the
        Python number it holds, so the page shows ``2.17``, not ``np.float64(2.17)``
        (NumPy 2's repr).
    display : bool
        Also show the value in the cell's output.

    See Also
    --------
    CONTRIBUTING.md, "Numbers in the prose come from the code".
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty str, got {name!r}")
    display = boolean(display, "display")
    if type(value).__module__ == "numpy" and hasattr(value, "item") and not getattr(
            value, "ndim", 0):
        value = value.item()
    try:
        from myst_nb import glue as _glue
    except ModuleNotFoundError:
        return
    _glue(name, value, display=display)
