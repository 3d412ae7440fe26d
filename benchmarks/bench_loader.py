"""Benchmark: embedding_lib's word-vector loader against the classic per-line loop.

Run from the project root (about half a minute):

    .venv/bin/python benchmarks/bench_loader.py

It writes a GloVe-format file of 100,000 words x 100 dimensions (random numbers with five
decimals, about 85 MB, like ``glove.6B.100d.txt`` in layout) to a temporary folder, then
compares two ways of getting word vectors out of it:

* **classic**: the loop of the well-known Keras tutorials, one ``line.split()`` and one
  ``np.asarray(values[1:], dtype="float32")`` per line, into a dict of the whole file;
* **el.load_vectors**: reads ~1 MiB blocks, parses each block's numbers with one call to
  NumPy's C parser, and with ``vocabulary=`` skips the lines of words it does not need.

Two targets are asserted:

1. Speed. A model needs the vectors of its own vocabulary, so the task timed is "vectors
   for a vocabulary of 10,000 words out of the 100,000 in the file". The classic loop
   must read and convert the whole file to do it; the loader parses only what is kept.
   It must be at least 3x faster. The full load (all 100,000 words kept) is timed too and
   printed: there both must convert all ten million numbers, and NumPy's float parser
   (about 40 ns a number here) bounds the gain, so it is reported, not asserted beyond
   "not slower".
2. Memory. With a vocabulary filter, the peak memory (``tracemalloc``) must grow with the
   words kept, not with the file: it is measured at 1k, 10k and 100k kept words.

Times are the best of three runs, to reduce the noise of a shared machine.
"""
from __future__ import annotations

import gc
import pathlib
import sys
import tempfile
import time
import tracemalloc

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import embedding_lib as el  # noqa: E402

N_WORDS, DIM = 100_000, 100
KEPT = (1_000, 10_000, 100_000)
REPEATS = 3


def classic_loader(path: pathlib.Path) -> dict[str, np.ndarray]:
    """The per-line loop of the classic tutorials (kept as they write it)."""
    embeddings_index = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            values = line.split()
            word = values[0]
            coefs = np.asarray(values[1:], dtype="float32")
            embeddings_index[word] = coefs
    return embeddings_index


def classic_for_vocabulary(path: pathlib.Path, vocabulary: list[str]) -> np.ndarray:
    """Classic loop, then the rows of the needed words (as the tutorials build their matrix)."""
    index = classic_loader(path)
    return np.stack([index[w] for w in vocabulary if w in index])


def best_time(fn, *args, **kwargs) -> float:
    times = []
    for _ in range(REPEATS):
        gc.collect()
        t0 = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_bytes(fn, *args, **kwargs) -> int:
    gc.collect()
    tracemalloc.start()
    result = fn(*args, **kwargs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def main() -> int:
    t_start = time.perf_counter()
    rng = np.random.default_rng(0)
    words = [f"w{i:06d}" for i in range(N_WORDS)]
    matrix = (0.4 * rng.standard_normal((N_WORDS, DIM))).astype(np.float32)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / f"bench.{DIM}d.txt"
        el.save_vectors(path, words, matrix, decimals=5)
        size = path.stat().st_size
        print(f"file: {N_WORDS:,} words x {DIM} dims, {size / 1e6:.1f} MB "
              f"(written in {time.perf_counter() - t_start:.1f} s)")

        # correctness first: the loader reads exactly what the classic loop reads
        ref = classic_loader(path)
        wv = el.load_vectors(path)
        assert wv.words == list(ref), "the loader and the classic loop disagree on the words"
        assert np.array_equal(wv.vectors, np.stack(list(ref.values()))), "the loader's numbers differ"
        del ref, wv

        # every 10th, 100th word...: kept words spread over the whole file
        vocabularies = {k: words[:: N_WORDS // k][:k] for k in KEPT}
        rows = []
        t_classic = best_time(classic_loader, path)
        for k in KEPT:
            if k == N_WORDS:
                t_loader = best_time(el.load_vectors, path)
                t_base = t_classic
            else:
                t_loader = best_time(el.load_vectors, path, vocabulary=vocabularies[k])
                t_base = best_time(classic_for_vocabulary, path, vocabularies[k])
            peak = peak_bytes(el.load_vectors, path, vocabulary=None if k == N_WORDS else vocabularies[k])
            rows.append((k, t_base, t_loader, t_base / t_loader, peak))
        classic_peak = peak_bytes(classic_loader, path)

    print()
    print(f"{'words kept':>10} | {'classic s':>9} | {'loader s':>8} | {'speed-up':>8} | "
          f"{'loader peak MB':>14} | {'kept MB':>7}")
    print("-" * 72)
    for k, t_base, t_loader, ratio, peak in rows:
        print(f"{k:>10,} | {t_base:9.3f} | {t_loader:8.3f} | {ratio:7.1f}x | {peak / 1e6:14.1f} | "
              f"{k * DIM * 4 / 1e6:7.1f}")
    print(f"classic loop, whole file: peak {classic_peak / 1e6:.1f} MB (a dict of {N_WORDS:,} small arrays)")

    by_k = {k: (ratio, peak) for k, _, _, ratio, peak in rows}
    per_word = (by_k[100_000][1] - by_k[10_000][1]) / 90_000
    print(f"peak memory grows by {per_word:.0f} bytes per kept word between 10k and 100k kept "
          f"(the float32 vector alone is {DIM * 4} bytes)")
    print(f"total run time {time.perf_counter() - t_start:.1f} s")

    # target 1: speed, for the task the loader is for (a 10k vocabulary out of 100k words)
    assert by_k[10_000][0] >= 3.0, f"loader only {by_k[10_000][0]:.1f}x faster with a 10k vocabulary (target 3x)"
    assert by_k[100_000][0] >= 1.0, f"full load slower than the classic loop ({by_k[100_000][0]:.2f}x)"
    # target 2: memory follows the words kept, not the file
    p1, p10, p100 = (by_k[k][1] for k in KEPT)
    assert p1 < p10 < p100, "peak memory should increase with the words kept"
    assert p1 < 0.15 * p100, f"with 1k words kept the peak ({p1 / 1e6:.1f} MB) should be a small part of a full load's"
    assert p1 < 0.25 * size, "with 1k words kept the peak should be far below the file size"
    print("targets met: >= 3x faster for a 10k vocabulary; peak memory grows with the words kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
