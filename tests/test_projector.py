"""Tests of embedding_lib.projector: files for the TensorFlow Embedding Projector (Chapter 6).
Oracle: the files parsed back with numpy and the csv module."""
import csv

import numpy as np
import pytest

import embedding_lib as el


@pytest.fixture
def tokens_matrix():
    tokens = ["", "[UNK]", "work", "poor", "good", "café"]
    m = np.random.default_rng(0).normal(size=(6, 4)).astype(np.float32)
    return tokens, m


def read_lines(path):
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def test_files_parse_back_to_the_matrix_without_the_padding_row(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    out = el.write_projector_files(tmp_path / "proj", tokens, m)
    assert out["rows"] == [1, 2, 3, 4, 5]
    vectors = np.loadtxt(out["vectors"], delimiter="\t", ndmin=2)
    np.testing.assert_allclose(vectors, m[1:], atol=5e-7)
    with open(out["metadata"], encoding="utf-8", newline="") as f:
        meta = [row for row in csv.reader(f, delimiter="\t")]
    assert meta == [[t] for t in tokens[1:]]
    n_vec, n_meta = len(read_lines(out["vectors"])), len(read_lines(out["metadata"]))
    assert n_vec == n_meta == 5 == out["lines"]["vectors"] == out["lines"]["metadata"]


def test_padding_label_keeps_the_padding_row(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    out = el.write_projector_files(tmp_path, tokens, m, padding_label="[PAD]")
    assert read_lines(out["metadata"])[0] == "[PAD]"
    assert len(read_lines(out["vectors"])) == len(read_lines(out["metadata"])) == 6
    np.testing.assert_allclose(np.loadtxt(out["vectors"], delimiter="\t"), m, atol=5e-7)


def test_explicit_skip_rows(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    out = el.write_projector_files(tmp_path, tokens, m, skip=[0, 1])
    assert read_lines(out["metadata"]) == ["work", "poor", "good", "café"]
    np.testing.assert_allclose(np.loadtxt(out["vectors"], delimiter="\t"), m[2:], atol=5e-7)


def test_extra_columns_add_a_header_line(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    groups = ["-", "-", "noun", "criticism", "praise", "noun"]
    out = el.write_projector_files(tmp_path, tokens, m, columns={"group": groups})
    with open(out["metadata"], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["word", "group"]
    assert rows[1:] == [[t, g] for t, g in zip(tokens[1:], groups[1:])]
    assert out["lines"] == {"vectors": 5, "metadata": 6}
    assert len(read_lines(out["metadata"])) == len(read_lines(out["vectors"])) + 1


def test_projector_errors(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    with pytest.raises(ValueError, match="one label per row"):
        el.write_projector_files(tmp_path, tokens[:3], m)
    with pytest.raises(ValueError, match="contains a tab"):
        el.write_projector_files(tmp_path, ["", "a\tb", "c", "d", "e", "f"], m)
    with pytest.raises(ValueError, match="row 0 has an empty label"):
        el.write_projector_files(tmp_path, tokens, m, skip=[])
    with pytest.raises(ValueError, match="every row is skipped"):
        el.write_projector_files(tmp_path, tokens, m, skip=range(6))
    with pytest.raises(ValueError, match="column 'g' must hold one value per row"):
        el.write_projector_files(tmp_path, tokens, m, columns={"g": [1, 2]})
    with pytest.raises(ValueError, match="padding_label must be"):
        el.write_projector_files(tmp_path, tokens, m, padding_label="")
    with pytest.raises(ValueError, match="decimals must be"):
        el.write_projector_files(tmp_path, tokens, m, decimals=20)
    bad = m.copy()
    bad[3, 1] = np.inf
    with pytest.raises(ValueError, match="nan or inf"):
        el.write_projector_files(tmp_path, tokens, bad)
    with pytest.raises(ValueError, match="skip must be < vocab_size=6"):
        el.write_projector_files(tmp_path, tokens, m, skip=[7])


# --- bad input (issue 10) ----------------------------------------------------------------

def test_projector_more_bad_arguments(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    with pytest.raises(TypeError, match=r"directory must be a file name \(a str or a pathlib.Path\), got int 3"):
        el.write_projector_files(3, tokens, m)
    with pytest.raises(TypeError, match="matrix must hold real numbers, got complex values"):
        el.write_projector_files(tmp_path, tokens, m + 1j)
    with pytest.raises(TypeError, match="tokens must be a list of labels, one per row of the matrix, got None"):
        el.write_projector_files(tmp_path, None, m)
    with pytest.raises(TypeError, match=r"columns must be a dict \{column name: values\}, got list"):
        el.write_projector_files(tmp_path, tokens, m, columns=[1])
    with pytest.raises(ValueError, match="skip is a ragged nested list"):
        el.write_projector_files(tmp_path, tokens, m, skip=[[0], [1, 2]])
    with pytest.raises(TypeError, match="decimals must be an integer from 0 to 12, got float 1.5"):
        el.write_projector_files(tmp_path, tokens, m, decimals=1.5)
    bad = m.copy()
    bad[2, 3] = np.nan
    with pytest.raises(ValueError, match=r"matrix must hold finite numbers in the rows written, got nan at row 2, "
                                         r"column 3 \(nan or inf cannot be shown\)"):
        el.write_projector_files(tmp_path, tokens, bad)


def test_projector_skipped_rows_may_hold_anything_and_numpy_decimals_work(tmp_path, tokens_matrix):
    tokens, m = tokens_matrix
    m = m.copy()
    m[0] = np.nan  # the padding row is left out of the files
    out = el.write_projector_files(tmp_path, tokens, m, decimals=np.int64(2), skip={0})
    assert out["rows"] == [1, 2, 3, 4, 5]
