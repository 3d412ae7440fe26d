"""Tests of embedding_lib._checks: the argument checks every public function relies on."""
import numpy as np
import pytest

from embedding_lib._checks import id_array, matrix_2d, positive_int, string_list


@pytest.mark.parametrize("value", [1, 7, np.int64(3)])
def test_positive_int_accepts_positive_integers(value):
    assert positive_int(value, "n") == int(value)
    assert type(positive_int(value, "n")) is int


@pytest.mark.parametrize("value, error", [(0, ValueError), (-2, ValueError), (2.0, TypeError),
                                          (True, TypeError), ("3", TypeError), (None, TypeError)])
def test_positive_int_rejects_everything_else_naming_the_argument(value, error):
    with pytest.raises(error, match="dim must be a positive integer"):
        positive_int(value, "dim")


def test_id_array_keeps_shape_and_values():
    out = id_array([[1, 2], [3, 0]], vocab_size=4)
    assert out.dtype == np.int64 and out.shape == (2, 2)
    assert out.tolist() == [[1, 2], [3, 0]]


def test_id_array_accepts_whole_floats_and_empty_input():
    assert id_array([1.0, 2.0]).tolist() == [1, 2]
    assert id_array([]).size == 0


@pytest.mark.parametrize("ids, error, message", [
    ([1, -1], ValueError, "non-negative, got -1 at position 1"),
    ([0, 5], ValueError, r"< vocab_size=5 \(valid rows are 0..4\), got 5 at position 1"),
    ([1.5], TypeError, "must be integers, got 1.5 at position 0"),
    ([np.nan], TypeError, "must be integers"),
    (["a"], TypeError, "must be integers, got an array of dtype"),
    ([True, False], TypeError, "must be integers, got an array of dtype bool"),
])
def test_id_array_errors_say_what_and_where(ids, error, message):
    with pytest.raises(error, match=message):
        id_array(ids, vocab_size=5)


def test_matrix_2d_converts_integers_to_float32_and_keeps_floats():
    assert matrix_2d([[1, 2]]).dtype == np.float32
    m = np.zeros((2, 3), dtype=np.float64)
    assert matrix_2d(m) is m


@pytest.mark.parametrize("matrix, error, message", [
    ([1, 2, 3], ValueError, r"must be 2-D \(vocab_size, dim\), got shape \(3,\)"),
    (np.zeros((0, 3)), ValueError, "must not be empty"),
    ([["a", "b"]], TypeError, "must hold numbers"),
])
def test_matrix_2d_errors_name_the_shape_or_type(matrix, error, message):
    with pytest.raises(error, match=message):
        matrix_2d(matrix, "weights")


def test_string_list_returns_a_list_copy():
    values = ("a", "b")
    assert string_list(values, "texts") == ["a", "b"]
    assert string_list(np.array(["x"]), "texts") == ["x"]


@pytest.mark.parametrize("values, error, message", [
    ("abc", TypeError, "texts must be a list of strings, got str"),
    (b"abc", TypeError, "texts must be a list of strings, got bytes"),
    (42, TypeError, "texts must be a list of strings, got int"),
    ([], ValueError, "texts is empty: nothing here"),
    (["ok", None], TypeError, r"texts\[1\] must be a str, got NoneType None"),
])
def test_string_list_errors(values, error, message):
    with pytest.raises(error, match=message):
        string_list(values, "texts", empty="nothing here")


def test_string_list_may_allow_empty():
    assert string_list([], "texts", empty=None) == []
