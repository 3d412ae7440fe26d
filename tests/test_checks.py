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


# --- the rules added for issue 10: one place for real, finite, in-range values ---------

import io  # noqa: E402
import os  # noqa: E402
import pathlib  # noqa: E402

from embedding_lib._checks import (  # noqa: E402
    MAX_ELEMENTS, axes, boolean, check_size, choice, integer, learning_rate, non_negative_int, path_like,
    real_array, real_number, salt, seed, sequence,
)


@pytest.mark.parametrize("value, error, message", [
    (10**12, ValueError, "repeats must be a positive integer at most 1,000, got 1000000000000"),
    (np.bool_(True), TypeError, "repeats must be a positive integer, got bool"),
    ([2], TypeError, r"repeats must be a positive integer, got list \[2\]"),
    (float("nan"), TypeError, "repeats must be a positive integer, got float nan"),
])
def test_positive_int_maximum_and_numpy_bools(value, error, message):
    with pytest.raises(error, match=message):
        positive_int(value, "repeats", maximum=1000)


def test_integer_and_non_negative_int_accept_numpy_integers_only():
    assert integer(np.int64(4), "decimals", minimum=0, maximum=12) == 4
    assert type(non_negative_int(np.uint8(0), "n")) is int
    with pytest.raises(ValueError, match="decimals must be an integer from 0 to 12, got 13"):
        integer(13, "decimals", minimum=0, maximum=12)
    with pytest.raises(TypeError, match="decimals must be an integer from 0 to 12, got float 2.0"):
        integer(2.0, "decimals", minimum=0, maximum=12)
    with pytest.raises(ValueError, match="n must be a non-negative integer, got -1"):
        non_negative_int(-1, "n")


@pytest.mark.parametrize("value", [0, 7, np.int64(7), np.uint32(2**32 - 1), 2**40])
def test_seed_accepts_non_negative_integers(value):
    assert seed(value) == int(value) and type(seed(value)) is int


@pytest.mark.parametrize("value, error, message", [
    (True, TypeError, "seed must be a non-negative integer, got bool True"),
    (np.bool_(False), TypeError, "seed must be a non-negative integer, got bool"),
    ([], TypeError, r"seed must be a non-negative integer, got list \[\]"),
    ([1, 2], TypeError, r"got list \[1, 2\]"),
    (1.5, TypeError, "got float 1.5"),
    ("0", TypeError, "got str '0'"),
    (None, TypeError, "seed must be a non-negative integer, got None"),
    (-1, ValueError, "seed must be a non-negative integer, got -1"),
])
def test_seed_refuses_everything_else(value, error, message):
    with pytest.raises(error, match=message):
        seed(value)


def test_seed_for_keras_stays_below_2_to_the_32():
    assert seed(2**32 - 1, keras=True) == 2**32 - 1
    with pytest.raises(ValueError, match=r"seed must be an integer from 0 to 4294967295 \(what Keras accepts\)"):
        seed(2**32, keras=True)


@pytest.mark.parametrize("value, expected", [(None, None), (0, 0), (np.int64(5), 5), (2**63 - 1, 2**63 - 1),
                                             ((1, np.int32(2)), [1, 2]), ([133, 137], [133, 137])])
def test_salt_accepts_what_keras_can_store(value, expected):
    got = salt(value)
    assert got == expected
    assert got is None or all(type(v) is int for v in (got if isinstance(got, list) else [got]))


@pytest.mark.parametrize("value, error, message", [
    (2**63, ValueError, r"salt must be an integer from 0 to 2\*\*63 - 1 \(Keras stores it as a signed 64-bit"),
    (2**70, ValueError, "salt must be an integer from 0 to 2"),
    (-1, ValueError, "salt must be an integer from 0 to 2"),
    (True, TypeError, "salt must be None, an integer or a pair of integers, got bool True"),
    (1.5, TypeError, "salt must be None, an integer or a pair of integers, got float 1.5"),
    ("x", TypeError, "got str 'x'"),
    ([1, 2, 3], TypeError, r"got list \[1, 2, 3\]"),
    ((1, 2**64), ValueError, r"salt\[1\] must be an integer from 0"),
])
def test_salt_refuses_what_keras_would_overflow_on(value, error, message):
    with pytest.raises(error, match=message):
        salt(value)


def test_real_number_accepts_numpy_scalars_and_checks_the_range():
    assert real_number(np.float32(0.5), "lr", minimum=0, low_open=True) == 0.5
    assert type(real_number(np.int64(2), "x")) is float
    assert real_number(-3, "home_advantage") == -3.0
    with pytest.raises(ValueError, match=r"test_fraction must be a finite number > 0 and < 1, got 1.0"):
        real_number(1.0, "test_fraction", minimum=0, maximum=1, low_open=True, high_open=True)


@pytest.mark.parametrize("value, error, message", [
    (float("nan"), ValueError, "noise_std must be a finite number >= 0, got nan"),
    (float("inf"), ValueError, "noise_std must be a finite number >= 0, got inf"),
    (np.float32("-inf"), ValueError, "noise_std must be a finite number >= 0"),
    (-0.1, ValueError, "noise_std must be a finite number >= 0, got -0.1"),
    (1j, TypeError, "noise_std must be a real number, got complex 1j"),
    ("0.1", TypeError, "noise_std must be a real number, got str '0.1'"),
    (None, TypeError, "noise_std must be a real number, got None"),
    (True, TypeError, "noise_std must be a real number, got bool True"),
])
def test_real_number_refuses_non_finite_complex_and_non_numbers(value, error, message):
    with pytest.raises(error, match=message):
        real_number(value, "noise_std", minimum=0)


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), 1j, "0.1", None, True])
def test_learning_rate_must_be_positive_and_finite(value):
    with pytest.raises(ValueError, match=r"learning_rate must be a positive number \(finite, e.g. 0.01\)"):
        learning_rate(value)


def test_learning_rate_accepts_numpy_floats():
    assert learning_rate(np.float32(0.25)) == 0.25


def test_boolean_and_choice():
    assert boolean(np.bool_(True), "shared") is True
    for bad in ("yes", 1, None, np.int64(0)):
        with pytest.raises(TypeError, match="shared must be True or False"):
            boolean(bad, "shared")
    assert choice("post", "padding", ("pre", "post")) == "post"
    with pytest.raises(ValueError, match="padding must be one of 'pre', 'post'; got None"):
        choice(None, "padding", ("pre", "post"))


def test_check_size_names_the_array_and_the_limit():
    check_size(MAX_ELEMENTS, "the table")
    with pytest.raises(ValueError, match=r"the table \(k=10\*\*12\) would hold 1,000,000,000,000 numbers, more than"):
        check_size(10**12, "the table (k=10**12)")


@pytest.mark.parametrize("ids, error, message", [
    (None, TypeError, "ids must be a list or array of integer ids, got None"),
    ("12", TypeError, "ids must be a list or array of integer ids, got str '12'"),
    ([[1], [1, 2]], ValueError, r"ids is a ragged nested list \(its rows have different lengths\)"),
    ([1 + 2j], TypeError, "must be integers, got an array of dtype complex128"),
    ([1.0, np.inf], TypeError, "must be integers, got inf at position 1"),
    (np.array([2**64 - 1], dtype=np.uint64), ValueError, "ids must be ids .small non-negative integers."),
    ([1e30], ValueError, "ids must be ids .small non-negative integers., got 1e\\+30 at position 0"),
])
def test_id_array_refuses_none_strings_ragged_complex_and_huge(ids, error, message):
    with pytest.raises(error, match=message):
        id_array(ids, name="ids")


def test_id_array_accepts_numpy_integer_arrays_of_any_int_type():
    assert id_array(np.array([1, 2], np.uint8), vocab_size=3).tolist() == [1, 2]


@pytest.mark.parametrize("matrix, error, message", [
    (np.array([[1.0, 2.0], [3.0, np.nan]]), ValueError, "weights must hold finite numbers, got nan at row 1, column 1"),
    (np.array([[np.inf, 2.0]], np.float32), ValueError, "got inf at row 0, column 0"),
    (np.array([[1.0, -np.inf]]), ValueError, "got -inf at row 0, column 1"),
    (np.array([[1 + 1j, 2]]), TypeError, r"weights must hold real numbers, got complex values \(dtype complex128\)"),
    (None, TypeError, r"weights must be a 2-D array of numbers \(vocab_size, dim\), got None"),
    ("abc", TypeError, "weights must be a 2-D array of numbers .*, got str 'abc'"),
    ([[1.0, 2.0], [3.0]], ValueError, "weights is a ragged nested list"),
    ({"a": 1}, TypeError, r"weights must hold numbers, got dtype object \(dict\)"),
    (np.ones((2, 2), bool), TypeError, "weights must hold numbers, got dtype bool"),
])
def test_matrix_2d_refuses_complex_non_finite_and_ragged_naming_the_first_bad_entry(matrix, error, message):
    with pytest.raises(error, match=message):
        matrix_2d(matrix, "weights")


def test_matrix_2d_may_allow_non_finite_values():
    m = np.array([[np.nan, 1.0]])
    assert matrix_2d(m, finite=False) is m


def test_real_array():
    assert real_array([1, 2], "counts", ndim=1).tolist() == [1, 2]
    with pytest.raises(ValueError, match="counts must be an array of numbers .1-D., got shape .1, 2."):
        real_array([[1, 2]], "counts", ndim=1)
    with pytest.raises(ValueError, match=r"y must hold finite numbers, got nan at index \(1, 0\)"):
        real_array([[1.0], [np.nan]], "y")
    with pytest.raises(TypeError, match="y must hold numbers, got dtype bool"):
        real_array([True], "y")
    with pytest.raises(TypeError, match="y must hold real numbers, got complex values"):
        real_array([1j], "y")


def test_sequence_refuses_a_single_str_none_and_mappings():
    assert sequence(range(3), "rows") == [0, 1, 2]
    assert sequence(np.array(["a", "b"]), "labels") == ["a", "b"]
    assert sorted(sequence({"b", "a"}, "exclude", ordered=False)) == ["a", "b"]
    with pytest.raises(TypeError, match="padding_tokens must be a list of tokens, not a single str '.PAD.'"):
        sequence("[PAD]", "padding_tokens", what="a list of tokens")
    with pytest.raises(TypeError, match="labels must be a list, got None"):
        sequence(None, "labels")
    with pytest.raises(TypeError, match="labels must be a list, got dict"):
        sequence({"a": 1}, "labels")
    with pytest.raises(TypeError, match="labels must be a list, got set"):
        sequence({"a"}, "labels")
    with pytest.raises(ValueError, match=r"labels must be a list \(1-D\), got an array of shape \(1, 2\)"):
        sequence(np.array([[1, 2]]), "labels")


def test_string_list_names_none_and_turns_numpy_strings_into_str():
    with pytest.raises(TypeError, match="texts must be a list of strings, got None"):
        string_list(None, "texts")
    out = string_list(np.array(["a", "b"]), "texts")
    assert out == ["a", "b"] and all(type(t) is str for t in out)


def test_path_like_refuses_file_descriptors():
    assert path_like(pathlib.Path("v.txt")) == pathlib.Path("v.txt")
    buf = io.StringIO()
    assert path_like(buf, text_file=True) is buf
    for bad in (3, True, None, 1.5, b"v.txt"):
        with pytest.raises(TypeError, match=r"path must be a file name \(a str or a pathlib.Path\)"):
            path_like(bad)
    with pytest.raises(TypeError, match="or an open text file, got int 3"):
        path_like(3, text_file=True)
    assert isinstance(path_like(os.fspath("a")), str)


def test_axes_wants_matplotlib_axes():
    plt = pytest.importorskip("matplotlib.pyplot")
    fig, ax = plt.subplots()
    assert axes(ax) is ax and axes(None) is None
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes \(e.g. from plt.subplots\(\)\) or None, got Figure"):
        axes(fig)
    plt.close(fig)
