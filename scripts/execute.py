"""Re-execute chapter notebooks in place, each top to bottom in a fresh kernel.

Usage (``make execute`` runs it on every chapter)::

    .venv/bin/python scripts/execute.py chapters/01_one_hot_encoding.ipynb [...]

The kernel runs in the notebook's folder with this process' environment, so the
Makefile's TF_CPP_MIN_LOG_LEVEL/TF_ENABLE_ONEDNN_OPTS/PYTHONHASHSEED settings apply.
Prints one line per notebook with its wall time.
"""
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

DEFAULT_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONHASHSEED": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def execute(path: pathlib.Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=1200,
        kernel_name="python3",
        record_timing=False,  # no per-cell timestamps: they would make every re-run a diff
        resources={"metadata": {"path": str(path.parent)}},
    )
    t0 = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - t0
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for key, value in DEFAULT_ENV.items():
        os.environ.setdefault(key, value)
    for name in argv:
        path = pathlib.Path(name)
        if not path.is_file() or path.suffix != ".ipynb":
            print(f"not a notebook file: {name}", file=sys.stderr)
            return 2
        print(f"{path}: executed in {execute(path):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
