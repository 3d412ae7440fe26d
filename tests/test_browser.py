"""Real-browser check of the built book (run by `make test` after the strict build).

Serves _build/html on 127.0.0.1 and opens every page in headless Chromium (Debian's
`chromium`, driven by Playwright; no browser is downloaded). For each page: no console
errors or page errors, no request leaving this machine, every image loaded, MathJax
rendered wherever there is math, no raw MyST markup or Python traceback visible (except
in cells tagged raises-exception, whose error *is* the lesson), every internal link
resolving to a file and anchor that exist, the page with its images under 1.5 MB, exactly
one search box, and no code block (or output of lines up to 88 characters) scrolling
sideways in a 1280-pixel-wide window. Both editions: the Chinese pages under zh/ too.
A full-page screenshot of each page is saved under _build/screenshots/ for authors.
"""
from __future__ import annotations

import functools
import http.server
import os
import pathlib
import re
import shutil
import threading
import urllib.parse

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
MAX_PAGE_BYTES = 1_500_000
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SKIP_DIRS = {"_static", "_sources", "_images", "_sphinx_design_static"}
RAW_MYST = re.compile(r"```|\{(glue|glue:text|term|numref|ref|cite|eq|doc|exercise|solution)[^}]*\}`|:::\{|^\s*:label:"
                      r"|\*\*", re.M)  # ** : bold that did not render (e.g. **粗体。**后)

WEIGHTS = ROOT / "_build" / "page_weights.txt"  # page and bytes, for authors' notes
WEIGHTS.unlink(missing_ok=True)

PAGES = sorted(
    p.relative_to(HTML).as_posix()
    for p in HTML.rglob("*.html")
    if not (set(p.relative_to(HTML).parts) & SKIP_DIRS)
) if HTML.is_dir() else []


@pytest.fixture(scope="module")
def server():
    if not HTML.is_dir():
        pytest.fail("no _build/html: build the book first (make book-strict)")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="module")
def browser():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


def test_pages_were_found():
    assert HTML.is_dir(), "build the book first"
    assert "intro.html" in PAGES and any(p.startswith("chapters/") for p in PAGES), PAGES


def page_weight(page: str) -> int:
    html = (HTML / page).read_text(encoding="utf-8")
    total = len(html.encode())
    for src in set(re.findall(r'<img[^>]+src="([^"]+)"', html)):
        if src.startswith(("http:", "https:", "data:")):
            continue
        target = (HTML / page).parent / urllib.parse.unquote(src)
        if target.is_file():
            total += target.stat().st_size
    return total


@pytest.mark.parametrize("page", PAGES)
def test_page_weight(page):
    weight = page_weight(page)
    with open(WEIGHTS, "a", encoding="utf-8") as log:
        log.write(f"{page}\t{weight}\n")
    assert weight < MAX_PAGE_BYTES, f"{page}: {weight/1e6:.2f} MB with its images (limit 1.5 MB)"


def internal_links(page: str) -> list[tuple[str, str]]:
    html = (HTML / page).read_text(encoding="utf-8")
    links = []
    for href in re.findall(r'<a[^>]+href="([^"]+)"', html):
        href = href.replace("&amp;", "&")
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue  # external (http, mailto, javascript): not checked offline
        path, _, frag = href.partition("#")
        links.append((path, frag))
    return links


@functools.lru_cache(maxsize=None)
def ids_of(target: pathlib.Path) -> frozenset[str]:
    return frozenset(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES)
def test_internal_links_resolve(page):
    broken = []
    for path, frag in internal_links(page):
        target = (HTML / page).parent / urllib.parse.unquote(path) if path else HTML / page
        if target.is_dir():
            target = target / "index.html"
        if not target.resolve().is_file():
            broken.append(f"{path}#{frag}")
        elif frag and target.suffix == ".html" and urllib.parse.unquote(frag) not in ids_of(target.resolve()):
            broken.append(f"{path}#{frag}")
    assert not broken, f"{page}: broken internal links: {broken[:10]}"


@pytest.mark.parametrize("page", PAGES)
def test_page_in_chromium(page, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    host = server.split("//")[1]

    def on_console(msg):
        if msg.type == "error":
            problems.append(f"console error: {msg.text}")

    def on_request(route):
        if urllib.parse.urlsplit(route.request.url).netloc == host or route.request.url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"request leaving the machine: {route.request.url}")
            route.abort()

    pg.on("console", on_console)
    pg.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    pg.route("**/*", on_request)
    pg.goto(f"{server}/{page}", wait_until="networkidle")
    has_math = pg.evaluate("document.querySelectorAll('.math, div.math, span.math').length > 0")
    if has_math:
        pg.wait_for_function("document.querySelectorAll('mjx-container').length > 0", timeout=20_000)
        problems += [f"MathJax error: {t}" for t in pg.evaluate(
            "[...document.querySelectorAll('mjx-merror')].map(e => e.textContent)")]
    broken_images = pg.evaluate(
        "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    problems += [f"image not loaded: {src}" for src in broken_images]
    visible = pg.evaluate("""() => {
        const main = document.querySelector('main') || document.body;
        const clone = main.cloneNode(true);
        clone.querySelectorAll('pre, code, .tag_raises-exception, script, style').forEach(e => e.remove());
        return clone.innerText;
    }""")
    for m in RAW_MYST.finditer(visible):
        problems.append(f"raw MyST visible: {visible[max(0, m.start()-40):m.end()+40]!r}")
    tracebacks = pg.evaluate("""() => [...document.querySelectorAll('.cell:not(.tag_raises-exception) .output')]
        .map(e => e.innerText).filter(t => t.includes('Traceback (most recent call last)'))""")
    problems += [f"traceback visible: {t[:200]!r}" for t in tracebacks]
    # One search entry per page (the sidebar's field; the theme's hidden dialog does not
    # count), plus the search page's own form on search.html.
    searches = pg.evaluate("""() => [...document.querySelectorAll(
        'form[role=search], form.bd-search, .search-button-field, .search-button')]
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0).length""")
    expected = 2 if page.rpartition("/")[2] == "search.html" else 1
    if searches != expected:
        problems.append(f"{searches} visible search boxes, expected {expected}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / (page.replace("/", "__").removesuffix(".html") + ".png")), full_page=True)
    # No sideways scrolling at 1280px for code (lines are at most 88 characters,
    # tests/test_book.py) or for outputs whose lines are that short; solutions and
    # other dropdowns are opened first, as a reader would.
    pg.evaluate("""() => { document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
        document.querySelectorAll('details').forEach(d => { d.open = true; }); }""")
    scrolling = pg.evaluate("""() => [...document.querySelectorAll('.cell_input pre, .cell_output pre')]
        .filter(e => e.offsetParent !== null && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
        .map(e => [e.closest('.cell_input') ? 'code' : 'output',
                   Math.max(...e.innerText.split('\\n').map(l => l.length)),
                   e.innerText.split('\\n')[0].slice(0, 60)])""")
    problems += [f"{kind} block scrolls sideways at 1280px ({n} characters): {head!r}"
                 for kind, n, head in scrolling if kind == "code" or n <= 88]
    context.close()
    assert not problems, f"{page}:\n" + "\n".join(problems)


@pytest.mark.parametrize("edition, query, expected", [
    ("", "one-hot", "chapters/01_one_hot_encoding.html"),
    ("zh/", "独热编码", "chapters/01_one_hot_encoding.html"),  # jieba: 独热 + 编码
    ("zh/", "词向量", "chapters/07_word2vec.html"),
])
def test_search_finds_the_chapter(edition, query, expected, server, browser):
    """The search page, as a reader uses it: the query in the address, results listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(f"{server}/{edition}search.html?q={urllib.parse.quote(query)}",
            wait_until="networkidle")
    pg.wait_for_function(
        "document.querySelectorAll('#search-results li, ul.search li').length > 0",
        timeout=20_000)
    links = pg.evaluate("[...document.querySelectorAll('#search-results li a, ul.search li a')]"
                        ".map(a => a.getAttribute('href'))")
    context.close()
    assert any(expected in (href or "") for href in links), (edition, query, links[:10])
