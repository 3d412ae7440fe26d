"""A numeric tolerance for nbval: printed floats may differ in their last bits, nothing else.

nbval compares a re-executed cell's outputs with the stored ones as exact strings. The
stored outputs come from one CPU; another CPU (another BLAS kernel, another TensorFlow
kernel, Apple silicon) rounds floats differently, so a trained value printed to six
decimals can differ in the sixth. This plugin loosens exactly that, and nothing else.

When nbval finds a cell's outputs different, the plugin compares them again, value by
value, as a sequence of *tokens*: text between numbers, integers and floats.

- Text between numbers must be equal, except for spaces and tabs (a number that gains a
  digit or a sign shifts a numpy column or a table's alignment).
- An integer (a token without a decimal point or exponent) must be equal. Counts, ids,
  shapes, parameter counts, vocabulary sizes and seeds are integers, so they are exact.
- A float (with a decimal point or an exponent) matches when

      |new - stored| <= max(ABS_UNITS * unit, REL_TOL * max(|new|, |stored|))

  where ``unit`` is one unit in the last printed place (0.001 for ``0.123``, 0.1 for
  ``96.6``, 1e-6 for ``1.5e-05``). ABS_UNITS = 2 lets a value that sits on a rounding
  boundary print one unit either way; REL_TOL = 1e-3 lets a float printed with many
  digits differ where float32 training on another CPU really differs. See
  CONTRIBUTING.md ("Portable outputs") for how these were measured.
- Numbers that are part of a word or a version string (``dense_3``, ``3.15.1``) are
  text, and so exact.

Everything else (the number of outputs, their kinds, images, errors) stays nbval's exact
comparison. Load the plugin with ``-p tests.nbval_tolerance`` (the Makefile does).
"""
from __future__ import annotations

import math
import os
import re
from collections import defaultdict

ABS_UNITS = 2
REL_TOL = 1e-3

# A number that stands alone: not glued to a word or another number (dense_3, v2, 3.15.1).
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?!\.?\w)"
)
SPACES = re.compile(r"[ \t]+")


def tokens(text: str) -> tuple[list[str], list[str]]:
    """Split ``text`` into the text around numbers and the numbers themselves.

    >>> tokens("loss 0.25 after 10 epochs (keras 3.15.1, dense_3)")
    (['loss ', ' after ', ' epochs (keras 3.15.1, dense_3)'], ['0.25', '10'])
    """
    numbers = [m.group(0) for m in NUMBER.finditer(text)]
    between = NUMBER.split(text)
    return between, numbers


def is_float(token: str) -> bool:
    return any(c in token for c in ".eE")


def last_place(token: str) -> float:
    """One unit in the last printed place of a float token.

    >>> last_place("0.123"), last_place("96.6"), last_place("2."), last_place("1.5e-05")
    (0.001, 0.1, 1.0, 1e-06)
    """
    mantissa, _, exponent = token.lower().partition("e")
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    return float(f"1e{int(exponent or 0) - decimals}")


def numbers_close(stored: str, new: str) -> bool:
    """Whether two printed numbers agree under the rule in the module docstring.

    >>> numbers_close("12", "12"), numbers_close("12", "13"), numbers_close("12", "12.0")
    (True, False, False)
    >>> numbers_close("0.953", "0.955"), numbers_close("0.953", "0.956")
    (True, False)
    >>> numbers_close("0.123456", "0.123500"), numbers_close("0.123456", "0.1239")
    (True, False)
    """
    if is_float(stored) != is_float(new):
        return False
    if not is_float(stored):
        return int(stored) == int(new)
    a, b = float(stored), float(new)
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    unit = max(last_place(stored), last_place(new))
    return abs(a - b) <= max(ABS_UNITS * unit, REL_TOL * max(abs(a), abs(b))) * (1 + 1e-9)


def first_difference(stored: str, new: str) -> str | None:
    """None when the two texts agree under the tolerance, else what differs first.

    >>> first_difference("acc 0.953, n = 10", "acc 0.954, n = 10") is None
    True
    >>> first_difference("acc 0.953, n = 10", "acc 0.953, n = 11")
    "number 2: stored '10', new '11'"
    >>> first_difference("[ 0.5 -0.2]", "[-0.5 -0.2]")
    "number 1: stored '0.5', new '-0.5'"
    >>> first_difference("good: True", "good: False")
    "text differs: 'good: True' / 'good: False'"
    """
    if not isinstance(stored, str) or not isinstance(new, str):
        return None if stored == new else "outputs differ (not text)"
    if stored == new:
        return None
    text_a, nums_a = tokens(stored)
    text_b, nums_b = tokens(new)
    if len(nums_a) != len(nums_b) or [SPACES.sub("", t) for t in text_a] != [
        SPACES.sub("", t) for t in text_b
    ]:
        return f"text differs: {stored[:200]!r} / {new[:200]!r}"
    for i, (a, b) in enumerate(zip(nums_a, nums_b), start=1):
        if not numbers_close(a, b):
            return f"number {i}: stored {a!r}, new {b!r}"
    return None


def _flatten(cell, outputs, skip) -> dict[str, list]:
    """nbval's own grouping of outputs by key (see IPyNbCell.compare_outputs)."""
    grouped: dict[str, list] = defaultdict(list)
    for out in outputs:
        for key, value in out.items():
            if key in skip:
                continue
            if key == "data":
                for mime, payload in value.items():
                    if mime not in skip:
                        grouped[mime].append(cell.sanitize(payload))
            else:
                grouped[key].append(cell.sanitize(value))
    return grouped


def tolerant_compare(cell, test, ref, skip) -> tuple[bool, list[str]]:
    """Compare like nbval, with numbers in text under the tolerance; return (ok, notes)."""
    from nbval.plugin import transform_streams_for_comparison

    got = _flatten(cell, transform_streams_for_comparison(test), skip)
    want = _flatten(cell, transform_streams_for_comparison(ref), skip)
    if set(got) != set(want):
        return False, [f"output kinds differ: stored {sorted(want)}, new {sorted(got)}"]
    notes = []
    for key, stored_values in want.items():
        new_values = got[key]
        if len(stored_values) != len(new_values):
            return False, [f"number of {key!r} outputs differs"]
        for stored, new in zip(stored_values, new_values):
            diff = first_difference(stored, new)
            if diff is not None:
                return False, [f"{key}: {diff}"]
            if stored != new:
                notes.append(key)
                _log(cell, stored, new)
    return True, notes


def _log(cell, stored: str, new: str) -> None:
    """With NBVAL_TOLERANCE_LOG=path, record every number the tolerance let through, to
    see how far another machine's floats really move (CONTRIBUTING.md)."""
    path = os.environ.get("NBVAL_TOLERANCE_LOG")
    if not path:
        return
    _, a_nums = tokens(stored)
    _, b_nums = tokens(new)
    with open(path, "a", encoding="utf-8") as log:
        for a, b in zip(a_nums, b_nums):
            if a != b:
                rel = abs(float(a) - float(b)) / max(abs(float(a)), abs(float(b)))
                units = abs(float(a) - float(b)) / max(last_place(a), last_place(b))
                log.write(f"{cell.name}\t{a}\t{b}\t{rel:.2e}\t{units:.1f}\n")


def pytest_configure(config):
    from nbval.plugin import IPyNbCell

    if getattr(IPyNbCell, "_tolerance_installed", False):
        return
    exact = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        if exact(self, test, ref, skip_compare):
            return True
        skip = skip_compare or self.parent.skip_compare
        ok, notes = tolerant_compare(self, test, ref, skip)
        if ok:
            self.comparison_traceback = []
            return True
        self.comparison_traceback.append("numeric tolerance (tests/nbval_tolerance.py): "
                                         + "; ".join(notes))
        return False

    IPyNbCell.compare_outputs = compare_outputs
    IPyNbCell._tolerance_installed = True
