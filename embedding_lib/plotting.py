"""Plot helpers. Each takes ``ax=None`` and returns the ``Axes`` it drew on.

Colours are colour-blind safe: the Okabe-Ito palette for categories and ``cividis`` (a
perceptually uniform map readable with red-green colour blindness) for matrices.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._checks import axes, boolean, check_size, id_array, matrix_2d, positive_int, real_number, sequence

__all__ = ["OKABE_ITO", "plot_one_hot", "plot_matrix"]

#: The Okabe-Ito palette (Okabe & Ito 2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return axes(ax)
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_one_hot(ids: Any, depth: int, tokens: Sequence[str] | None = None, ax: Any = None) -> Any:
    """Draw the one-hot matrix of a sentence: one row per word, ``depth`` columns.

    Each row is white except one dark cell. With a large ``depth`` the cells are thinner
    than a pixel, so every 1 is also marked with a dot to stay visible.

    Parameters
    ----------
    ids : array_like of int, shape (n,)
        The sentence's word ids, each in ``0 .. depth-1``.
    depth : int
        The vocabulary size (number of columns).
    tokens : sequence of str, length n, optional
        Row labels (the words); the ids are used when omitted.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.

    Returns
    -------
    matplotlib Axes
        Its first image holds the (n, depth) one-hot matrix.

    See Also
    --------
    Chapter 1, "One-hot encoding and what it costs".

    Examples
    --------
    >>> ax = plot_one_hot([1, 2, 1], depth=4, tokens=["a", "b", "a"])
    >>> ax.images[0].get_array().shape, [t.get_text() for t in ax.get_yticklabels()]
    ((3, 4), ['a', 'b', 'a'])
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    depth = positive_int(depth, "depth")
    arr = id_array(ids, depth)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"ids must be a non-empty 1-D sequence, got shape {arr.shape}")
    if isinstance(tokens, str):
        raise TypeError("tokens must be a sequence of labels, one per id, not a single str")
    if tokens is not None:
        tokens = sequence(tokens, "tokens", what="a sequence of labels, one per id")
        if len(tokens) != arr.size:
            raise ValueError(f"tokens has {len(tokens)} labels for {arr.size} ids")
    check_size(arr.size * depth, f"the one-hot picture ({arr.size:,} ids x depth={depth:,})")
    axes(ax)
    ax = _axes(ax, (8, 0.45 * arr.size + 1))
    m = np.zeros((arr.size, depth))
    m[np.arange(arr.size), arr] = 1
    ax.imshow(m, aspect="auto", cmap="Greys", interpolation="nearest", vmin=0, vmax=1)
    # Thin marks so that every 1 stays visible when a column is narrower than a pixel.
    ax.vlines(arr, np.arange(arr.size) - 0.45, np.arange(arr.size) + 0.45, color="black", linewidth=1)
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
    fmt: str = ".2f",
    vmin: float | None = None,
    vmax: float | None = None,
) -> Any:
    """Draw a (small) matrix as a heat map, optionally with its values and framed rows.

    Parameters
    ----------
    matrix : array_like, shape (n, d)
    row_labels : sequence of str, length n, optional
    col_labels : sequence of str, length d, optional
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    highlight_rows : sequence of int
        Rows to frame (in the Okabe-Ito vermillion), e.g. the rows a lookup reads.
    annotate : bool
        Write each value in its cell (two decimals).
    cmap : str
        A matplotlib colour map; ``cividis`` is readable with colour-vision deficiencies.
    fmt : str
        Format of the written values (``".2f"``; ``"d"`` for ids, ``".0f"`` for counts).
    vmin, vmax : float, optional
        Ends of the colour scale (the matrix' min and max by default). Give the same values
        to panels that should be compared by colour.

    Returns
    -------
    matplotlib Axes
        Its first image holds the matrix; the frames are its patches.

    See Also
    --------
    Chapter 3, "The embedding matrix".

    Examples
    --------
    >>> ax = plot_matrix([[0.0, 1.0], [0.5, 0.25]], ["pad", "deep"], highlight_rows=[1])
    >>> ax.images[0].get_array().tolist(), len(ax.patches)
    ([[0.0, 1.0], [0.5, 0.25]], 1)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    m = matrix_2d(matrix)
    n, d = m.shape
    for name, labels in (("row_labels", row_labels), ("col_labels", col_labels)):
        if isinstance(labels, str):
            raise TypeError(f"{name} must be a sequence of labels, not a single str")
        if labels is not None:
            sequence(labels, name, what="a sequence of labels")
    if row_labels is not None and len(row_labels) != n:
        raise ValueError(f"row_labels has {len(row_labels)} labels for {n} rows")
    if col_labels is not None and len(col_labels) != d:
        raise ValueError(f"col_labels has {len(col_labels)} labels for {d} columns")
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format spec such as '.2f' or 'd', got {fmt!r}")
    try:
        format(1.0, fmt) if not fmt.endswith("d") else format(1, fmt)
    except ValueError as err:
        raise ValueError(f"fmt must be a format spec such as '.2f' or 'd', got {fmt!r}") from err
    rows = id_array(sequence(highlight_rows, "highlight_rows", what="a sequence of row ids"), n,
                    name="highlight_rows")
    annotate = boolean(annotate, "annotate")
    lo = float(m.min()) if vmin is None else real_number(vmin, "vmin")
    hi = float(m.max()) if vmax is None else real_number(vmax, "vmax")
    from matplotlib.colors import Colormap
    from matplotlib.patches import Rectangle

    if not isinstance(cmap, (str, Colormap)):
        raise TypeError(f"cmap must be a matplotlib colour map or its name, such as 'cividis', got {cmap!r}")
    axes(ax)

    ax = _axes(ax, (0.7 * d + 2, 0.4 * n + 1))
    if hi < lo:
        raise ValueError(f"vmax must be >= vmin, got vmin={lo} and vmax={hi}")
    im = ax.imshow(m, cmap=cmap, aspect="auto", interpolation="nearest", vmin=lo, vmax=hi)
    if annotate:
        for i in range(n):
            for j in range(d):
                v = float(m[i, j])
                light = (v - lo) / (hi - lo + 1e-12) > 0.6
                text = format(int(round(v)), fmt) if fmt.endswith("d") else format(v, fmt)
                ax.text(j, i, text, ha="center", va="center", fontsize=8,
                        color="black" if light else "white")
    for r in rows:
        ax.add_patch(Rectangle((-0.5, r - 0.5), d, 1, fill=False, edgecolor=OKABE_ITO[5], linewidth=2.5))
    ax.set_yticks(np.arange(n), row_labels if row_labels is not None else np.arange(n))
    ax.set_xticks(np.arange(d), col_labels if col_labels is not None else np.arange(d))
    ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    return ax
