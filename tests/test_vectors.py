"""Tests of embedding_lib.vectors: GloVe/word2vec text files and the aligned matrix (Chapter 8).

The oracle for the loader is the naive parse (``line.split()`` then ``np.asarray``) on
fixture files that the tests write themselves; every error path is checked for its line
number.
"""
import pathlib

import numpy as np
import pytest

import embedding_lib as el
from embedding_lib import vectors as vectors_module


def naive_parse(text: str, header: bool = False) -> tuple[list[str], np.ndarray]:
    """The classic loop: fine for files without quirks, so an oracle for those."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if header:
        lines = lines[1:]
    words, rows = [], []
    for ln in lines:
        values = ln.split()
        words.append(values[0])
        rows.append(np.asarray(values[1:], dtype="float32"))
    return words, np.stack(rows)


def write(tmp_path, text: str, name: str = "vectors.txt", newline: str = "\n") -> pathlib.Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return p


def random_glove_text(n: int = 300, dim: int = 7, seed: int = 0) -> str:
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, dim))
    return "".join(f"word{i} " + " ".join(f"{x:.5f}" for x in row) + "\n" for i, row in enumerate(m))


@pytest.fixture(params=[64, 1 << 20], ids=["tiny-blocks", "default-blocks"])
def block_size(request, monkeypatch):
    """Run a test with 64-byte blocks too, so that lines cross block boundaries."""
    monkeypatch.setattr(vectors_module, "_BLOCK_BYTES", request.param)
    return request.param


# --- reading: agreement with the naive parse ---------------------------------------------


def test_glove_file_matches_the_naive_parse(tmp_path, block_size):
    text = random_glove_text()
    wv = el.load_vectors(write(tmp_path, text))
    words, m = naive_parse(text)
    assert wv.words == words
    assert wv.vectors.dtype == np.float32 and wv.dim == 7
    np.testing.assert_array_equal(wv.vectors, m)


def test_word2vec_header_is_detected_and_skipped(tmp_path, block_size):
    body = random_glove_text(50, 4)
    wv = el.load_vectors(write(tmp_path, "50 4\n" + body))
    words, m = naive_parse(body)
    assert wv.words == words
    np.testing.assert_array_equal(wv.vectors, m)
    assert el.load_vectors(write(tmp_path, "50 4\n" + body, "b.txt"), format="word2vec").words == words


def test_crlf_line_ends_give_the_same_vectors(tmp_path, block_size):
    text = random_glove_text(40, 3)
    lf = el.load_vectors(write(tmp_path, text, "lf.txt"))
    crlf = el.load_vectors(write(tmp_path, text, "crlf.txt", newline="\r\n"))
    assert crlf.words == lf.words and not any("\r" in w for w in crlf.words)
    np.testing.assert_array_equal(crlf.vectors, lf.vectors)


def test_utf8_non_ascii_tokens_are_kept_whole(tmp_path, block_size):
    text = "café 1 2\nnaïve 3 4\n日本語 5 6\nпривет 7 8\n🙂 9 10\n"
    wv = el.load_vectors(write(tmp_path, text))
    assert wv.words == ["café", "naïve", "日本語", "привет", "🙂"]
    np.testing.assert_array_equal(wv["日本語"], [5, 6])


def test_byte_order_mark_is_ignored(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfcat 1 2\ndog 3 4\n")
    assert el.load_vectors(p).words == ["cat", "dog"]


def test_trailing_spaces_and_blank_lines_are_tolerated(tmp_path, block_size):
    # the word2vec C tool ends each line with a space; files often end with a blank line
    text = "2 3\ncat 1 0 0 \n\ndog 0 1 0 \n\n"
    wv = el.load_vectors(write(tmp_path, text))
    assert wv.words == ["cat", "dog"]
    np.testing.assert_array_equal(wv.vectors, [[1, 0, 0], [0, 1, 0]])


def test_tokens_with_spaces_take_everything_before_the_last_dim_fields(tmp_path, block_size):
    text = "the 1 2 3\n. . . 4 5 6\nnew york 7 8 9\nat&t 1 1 1\n"
    wv = el.load_vectors(write(tmp_path, text))
    assert wv.words == ["the", ". . .", "new york", "at&t"]
    np.testing.assert_array_equal(wv["new york"], [7, 8, 9])
    # on the first line too: the dimension is the number of trailing numbers
    wv2 = el.load_vectors(write(tmp_path, "new york 7 8 9\nthe 1 2 3\n", "first.txt"))
    assert wv2.words == ["new york", "the"] and wv2.dim == 3


def test_non_breaking_space_is_part_of_the_token(tmp_path):
    text = "a\u00a0b 1 2\nc 3 4\n"
    wv = el.load_vectors(write(tmp_path, text))
    assert wv.words == ["a\u00a0b", "c"]  # str.split() would have cut it in two


def test_dim_argument_overrides_inference(tmp_path):
    # a first token made of numbers is ambiguous; giving dim settles it
    text = "1 2 0.5 0.25\nx 3 0.1 0.2\n"
    assert el.load_vectors(write(tmp_path, text), dim=3).words == ["1", "x"]


def test_vocabulary_filter_keeps_only_the_requested_words_in_file_order(tmp_path, block_size):
    text = random_glove_text(200, 5)
    words, m = naive_parse(text)
    wanted = ["word150", "word3", "word77", "not-in-file"]
    wv = el.load_vectors(write(tmp_path, text), vocabulary=wanted)
    assert wv.words == ["word3", "word77", "word150"]
    np.testing.assert_array_equal(wv.vectors, m[[3, 77, 150]])


def test_vocabulary_filter_finds_tokens_with_spaces(tmp_path, block_size):
    text = "the 1 2\nnew york 3 4\nnew 5 6\n"
    assert el.load_vectors(write(tmp_path, text), vocabulary=["new york"]).words == ["new york"]
    wv = el.load_vectors(write(tmp_path, text, "b.txt"), vocabulary=["new"])
    assert wv.words == ["new"]
    np.testing.assert_array_equal(wv["new"], [5, 6])


def test_vocabulary_filter_that_matches_nothing_gives_an_empty_result(tmp_path):
    wv = el.load_vectors(write(tmp_path, "cat 1 2\n"), vocabulary=["dog"])
    assert len(wv) == 0 and wv.vectors.shape == (0, 2)


def test_duplicates_first_keeps_the_first_vector(tmp_path, block_size):
    text = "cat 1 2\ndog 3 4\ncat 5 6\n"
    wv = el.load_vectors(write(tmp_path, text), duplicates="first")
    assert wv.words == ["cat", "dog"]
    np.testing.assert_array_equal(wv["cat"], [1, 2])
    np.testing.assert_array_equal(wv.vectors, [[1, 2], [3, 4]])


# --- reading: every error path names the line ----------------------------------------------


def test_empty_file_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        el.load_vectors(write(tmp_path, ""))
    with pytest.raises(ValueError, match="empty"):
        el.load_vectors(write(tmp_path, "\n\n", "blank.txt"))


def test_header_only_file_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="announces 3 vectors but the file holds 0"):
        el.load_vectors(write(tmp_path, "3 5\n"))
    with pytest.raises(ValueError, match="no vectors"):
        el.load_vectors(write(tmp_path, "0 5\n", "zero.txt"))


def test_malformed_number_is_reported_with_its_line(tmp_path, block_size):
    lines = random_glove_text(30, 4).splitlines()
    lines[22] = "broken 0.1 0.2 abc 0.4"
    with pytest.raises(ValueError, match=r"vectors\.txt, line 23: could not read 4 numbers.*'abc'"):
        el.load_vectors(write(tmp_path, "\n".join(lines) + "\n"))


def test_too_few_numbers_is_reported_with_its_line(tmp_path, block_size):
    lines = random_glove_text(30, 4).splitlines()
    lines[17] = "short 0.1 0.2 0.3"
    with pytest.raises(ValueError, match=r"line 18: expected a word and 4 numbers, found 3"):
        el.load_vectors(write(tmp_path, "\n".join(lines) + "\n"))


def test_too_many_numbers_is_a_wrong_dimension_not_a_token_with_spaces(tmp_path, block_size):
    lines = random_glove_text(30, 4).splitlines()
    lines[9] = "long 0.1 0.2 0.3 0.4 0.5"
    with pytest.raises(ValueError, match=r"line 10: expected a word and 4 numbers, found 5 .*wrong dimension"):
        el.load_vectors(write(tmp_path, "\n".join(lines) + "\n"))


def test_line_numbers_count_the_header_and_crlf(tmp_path, block_size):
    text = "3 2\ncat 1 2\ndog 3 x\nemu 5 6\n"
    with pytest.raises(ValueError, match=r"line 3: could not read 2 numbers.*'x'"):
        el.load_vectors(write(tmp_path, text, newline="\r\n"))


def test_header_dimension_must_match_the_lines_and_dim(tmp_path):
    with pytest.raises(ValueError, match="line 2: expected a word and 3 numbers, found 2"):
        el.load_vectors(write(tmp_path, "1 3\ncat 1 2\n"))
    with pytest.raises(ValueError, match="header gives dimension 3, but dim=2"):
        el.load_vectors(write(tmp_path, "1 3\ncat 1 2 3\n", "b.txt"), dim=2)
    with pytest.raises(ValueError, match="announces 5 vectors but the file holds 1"):
        el.load_vectors(write(tmp_path, "5 3\ncat 1 2 3\n", "c.txt"))
    with pytest.raises(ValueError, match="line 1: expected a word2vec header"):
        el.load_vectors(write(tmp_path, "cat 1 2 3\n", "d.txt"), format="word2vec")


def test_duplicate_word_is_an_error_naming_both_lines(tmp_path, block_size):
    text = "cat 1 2\ndog 3 4\nemu 0 0\ncat 5 6\n"
    with pytest.raises(ValueError, match=r"line 4: duplicate word 'cat', first seen on line 1"):
        el.load_vectors(write(tmp_path, text))


def test_invalid_utf8_is_reported_with_its_line(tmp_path, block_size):
    p = tmp_path / "latin1.txt"
    p.write_bytes("cat 1 2\ndog 3 4\ncaf\u00e9 5 6\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"line 3: not valid UTF-8"):
        el.load_vectors(p)


def test_nan_or_inf_is_reported_with_its_line(tmp_path, block_size):
    with pytest.raises(ValueError, match=r"line 2: the vector holds nan or inf"):
        el.load_vectors(write(tmp_path, "cat 1 2\ndog nan 4\n"))


def test_first_line_without_numbers_and_leading_space_are_errors(tmp_path):
    with pytest.raises(ValueError, match="line 1: expected a word followed by numbers"):
        el.load_vectors(write(tmp_path, "just words here\n"))
    with pytest.raises(ValueError, match="line 2: empty word"):
        el.load_vectors(write(tmp_path, "cat 1 2\n 3 4\n", "b.txt"), dim=2)


def test_bad_arguments_are_rejected(tmp_path):
    p = write(tmp_path, "cat 1 2\n")
    with pytest.raises(ValueError, match="format must be"):
        el.load_vectors(p, format="fasttext")
    with pytest.raises(ValueError, match="duplicates must be"):
        el.load_vectors(p, duplicates="last")
    with pytest.raises(ValueError, match="dim must be a positive integer"):
        el.load_vectors(p, dim=0)
    with pytest.raises(TypeError, match="not a single str"):
        el.load_vectors(p, vocabulary="cat")
    with pytest.raises(TypeError, match="vocabulary must hold str"):
        el.load_vectors(p, vocabulary=[1])
    with pytest.raises(FileNotFoundError):
        el.load_vectors(tmp_path / "missing.txt")


# --- saving ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["glove", "word2vec"])
def test_save_then_load_round_trips_float32_exactly(tmp_path, fmt):
    rng = np.random.default_rng(1)
    words = ["good", "bad", "日本", "new york"]
    m = rng.normal(size=(4, 6)).astype(np.float32)
    p = tmp_path / "v.txt"
    assert el.save_vectors(p, words, m, format=fmt, decimals=None) == 4
    text = p.read_text(encoding="utf-8")
    assert text.startswith("4 6\n") == (fmt == "word2vec") and "\r" not in text
    wv = el.load_vectors(p)
    assert wv.words == words
    np.testing.assert_array_equal(wv.vectors, m)


def test_save_with_decimals_rounds_like_the_published_files(tmp_path):
    p = tmp_path / "v.txt"
    el.save_vectors(p, ["a"], [[0.123456789, -2.0]], decimals=3)
    assert p.read_text(encoding="utf-8") == "a 0.123 -2.000\n"
    np.testing.assert_allclose(el.load_vectors(p).vectors, [[0.123, -2.0]])


def test_save_rejects_what_could_not_be_read_back(tmp_path):
    p = tmp_path / "v.txt"
    for bad in ["", "two\nlines", "cr\r", " lead", "trail "]:
        with pytest.raises(ValueError, match="cannot be written"):
            el.save_vectors(p, [bad], [[1.0]])
    with pytest.raises(ValueError, match="vectors must hold finite numbers, got nan at row 0, column 0"):
        el.save_vectors(p, ["a"], [[np.nan]])
    with pytest.raises(ValueError, match="1 words for 2 vectors"):
        el.save_vectors(p, ["a"], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="duplicate word 'a'"):
        el.save_vectors(p, ["a", "a"], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="decimals must be"):
        el.save_vectors(p, ["a"], [[1.0]], decimals=-1)
    with pytest.raises(ValueError, match="format must be"):
        el.save_vectors(p, ["a"], [[1.0]], format="binary")


def test_word_vectors_container_checks_its_input():
    wv = el.WordVectors(["a", "b"], np.eye(2))
    assert "a" in wv and "z" not in wv and len(wv) == 2 and "2 words x 2 dims" in repr(wv)
    with pytest.raises(KeyError, match="'z' has no vector"):
        wv["z"]
    with pytest.raises(TypeError, match="words\\[1\\] must be a str"):
        el.WordVectors(["a", 2], np.eye(2))
    with pytest.raises(TypeError, match="not a single str"):
        el.WordVectors("ab", np.eye(2))


# --- aligning to a model's vocabulary -------------------------------------------------------


@pytest.fixture
def wv():
    return el.WordVectors(["good", "bad", "work"], np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], dtype=np.float32))


def test_matrix_rows_follow_the_token_ids(wv):
    tokens = ["", "[UNK]", "work", "good", "meh", "bad"]
    m, rep = el.build_embedding_matrix(tokens, wv, seed=0)
    assert m.shape == (6, 2) and m.dtype == np.float32
    for i, t in enumerate(tokens):
        if t in wv:
            np.testing.assert_array_equal(m[i], wv[t])
    np.testing.assert_array_equal(m[0], [0, 0])                      # padding: zeros
    np.testing.assert_array_equal(m[1], 0)                             # [UNK]: zeros
    assert rep["found"] == ["work", "good", "bad"] and rep["missing"] == ["meh"]
    assert rep["n_found"] == 3 and rep["n_missing"] == 1 and rep["coverage"] == 0.75
    assert rep["reserved"] == [0, 1] and rep["vocab_size"] == 6
    assert set(rep["init"]) == {"padding", "unknown", "missing"}


def test_missing_rows_are_small_seeded_random_vectors(wv):
    tokens = ["", "[UNK]", "x", "y", "good"]
    m1, _ = el.build_embedding_matrix(tokens, wv, seed=3)
    m2, _ = el.build_embedding_matrix(tokens, wv, seed=3)
    m3, _ = el.build_embedding_matrix(tokens, wv, seed=4)
    np.testing.assert_array_equal(m1, m2)
    assert not np.array_equal(m1[2], m3[2]) and not np.array_equal(m1[2], m1[3])
    assert np.abs(m1[2:4]).max() < 1.0  # scale 0.1 x std of the loaded vectors
    mz, _ = el.build_embedding_matrix(tokens, wv, missing="zeros", unknown="zeros")
    np.testing.assert_array_equal(mz[1:4], 0)
    mm, _ = el.build_embedding_matrix(tokens, wv, missing="mean", unknown="mean")
    np.testing.assert_allclose(mm[1:3], [wv.vectors.mean(axis=0)] * 2)


def test_matrix_accepts_a_keras_text_vectorization_vocabulary(wv):
    keras = pytest.importorskip("keras")
    vec = keras.layers.TextVectorization(vocabulary=["good", "work", "unknownword"])
    m, rep = el.build_embedding_matrix(vec.get_vocabulary(), wv, seed=0)
    assert m.shape == (5, 2) and rep["found"] == ["good", "work"] and rep["missing"] == ["unknownword"]
    np.testing.assert_array_equal(m[2], wv["good"])


def test_matrix_bad_arguments_are_rejected(wv):
    with pytest.raises(TypeError, match="WordVectors"):
        el.build_embedding_matrix(["a"], {"a": [1.0]})
    with pytest.raises(TypeError, match="tokens must be a list"):
        el.build_embedding_matrix("good", wv)
    with pytest.raises(ValueError, match="tokens is empty"):
        el.build_embedding_matrix([], wv)
    with pytest.raises(TypeError, match=r"tokens\[1\] must be a str"):
        el.build_embedding_matrix(["", 3], wv)
    with pytest.raises(ValueError, match="missing must be one of"):
        el.build_embedding_matrix(["", "good"], wv, missing="ones")
    with pytest.raises(ValueError, match="unknown must be one of"):
        el.build_embedding_matrix(["", "good"], wv, unknown="ones")


def test_limit_reads_only_the_first_vectors(tmp_path, block_size):
    text = random_glove_text(100, 3)
    words, m = naive_parse(text)
    wv = el.load_vectors(write(tmp_path, "\n" + text.replace("word5 ", "\nword5 ")), limit=7)
    assert wv.words == words[:7]
    np.testing.assert_array_equal(wv.vectors, m[:7])
    # with a header the count check is skipped when we stop early; a broken line after the
    # limit is never read
    broken = "100 3\n" + text + "oops\n"
    assert el.load_vectors(write(tmp_path, broken, "h.txt"), limit=3).words == words[:3]
    assert len(el.load_vectors(write(tmp_path, text, "all.txt"), limit=1000)) == 100
    with pytest.raises(ValueError, match="limit must be a positive integer"):
        el.load_vectors(write(tmp_path, text, "z.txt"), limit=0)


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("path", [3, True, None, 1.5])
def test_save_vectors_refuses_a_file_descriptor_and_says_what_was_given(tmp_path, path):
    # before the fix, save_vectors(3, ...) wrote to file descriptor 3 and closed it
    with pytest.raises(TypeError, match=r"path must be a file name \(a str or a pathlib.Path\) or an open text "
                                        rf"file, got {type(path).__name__ if path is not None else 'None'}"):
        el.save_vectors(path, ["a"], [[1.0]])


def test_save_vectors_writes_to_an_open_text_file_and_leaves_it_open(tmp_path):
    import io

    buf = io.StringIO()
    assert el.save_vectors(buf, ["a", "b"], [[0.5], [1.0]], decimals=1) == 2
    assert not buf.closed and buf.getvalue() == "a 0.5\nb 1.0\n"
    p = tmp_path / "v.txt"
    with open(p, "w", encoding="utf-8") as f:
        el.save_vectors(f, ["a"], [[2.0]], format="word2vec", decimals=np.int64(0))
        assert not f.closed
    assert p.read_text(encoding="utf-8") == "1 1\na 2\n"


@pytest.mark.parametrize("path", [3, True, None])
def test_load_vectors_refuses_a_file_descriptor(path):
    with pytest.raises(TypeError, match=r"path must be a file name \(a str or a pathlib.Path\), got"):
        el.load_vectors(path)


@pytest.mark.parametrize("decimals, error", [(-1, ValueError), (13, ValueError), (1.5, TypeError), (True, TypeError)])
def test_save_vectors_decimals(tmp_path, decimals, error):
    with pytest.raises(error, match="decimals must be"):
        el.save_vectors(tmp_path / "v.txt", ["a"], [[1.0]], decimals=decimals)


@pytest.mark.parametrize("vectors, error, message", [
    ([[1.0, np.nan], [0.0, 1.0]], ValueError, "vectors must hold finite numbers, got nan at row 0, column 1"),
    ([[1.0, 0.0], [np.inf, 1.0]], ValueError, "vectors must hold finite numbers, got inf at row 1, column 0"),
    (np.eye(2) + 1j, TypeError, "vectors must hold real numbers, got complex values"),
    ([[1.0, 2.0], [3.0]], ValueError, "vectors is a ragged nested list"),
])
def test_word_vectors_and_save_refuse_non_finite_complex_and_ragged_vectors(tmp_path, vectors, error, message):
    with pytest.raises(error, match=message):
        el.WordVectors(["a", "b"], vectors)
    with pytest.raises(error, match=message):
        el.save_vectors(tmp_path / "v.txt", ["a", "b"], vectors)


@pytest.mark.parametrize("words, message", [(None, "words must be a list of strings, got None"),
                                            (3, "words must be a list of strings, got int 3")])
def test_word_vectors_names_missing_words(words, message):
    with pytest.raises(TypeError, match=message):
        el.WordVectors(words, np.eye(2))


@pytest.mark.parametrize("key", [3, None, ("cat",)])
def test_word_vectors_lookup_with_a_non_string_is_a_type_error(key):
    wv = el.WordVectors(["cat", "dog"], np.eye(2))
    with pytest.raises(TypeError, match="word must be a str, got"):
        wv[key]
    assert key not in wv
    with pytest.raises(KeyError, match="'emu' has no vector"):
        wv["emu"]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"padding_tokens": "[PAD]"}, TypeError, "padding_tokens must be a list of strings, got str"),
    ({"unknown_tokens": "[UNK]"}, TypeError, "unknown_tokens must be a list of strings, got str"),
    ({"padding_tokens": None}, TypeError, "padding_tokens must be a list of strings, got None"),
    ({"unknown_tokens": [1]}, TypeError, r"unknown_tokens\[0\] must be a str, got int 1"),
    ({"seed": True}, TypeError, "seed must be a non-negative integer, got bool True"),
    ({"seed": [1, 2]}, TypeError, "seed must be a non-negative integer, got list"),
    ({"seed": -1}, ValueError, "seed must be a non-negative integer, got -1"),
])
def test_build_embedding_matrix_refuses_a_str_of_tokens_and_bad_seeds(wv, kwargs, error, message):
    # before the fix, padding_tokens="[PAD]" was read letter by letter ("[", "P", "A", "D", "]")
    with pytest.raises(error, match=message):
        el.build_embedding_matrix(["", "[UNK]", "good", "P"], wv, **kwargs)


def test_build_embedding_matrix_one_padding_token_in_a_list(wv):
    m, rep = el.build_embedding_matrix(["[PAD]", "good", "P"], wv, padding_tokens=["[PAD]"], seed=np.int64(0))
    assert rep["reserved"] == [0] and rep["missing"] == ["P"]


def test_load_vectors_vocabulary_must_be_a_collection(tmp_path):
    p = write(tmp_path, "cat 1 0\ndog 0 1\n")
    with pytest.raises(TypeError, match="vocabulary must be a collection of words, got int 3"):
        el.load_vectors(p, vocabulary=3)
    assert el.load_vectors(p, vocabulary={"dog"}).words == ["dog"]
    assert el.load_vectors(p, dim=np.int64(2), limit=np.int64(1)).words == ["cat"]


# --- the pyarrow fast path (issue 12) --------------------------------------------------------

pytest.importorskip("pyarrow")

TRICKY_WORDS = ["null", "nan", "NaN", "NA", "na", "n/a", "N/A", "true", "false", "True", "none",
                "None", '"', "'", '""', '"quoted"', "#", "-", "1.5", "inf", "\\N"]


def tricky_words_text(dim: int = 3) -> str:
    rng = np.random.default_rng(2)
    rows = rng.normal(size=(len(TRICKY_WORDS), dim)).astype(np.float32)
    return "".join(w + "".join(f" {x:.9g}" for x in row) + "\n" for w, row in zip(TRICKY_WORDS, rows))


# (file text, load_vectors keyword arguments, does the fast path take it?)
FAST_AND_CAREFUL_FILES = {
    "plain": (random_glove_text(300, 7), {}, True),
    "float32 to 9 digits": ("".join(f"w{i}" + "".join(f" {x:.9g}" for x in row) + "\n" for i, row in
                                    enumerate(np.random.default_rng(3).normal(size=(50, 4)).astype(np.float32))),
                            {}, True),
    "exponents and signs": ("a 1e-05 -6.3681e-05 +2.5\nb .5 -0.00066023 1E3\n", {}, True),
    "tricky words": (tricky_words_text(), {}, True),
    "word2vec header": ("50 4\n" + random_glove_text(50, 4), {}, True),
    "word2vec header, format given": ("50 4\n" + random_glove_text(50, 4), {"format": "word2vec"}, True),
    "glove format given": ("2 3\n4 5\n", {"format": "glove"}, True),
    "non-breaking space": ("a\u00a0b 1 2\nc 3 4\n", {}, True),
    "utf-8": ("café 1 2\nnaïve 3 4\n日本語 5 6\nпривет 7 8\n🙂 9 10\n", {}, True),
    "blank lines": ("cat 1 2\n\n\ndog 3 4\n\n", {}, True),
    "no final newline": ("cat 1 2\ndog 3 4", {}, True),
    "dim given": ("1 2 0.5 0.25\nx 3 0.1 0.2\n", {"dim": 3}, True),
    "crlf": (random_glove_text(40, 3).replace("\n", "\r\n"), {}, False),
    "byte-order mark": ("\ufeffcat 1 2\ndog 3 4\n", {}, False),
    "trailing spaces (word2vec C tool)": ("2 3\ncat 1 0 0 \ndog 0 1 0 \n", {}, False),
    "tokens with spaces": ("the 1 2 3\n. . . 4 5 6\nnew york 7 8 9\n", {}, False),
    "token with spaces on line 1": ("new york 7 8 9\nthe 1 2 3\n", {}, False),
    "leading blank line": ("\ncat 1 2\ndog 3 4\n", {}, False),
    "duplicates kept first": ("cat 1 2\ndog 3 4\ncat 5 6\n", {"duplicates": "first"}, False),
}


def load_both(path, monkeypatch, **kwargs):
    fast = el.load_vectors(path, **kwargs)
    with monkeypatch.context() as m:
        m.setattr(vectors_module, "_USE_ARROW", False)
        careful = el.load_vectors(path, **kwargs)
    return fast, careful


@pytest.mark.parametrize("case", FAST_AND_CAREFUL_FILES)
def test_fast_and_careful_paths_give_identical_results(tmp_path, monkeypatch, case):
    text, kwargs, fast_taken = FAST_AND_CAREFUL_FILES[case]
    p = tmp_path / "v.txt"
    p.write_bytes(text.encode("utf-8"))
    fast, careful = load_both(p, monkeypatch, **kwargs)
    assert fast.words == careful.words and fast.index == careful.index
    assert fast.vectors.dtype == careful.vectors.dtype == np.float32
    np.testing.assert_array_equal(fast.vectors, careful.vectors)
    # the fast path takes exactly the well-formed files (else its speed would be a fiction)
    taken = vectors_module._arrow_load(str(p), kwargs.get("dim"), kwargs.get("format", "auto")) is not None
    assert taken == fast_taken


def test_words_a_csv_reader_would_take_for_nulls_booleans_or_quotes_stay_words(tmp_path):
    p = write(tmp_path, tricky_words_text())
    assert vectors_module._arrow_load(str(p), None, "auto") is not None  # the fast path reads it
    wv = el.load_vectors(p)
    assert wv.words == TRICKY_WORDS and all(type(w) is str for w in wv.words)
    assert wv.vectors.shape == (len(TRICKY_WORDS), 3) and np.isfinite(wv.vectors).all()


FAULTY_LINES = {
    "not a number": ("broken 0.1 abc 0.3", r"line {n}: could not read 3 numbers.*'abc'"),
    "too few numbers": ("short 0.1 0.2", r"line {n}: expected a word and 3 numbers, found 2"),
    "too many numbers": ("long 0.1 0.2 0.3 0.4", r"line {n}: expected a word and 3 numbers, found 4 .*wrong dimension"),
    "nan": ("nanny nan 0.2 0.3", r"line {n}: the vector holds nan or inf"),
    "inf": ("infinite 0.1 -inf 0.3", r"line {n}: the vector holds nan or inf"),
    "duplicate": ("w7 0.1 0.2 0.3", r"line {n}: duplicate word 'w7', first seen on line 8"),
    "empty word": (" 0.1 0.2 0.3", r"line {n}: empty word"),
    "empty field": ("gap 0.1  0.3", r"line {n}: could not read 3 numbers after the word \(at ''\)"),
}


@pytest.mark.parametrize("fault", FAULTY_LINES)
def test_a_faulty_line_deep_in_a_large_file_is_named_by_both_paths(tmp_path, monkeypatch, fault):
    # 60,000 lines, about 1.7 MB: the fast path reads it in several blocks, fails, and the
    # careful parser names the line
    bad, message = FAULTY_LINES[fault]
    n_lines, at = 60_000, 54_321
    rng = np.random.default_rng(4)
    m = rng.integers(-99_999, 99_999, size=(n_lines, 3)) / 1e5
    lines = [f"w{i} {a:.5f} {b:.5f} {c:.5f}" for i, (a, b, c) in enumerate(m.tolist())]
    lines[at - 1] = bad
    p = write(tmp_path, "\n".join(lines) + "\n")
    assert p.stat().st_size > 1 << 20
    with pytest.raises(ValueError, match=message.format(n=at)) as fast_error:
        el.load_vectors(p)
    monkeypatch.setattr(vectors_module, "_USE_ARROW", False)
    with pytest.raises(ValueError) as careful_error:
        el.load_vectors(p)
    assert str(fast_error.value) == str(careful_error.value)


def test_invalid_utf8_deep_in_a_large_file_is_named(tmp_path):
    text = random_glove_text(40_000, 3)
    cut = text.index("\nword33333 ") + 1
    p = tmp_path / "v.txt"
    p.write_bytes(text[:cut].encode() + "café".encode("latin-1") + text[cut + 9:].encode())
    with pytest.raises(ValueError, match=r"line 33334: not valid UTF-8"):
        el.load_vectors(p)


def test_header_count_that_disagrees_is_still_reported(tmp_path):
    p = write(tmp_path, "5 3\n" + random_glove_text(4, 3))
    with pytest.raises(ValueError, match="announces 5 vectors but the file holds 4"):
        el.load_vectors(p)
