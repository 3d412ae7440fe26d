"""Book-structure tests: the toc, the chapter files and the stored notebook outputs agree.

These read files only (nothing is executed), so they are fast. Re-execution and output
comparison is nbval's job (`make nbval`); the rendered HTML is checked by test_browser.py.
"""
from __future__ import annotations

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
TOC = (ROOT / "_toc.yml").read_text(encoding="utf-8")
TOC_FILES = re.findall(r"^\s*-\s*file:\s*([^\s#]+)", TOC, flags=re.M)

ABS_PATH = re.compile(r"(/root/|/home/\w+/|/tmp/|/work/|site-packages|[A-Z]:\\\\Users)")
TF_NOISE = re.compile(r"(^|\n)[IWEF]\d{4} \d\d:\d\d:\d\d|cpu_feature_guard|oneDNN custom operations|"
                      r"absl::InitializeLog|rebuild TensorFlow")
WARNING_LINE = re.compile(r"\.py:\d+: \w*Warning")
CHAPTER_NAME = re.compile(r"^(\d\d|A\d)_[a-z0-9_]+\.ipynb$")


def load(path: pathlib.Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(output: dict) -> str:
    if output["output_type"] == "stream":
        t = output.get("text", "")
    elif output["output_type"] == "error":
        t = [output.get("ename", ""), ": ", output.get("evalue", ""), "\n", *output.get("traceback", [])]
    else:
        t = output.get("data", {}).get("text/plain", "")
    return "".join(t) if isinstance(t, list) else t


def markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_there_are_chapters():
    assert len(CHAPTERS) >= 3


def test_every_toc_entry_exists():
    for entry in TOC_FILES:
        candidates = [ROOT / entry, ROOT / f"{entry}.md", ROOT / f"{entry}.ipynb"]
        assert any(p.is_file() for p in candidates), f"_toc.yml lists {entry!r}, which does not exist"


def test_every_chapter_is_in_the_toc_in_file_order():
    listed = [e.removesuffix(".ipynb") for e in TOC_FILES if e.startswith("chapters/")]
    on_disk = [f"chapters/{p.stem}" for p in CHAPTERS]
    assert listed == on_disk, "chapters/ and _toc.yml must list the same chapters in the same order"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_file_name(path):
    assert CHAPTER_NAME.match(path.name), f"{path.name}: expected NN_snake_case.ipynb or A1_snake_case.ipynb"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebook_was_executed_top_to_bottom(path):
    nb = load(path)
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert counts, f"{path.name} has no code cells"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..n: restart the kernel and run all"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_are_clean(path):
    nb = load(path)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            t = text_of(out)
            where = f"{path.name} cell {i}"
            if out["output_type"] == "error":
                assert "raises-exception" in tags, f"{where}: stored error {out.get('ename')}: {out.get('evalue')}"
            if out["output_type"] == "stream" and out["name"] == "stderr":
                raise AssertionError(f"{where}: output on stderr: {t[:200]!r}")
            assert not TF_NOISE.search(t), f"{where}: TensorFlow log lines in the output"
            assert not ABS_PATH.search(t), f"{where}: absolute path {ABS_PATH.search(t).group(0)!r} in the output"
            # A chapter may print a caught warning's message as part of the lesson; what must
            # not appear is a warning that escaped (Python's "file.py:12: XWarning:" form).
            assert not WARNING_LINE.search(t), f"{where}: a warning escaped into the output: {t[:200]!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_follows_the_page_skeleton(path):
    nb = load(path)
    first = "".join(nb["cells"][0]["source"])
    assert re.match(r"\(\w[\w-]*\)=\s*\n# \S", first), f"{path.name}: first cell must be a (label)= and an H1 title"
    md = markdown(nb)
    assert len(re.findall(r"^# ", md, flags=re.M)) == 1, f"{path.name}: exactly one H1 title"
    assert "Learning objectives" in md, f"{path.name}: no Learning objectives admonition"
    assert re.search(r"^## Summary", md, flags=re.M), f"{path.name}: no ## Summary section"
    if not path.name.startswith("A"):
        assert re.search(r"^## Exercises", md, flags=re.M), f"{path.name}: no ## Exercises section"
        assert "{exercise}" in md and "{solution-start}" in md, f"{path.name}: exercises need gated solutions"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "import embedding_lib as el" in code, f"{path.name}: chapters import embedding_lib as el"
    if re.search(r"^\s*import (keras|tensorflow)", code, flags=re.M):
        env_pos = code.find("TF_CPP_MIN_LOG_LEVEL")
        imp_pos = re.search(r"^\s*import (keras|tensorflow)", code, flags=re.M).start()
        assert 0 <= env_pos < imp_pos, f"{path.name}: set TF_CPP_MIN_LOG_LEVEL before importing TensorFlow/Keras"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_glued_name_used_in_prose_is_glued(path):
    nb = load(path)
    used = set(re.findall(r"\{glue(?::\w+)?\}`([A-Za-z_][\w]*)", markdown(nb)))
    glued = set()
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            scrap = out.get("metadata", {}).get("scrapbook")
            if scrap:
                glued.add(scrap["name"])
    assert used <= glued, f"{path.name}: prose uses glue names never glued: {sorted(used - glued)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_glued_values_read_as_prose(path):
    """A glued value is shown as its text/plain repr: a NumPy scalar showed up in the prose
    as "np.float64(2.17)"; and a value that holds English words ("'a' and 'b'") cannot be
    translated, so English glue joins no words (the Chinese edition shows the same value)."""
    bad = []
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            scrap = out.get("metadata", {}).get("scrapbook")
            text = "".join(out.get("data", {}).get("application/papermill.record/text/plain", ""))
            if scrap and (re.search(r"\bnp\.\w+\(", text) or re.search(r"\s(and|or)\s", text)):
                bad.append(f"{scrap['name']} = {text}")
    assert not bad, f"{path.name}: glued values that do not read as prose: {bad}"


def test_every_citation_is_in_the_bibliography():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,\s]+),", bib))
    pages = [ROOT / f"{e}.md" for e in TOC_FILES if (ROOT / f"{e}.md").is_file()]
    sources = [markdown(load(p)) for p in CHAPTERS] + [p.read_text(encoding="utf-8") for p in pages]
    cited = {k.strip() for s in sources for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", s)
             for k in group.split(",")}
    assert cited, "no chapter cites anything"
    assert cited <= keys, f"cited but not in references.bib: {sorted(cited - keys)}"


def test_bibliography_keys_are_unique():
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"@\w+\{([^,\s]+),", bib)
    assert len(keys) == len(set(keys)), f"duplicate keys: {sorted({k for k in keys if keys.count(k) > 1})}"


def test_glossary_terms_used_exist():
    gloss = (ROOT / "glossary.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^(\S[^\n]*\))\n  \S", gloss, flags=re.M))
    used = set()
    for p in CHAPTERS:
        for role in re.findall(r"\{term\}`([^`]+)`", markdown(load(p))):
            m = re.search(r"<([^>]+)>$", role)
            used.add(m.group(1) if m else role)
    assert used <= defined, f"{{term}} links to undefined glossary terms: {sorted(used - defined)}"


def test_config_builds_only_the_toc_and_does_not_execute():
    cfg = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r"only_build_toc_files:\s*true", cfg)
    assert re.search(r'execute_notebooks:\s*"?off"?', cfg)
    for folder in (".venv", "_build", "embedding_lib", "tests"):
        assert re.search(rf"^\s*-\s*{re.escape(folder)}\s*$", cfg, flags=re.M), f"exclude_patterns lacks {folder}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_has_a_caption_a_name_and_alt_text(path):
    nb = load(path)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if not any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        meta = cell.get("metadata", {}).get("mystnb", {})
        fig, img = meta.get("figure", {}), meta.get("image", {})
        assert fig.get("caption") and fig.get("name"), f"{path.name} cell {i}: figure without caption/name"
        assert len(img.get("alt", "")) >= 15, f"{path.name} cell {i}: figure without a real alt text"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_figures_use_colour_blind_safe_colour_maps(path):
    code = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "code")
    bad = re.findall(r"""cmap\s*=\s*["'](jet|rainbow|hsv|gist_rainbow|nipy_spectral|RdYlGn|RdGn)["']""", code)
    assert not bad, f"{path.name}: colour maps that colour-blind readers cannot read: {bad}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_is_referenced_in_the_text(path):
    nb = load(path)
    names = [c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
             for c in nb["cells"] if c["cell_type"] == "code"]
    md = markdown(nb)
    for name in filter(None, names):
        assert f"`{name}`" in md or f"<{name}>`" in md, f"{path.name}: figure {name} is never referenced with {{numref}}"


def test_colab_install_cell_points_at_the_books_repository():
    cfg = (ROOT / "_config.yml").read_text(encoding="utf-8")
    repo = re.search(r"^repository:\s*\n\s+url:\s*(\S+)", cfg, flags=re.M).group(1)
    for path in CHAPTERS:
        first_code = next("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "code")
        assert "find_spec(\"embedding_lib\")" in first_code, f"{path.name}: first code cell must be the install cell"
        assert f"git+{repo}" in first_code, f"{path.name}: the install cell must install from {repo}"


# --- Portable outputs (CONTRIBUTING.md, "Portable outputs") -------------------------------

TIMING = re.compile(r"\b(perf_counter|process_time|monotonic|timeit|time\.time|time_\w+|timings?|\w*_seconds|seconds)\b")
IGNORED = [
    (path, i, "".join(cell["source"]))
    for path in CHAPTERS
    for i, cell in enumerate(load(path)["cells"])
    if cell["cell_type"] == "code" and "".join(cell["source"]).lstrip().startswith("# NBVAL_IGNORE_OUTPUT")
]


@pytest.mark.parametrize("path,index,source", IGNORED, ids=[f"{p.name}:cell{i}" for p, i, _ in IGNORED])
def test_every_ignored_cell_times_something_or_asserts_its_claim(path, index, source):
    """nbval does not compare these cells' outputs, so they must earn it: either the cell
    measures time (which no two runs share), or it asserts the claim the prose makes, so a
    regression still fails the cell even though its printed output is not compared."""
    body = "\n".join(line for line in source.splitlines()[1:] if not line.lstrip().startswith("#"))
    assert TIMING.search(body) or re.search(r"^\s*assert\b", body, flags=re.M), (
        f"{path.name} cell {index}: NBVAL_IGNORE_OUTPUT on a cell that neither times "
        "anything nor asserts its claim"
    )
    first = source.splitlines()[0].removeprefix("# NBVAL_IGNORE_OUTPUT").strip(" :-—")
    second = source.splitlines()[1] if len(source.splitlines()) > 1 else ""
    assert first or second.lstrip().startswith("#"), (
        f"{path.name} cell {index}: say why the output is ignored, in a comment"
    )


def test_ignored_cells_stay_rare():
    """At most one cell in twenty-five is exempt from output comparison."""
    code_cells = sum(1 for p in CHAPTERS for c in load(p)["cells"] if c["cell_type"] == "code")
    assert len(IGNORED) * 25 <= code_cells, (
        f"{len(IGNORED)} of {code_cells} code cells carry NBVAL_IGNORE_OUTPUT: "
        + ", ".join(f"{p.name}:{i}" for p, i, _ in IGNORED)
    )


# --- What the reader sees -----------------------------------------------------------------

def tags_of(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_glue_bookkeeping_is_hidden(path):
    """`el.glue` calls feed the prose; the reader should not have to read them."""
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] == "code" and re.search(r"\bel\.glue\(", "".join(cell["source"])):
            assert "remove-cell" in tags_of(cell), f"{path.name} cell {i}: el.glue outside a remove-cell cell"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_colab_install_cell_is_hidden_in_the_book(path):
    first = next(c for c in load(path)["cells"] if c["cell_type"] == "code")
    assert tags_of(first) & {"remove-input", "remove-cell"}, (
        f"{path.name}: tag the Colab install cell remove-input"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_visible_code_fits_the_page(path):
    """No horizontal scrolling: visible code lines are at most 88 characters."""
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code" or tags_of(cell) & {"remove-cell", "remove-input"}:
            continue
        for line in "".join(cell["source"]).splitlines():
            assert len(line) <= 88, f"{path.name} cell {i}: {len(line)} characters: {line[:60]}..."


def _reading_minutes(path: pathlib.Path) -> int:
    import importlib.util

    spec = importlib.util.spec_from_file_location("chapter_stats", ROOT / "scripts" / "chapter_stats.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.stats(path)["reading_minutes"]


@pytest.mark.parametrize("path", [p for p in CHAPTERS if not p.name.startswith("A")], ids=lambda p: p.name)
def test_stated_reading_time_matches_the_page(path):
    """"Time to read: about N minutes" is N rounded to 5 of what scripts/chapter_stats.py
    measures (200 words and 10 visible code lines a minute), give or take 5 minutes."""
    found = re.search(r"Time to read:\*\* about (\d+) minutes", markdown(load(path)))
    assert found, f"{path.name}: no 'Time to read: about N minutes' line"
    stated, measured = int(found.group(1)), _reading_minutes(path)
    assert stated % 5 == 0 and abs(stated - measured) <= 5, (
        f"{path.name} says {stated} minutes; the page measures {measured} "
        f"(scripts/chapter_stats.py): write about {5 * round(measured / 5)}")
