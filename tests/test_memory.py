"""Tests of embedding_lib.memory: bytes of one-hot vectors and embeddings (Chapters 1, 3)."""
import numpy as np
import pytest

import embedding_lib as el


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.uint8, "float16"])
def test_one_hot_bytes_equal_nbytes_of_a_real_array(dtype):
    ids = [1, 2, 3, 4, 1]
    assert el.one_hot_bytes(2000, len(ids), dtype) == el.one_hot(ids, 2000, dtype=dtype).nbytes


def test_embedding_bytes_equal_nbytes_of_a_real_lookup():
    m = np.zeros((2000, 6), dtype=np.float32)
    assert el.embedding_bytes(6, 5) == el.lookup(m, [1, 2, 3, 4, 1]).nbytes
    assert el.embedding_bytes(6, 2000) == m.nbytes


def test_memory_table_rows_match_real_arrays():
    rows = el.memory_table([20, 200], sentence_len=5, corpus_tokens=30, dim=6)
    for row in rows:
        v = row["vocab_size"]
        assert row["word"] == el.one_hot([0], v).nbytes
        assert row["sentence"] == el.one_hot(np.zeros(5, int), v).nbytes
        assert row["corpus"] == el.one_hot(np.zeros(30, int), v).nbytes
        assert row["emb_word"] == np.zeros((1, 6), np.float32).nbytes
        assert row["emb_sentence"] == np.zeros((5, 6), np.float32).nbytes
        assert row["emb_corpus"] == np.zeros((30, 6), np.float32).nbytes
        assert row["emb_table"] == np.zeros((v, 6), np.float32).nbytes


def test_memory_table_grows_linearly_with_the_vocabulary():
    rows = el.memory_table([2_000, 20_000, 200_000, 2_000_000], sentence_len=20, corpus_tokens=10**6)
    assert [r["word"] for r in rows] == [8_000, 80_000, 800_000, 8_000_000]
    assert rows[-1]["corpus"] == 2_000_000 * 10**6 * 4
    assert set(rows[0]) == {"vocab_size", "word", "sentence", "corpus"}


@pytest.mark.parametrize(
    "n,text",
    [(0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (8000, "8.0 kB"), (2.5e6, "2.5 MB"),
     (8e12, "8.0 TB"), (3e18, "3000.0 PB"), (np.int64(24), "24 B")],
)
def test_format_bytes_uses_si_units(n, text):
    assert el.format_bytes(n) == text


@pytest.mark.parametrize("n", [-1, "8000", None, True])
def test_format_bytes_rejects_non_numbers(n):
    with pytest.raises(ValueError, match="non-negative number of bytes"):
        el.format_bytes(n)


@pytest.mark.parametrize(
    "call,exc,match",
    [
        (lambda: el.one_hot_bytes(0), ValueError, "vocab_size must be a positive integer"),
        (lambda: el.one_hot_bytes(10, 1.5), TypeError, "n_tokens must be a positive integer"),
        (lambda: el.one_hot_bytes(10, dtype="no-such-type"), TypeError, "dtype must be a numpy dtype"),
        (lambda: el.embedding_bytes(-6), ValueError, "dim must be a positive integer"),
        (lambda: el.memory_table([10], sentence_len=0, corpus_tokens=5), ValueError, "sentence_len"),
        (lambda: el.memory_table([10], sentence_len=5, corpus_tokens=None), TypeError, "corpus_tokens"),
        (lambda: el.memory_table([0], sentence_len=5, corpus_tokens=5), ValueError, r"vocab_sizes\[0\]"),
    ],
)
def test_bad_sizes_are_rejected(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("n", [float("nan"), float("inf"), np.float64("nan"), 1j, np.bool_(True)])
def test_format_bytes_refuses_nan_infinity_and_complex(n):
    with pytest.raises(ValueError, match="n must be a non-negative number of bytes"):
        el.format_bytes(n)


def test_format_bytes_takes_numpy_floats():
    assert el.format_bytes(np.float32(2500.0)) == "2.5 kB"


@pytest.mark.parametrize("sizes, error, message", [
    (None, TypeError, "vocab_sizes must be a list of vocabulary sizes .ints., got None"),
    (2000, TypeError, "vocab_sizes must be a list of vocabulary sizes .ints., got int 2000"),
    ("2000", TypeError, "vocab_sizes must be a list of vocabulary sizes .ints., not a single str"),
    ([10, 1.5], TypeError, r"vocab_sizes\[1\] must be a positive integer, got float 1.5"),
])
def test_memory_table_names_bad_vocabulary_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        el.memory_table(sizes, sentence_len=5, corpus_tokens=5)


def test_memory_table_checks_dim_even_before_the_first_row():
    with pytest.raises(TypeError, match="dim must be a positive integer, got float 2.5"):
        el.memory_table([10], sentence_len=5, corpus_tokens=5, dim=2.5)


def test_table_bytes_equal_nbytes_of_the_weights_and_slots():
    table = np.zeros((1000, 6), np.float32)
    assert el.table_bytes(1000, 6) == table.nbytes
    assert el.table_bytes(1000, 6, optimizer_slots=2) == 3 * table.nbytes
    # an even split by rows: each device holds one eighth of weights and slots
    assert el.table_bytes(1000, 6, optimizer_slots=2, n_shards=8) == 3 * table[:125].nbytes


def test_table_bytes_of_an_uneven_split_is_the_largest_shard():
    assert el.table_bytes(10, 4, n_shards=3) == np.zeros((4, 4), np.float32).nbytes
    assert el.table_bytes(10, 4, dtype="float16", n_shards=3) == np.zeros((4, 4), np.float16).nbytes


@pytest.mark.parametrize("kwargs,error", [
    ({"n_rows": 0, "dim": 4}, ValueError), ({"n_rows": 10, "dim": 4, "n_shards": 0}, ValueError),
    ({"n_rows": 10, "dim": 4, "optimizer_slots": -1}, ValueError),
    ({"n_rows": 10, "dim": 4, "optimizer_slots": 1.5}, TypeError),
])
def test_table_bytes_rejects_bad_sizes(kwargs, error):
    with pytest.raises(error):
        el.table_bytes(**kwargs)
