"""Plot helpers. Each takes ``ax=None`` and returns the ``Axes`` it drew on.

Colours are colour-blind safe: the Okabe-Ito palette for categories and ``cividis`` (a
perceptually uniform map readable with red-green colour blindness) for matrices.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._checks import id_array, matrix_2d, positive_int

__all__ = ["OKABE_ITO", "plot_one_hot", "plot_matrix"]

#: The Okabe-Ito palette (Okabe & Ito 2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_one_hot(ids: Any, depth: int, tokens: Sequence[str] | None = None, ax: Any = None) -> Any:
    """Draw the one-hot matrix of a sentence: one row per word, ``depth`` columns.

    Each row is white except one dark cell. With a large ``depth`` the cells are thinner
    than a pixel, so every 1 is also marked with a dot to stay visible.
    """
    depth = positive_int(depth, "depth")
    arr = id_array(ids, depth)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"ids must be a non-empty 1-D sequence, got shape {arr.shape}")
    if tokens is not None and len(tokens) != arr.size:
        raise ValueError(f"tokens has {len(tokens)} labels for {arr.size} ids")
    ax = _axes(ax, (8, 0.45 * arr.size + 1))
    m = np.zeros((arr.size, depth))
    m[np.arange(arr.size), arr] = 1
    ax.imshow(m, aspect="auto", cmap="Greys", interpolation="nearest", vmin=0, vmax=1)
    ax.scatter(arr, np.arange(arr.size), s=30, color=OKABE_ITO[5], zorder=3)
    ax.set_yticks(np.arange(arr.size), tokens if tokens is not None else [str(i) for i in arr])
    ax.set_xlabel(f"vocabulary index (0 .. {depth - 1})")
    ax.set_xlim(-0.5, depth - 0.5)
    return ax


def plot_matrix(
    matrix: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    ax: Any = None,
    *,
    highlight_rows: Sequence[int] = (),
    annotate: bool = True,
    cmap: str = "cividis",
) -> Any:
    """Draw a (small) matrix as a heat map, optionally with its values and framed rows."""
    m = matrix_2d(matrix)
    n, d = m.shape
    if row_labels is not None and len(row_labels) != n:
        raise ValueError(f"row_labels has {len(row_labels)} labels for {n} rows")
    if col_labels is not None and len(col_labels) != d:
        raise ValueError(f"col_labels has {len(col_labels)} labels for {d} columns")
    rows = id_array(list(highlight_rows), n, name="highlight_rows")
    from matplotlib.patches import Rectangle

    ax = _axes(ax, (0.7 * d + 2, 0.4 * n + 1))
    im = ax.imshow(m, cmap=cmap, aspect="auto", interpolation="nearest")
    lo, hi = float(m.min()), float(m.max())
    if annotate:
        for i in range(n):
            for j in range(d):
                v = float(m[i, j])
                light = (v - lo) / (hi - lo + 1e-12) > 0.6
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                        color="black" if light else "white")
    for r in rows:
        ax.add_patch(Rectangle((-0.5, r - 0.5), d, 1, fill=False, edgecolor=OKABE_ITO[5], linewidth=2.5))
    ax.set_yticks(np.arange(n), row_labels if row_labels is not None else np.arange(n))
    ax.set_xticks(np.arange(d), col_labels if col_labels is not None else np.arange(d))
    ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    return ax
