"""Reading time and visible code per chapter: what a reader meets on each page.

    python scripts/chapter_stats.py [--json]

Prose words are the words of the markdown cells (MyST roles and directives counted as
written); visible code lines are the non-blank lines of code cells that the book shows
(cells tagged remove-cell or remove-input are hidden). Reading time assumes 200 words of
technical prose and 10 lines of code a minute, the rates usually quoted for careful
technical reading.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
HIDDEN = {"remove-cell", "remove-input"}


def stats(path: pathlib.Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    words = code = 0
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"[A-Za-z0-9']+", src))
        elif cell["cell_type"] == "code":
            if HIDDEN & set(cell.get("metadata", {}).get("tags", [])):
                continue
            code += sum(1 for line in src.splitlines() if line.strip())
    minutes = words / 200 + code / 10
    return {"chapter": path.name, "prose_words": words, "visible_code_lines": code,
            "reading_minutes": round(minutes)}


def main() -> None:
    rows = [stats(p) for p in sorted((ROOT / "chapters").glob("*.ipynb"))]
    if "--json" in sys.argv:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'chapter':45} {'words':>6} {'code':>5} {'min':>4}")
    for r in rows:
        print(f"{r['chapter']:45} {r['prose_words']:>6} {r['visible_code_lines']:>5} "
              f"{r['reading_minutes']:>4}")


if __name__ == "__main__":
    main()
