"""The fixed strings barometer prints in its editions, found where they are used, and each language's
catalogue checked against them (a maintainer's tool; the tests run it too).

    python -m barometer.messages            # every catalogue complete? (exit 1 naming what is missing)
    python -m barometer.messages --update   # also write barometer/locales/messages.pot, and add the missing
                                            # entries to each catalogue with an empty msgstr, to translate

Strings come from Python (`.text("...")`, `.plural("...", "...", n)`, `N_("...")`, found by Babel's extractor)
and from the templates in the example workspace (`t("...")`, `tf("...")` in reports/templates/*.typ).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE.parent / "reports" / "templates"
KEYWORDS = {"text": (1,), "plural": (1, 2), "N_": None}
# The modules that word the editions (elsewhere a variable named `text` would look like a call to translate).
EDITION_MODULES = [("i18n.py", "python"), ("masthead.py", "python"), ("edition.py", "python"),
                   ("report/**.py", "python"), ("charts/**.py", "python"), ("site/**.py", "python")]
TEMPLATE_CALL = re.compile(r'\btf?\(\s*"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Message:
    id: str
    plural: str | None
    where: str  # file:line of its first use


def python_messages() -> list[Message]:
    """Every string the package marks for translation."""
    from babel.messages.extract import extract_from_dir

    found = []
    noise = io.StringIO()  # Babel notes every f-string near a keyword; ours are never messages
    with contextlib.redirect_stderr(noise):
        extracted = list(extract_from_dir(str(PACKAGE), method_map=EDITION_MODULES, keywords=KEYWORDS))
    for file, line, message, _comments, _context in extracted:
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if singular:
            found.append(Message(singular, plural, f"barometer/{file}:{line}"))
    return found


def template_messages(text: str, shown: str) -> list[Message]:
    """Every `t("...")` / `tf("...")` key of a template."""
    found = []
    for match in TEMPLATE_CALL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append(Message(match[1].replace('\\"', '"').replace("\\\\", "\\"), None, f"{shown}:{line}"))
    return found


def all_messages() -> dict[str, Message]:
    """Every fixed string of the editions, by id (first use kept)."""
    found: dict[str, Message] = {}
    templates = sorted(TEMPLATES.rglob("*.typ")) + sorted(TEMPLATES.rglob("*.html")) if TEMPLATES.is_dir() else []
    for message in python_messages() + [m for path in templates for m in template_messages(
            path.read_text(encoding="utf-8"), path.relative_to(PACKAGE.parent).as_posix())]:
        found.setdefault(message.id, message)
    return found


def catalogue_gaps(path: Path, messages: dict[str, Message]) -> list[str]:
    """The ids of `messages` that the catalogue at `path` lacks or leaves untranslated."""
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        catalogue = read_po(stream)
    gaps = []
    for message in messages.values():
        entry = catalogue.get(message.id)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, (list, tuple)) and not all(strings)):
            gaps.append(message.id)
    return gaps


def update(messages: dict[str, Message]) -> None:
    """Write the template (messages.pot) and add missing entries, untranslated, to every catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="barometer", charset="utf-8")
    for message in messages.values():
        template.add((message.id, message.plural) if message.plural else message.id,
                     locations=[(message.where.rsplit(":", 1)[0], int(message.where.rsplit(":", 1)[1]))])
    _write(PACKAGE / "locales" / "messages.pot", template, write_po)
    for path in sorted((PACKAGE / "locales").glob("*.po")):
        with path.open("rb") as stream:
            catalogue = read_po(stream, locale=path.stem)
        catalogue.update(template, no_fuzzy_matching=True)
        _write(path, catalogue, write_po)


def _write(path: Path, catalogue: object, write_po: object) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=120, omit_header=False, sort_output=False)  # type: ignore[operator]
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write messages.pot and add missing entries")
    args = parser.parse_args(argv)
    messages = all_messages()
    if args.update:
        update(messages)
    failed = False
    for path in sorted((PACKAGE / "locales").glob("*.po")):
        gaps = catalogue_gaps(path, messages)
        print(f"{path.name}: {len(messages) - len(gaps)} of {len(messages)} strings translated")
        for gap in gaps:
            print(f"  missing: {gap!r} ({messages[gap].where})")
        failed |= bool(gaps)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
