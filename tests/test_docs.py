"""Documentation cannot drift: every command and every option it takes is in docs/commands.md, every
command has help, the README starts with the two commands, and every relative link leads somewhere."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from barometer.cli import app

from conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
COMMANDS = DOCS / "commands.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_SOURCE = re.compile(r"<(?:img|a)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def group() -> typer.core.TyperGroup:
    return typer.main.get_command(app)  # type: ignore[return-value]


def commands() -> list[str]:
    return sorted(group().commands)


def prose_lines(text: str) -> list[str]:
    """The lines outside fenced code blocks (fences may be indented under a list item)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def sections(text: str) -> dict[str, str]:
    """Each `## ` heading of a page and the text under it, up to the next `## ` heading."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            current = found.setdefault(line[3:].strip(), [])
            continue
        if current is not None:
            current.append(line)
    return {heading: "\n".join(lines) for heading, lines in found.items()}


def command_sections() -> dict[str, str]:
    """`## barometer NAME` sections of docs/commands.md by command name."""
    text = COMMANDS.read_text(encoding="utf-8")
    return {match[1]: body for heading, body in sections(text).items()
            if (match := re.fullmatch(r"barometer (\S+)", heading))}


def option_names(command: typer.core.TyperCommand | typer.core.TyperGroup) -> list[str]:
    """Every option string the command's --help lists (`--format`, `-f`, …), --help itself excepted."""
    return [name for param in command.params if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)]


def mentions(text: str, option: str) -> bool:
    """The option as a word of its own: `-o` is not found inside `--output`."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings; a repeated heading gets -1, -2, … as on GitHub."""
    seen: dict[str, int] = {}
    result = set()
    for line in prose_lines(page.read_text(encoding="utf-8")):
        heading = HEADING.match(line)
        if not heading:
            continue
        base = slug(heading[2])
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def relative_links(page: Path) -> list[str]:
    """Link targets of a page that are neither web addresses nor inside code."""
    text = "\n".join(prose_lines(page.read_text(encoding="utf-8")))
    text = re.sub(r"`[^`\n]*`", "", text)
    targets = LINK.findall(text) + HTML_SOURCE.findall(text)
    return [t for t in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE)]


# --- commands ---------------------------------------------------------------------------------------


def test_every_command_has_its_section_in_commands_md_and_no_other_command_has_one() -> None:
    assert len(commands()) >= 12
    assert sorted(command_sections()) == commands()


def test_every_option_of_every_command_is_in_its_section() -> None:
    documented = command_sections()
    missing = [(name, option) for name, command in sorted(group().commands.items())
               for option in option_names(command) if not mentions(documented.get(name, ""), option)]
    assert missing == []


def test_every_section_has_a_synopsis_an_example_and_exit_codes() -> None:
    for name, body in command_sections().items():
        assert re.search(rf"^```text\nbarometer {re.escape(name)}\b", body, re.MULTILINE), name
        assert re.search(rf"^\$ barometer {re.escape(name)}\b", body, re.MULTILINE), name
        assert "Exit codes:" in body, name


def test_the_options_before_the_command_are_documented() -> None:
    common = sections(COMMANDS.read_text(encoding="utf-8"))["Common to every command"]
    names = option_names(group())
    assert "--workspace" in names
    assert [name for name in names if not mentions(common, name)] == []


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in commands():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert group().commands[name].help, name


# --- the README -------------------------------------------------------------------------------------


def test_the_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert [language for language, _ in blocks[:2]] == ["sh", "sh"]
    first, second = (body.splitlines()[0] for _, body in blocks[:2])
    assert first == "pip install . && barometer report 18"
    assert "pytest" in second
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert second in [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]


def test_the_readme_links_every_page_of_the_documentation() -> None:
    pages = sorted(DOCS.glob("*.md"))
    assert COMMANDS in pages
    linked = {(README.parent / target.split("#")[0]).resolve() for target in relative_links(README)}
    assert [page.name for page in pages if page.resolve() not in linked] == []


def test_every_picture_in_docs_images_is_shown_somewhere() -> None:
    shown = {(page.parent / target.split("#")[0]).resolve() for page in PAGES for target in relative_links(page)}
    pictures = sorted((DOCS / "images").glob("*.png"))
    assert pictures
    assert [p.name for p in pictures if p.resolve() not in shown] == []


# --- links ------------------------------------------------------------------------------------------


def test_every_relative_link_leads_to_a_file_and_its_heading() -> None:
    broken = []
    for page in PAGES:
        for target in relative_links(page):
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.is_file():
                broken.append((page.name, target, "no such file"))
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                broken.append((page.name, target, "no such heading"))
    assert broken == []


def test_the_link_checker_sees_links_and_headings() -> None:
    links = relative_links(COMMANDS)
    assert "errors.md" in links and "#barometer-check" in links
    assert {"barometer-check", "common-to-every-command"} <= anchors(COMMANDS)
    assert slug("`issue.toml`") == "issuetoml" and slug("Unknown is never 0") == "unknown-is-never-0"


# --- the problem codes page -------------------------------------------------------------------------


def test_the_errors_page_keeps_one_marker_for_the_generated_table_of_codes() -> None:
    lines = (DOCS / "errors.md").read_text(encoding="utf-8").splitlines()
    assert lines.count("<!-- codes -->") == 1


def test_the_table_of_codes_is_generated_from_the_registry_and_complete() -> None:
    from barometer.errors import Code

    page = (DOCS / "errors.md").read_text(encoding="utf-8")
    make_codes = runpy.run_path(str(DOCS / "make_codes.py"))
    assert make_codes["with_table"](page) == page, "docs/errors.md is out of date: run python docs/make_codes.py"
    table = page.split("<!-- codes -->")[1].split("<!-- /codes -->")[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.MULTILINE)
    assert sorted(listed) == sorted(code.value for code in Code)
    assert all(code.description.strip() for code in Code)
