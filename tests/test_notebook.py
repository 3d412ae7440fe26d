"""Tests of embedding_lib.notebook: seeding and glue."""
import random
import sys
import types

import numpy as np
import pytest

import embedding_lib as el


def test_set_seed_repeats_python_numpy_and_keras_draws():
    keras = pytest.importorskip("keras")

    def draws():
        return (random.random(), np.random.rand(),
                float(keras.ops.convert_to_numpy(keras.random.uniform((1,)))[0]))

    el.set_seed(3)
    first = draws()
    el.set_seed(3)
    assert draws() == first
    el.set_seed(4)
    assert draws() != first


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError),
                                         (True, TypeError), (None, TypeError), ([0], TypeError),
                                         (np.bool_(True), TypeError)])
def test_set_seed_rejects_bad_seeds(seed, error):
    with pytest.raises(error, match="seed must be a non-negative integer"):
        el.set_seed(seed)


def test_set_seed_refuses_seeds_keras_cannot_take_before_seeding_anything():
    state = np.random.get_state()[1].copy()
    with pytest.raises(ValueError, match=r"seed must be an integer from 0 to 4294967295 \(what Keras accepts\)"):
        el.set_seed(2**32)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


def test_set_seed_accepts_numpy_integers():
    el.set_seed(np.int64(3), deterministic_ops=np.bool_(False))
    a = np.random.random()
    el.set_seed(3)
    assert np.random.random() == a


@pytest.mark.parametrize("flag", ["yes", None, 1])
def test_set_seed_wants_a_bool_for_deterministic_ops(flag):
    with pytest.raises(TypeError, match="deterministic_ops must be True or False"):
        el.set_seed(0, deterministic_ops=flag)


def test_glue_passes_name_and_value_to_myst_nb(monkeypatch):
    calls = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda name, value, display=False: calls.append((name, value, display))
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    assert el.glue("ratio", 12.5) is None
    assert calls == [("ratio", 12.5, False)]


@pytest.mark.parametrize("value, shown", [
    (np.float64(2.17), 2.17), (np.int64(7), 7), (np.bool_(True), True),
    (round(np.float64(0.7071), 2), 0.71)])
def test_glue_stores_numpy_scalars_as_python_numbers(monkeypatch, value, shown):
    calls = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda name, value, display=False: calls.append(value)
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    el.glue("x", value)
    assert calls == [shown] and type(calls[0]) is type(shown)
    assert repr(calls[0]) == repr(shown)  # "2.17", never "np.float64(2.17)"


def test_glue_keeps_arrays_as_they_are(monkeypatch):
    calls = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda name, value, display=False: calls.append(value)
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    array = np.arange(3)
    el.glue("x", array)
    assert calls[0] is array


def test_glue_does_nothing_without_myst_nb(monkeypatch):
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # makes "import myst_nb" fail
    assert el.glue("x", 1) is None


@pytest.mark.parametrize("name", ["", 3, None])
def test_glue_rejects_bad_names(name):
    with pytest.raises(ValueError, match="name must be a non-empty str"):
        el.glue(name, 1)


def test_importing_the_package_neither_imports_tensorflow_nor_seeds():
    import subprocess

    code = ("import sys, random; random.seed(1); a = random.random(); random.seed(1); "
            "import embedding_lib; b = random.random(); "
            "heavy = sorted(m for m in ('tensorflow', 'keras', 'matplotlib.pyplot') if m in sys.modules); "
            "print(heavy, a == b)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"
