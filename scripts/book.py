"""Build the book's two editions, and keep the Chinese translation's catalogues current.

    python scripts/book.py html [--strict] [--language en|zh_CN ...]
    python scripts/book.py translations
    python scripts/book.py gettext OUTDIR

``html`` builds the English edition into ``_build/html`` and the Chinese one into
``_build/html/zh`` (both by default), each from the same notebooks and ``_config.yml``.
Jupyter Book 1's command line cannot set Sphinx's ``language``, so this calls the
function it calls, ``jupyter_book.sphinx.build_sphinx``, with the settings of each
edition added. ``--strict`` turns every warning into an error and checks every
cross-reference (``-W -n --keep-going``).

``translations`` extracts every translatable message of the English pages (Sphinx's
``gettext`` builder) and updates ``locales/zh_CN/LC_MESSAGES/*.po`` with ``sphinx-intl``:
new messages appear untranslated, changed ones are marked fuzzy, removed ones obsolete.
Translate them (any PO editor will do), then run ``make test``.

The output folders sit under ``_build``, which ``_config.yml`` excludes, so no build
ever reads another build's pages as sources.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
LOCALES = ROOT / "locales"
LANGUAGES = {"en": BUILD / "html", "zh_CN": BUILD / "html" / "zh"}

# _config.yml holds the settings both editions share (locale_dirs, one catalogue per
# page); each edition adds its language.
EDITION = {
    "en": {"language": "en"},
    # Chinese text carries its own full-width quotes; docutils' quote guessing turned the
    # opening quote of a glued '"very", "is"' into a closing one next to Chinese text.
    "zh_CN": {"language": "zh_CN", "html_search_language": "zh", "smartquotes": False},
}


def sphinx(builder: str, outdir: Path, doctrees: Path, overrides: dict, strict: bool,
           fresh: bool = False) -> int:
    from jupyter_book.sphinx import build_sphinx

    config = {
        "external_toc_path": (ROOT / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        **overrides,
    }
    if strict:
        config["nitpicky"] = True
    result = build_sphinx(
        ROOT,
        outdir,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides=config,
        builder=builder,
        doctreedir=str(doctrees),
        warningiserror=strict,
        keep_going=strict,
        freshenv=fresh,
        quiet=True,
    )
    if isinstance(result, Exception):
        raise result
    return int(result or 0)


def html(languages: list[str], strict: bool) -> int:
    status = 0
    for language in languages:
        outdir = LANGUAGES[language]
        start = time.perf_counter()
        code = sphinx("html", outdir, BUILD / f".doctrees-{language}",
                      EDITION[language], strict, fresh=strict)
        took = time.perf_counter() - start
        name = "English" if language == "en" else "Chinese"
        print(f"{name} edition: {'built' if code == 0 else 'FAILED'} in {took:.0f} s "
              f"-> {outdir.relative_to(ROOT)}/index.html")
        status = status or code
    return status


def extract(outdir: Path) -> int:
    """Every translatable message of the English pages, as .pot files in ``outdir``."""
    if outdir.exists():
        shutil.rmtree(outdir)
    return sphinx("gettext", outdir, BUILD / ".doctrees-gettext", {"language": "en"},
                  strict=True, fresh=True)


def translations() -> int:
    pot = BUILD / "gettext"
    code = extract(pot)
    if code:
        return code
    command = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot),
               "-d", str(LOCALES), "-l", "zh_CN", "-w", "88"]
    subprocess.run(command, check=True, cwd=ROOT)
    # sphinx-intl knows nothing of book.po (title and footer): it is kept by hand.
    print("Catalogues updated under locales/zh_CN/LC_MESSAGES. Translate every empty or "
          "fuzzy message, then run make test.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_html = sub.add_parser("html", help="build the HTML editions")
    p_html.add_argument("--strict", action="store_true",
                        help="every warning an error, every reference checked")
    p_html.add_argument("--language", action="append", choices=sorted(LANGUAGES),
                        help="build only this edition (repeatable); default: all")
    sub.add_parser("translations", help="refresh the .po catalogues from the pages")
    p_pot = sub.add_parser("gettext", help="extract the messages into OUTDIR")
    p_pot.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "html":
        return html(args.language or list(LANGUAGES), args.strict)
    if args.command == "translations":
        return translations()
    return extract(args.outdir)


if __name__ == "__main__":
    sys.exit(main())
