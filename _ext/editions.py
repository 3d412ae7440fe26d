"""Two editions of one book: English, and Chinese translated with gettext catalogues.

The prose of every page is translated by Sphinx's own i18n machinery from
``locales/zh_CN/LC_MESSAGES/<page>.po`` (``scripts/book.py translations`` refreshes them).
This extension adds what that machinery lacks for this book:

* ``{glue:text}`` inside a translated paragraph. Sphinx re-parses a translated message as
  a small Markdown document of its own, which holds none of the notebook's glue data, so
  myst-nb's role reported "No key ... found" and left the number out. The renderer of the
  notebook being read is remembered, and the role looks the key up there when its own
  document has none.
* Display equations whose \\text{...} words are translated: Sphinx's reStructuredText
  trick for literal blocks made them render as "::" on MyST pages.
* Exercise titles, which sphinx-exercise leaves out of the catalogues, and the toc's part
  captions, which sphinx-external-toc inserts after the translation.
* Strings outside the pages, from ``book.po``: the book's title, the footer, the search
  prompt, and the theme's labels (tooltips, buttons, "Link to this heading"), some of
  which the themes' own Chinese catalogues lack and some of which their templates
  write in English without gettext.
* A link on every page to the same page in the other edition, and ``hreflang``
  alternates for search engines.

The English build is untouched apart from the switch link.
"""
from __future__ import annotations

import gettext
import html
import logging
import re
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

# Each edition: the Sphinx language, the folder under the English edition's root, the
# label of the link that leads to it (in that edition's own language), its hreflang.
EDITIONS = {
    "en": {"folder": "", "label": "English", "hreflang": "en"},
    "zh_CN": {"folder": "zh", "label": "中文", "hreflang": "zh-CN"},
}


def edition_of(config) -> str:
    language = config.language or "en"
    if language not in EDITIONS:
        raise ValueError(
            f"language {language!r} has no edition; known: {', '.join(EDITIONS)}"
        )
    return language


# --- glue data for translated messages --------------------------------------------------

# myst-nb keeps a notebook's renderer (and through it the glue data) on the document only
# while the notebook is parsed; Sphinx translates the messages after that, in documents of
# their own. The renderer last created is remembered here, with the source it renders.
_LAST: dict = {}


def _patch_glue_lookup() -> None:
    from myst_nb import sphinx_ as nb_sphinx
    from myst_nb.ext.glue import roles, utils

    if getattr(utils.retrieve_glue_data, "_editions", False):
        return
    load_renderer = nb_sphinx.load_renderer

    def remembering_load_renderer(name):
        cls = load_renderer(name)

        def create(*args, **kwargs):
            renderer = cls(*args, **kwargs)
            _LAST["renderer"] = renderer
            return renderer

        return create

    original = utils.retrieve_glue_data

    def retrieve_glue_data(document: nodes.document, key: str):
        if "nb_renderer" not in document:
            env = getattr(document.settings, "env", None)
            renderer = _LAST.get("renderer")
            if env is not None and renderer is not None:
                source = renderer.renderer.document.get("source", "")
                if Path(source) == Path(env.doc2path(env.docname)):
                    document["nb_renderer"] = renderer
                    try:
                        return original(document, key)
                    finally:
                        del document["nb_renderer"]
        return original(document, key)

    retrieve_glue_data._editions = True
    nb_sphinx.load_renderer = remembering_load_renderer
    utils.retrieve_glue_data = retrieve_glue_data
    roles.retrieve_glue_data = retrieve_glue_data


# --- translated nodes belong to their page -------------------------------------------------

def _adopt_translated_nodes(app, doctree) -> None:
    """A translated message is parsed as a small document of its own, and its nodes keep
    a reference to it, with Sphinx's whole environment in its settings. Pickled with the
    page, that made every Chinese doctree carry the environment: 40 MB of doctrees against
    the English 6 MB, and a third of the build spent loading them."""
    for node in doctree.findall():
        if getattr(node, "_document", None) not in (None, doctree):
            node.document = doctree


# --- translated equations -------------------------------------------------------------------

def _patch_literal_translations() -> None:
    """Sphinx turns a translated literal node (here: a display equation, whose words in
    \\text{...} are translated) into reStructuredText's "::" literal block before parsing
    it. MyST reads that as a paragraph "::", and the equation rendered as "::". For MyST
    pages, build the literal block directly."""
    from sphinx.transforms import i18n
    from sphinx.util import get_filetype

    if getattr(i18n.publish_msgstr, "_editions", False):
        return
    original = i18n.publish_msgstr

    def publish_msgstr(app, source, source_path, source_line, config, settings):
        if source.startswith("::\n\n") and get_filetype(
                config.source_suffix, source_path) != "restructuredtext":
            text = textwrap.dedent(source[4:]).strip("\n")
            return nodes.literal_block(text, text)
        return original(app, source, source_path, source_line, config, settings)

    publish_msgstr._editions = True
    i18n.publish_msgstr = publish_msgstr


# --- the toc's part captions ---------------------------------------------------------------

class TranslateTocCaptions(SphinxTransform):
    """sphinx-external-toc inserts the root page's toctrees (with the part captions of
    _toc.yml) after Sphinx has translated the page, so the captions stayed English in
    the navigation. Translate them from the root page's catalogue once they exist."""

    default_priority = 101  # sphinx_external_toc.events.InsertToctrees is 100

    def apply(self, **kwargs) -> None:
        if edition_of(self.config) == "en":
            return
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        toctrees = [n for n in self.document.findall(addnodes.toctree) if n.get("caption")]
        if not toctrees:
            return
        dirs = [str(Path(self.env.srcdir, d)) for d in self.config.locale_dirs]
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalog, found = init_locale(dirs, self.config.language, domain)
        if found:
            for node in toctrees:
                node["caption"] = catalog.gettext(node["caption"])


# --- exercise titles ------------------------------------------------------------------------

def _patch_exercise_titles() -> None:
    """sphinx-exercise parses an exercise's title into a node without source text or
    location, which Sphinx's i18n skips: the titles were neither extracted nor translated.
    Give the node what every other paragraph has."""
    from sphinx_exercise import directive, nodes as ex_nodes

    if getattr(directive.ExerciseDirective.run, "_editions", False):
        return
    original = directive.ExerciseDirective.run

    def run(self):
        result = original(self)
        if self.arguments:
            source, line = self.get_source_info()
            for node in result:
                for sub in node.findall(ex_nodes.exercise_subtitle):
                    sub.rawsource = self.arguments[0]
                    sub.source, sub.line = source, line
        return result

    run._editions = True
    directive.ExerciseDirective.run = run  # ExerciseStartDirective inherits it


def _extract_exercise_titles(app, doctree, docname) -> None:
    """The gettext builder reads messages from the resolved page, where sphinx-exercise
    has already merged each title into plain text; take them from the page as read."""
    if app.builder.name != "gettext":
        return
    from sphinx.util.i18n import docname_to_domain
    from sphinx_exercise.nodes import exercise_subtitle

    catalog = app.builder.catalogs[docname_to_domain(docname, app.config.gettext_compact)]
    for node in app.env.get_doctree(docname).findall(exercise_subtitle):
        if node.rawsource:
            catalog.add(node.rawsource, node)


# --- strings outside the pages ------------------------------------------------------------

def book_catalogue(app) -> gettext.NullTranslations:
    """``book.po``'s translations for this build's language (identity for English)."""
    language = edition_of(app.config)
    if language == "en":
        return gettext.NullTranslations()
    dirs = [Path(app.srcdir, d) for d in app.config.locale_dirs]
    for d in dirs:
        mo = d / language / "LC_MESSAGES" / "book.mo"
        po = mo.with_suffix(".po")
        if po.exists():
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            with open(po, "rb") as f:
                catalog = read_po(f, locale=language)
            # Sphinx compiles the pages' catalogues itself; book.po is not a page.
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                with open(mo, "wb") as f:
                    write_mo(f, catalog)
            with open(mo, "rb") as f:
                return gettext.GNUTranslations(f)
    raise FileNotFoundError(
        f"no book.po for language {language!r} under {', '.join(map(str, dirs))}"
    )


def _translate_config(app, config) -> None:
    if edition_of(config) == "en":
        return
    _ = book_catalogue(app).gettext
    config.html_title = _(config.html_title)
    config.author = _(config.author)
    options = dict(config.html_theme_options or {})
    for key in ("extra_footer", "search_bar_text"):
        if options.get(key):
            options[key] = _(options[key].strip())
    config.html_theme_options = options
    # jieba segments Chinese for the search index; its start-up chatter is not a warning.
    try:
        import jieba
    except ModuleNotFoundError:
        pass
    else:
        jieba.setLogLevel(logging.WARNING)
    _fast_latin_terms()
    _search_dictionary(app, config)


def glossary_terms(srcdir) -> list[str]:
    """The glossary's Chinese names ("one-hot encoding (独热编码)" gives 独热编码)."""
    text = Path(srcdir, "glossary.md").read_text(encoding="utf-8")
    names = []
    for line in re.findall(r"^\S[^\n]*\(([^()]*[\u4e00-\u9fff][^()]*)\)\s*$", text, re.M):
        for name in line.split(","):
            name = name.strip()
            if re.fullmatch(r"[\u4e00-\u9fff]+", name):
                names.append(name)
    return sorted(set(names))


def _search_dictionary(app, config) -> None:
    """The glossary's terms as jieba words, so that the index holds "独热编码" and
    "留一交叉验证" whole (and their parts), and the search page's splitter
    (_static/zh_search.js) can find them in a query."""
    words = glossary_terms(app.srcdir)
    if not words:
        return
    path = Path(app.doctreedir) / "jieba_terms.txt"  # a build file, not a page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} 1000 n\n" for w in words), encoding="utf-8")
    options = dict(config.html_search_options or {})
    options["dict"] = str(path)
    config.html_search_options = options
    app.add_js_file("zh_search.js")


class _TermList(list):
    """A list whose ``in`` is a set lookup."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def extend(self, terms) -> None:
        terms = list(terms)
        super().extend(terms)
        self._members.update(terms)

    def __contains__(self, term) -> bool:
        return term in self._members


def _fast_latin_terms() -> None:
    """Sphinx 7.4's Chinese indexer keeps every Latin word of the book in one list and
    searches it once per word: 25,000 linear searches made the Chinese build six times
    slower than the English one (50 of its 100 s). Same results, set-speed lookups."""
    from sphinx.search import zh

    if not isinstance(zh.SearchChinese.latin_terms, _TermList):
        terms = _TermList()
        terms.extend(zh.SearchChinese.latin_terms)
        zh.SearchChinese.latin_terms = terms


# Message domains of the labels around the pages: Sphinx's own ("Link to this heading"),
# pydata-sphinx-theme's ("Color mode") and sphinx-book-theme's ("Print to PDF").
THEME_DOMAINS = ("sphinx", "pydata-sphinx-theme", "booktheme")


def _theme_labels_first(app) -> None:
    """Let book.po translate the theme's labels, ahead of the themes' own catalogues
    (which miss some labels and word others in traditional usage)."""
    if edition_of(app.config) == "en" or app.builder.format != "html":
        return
    from sphinx import locale

    for domain in THEME_DOMAINS:
        ours = book_catalogue(app)
        theirs = locale.translators.get(("general", domain))
        if theirs is not None:
            ours.add_fallback(theirs)
        locale.translators["general", domain] = ours
        if domain == "sphinx":
            app.translator = ours
            app.builder.templates.environment.install_gettext_translations(ours)


# Labels that the themes' templates write in English without gettext (tooltips and
# screen-reader names); book.po translates them in the written pages.
_ATTRIBUTE = re.compile(r'((?:title|aria-label|data-bs-title|placeholder)=")([^"<>]+)(")')
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<script\b.*?</script>)", re.S)


def translate_labels(page: str, gettext_) -> str:
    def attribute(m):
        return m.group(1) + html.escape(gettext_(html.unescape(m.group(2)))) + m.group(3)

    def text(m):
        label = html.unescape(m.group(2))
        return m.group(1) + html.escape(gettext_(label), quote=False) + m.group(3)

    pieces = _VERBATIM.split(page)
    for i in range(0, len(pieces), 2):  # even pieces lie outside <pre> and <script>
        piece = _ATTRIBUTE.sub(attribute, pieces[i])
        pieces[i] = re.sub(r"(>\s*)([A-Z][A-Za-z .]{2,40}?)(\s*<)", text, piece)
    return "".join(pieces)


def _translate_written_pages(app, exception) -> None:
    if exception or edition_of(app.config) == "en" or app.builder.format != "html":
        return
    catalogue = book_catalogue(app)
    for path in Path(app.outdir).rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        translated = translate_labels(page, catalogue.gettext)
        if translated != page:
            path.write_text(translated, encoding="utf-8")


# --- the switch between editions ----------------------------------------------------------

def _counterpart_links(app, pagename, templatename, context, doctree) -> None:
    here = edition_of(app.config)
    up = "../" * pagename.count("/")
    root = up + ("../" if EDITIONS[here]["folder"] else "")  # the English root
    links = []
    for language, edition in EDITIONS.items():
        if language == here:
            continue
        folder = edition["folder"] + "/" if edition["folder"] else ""
        links.append({"href": f"{root}{folder}{pagename}.html", **edition})
    context["edition_links"] = links
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{link["hreflang"]}" href="{link["href"]}" />'
        for link in links)


def _switch_in_header(app, config) -> None:
    """The switch sits in every page's header bar, beside the download and full-screen
    buttons, so the search and index pages have it too."""
    config.templates_path = [*config.templates_path, str(Path(__file__).parent / "templates")]
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [end] if isinstance(end, str) else list(end)
    if "edition-switch.html" not in end:
        options["article_header_end"] = ["edition-switch.html", *end]
    config.html_theme_options = options


def setup(app):
    _patch_glue_lookup()
    _patch_exercise_titles()
    _patch_literal_translations()
    app.add_transform(TranslateTocCaptions)
    app.connect("config-inited", _translate_config)
    app.connect("config-inited", _switch_in_header)
    app.connect("builder-inited", _theme_labels_first)
    app.connect("doctree-read", _adopt_translated_nodes)
    app.connect("doctree-resolved", _extract_exercise_titles)
    app.connect("html-page-context", _counterpart_links)
    app.connect("build-finished", _translate_written_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
