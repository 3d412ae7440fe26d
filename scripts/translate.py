"""Work on the Chinese edition's catalogues (locales/zh_CN/LC_MESSAGES/*.po).

    python scripts/translate.py show CATALOGUE [--all]       numbered messages to translate
    python scripts/translate.py apply CATALOGUE FILE          take translations from FILE
    python scripts/translate.py check [CATALOGUE ...]         every problem, exit 1 if any

``show`` prints the untranslated and fuzzy messages (``--all``: every message) as
blocks that start with a line ``#### N``. ``apply`` reads a file of the same shape, with
the Chinese text under each ``#### N``, sets those messages, clears their fuzzy flags,
spaces Chinese text from Latin letters, digits, code and roles (a convention of
technical Chinese writing that this book follows), and saves the catalogue. It refuses
to save when a translation lost or changed markup: see :func:`problems`.

Any PO editor (Poedit, Lokalize, Weblate) can be used instead; ``check`` and
``make test`` hold every catalogue to the same rules either way.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
CJK_PUNCT = "，。、；：！？“”‘’（）《》【】…—·「」"
HAS_CJK = re.compile(f"[{CJK}]")

# Markup that a translation must keep exactly: roles with their targets, inline math,
# inline code, link targets. A role's own text may be translated (``{term}`词 <target>```),
# its target may not.
ROLE = re.compile(r"\{([a-z][a-z:-]*)\}`([^`]*)`")
MATH = re.compile(r"(?<![\\$])\$\$?[^$]+?\$\$?")
CODE = re.compile(r"``(.+?)``|`([^`]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
PROTECTED = re.compile("|".join(p.pattern for p in (ROLE, CODE, MATH)) + r"|\]\([^)]*\)")


def role_key(name: str, body: str) -> str:
    target = re.search(r"<([^<>]+)>\s*$", body)
    if name in {"term", "ref", "doc", "numref", "download"} and target:
        return f"{{{name}}}{target.group(1)}"
    return f"{{{name}}}{body}"


def markup(text: str) -> Counter:
    """The markup a message carries, as a multiset."""
    found: Counter = Counter()
    rest = text
    for m in ROLE.finditer(text):
        found["role " + role_key(m.group(1), m.group(2))] += 1
    rest = ROLE.sub(" ", rest)
    for m in CODE.finditer(rest):
        found["code " + (m.group(1) or m.group(2)).strip()] += 1
    rest = CODE.sub(" ", rest)
    for m in MATH.finditer(rest):
        found["math " + m.group(0)] += 1
    for m in LINK.finditer(text):
        found["link " + m.group(1)] += 1
    return found


def english_words(text: str) -> int:
    """How many English words the message has outside markup (names count too)."""
    bare = PROTECTED.sub(" ", text)
    bare = re.sub(r"https?://\S+", " ", bare)
    return len(re.findall(r"[A-Za-z]{2,}", bare))


def broken_emphasis(text: str) -> list[str]:
    """``**...**`` runs that CommonMark would not close: Chinese punctuation just inside
    the closing marker with a Chinese character just after it (or the mirror case)."""
    bad = []
    text = CODE.sub(" ", text)  # `2**20` and `**kwargs` are code, not bold
    for m in re.finditer(r"\*\*(.+?)\*\*", text):
        inner, after = m.group(1), text[m.end():m.end() + 1]
        before = text[m.start() - 1:m.start()] if m.start() else ""
        if inner[-1] in CJK_PUNCT and after and re.match(f"[{CJK}A-Za-z0-9]", after):
            bad.append(m.group(0))
        elif inner[0] in CJK_PUNCT and before and re.match(f"[{CJK}A-Za-z0-9]", before):
            bad.append(m.group(0))
    if text.count("**") % 2:
        bad.append("an odd number of ** markers")
    return bad


def space_mixed(text: str) -> str:
    """Put one space between Chinese characters and Latin letters, digits, inline code,
    roles and math, leaving the inside of code, roles, math and links alone; and none
    between full-width quotes or brackets and the Chinese text beside them."""
    pieces, last = [], 0
    for m in PROTECTED.finditer(text):
        kind = "link" if m.group(0).startswith("]") else "markup"
        pieces += [("text", text[last:m.start()]), (kind, m.group(0))]
        last = m.end()
    pieces.append(("text", text[last:]))
    result, previous = "", None
    for kind, piece in pieces:
        if not piece:
            continue
        if kind == "text":
            piece = re.sub(f"([{CJK}])([A-Za-z0-9])", r"\1 \2", piece)
            piece = re.sub(f"([A-Za-z0-9%])([{CJK}])", r"\1 \2", piece)
            if previous == "markup" and re.match(f"[{CJK}]", piece):
                piece = " " + piece
        elif kind == "markup" and re.search(f"[{CJK}]$", result):
            result += " "
        result += piece
        previous = kind
    # Full-width quotes and brackets carry their own space: none beside them.
    result = re.sub(f"(?<=[{CJK}{CJK_PUNCT}]) +(?=[“‘（])", "", result)
    result = re.sub(f"(?<=[”’）]) +(?=[{CJK}{CJK_PUNCT}])", "", result)
    return result


def is_display_math(msgid: str) -> bool:
    """A display equation: Sphinx keeps the line breaks of a math block's source, while
    the text of every other message is joined into one line."""
    return msgid.startswith("\n") and bool(msgid.strip())


def latex_outside_text(source: str) -> str:
    """An equation with the words inside ``\\text{...}`` left out, spaces normalised."""
    return " ".join(re.sub(r"\\text\{[^{}]*\}", r"\\text{}", source).split())


def problems(msgid: str, msgstr: str, flags: list[str] | tuple = ()) -> list[str]:
    """Everything wrong with one translated message (an empty list when it is fine)."""
    found = []
    if not msgstr.strip():
        return ["not translated"]
    if "fuzzy" in flags:
        found.append("marked fuzzy (the English changed since it was translated)")
    if is_display_math(msgid):
        # Only the words inside \text{...} may change; the mathematics may not.
        if latex_outside_text(msgid) != latex_outside_text(msgstr):
            found.append("the equation changed outside \\text{...}")
        return found
    if msgstr == msgid and HAS_CJK.search(msgid):
        return found  # already bilingual: the glossary's terms
    want, got = markup(msgid), markup(msgstr)
    if want != got:
        missing = list((want - got).elements())
        extra = list((got - want).elements())
        found.append(f"markup differs: missing {missing}, unexpected {extra}")
    if english_words(msgid) >= 2 and not HAS_CJK.search(msgstr):
        found.append("no Chinese in the translation")
    for bad in broken_emphasis(msgstr):
        found.append(f"bold that will not render: {bad}")
    if msgstr.count("$") != msgid.count("$"):
        found.append("a different number of $ signs")
    if space_mixed(msgstr) != msgstr:
        found.append("Chinese not spaced from Latin text, digits, code or roles "
                     "(apply does this for you)")
    return found


def catalogue_path(name: str) -> Path:
    path = Path(name)
    if path.exists():
        return path
    for candidate in (CATALOGUES / name, CATALOGUES / f"{name}.po",
                      CATALOGUES / "chapters" / f"{name}.po"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no catalogue {name!r} under {CATALOGUES}")


def entries(po):
    return [e for e in po if not e.obsolete and e.msgid]


def show(name: str, everything: bool) -> None:
    import polib

    po = polib.pofile(str(catalogue_path(name)), wrapwidth=88)
    for n, entry in enumerate(entries(po), 1):
        if everything or not entry.msgstr or "fuzzy" in entry.flags:
            print(f"#### {n}")
            print(entry.msgid)
            if entry.msgstr:
                print(f"#### {n} (current translation)")
                print(entry.msgstr)
            print()


def read_blocks(text: str) -> dict[int, str]:
    blocks: dict[int, str] = {}
    current = None
    lines: list[str] = []
    for line in text.splitlines():
        m = re.fullmatch(r"#### (\d+)\s*", line)
        if m:
            if current is not None:
                blocks[current] = "\n".join(lines).strip()
            current, lines = int(m.group(1)), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        blocks[current] = "\n".join(lines).strip()
    return blocks


def apply(name: str, source: Path) -> int:
    import polib

    path = catalogue_path(name)
    po = polib.pofile(str(path), wrapwidth=88)
    todo = entries(po)
    blocks = read_blocks(source.read_text(encoding="utf-8"))
    errors = 0
    for n, text in sorted(blocks.items()):
        if not 1 <= n <= len(todo):
            print(f"#### {n}: no such message (the catalogue has {len(todo)})")
            errors += 1
            continue
        entry = todo[n - 1]
        if is_display_math(entry.msgid):
            text = "\n" + text.strip() + "\n"
        elif text != entry.msgid:
            text = space_mixed(" ".join(text.split("\n")).strip())
        found = problems(entry.msgid, text)
        if found:
            errors += 1
            print(f"#### {n}: " + "; ".join(found))
            continue
        entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    if errors:
        print(f"{errors} problem(s); nothing saved. Fix them and apply again.")
        return 1
    po.save(str(path))
    left = sum(1 for e in todo if not e.msgstr or "fuzzy" in e.flags)
    shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    print(f"{shown}: {len(blocks)} applied, {left} still to translate")
    return 0


def check(names: list[str]) -> int:
    import polib

    paths = [catalogue_path(n) for n in names] or sorted(CATALOGUES.rglob("*.po"))
    total = 0
    for path in paths:
        po = polib.pofile(str(path))
        for n, entry in enumerate(entries(po), 1):
            for problem in problems(entry.msgid, entry.msgstr, entry.flags):
                total += 1
                print(f"{path.relative_to(CATALOGUES)} #### {n}: {problem}")
        for entry in po.obsolete_entries():
            total += 1
            print(f"{path.relative_to(CATALOGUES)}: obsolete message {entry.msgid[:60]!r}")
    print(f"{total} problem(s) in {len(paths)} catalogue(s)")
    return 1 if total else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("show")
    p.add_argument("catalogue")
    p.add_argument("--all", action="store_true")
    p = sub.add_parser("apply")
    p.add_argument("catalogue")
    p.add_argument("file", type=Path)
    p = sub.add_parser("check")
    p.add_argument("catalogues", nargs="*")
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.catalogue, args.all)
        return 0
    if args.command == "apply":
        return apply(args.catalogue, args.file)
    return check(args.catalogues)


if __name__ == "__main__":
    sys.exit(main())
