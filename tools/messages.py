"""The message catalogues: extract every message of lakipcore with Babel, merge them into the
Indonesian catalogue, compile it, or check that all of that is done.

    python tools/messages.py          # extract, merge into id's .po, compile
    python tools/messages.py --check  # CI: exit 1 unless the catalogues are complete and current

Messages are written in English in the code (the gettext ``msgid``) and marked with ``N_()``
(or built with ``M_()``, which errors are raised with);
``src/lakipcore/i18n/locale/id/LC_MESSAGES/lakipcore.po`` holds their Indonesian text and the
``.mo`` beside it is what :mod:`gettext` reads at run time. ``--check`` fails when a message of
the code is missing from the catalogue or has no Indonesian text (or a fuzzy one), when the
catalogue holds a message the code no longer has, when a translation's ``{placeholders}`` differ
from its message's, or when the compiled ``.mo`` does not hold exactly the ``.po``'s text.
Babel is a development tool here (the ``test`` and ``lint`` extras); the library reads the
compiled catalogue with the standard library alone.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from lakipcore.i18n import DOMAIN, LANGUAGES, placeholders

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "lakipcore"
LOCALE = PACKAGE / "i18n" / "locale"


def extracted() -> Catalog:
    """Every ``N_("…")`` and ``M_("…", …)`` message of the package, with the files that use it."""
    catalog = Catalog(domain=DOMAIN, project="lakipcore")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords={"N_": None, "M_": None, "T_": None},
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            locations=[(f"lakipcore/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="lakipcore")
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    # A header without dates or placeholders: the file changes only when a message does.
    catalog.fuzzy = False
    catalog.project, catalog.version = "lakipcore", "1"
    catalog.copyright_holder = "the lakipcore authors"
    catalog.msgid_bugs_address = "the lakipcore issue tracker"
    catalog.last_translator = "the lakipcore authors"
    catalog.language_team = "Bahasa Indonesia"
    catalog.header_comment = (
        f"# {catalog.locale_identifier} messages of lakipcore: extracted and compiled by\n"
        "# tools/messages.py (Babel); edit the msgstr lines, then run it again."
    )
    catalog.creation_date = catalog.revision_date = datetime(2026, 12, 4, tzinfo=UTC)
    out = io.BytesIO()
    # No line numbers: the catalogue changes when a message does, not when code moves.
    write_po(out, catalog, width=100, include_lineno=False, sort_output=True, omit_header=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> int:
    """Merge the code's messages into each translated language's catalogue and compile it."""
    template = extracted()
    for lang in LANGUAGES:
        if lang == "en":
            continue  # the messages' own language
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # removed messages are gone, not kept as comments
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))
        path.with_suffix(".mo").write_bytes(_mo_bytes(catalog))
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{lang}: {len(template)} messages, {len(missing)} without a translation")
        for msgid in missing:
            print(f"  {msgid!r}")
    return 0


_MARKERS = frozenset({"N_", "M_", "T_"})


def _offset(lines: list[str], line: int | None, column: int | None) -> int:
    """The character offset of an AST position (its column counts UTF-8 bytes)."""
    if line is None or column is None:  # every node of a parsed module has a position
        raise ValueError("a node without a position")
    before = sum(len(text) for text in lines[: line - 1])
    return before + len(lines[line - 1].encode()[:column].decode())


def unextractable() -> list[str]:
    """Calls of ``N_``/``M_``/``T_`` whose message Babel cannot extract (an f-string, or string
    literals inside a pair of parentheses of their own), which would leave the message
    untranslated without the catalogue knowing. A name or a call as the message is allowed:
    it holds a message marked with ``N_`` where it is written."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        # A marker inside an f-string's braces is not extracted either (Babel reads the
        # f-string as one string), so its message silently leaves the catalogue.
        for joined in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            for inner in ast.walk(joined):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in _MARKERS
                ):
                    where = f"{path.relative_to(PACKAGE.parent)}:{inner.lineno}"
                    found.append(f"{where}: {inner.func.id}() inside an f-string is not extracted")
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _MARKERS
                and node.args
            ):
                continue
            first = node.args[0]
            segment = ast.get_source_segment(text, first) or ""
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            # The text from the marker's name to its message: "(" alone, or "((" when the
            # literals sit in parentheses of their own (the node's position excludes them).
            lines = text.splitlines(keepends=True)
            opening = _offset(lines, node.func.end_lineno, node.func.end_col_offset)
            start = _offset(lines, first.lineno, first.col_offset)
            wrapped = text[opening:start].count("(") > 1
            # A name or a call holds a message marked where it is written (N_ beside it); an
            # f-string, or literals in parentheses of their own, Babel skips in silence.
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            named = {k.arg for k in node.keywords}
            if node.func.id == "M_" and isinstance(first, ast.Constant) and None not in named:
                # Checked here for every call, not only the ones a test happens to raise.
                wanted = placeholders(str(first.value))
                if wanted != named:
                    found.append(
                        f"{where}: M_() gives {sorted(n for n in named if n)} for the "
                        f"placeholders {sorted(wanted)}"
                    )
            if isinstance(first, ast.JoinedStr) or (literal and wrapped):
                found.append(
                    f"{where}: {node.func.id}() needs one string literal, got {segment[:50]!r}"
                )
    return found


def problems() -> list[str]:
    """What keeps the catalogues from being complete and current (empty when they are)."""
    found: list[str] = unextractable()
    wanted = {m.id for m in extracted() if m.id}
    for lang in LANGUAGES:
        if lang == "en":
            continue
        catalog = read(lang)
        held = {m.id: m for m in catalog if m.id}
        found += [
            f"{lang}: not in the catalogue: {msgid!r}" for msgid in sorted(wanted - held.keys())
        ]
        found += [
            f"{lang}: no longer in the code: {msgid!r}" for msgid in sorted(held.keys() - wanted)
        ]
        for msgid, message in sorted(held.items()):
            if not message.string or message.fuzzy:
                found.append(f"{lang}: no translation: {msgid!r}")
            elif placeholders(str(message.string)) != placeholders(str(msgid)):
                found.append(f"{lang}: other placeholders in {message.string!r} than in {msgid!r}")
        mo = po_path(lang).with_suffix(".mo")
        compiled = gettext.GNUTranslations(io.BytesIO(mo.read_bytes())) if mo.exists() else None
        for msgid, message in sorted(held.items()):
            if not message.string or message.fuzzy:
                continue
            if compiled is None or compiled.gettext(str(msgid)) != message.string:
                found.append(
                    f"{lang}: the compiled {mo.name} is out of date: run tools/messages.py"
                )
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless all is up to date")
    options = parser.parse_args(argv)
    if not options.check:
        return update()
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print("messages: run `python tools/messages.py` and translate", file=sys.stderr)
        return 1
    print("messages: every message has both languages; the catalogues are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
