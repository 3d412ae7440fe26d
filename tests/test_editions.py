"""The two built editions side by side (run by `make test` after the strict build).

English in _build/html, Chinese in _build/html/zh, from the same notebooks:

* the same pages in both, each declaring its language;
* on every page a link to the same page in the other edition, which resolves;
* every glued number of an English page shown on its Chinese page, in the same order:
  the translation moved them within sentences, it lost none and invented none;
* the Chinese pages' prose is Chinese, and no label of the theme is left in English;
* Chinese search: the index holds Chinese words, segmented by jieba.

tests/test_browser.py opens every page of both editions in Chromium.
"""
from __future__ import annotations

import html
import json
import pathlib
import re
import urllib.parse
from html.parser import HTMLParser

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
EN = ROOT / "_build" / "html"
ZH = EN / "zh"
SKIP = {"_static", "_sources", "_images", "_sphinx_design_static", "zh", "reports"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def pages(root: pathlib.Path) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not set(p.relative_to(root).parts[:-1]) & SKIP)


EN_PAGES = pages(EN)
CHAPTERS = [p for p in EN_PAGES if p.startswith("chapters/")]
CONTENT = CHAPTERS + ["intro.html", "glossary.html", "references.html"]


def read(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8")


def article(page_html: str) -> str:
    m = re.search(r'<article class="bd-article">(.*?)</article>', page_html, re.S)
    assert m, "no article element"
    return m.group(1)


def visible_text(fragment: str) -> str:
    fragment = re.sub(r"<(pre|script|style|code)\b.*?</\1>", " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_both_editions_were_built():
    assert (EN / "index.html").is_file() and (ZH / "index.html").is_file(), (
        "build both editions first (make book-strict)")
    assert len(CHAPTERS) >= 16


def test_same_pages_in_both_editions():
    assert pages(ZH) == EN_PAGES


@pytest.mark.parametrize("page", [p for p in EN_PAGES if p != "index.html"])  # a redirect
def test_languages_and_switch_links(page):
    for here, there, lang in ((EN, ZH, "en"), (ZH, EN, "zh-CN")):
        text = read(here / page)
        assert re.search(rf'<html lang="{lang}"', text), f"{here / page}: lang is not {lang}"
        switch = re.findall(
            r'<div class="edition-switch">\s*<a class="[^"]*edition-link" href="([^"]+)"', text)
        assert len(switch) == 1, f"{here / page}: {len(switch)} edition links"
        target = ((here / page).parent / urllib.parse.unquote(switch[0])).resolve()
        assert target == (there / page).resolve(), f"{here / page} links to {target}"
        alternate = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', text)
        assert alternate == switch


QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def glued_values(page_html: str) -> list[str]:
    """The glued values, with quotes made straight: the English edition curls them
    (Sphinx's smartquotes), the Chinese one leaves them as the code wrote them."""
    return [html.unescape(v).translate(QUOTES) for v in
            re.findall(r'<span class="pasted-text">(.*?)</span>', page_html, re.S)]


@pytest.mark.parametrize("page", CONTENT)
def test_every_glued_number_on_the_chinese_page(page):
    english, chinese = glued_values(read(EN / page)), glued_values(read(ZH / page))
    assert sorted(chinese) == sorted(english), (
        f"{page}: glued values differ; missing on the Chinese page: "
        f"{sorted(set(english) - set(chinese))[:10]}, extra: "
        f"{sorted(set(chinese) - set(english))[:10]}")
    assert "No key" not in read(ZH / page)


class Blocks(HTMLParser):
    """The text of each block of an article (paragraph, list item, heading, caption, table
    cell, definition), leaving out code, outputs and the bibliography."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dt", "dd",
              "td", "th", "caption", "summary"}
    SKIP = {"pre", "code", "script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []  # [tag, skipping, text pieces]
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        skipping = bool(self.stack and self.stack[-1][1]) or tag in self.SKIP or any(
            c in classes.split() for c in ("citation", "cell_output", "output"))
        if tag in self.BLOCKS or tag in self.SKIP or skipping != bool(
                self.stack and self.stack[-1][1]):
            self.stack.append([tag, skipping, []])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                entry = self.stack.pop(i)
                del self.stack[i:]
                if tag in self.BLOCKS and not entry[1]:
                    self.blocks.append(" ".join("".join(entry[2]).split()))
                return

    def handle_data(self, data):
        if self.stack and not self.stack[-1][1]:
            self.stack[-1][2].append(data)


def article_blocks(page_html: str) -> list[str]:
    parser = Blocks()
    parser.feed(article(page_html))
    return [b for b in parser.blocks if b]


def test_blocks_skip_code_and_keep_prose():
    blocks = article_blocks('<article class="bd-article"><p>Use <code>x.y</code> now.</p>'
                            '<div class="cell_output"><p>out put text</p></div>'
                            '<ul><li>one <p>two</p></li></ul><pre>a b c</pre></article>')
    assert blocks == ["Use now.", "two", "one"]


@pytest.mark.parametrize("page", CONTENT)
def test_chinese_prose_is_chinese(page):
    """Each block with three or more English words outside code is translated: it has
    Chinese in it (data such as the ten comments is quoted inside Chinese sentences)."""
    untranslated = [b[:80] for b in article_blocks(read(ZH / page))
                    if len(re.findall(r"\b[A-Za-z]{3,}\b", b)) >= 3 and not CJK.search(b)]
    assert not untranslated, f"{page}: English left on the Chinese page: {untranslated[:5]}"
    if page != "references.html":  # only a bibliography, which stays as published
        english = [b for b in article_blocks(read(EN / page))
                   if len(re.findall(r"\b[A-Za-z]{3,}\b", b)) >= 3]
        assert english, f"{page}: the check found no English prose to compare with"


def display_math(page_html: str) -> list[str]:
    return [html.unescape(m) for m in
            re.findall(r'<div class="math notranslate nohighlight"[^>]*>.*?\\\[(.*?)\\\]</div>',
                       page_html, re.S)]


def latex_outside_text(source: str) -> str:
    return " ".join(re.sub(r"\\text\{[^{}]*\}", r"\\text{}", source).split())


@pytest.mark.parametrize("page", CONTENT)
def test_equations_are_the_same_mathematics(page):
    """A display equation may translate its \\text{...} words, nothing else (a translated
    equation once rendered as "::")."""
    english, chinese = display_math(read(EN / page)), display_math(read(ZH / page))
    assert len(chinese) == len(english), page
    for en, zh in zip(english, chinese):
        assert latex_outside_text(zh) == latex_outside_text(en), (page, en, zh)
        assert zh.strip() and "::" not in zh, (page, zh)


@pytest.mark.parametrize("page", CONTENT)
def test_images_have_chinese_alt_text(page):
    body = article(read(ZH / page))
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', body)
    english = [a[:60] for a in alts if len(a.split()) >= 3 and not CJK.search(a)]
    assert not english, f"{page}: alt text not translated: {english}"


@pytest.mark.parametrize("page", ["intro.html", "chapters/05_sentiment_model.html",
                                  "search.html", "genindex.html"])
def test_theme_labels_are_chinese(page):
    text = read(ZH / page)
    outside = re.sub(r'<article class="bd-article">.*?</article>', " ", text, flags=re.S)
    labels = re.findall(r'(?:title|aria-label|data-bs-title|placeholder)="([^"]+)"', outside)
    names = {"Binder", "Colab", "GitHub", "Ctrl", "K"}
    english = sorted({lab for lab in labels
                      if re.search(r"[A-Za-z]{3,}", lab) and not CJK.search(lab)
                      and lab not in names and not re.match(r"\d+\. ", lab)})
    # Chapter titles in the navigation come from the translated pages themselves.
    assert not english, f"zh/{page}: labels left in English: {english}"
    words = visible_text(outside)
    for label in ("Search this book", "Toggle primary sidebar", "Print to PDF",
                  "Color mode", "Embedding Layers", "Code MIT", "Part I:", "Back matter",
                  ">Glossary<"):
        assert label not in words and label not in outside, f"zh/{page} shows {label!r}"


def test_chinese_search_index():
    text = read(ZH / "searchindex.js")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    terms = index["terms"]
    chinese = [t for t in terms if CJK.search(t)]
    assert len(chinese) > 1000, f"only {len(chinese)} Chinese terms: is jieba installed?"
    # jieba's words, not single characters or whole sentences; the glossary's terms whole
    # (the build gives them to jieba as a user dictionary)
    assert "嵌入" in terms and "向量" in terms
    both = set(terms) | set(index["titleterms"])
    assert {"独热编码", "留一交叉验证", "嵌入矩阵", "负采样"} <= both
    ch01 = index["docnames"].index("chapters/01_one_hot_encoding")
    hits = []
    for table in (terms, index["titleterms"]):  # a word in a title is listed there only
        found = table.get("独热", [])
        hits += found if isinstance(found, list) else [found]
    assert ch01 in hits
