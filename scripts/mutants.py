"""Plant real bugs one at a time and show that `make test` catches each (`make mutants`).

A regression check with a numeric tolerance (tests/nbval_tolerance.py) must still fail
when the course really changes. This script proves it: for each mutant below it copies
the working tree into a temporary folder, plants the bug there (the checkout itself is
never touched), and runs the two stages of `make test` that execute code:

- unit:  the unit tests and doctests of embedding_lib;
- nbval: every chapter re-executed and compared with its stored outputs, in toc order,
         stopping at the first chapter that fails (as `make nbval` does).

Both stages run for every mutant, so the table shows which stage catches which bug. The
script first runs both stages on an unmutated copy (the control), which must pass, so
that every failure below is the mutant's doing. It exits non-zero if the control fails,
if any mutant survives both stages, or if a mutant no longer applies (its `old` text is
not found exactly once: the code moved, so update the mutant).

    .venv/bin/python scripts/mutants.py            # every mutant (about 20-30 minutes)
    .venv/bin/python scripts/mutants.py lookup     # the mutants whose name contains 'lookup'
    .venv/bin/python scripts/mutants.py --chapters '0[1-5]*'   # nbval on those chapters only
"""
from __future__ import annotations

import dataclasses
import fnmatch
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str
    bug: str
    file: str
    old: str
    new: str


MUTANTS = [
    Mutant(
        "lookup-neighbour-row",
        "el.lookup returns the row after the one asked for",
        "embedding_lib/matrix.py",
        "    return m[id_array(ids, m.shape[0])]\n",
        "    return m[(id_array(ids, m.shape[0]) + 1) % m.shape[0]]\n",
    ),
    Mutant(
        "vocab-off-by-one",
        "the vocabulary numbers its words from 2 instead of 1 (id 1 left unused)",
        "embedding_lib/vocab.py",
        "        self._index = {w: i for i, w in enumerate(self.tokens)}\n",
        "        self._index = {w: i + (i > 0) for i, w in enumerate(self.tokens)}\n",
    ),
    Mutant(
        "seed-shifted",
        "el.set_seed seeds Keras with seed + 1 (a wrong seed, everything else unchanged)",
        "embedding_lib/notebook.py",
        "    keras.utils.set_random_seed(int(seed))\n",
        "    keras.utils.set_random_seed(int(seed) + 1)\n",
    ),
    Mutant(
        "initializer-changed",
        "the sentiment model's embedding starts from Glorot-uniform instead of Keras' "
        "default RandomUniform(-0.05, 0.05)",
        "embedding_lib/models.py",
        'embeddings_initializer="uniform" if m is None else "zeros",',
        'embeddings_initializer="glorot_uniform" if m is None else "zeros",',
    ),
    Mutant(
        "mask-ignored",
        "chapter 4's embedding drops the padding mask, so pooling averages the padding too",
        "chapters/04_keras_embedding_layer.ipynb",
        "emb = keras.layers.Embedding(input_dim=5, output_dim=3, mask_zero=True)",
        "emb = keras.layers.Embedding(input_dim=5, output_dim=3, mask_zero=False)",
    ),
    Mutant(
        "learning-rate-5pc",
        "word2vec trains with a 5% larger learning rate: a small numerical change that "
        "the tolerance must not hide",
        "embedding_lib/word2vec.py",
        "optimizer=keras.optimizers.Adam(learning_rate),",
        "optimizer=keras.optimizers.Adam(learning_rate * 1.05),",
    ),
]


def chapters(root: pathlib.Path, pattern: str = "*") -> list[pathlib.Path]:
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"^\s*-\s*file:\s*(chapters/\S+)", toc, flags=re.M)
    paths = [root / f"{f.removesuffix('.ipynb')}.ipynb" for f in files]
    return [p for p in paths if fnmatch.fnmatch(p.name, pattern)]


def copy_tree(dest: pathlib.Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


def plant(root: pathlib.Path, mutant: Mutant) -> None:
    path = root / mutant.file
    text = path.read_text(encoding="utf-8")
    if text.count(mutant.old) != 1:
        raise SystemExit(
            f"mutant {mutant.name}: its old text occurs {text.count(mutant.old)} times in "
            f"{mutant.file} (expected once); the code moved, so update the mutant"
        )
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def run(cmd: list[str], root: pathlib.Path, env: dict[str, str]) -> tuple[bool, str]:
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    tail = [line for line in proc.stdout.splitlines() if line.startswith("FAILED")]
    return proc.returncode == 0, (tail[0][7:] if tail else proc.stdout[-300:].strip())


def stages(root: pathlib.Path, pattern: str) -> dict[str, tuple[bool, str]]:
    env = dict(os.environ, PYTHONPATH=str(root), TF_CPP_MIN_LOG_LEVEL="3",
               TF_ENABLE_ONEDNN_OPTS="0", PYTHONHASHSEED="0",
               PYDEVD_DISABLE_FILE_VALIDATION="1", JUPYTER_PLATFORM_DIRS="1")
    pytest = [str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    result = {"unit": run(pytest + ["tests", "embedding_lib", "--ignore=tests/test_browser.py",
                                    "--ignore=tests/test_book.py"], root, env)}
    result["nbval"] = (True, "every chapter passed")
    for nb in chapters(root, pattern):
        ok, where = run(pytest + ["-x", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
                                  "tests/nbval_sanitize.cfg", "-p", "tests.nbval_tolerance",
                                  str(nb.relative_to(root))], root, env)
        if not ok:
            result["nbval"] = (False, where)
            break
    return result


CONTROL = Mutant("none (control)", "nothing planted: both stages must pass on the copy",
                 "README.md", "", "")


def main(argv: list[str]) -> int:
    pattern = "*"
    if "--chapters" in argv:
        i = argv.index("--chapters")
        pattern = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    chosen = [m for m in MUTANTS if not argv or any(a in m.name for a in argv)]
    # The control run proves that the copy itself passes, so a failure below is the
    # mutant's doing and not an unfinished chapter or a missing file.
    chosen.insert(0, CONTROL)
    rows, survivors = [], []
    for mutant in chosen:
        with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.name}-") as tmp:
            root = pathlib.Path(tmp)
            copy_tree(root)
            if mutant is not CONTROL:
                plant(root, mutant)
            t0 = time.perf_counter()
            res = stages(root, pattern)
        caught = [stage for stage, (ok, _) in res.items() if not ok]
        if mutant is CONTROL:
            if caught:
                print(f"the unmutated copy fails {', '.join(caught)}: {res}; fix that first")
                return 2
        elif not caught:
            survivors.append(mutant.name)
        rows.append((mutant, res, caught, time.perf_counter() - t0))
        print(f"{mutant.name}: caught by {', '.join(caught) or 'NOTHING'} "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)
    print("\n| mutant | planted bug | unit stage | nbval stage |\n| --- | --- | --- | --- |")
    for mutant, res, caught, _ in rows:
        cells = [("fails: " if not ok else "passes") + (f" `{where[:90]}`" if not ok else "")
                 for ok, where in (res["unit"], res["nbval"])]
        print(f"| {mutant.name} | {mutant.bug} | {cells[0]} | {cells[1]} |")
    if survivors:
        print(f"\nNOT CAUGHT: {', '.join(survivors)}")
        return 1
    print(f"\nall {len(rows) - 1} mutants caught; the unmutated control passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
