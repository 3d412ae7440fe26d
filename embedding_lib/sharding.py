"""Sharded embedding tables with keras.distribution (Chapter 11).

NumPy-only helpers: what one shard of a table holds, what each device of a real (JAX)
array holds, and how many bytes a compiled program moves between devices. Nothing here
imports Keras or JAX; :func:`device_shards` reads any array that has JAX's
``addressable_shards``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ._checks import choice, non_negative_int, positive_int, sequence

__all__ = ["shard_shape", "device_shards", "collective_bytes", "lookup_traffic"]

_LAYOUTS = ("rows", "columns", "replicated")


def _itemsize(dtype: DTypeLike) -> int:
    try:
        return np.dtype(dtype).itemsize
    except TypeError as err:
        raise TypeError(f"dtype must be a numpy dtype such as 'float32', got {dtype!r}") from err


def shard_shape(shape: Sequence[int], n_devices: int, axis: int | None) -> tuple[int, ...]:
    """The shape of the piece of a table that each of ``n_devices`` holds.

    ``axis=0`` splits the rows (row sharding), ``axis=1`` the columns (column sharding),
    ``axis=None`` keeps a full copy on every device (replication, as in data parallelism).
    The split must be even: the sharded dimension must be a multiple of ``n_devices``
    (choose the number of hash buckets accordingly).

    Parameters
    ----------
    shape : sequence of int
        The full table's shape, e.g. ``(rows, dim)``.
    n_devices : int
    axis : int or None

    Returns
    -------
    tuple of int

    See Also
    --------
    Chapter 11, "Sharding a table over a device mesh".

    Examples
    --------
    >>> shard_shape((1024, 8), 8, axis=0), shard_shape((1024, 8), 8, axis=1)
    ((128, 8), (1024, 1))
    >>> shard_shape((1024, 8), 8, axis=None)
    (1024, 8)
    >>> shard_shape((100, 8), 8, axis=0)
    Traceback (most recent call last):
    ...
    ValueError: dimension 0 of shape (100, 8) has 100 entries, not a multiple of n_devices=8: an even split needs one
    """
    dims = [positive_int(d, f"shape[{i}]") for i, d in
            enumerate(sequence(shape, "shape", what="a tuple of positive ints"))]
    n_devices = positive_int(n_devices, "n_devices")
    if axis is None:
        return tuple(dims)
    axis = non_negative_int(axis, "axis")
    if axis >= len(dims):
        raise ValueError(f"axis={axis} does not exist in a shape of {len(dims)} dimensions {tuple(dims)}")
    if dims[axis] % n_devices:
        raise ValueError(f"dimension {axis} of shape {tuple(dims)} has {dims[axis]} entries, not a multiple "
                         f"of n_devices={n_devices}: an even split needs one")
    dims[axis] //= n_devices
    return tuple(dims)


def device_shards(array: Any) -> list[dict[str, Any]]:
    """What each device holds of a distributed (JAX) array, read from the array itself.

    Parameters
    ----------
    array : jax.Array, or a Keras variable holding one (its ``.value`` is read)

    Returns
    -------
    list of dict
        One per device, in device order: ``device`` (its id), ``shape`` (of the piece
        on that device), ``bytes`` (of that piece) and ``rows`` and ``cols`` (which
        slice of the full array it is, as ``(start, stop)``).

    See Also
    --------
    Chapter 11, "Sharding a table over a device mesh".
    """
    value = getattr(array, "value", array)
    shards = getattr(value, "addressable_shards", None)
    if shards is None:
        raise TypeError(f"array must be a JAX array (or a Keras variable on the JAX backend) with "
                        f"addressable_shards, got {type(array).__name__}")
    out = []
    for shard in shards:
        data = shard.data
        index = tuple(shard.index) + (slice(None),) * (2 - len(shard.index))
        spans = [s.indices(n)[:2] for s, n in zip(index[:2], tuple(value.shape) + (1,))]
        out.append({"device": int(shard.device.id), "shape": tuple(int(d) for d in data.shape),
                    "bytes": int(data.nbytes), "rows": spans[0], "cols": spans[1]})
    return sorted(out, key=lambda r: r["device"])


_COLLECTIVE = re.compile(
    r"^\s*(?:ROOT\s+)?%?[\w.\-]+\s*=\s*(?P<result>.*?)\s+"
    r"(?P<op>all-reduce|all-gather|all-to-all|reduce-scatter|collective-permute|collective-broadcast)"
    r"(?P<start>-start)?\(",
    flags=re.M,
)
_ARRAY = re.compile(r"\b(?P<dtype>pred|[subf]\d+|bf16|c64|c128)\[(?P<dims>[\d,]*)\]")
_BITS = {"pred": 8, "bf16": 16, "c64": 64, "c128": 128}


def _array_bytes(dtype: str, dims: str) -> int:
    bits = _BITS.get(dtype) or int(dtype[1:])
    n = 1
    for d in filter(None, dims.split(",")):
        n *= int(d)
    return n * bits // 8


def collective_bytes(hlo_text: str) -> list[dict[str, Any]]:
    """The communication operations of a compiled XLA program, with their sizes.

    Reads the text of a compiled SPMD program (``jax.jit(f).lower(...).compile()
    .as_text()``), in which every shape is per device, and lists each collective
    (``all-reduce``, ``all-gather``, ``all-to-all``, ``reduce-scatter``,
    ``collective-permute``, ``collective-broadcast``) with the bytes of its result on
    one device. An asynchronous ``-start`` op is counted once, by its last array (its
    result).

    Parameters
    ----------
    hlo_text : str

    Returns
    -------
    list of dict
        In program order: ``op``, ``shapes`` (the result arrays, e.g. ``"f32[256,8]"``)
        and ``bytes``.

    See Also
    --------
    Chapter 11, "What a lookup costs when rows live elsewhere".

    Examples
    --------
    >>> hlo = '''
    ...   %all-gather = s32[256,1]{1,0} all-gather(s32[32,1]{1,0} %ids), dimensions={0}
    ...   %all-reduce.3 = (f32[256,8]{1,0}, /*index=1*/f32[]) all-reduce(%a, %b), to_apply=%add
    ...   %add.1 = f32[8]{0} add(f32[8]{0} %x, f32[8]{0} %y)'''
    >>> [(c["op"], c["bytes"]) for c in collective_bytes(hlo)]
    [('all-gather', 1024), ('all-reduce', 8196)]
    """
    if not isinstance(hlo_text, str):
        raise TypeError(f"hlo_text must be the text of a compiled program (a str), got {type(hlo_text).__name__}")
    found = []
    for m in _COLLECTIVE.finditer(hlo_text):
        arrays = [(a["dtype"], a["dims"]) for a in _ARRAY.finditer(m["result"])]
        if not arrays:
            continue
        if m["start"] and m["op"] != "all-reduce":
            arrays = arrays[-1:]
        found.append({"op": m["op"], "shapes": [f"{d}[{s}]" for d, s in arrays],
                      "bytes": sum(_array_bytes(d, s) for d, s in arrays)})
    return found


def lookup_traffic(
    batch_size: int,
    dim: int,
    n_rows: int,
    n_devices: int,
    *,
    layout: str,
    dtype: DTypeLike = np.float32,
    id_dtype: DTypeLike = np.int32,
) -> dict[str, int]:
    """Bytes that one training step of an embedding lookup moves to each device.

    Counted from the shapes, for the plan XLA's SPMD partitioner compiles for a lookup of
    a batch of ``batch_size`` ids, itself split over the ``n_devices`` (Chapter 11 reads
    the same numbers back from the compiled program with :func:`collective_bytes`):

    - ``"rows"`` (each device owns ``n_rows / n_devices`` rows): every device receives
      all the ids (an all-gather), looks up those it owns, and the partial lookups are
      summed (an all-reduce of ``batch_size x dim`` values); on the way back the output
      gradients are gathered (``batch_size x dim``) so that each owner updates its rows.
    - ``"columns"`` (each device owns ``dim / n_devices`` columns of every row): every
      device receives all the ids and a one-byte validity flag per id, looks up its
      columns for the whole batch, and an all-to-all hands each device its examples'
      vectors (``batch_size x dim / n_devices`` values), forward and backward.
    - ``"replicated"`` (data parallelism, every device holds the whole table): no
      lookup traffic, but the gradient of the whole table is all-reduced every step.

    Parameters
    ----------
    batch_size, dim, n_rows, n_devices : int
        ``batch_size`` and, for ``"columns"``, ``dim`` must be multiples of
        ``n_devices``; for ``"rows"``, ``n_rows`` must be.
    layout : {"rows", "columns", "replicated"}
    dtype, id_dtype : numpy dtypes of the table and of the ids

    Returns
    -------
    dict
        ``{"ids": ..., "forward": ..., "backward": ..., "total": ...}`` in bytes per
        device and step.

    See Also
    --------
    Chapter 11, "What a lookup costs when rows live elsewhere".

    Examples
    --------
    >>> lookup_traffic(256, 8, 1024, 8, layout="rows")
    {'ids': 1024, 'forward': 8192, 'backward': 8192, 'total': 17408}
    >>> lookup_traffic(256, 8, 1024, 8, layout="columns")["total"]
    3328
    >>> lookup_traffic(256, 8, 1024, 8, layout="replicated")["total"]
    32768
    """
    batch_size = positive_int(batch_size, "batch_size")
    dim = positive_int(dim, "dim")
    n_rows = positive_int(n_rows, "n_rows")
    n_devices = positive_int(n_devices, "n_devices")
    layout = choice(layout, "layout", _LAYOUTS)
    size, id_size = _itemsize(dtype), _itemsize(id_dtype)
    shard_shape((batch_size,), n_devices, 0)  # the batch is split over the devices
    if layout == "rows":
        shard_shape((n_rows, dim), n_devices, 0)
        ids, forward, backward = batch_size * id_size, batch_size * dim * size, batch_size * dim * size
    elif layout == "columns":
        per_device = shard_shape((n_rows, dim), n_devices, 1)[1]
        ids = batch_size * id_size + batch_size  # ids and a one-byte flag per id
        forward = backward = batch_size * per_device * size
    else:
        ids, forward, backward = 0, 0, n_rows * dim * size
    return {"ids": ids, "forward": forward, "backward": backward, "total": ids + forward + backward}
