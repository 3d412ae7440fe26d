"""The Chinese edition's catalogues (locales/zh_CN/LC_MESSAGES): complete and current.

* Every message of every page is translated, none is fuzzy or obsolete, and each
  translation keeps the markup of its English (scripts/translate.py's rules).
* The catalogues hold exactly the messages the pages have now: a fresh extraction with
  Sphinx's gettext builder is compared with them, so a changed English paragraph fails
  here until `make translations` has run and the new text is translated.
* book.po translates the strings outside the pages that _config.yml sets.
* The rules themselves catch what they are for.

The built pages are checked in tests/test_editions.py (after the build).
"""
from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import polib
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
PAGE_CATALOGUES = sorted(
    p.relative_to(CATALOGUES).with_suffix("").as_posix()
    for p in CATALOGUES.rglob("*.po") if p.name != "book.po"
)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translate = _load("translate")


def catalogue(name: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES / f"{name}.po"))


def test_every_page_has_a_catalogue():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert sorted(pages) == PAGE_CATALOGUES


@pytest.mark.parametrize("name", PAGE_CATALOGUES + ["book"])
def test_catalogue_is_complete_and_keeps_markup(name):
    po = catalogue(name)
    assert po.metadata.get("Language") == "zh_CN", name
    found = [f"#### {n}: {problem}  [{entry.msgid[:70]!r}]"
             for n, entry in enumerate(translate.entries(po), 1)
             for problem in translate.problems(entry.msgid, entry.msgstr, entry.flags)]
    found += [f"obsolete: {e.msgid[:70]!r}" for e in po.obsolete_entries()]
    assert not found, f"{name}: {len(found)} problem(s)\n" + "\n".join(found[:20])
    assert po.percent_translated() == 100


@pytest.fixture(scope="module")
def fresh_messages(tmp_path_factory) -> pathlib.Path:
    """Every message of the pages as they are now, extracted into .pot files."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "book.py"), "gettext", str(out)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return out


@pytest.mark.parametrize("name", PAGE_CATALOGUES)
def test_catalogue_matches_the_page(name, fresh_messages):
    pot = polib.pofile(str(fresh_messages / f"{name}.pot"))
    wanted = {e.msgid for e in pot if e.msgid}
    have = {e.msgid for e in translate.entries(catalogue(name))}
    new, stale = sorted(wanted - have), sorted(have - wanted)
    assert not new and not stale, (
        f"{name}: the catalogue is out of date; run `make translations` and translate.\n"
        f"new or changed in the English: {[m[:60] for m in new[:5]]}\n"
        f"no longer in the English: {[m[:60] for m in stale[:5]]}")


def test_book_catalogue_covers_the_config():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    strings = [config["title"], config["author"], config["html"]["extra_footer"].strip(),
               "Search this book..."]  # Jupyter Book's search prompt
    translated = {e.msgid: e.msgstr for e in catalogue("book") if e.msgstr}
    missing = [s for s in strings if s not in translated]
    assert not missing, f"book.po lacks translations of {missing}"


# --- the rules catch what they are for ----------------------------------------------------

ENGLISH = ("The data holds {glue:text}`n_comments` comments; see {numref}`fig-ch05-model`,"
           " the {term}`mask <mask (掩码)>` and `keras.layers.Embedding` for $E$.")
GOOD = ("数据共有 {glue:text}`n_comments` 条评论；见 {numref}`fig-ch05-model`、"
        "{term}`掩码 <mask (掩码)>` 和 `keras.layers.Embedding` 中的 $E$。")


def test_a_faithful_translation_passes():
    assert translate.problems(ENGLISH, GOOD) == []


@pytest.mark.parametrize("broken, why", [
    (GOOD.replace("{glue:text}`n_comments`", "10"), "markup differs"),
    (GOOD.replace("fig-ch05-model", "fig-ch05-loo"), "markup differs"),
    (GOOD.replace("<mask (掩码)>", "<掩码>"), "markup differs"),
    (GOOD.replace("$E$", "$W$"), "markup differs"),
    (GOOD.replace("`keras.layers.Embedding`", "嵌入层"), "markup differs"),
    ("The data holds many comments, see the figure.", "no Chinese"),
    ("", "not translated"),
    (GOOD.replace("条评论", "条评论 $"), "$ signs"),
    (GOOD.replace(" {glue:text}`n_comments` 条", "{glue:text}`n_comments`条"), "not spaced"),
])
def test_a_broken_translation_is_caught(broken, why):
    assert any(why in p for p in translate.problems(ENGLISH, broken)), broken


def test_fuzzy_is_caught():
    assert any("fuzzy" in p for p in translate.problems(ENGLISH, GOOD, ["fuzzy"]))


def test_bold_that_commonmark_would_not_close():
    english = "**New words carry nothing.** The rest."
    assert translate.problems(english, "**新词不携带信息**。其余。") == []
    assert any("bold" in p for p in translate.problems(english, "**新词不携带信息。**其余。"))
    # `2**20` in code is not bold
    code = "Use `min_shard_bytes=256 * 2**20` here."
    assert translate.problems(code, "这里使用 `min_shard_bytes=256 * 2**20`。") == []


def test_equations_may_translate_only_their_text():
    english = "\nP(\\text{home win}) = \\Phi(h)\n"
    assert translate.problems(english, "\nP(\\text{主队获胜}) = \\Phi(h)\n") == []
    assert translate.problems(english, english) == []
    assert any("equation" in p for p in
               translate.problems(english, "\nP(\\text{主队获胜}) = \\Phi(2h)\n"))


def test_glossary_terms_may_stay_as_they_are():
    term = "one-hot encoding (独热编码)"
    assert translate.problems(term, term) == []
    assert translate.problems("Keras and TensorFlow", "Keras and TensorFlow") != []


@pytest.mark.parametrize("raw, spaced", [
    ("共有{glue:text}`n`条评论", "共有 {glue:text}`n` 条评论"),
    ("使用`Embedding`层和$W$矩阵", "使用 `Embedding` 层和 $W$ 矩阵"),
    ("Keras 3中约40%的词", "Keras 3 中约 40% 的词"),
    ("见{numref}`fig-x`。", "见 {numref}`fig-x`。"),
    ("[文本](https://example.org/a_b)说明", "[文本](https://example.org/a_b)说明"),
    ("以评论 “Good work” 为例，见 （图 1）", "以评论“Good work”为例，见（图 1）"),
])
def test_spacing_between_chinese_and_latin(raw, spaced):
    assert translate.space_mixed(raw) == spaced
    assert translate.space_mixed(spaced) == spaced


def test_apply_refuses_broken_markup_and_saves_nothing(tmp_path):
    po = polib.POFile()
    po.metadata = {"Language": "zh_CN", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=ENGLISH, msgstr=""))
    path = tmp_path / "page.po"
    po.save(str(path))
    (tmp_path / "bad.txt").write_text("#### 1\n数据共有 10 条评论。\n", encoding="utf-8")
    assert translate.apply(str(path), tmp_path / "bad.txt") == 1
    assert polib.pofile(str(path))[0].msgstr == ""
    (tmp_path / "good.txt").write_text("#### 1\n" + GOOD.replace(" ", "", 1) + "\n",
                                       encoding="utf-8")
    assert translate.apply(str(path), tmp_path / "good.txt") == 0
    assert polib.pofile(str(path))[0].msgstr == GOOD
