"""The numeric tolerance of tests/nbval_tolerance.py: the rule, and the rule inside nbval.

The first tests check the comparison rule on strings; the last ones run nbval itself, with
the plugin, on small notebooks whose stored outputs were edited the way another CPU would
change them (pass) and the way a real regression would (fail).
"""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

from tests.nbval_tolerance import first_difference, last_place, numbers_close, tokens

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("stored,new", [
    ("0.953", "0.954"),           # last digit, rounding boundary
    ("0.953", "0.951"),           # two units
    ("0.123456", "0.123500"),     # 3.6e-4 relative: float32 training on another CPU
    ("96.6", "96.7"),
    ("1.50e-05", "1.52e-05"),
    ("-0.000", "0.000"),          # a sign flip of a rounded zero
    ("0.5", "0.50"),              # printed at another precision
])
def test_floats_within_the_tolerance_match(stored, new):
    assert numbers_close(stored, new)


@pytest.mark.parametrize("stored,new", [
    ("0.953", "0.956"),           # three units in the last place
    ("0.123456", "0.1239"),       # 3.6e-3 relative
    ("96.6", "76.7"),             # a t-SNE map that diverged
    ("0.05", "0.15"),
    ("1.0", "-1.0"),
    ("12", "13"),                 # integers are exact
    ("12", "12.0"),               # an integer became a float: a change of kind
])
def test_numbers_outside_the_tolerance_differ(stored, new):
    assert not numbers_close(stored, new)


def test_words_and_versions_are_text_not_numbers():
    text, numbers = tokens("dense_3 (Dense) keras 3.15.1 v2 ids 1 2 3 4 1")
    assert numbers == ["1", "2", "3", "4", "1"]
    assert first_difference("keras 3.15.1", "keras 3.15.2") is not None
    assert first_difference("dense_3", "dense_4") is not None


def test_last_place():
    assert last_place("0.25") == pytest.approx(0.01)
    assert last_place("7.") == 1
    assert last_place("2.5e3") == pytest.approx(100)


def test_text_around_numbers_must_match_except_spaces():
    assert first_difference("[ 0.10 -0.20]", "[-0.00 -0.20]") is not None  # 0.10 vs -0.00
    assert first_difference("[ 0.001 -0.20]", "[-0.001 -0.20]") is None   # alignment only
    assert first_difference("holds: True", "holds: False").startswith("text differs")
    assert first_difference("a 1 b", "a 1 b 2").startswith("text differs")


def _notebook(path: pathlib.Path, cells: list[tuple[str, str]]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    for i, (source, stored) in enumerate(cells, start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=i)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored)]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def _nbval(path: pathlib.Path, plugin: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
           "--nbval-current-env"]
    cmd += ["-p", "tests.nbval_tolerance"] if plugin else []
    cmd.append(str(path))
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYDEVD_DISABLE_FILE_VALIDATION="1")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


CELLS = [
    ('print(f"{0.1234567:.6f}")', "0.123400\n"),            # another CPU: 1.9e-4 relative
    ('print(f"ids {[1, 2, 3, 4, 1]}, mean {0.3456:.3f}")', "ids [1, 2, 3, 4, 1], mean 0.347\n"),
]


def test_nbval_with_the_plugin_accepts_another_cpus_rounding(tmp_path):
    path = tmp_path / "portable.ipynb"
    _notebook(path, CELLS)
    assert _nbval(path, plugin=False).returncode != 0, "plain nbval should see the difference"
    result = _nbval(path)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize("stored", [
    "ids [1, 2, 3, 4, 2], mean 0.346\n",    # an id changed
    "ids [1, 2, 3, 4, 1], mean 0.360\n",    # a float beyond the tolerance
    "ids [1, 2, 3, 4, 1] mean 0.346\n",     # the text changed
])
def test_nbval_with_the_plugin_still_fails_real_changes(tmp_path, stored):
    path = tmp_path / "regression.ipynb"
    _notebook(path, [(CELLS[1][0], stored)])
    result = _nbval(path)
    assert result.returncode != 0
    assert "Cell outputs differ" in result.stdout
