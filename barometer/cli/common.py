"""What every command does alike: find the workspace, print problems, JSON and CSV output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape

from barometer.errors import Problem, UsageError
from barometer.io.formats import FORMATS, Output, format_of

if TYPE_CHECKING:
    from barometer.workspace import Workspace

# Markup is off by default: file names, places and event texts such as `[/] [bold]x` print as they are. A
# line that styles its words says markup=True and escapes every user string it holds (`rich.markup.escape`).
out = Console(highlight=False, soft_wrap=False, markup=False)
err = Console(stderr=True, highlight=False, markup=False)


# How a command's figures can be given: a table in the terminal, or any output format (`io.formats`).
TABLE = "table"
Format = Literal[(TABLE, *FORMATS)]  # type: ignore[valid-type]


def format_option(default_file: str | None = None) -> object:
    """The --format option of a command whose workbook goes to reports/`default_file` without --output (a command
    that does not name its file says only: under reports/)."""
    where = f"reports/{default_file}" if default_file else "a workbook under reports/"
    return Annotated[Format, typer.Option("--format", "-f", help=(
        "table (in the terminal), " + ", ".join(FORMATS[:-1]) + " or " + FORMATS[-1] + " (to standard output or "
        f"--output; xlsx without --output: {where})"))]


FormatOption = format_option()
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", dir_okay=False,
    help="Write to this file (.json, .csv or .xlsx; its suffix gives the format when --format is not given).")]


def workspace_of(ctx: typer.Context) -> Workspace:
    """The workspace named by --workspace, or the one around the current folder."""
    from barometer.workspace import Workspace

    explicit = (ctx.obj or {}).get("workspace") if ctx.obj is not None else None
    if explicit is None:
        root_ctx = ctx.find_root()
        explicit = (root_ctx.obj or {}).get("workspace")
    return Workspace.open(explicit) if explicit is not None else Workspace.find()


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def format_for(chosen: str, output: Path | None) -> str:
    """With --output and no --format, the format the file's suffix names; a table cannot go to a file."""
    if output is None or chosen != TABLE:
        return chosen
    return format_of(output, what="write")


ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace the output file even if it is not the tool's own unchanged earlier output.")]
ReasonOption = Annotated[str | None, typer.Option(
    "--reason", help="Why a published issue changes; recorded with the change in its revisions.csv (required "
    "once the issue is published).", metavar="TEXT")]
AsPublishedOption = Annotated[bool, typer.Option(
    "--as-published", help="A published issue's figures as it was published (default: as revised since).")]
LanguageOption = Annotated[str, typer.Option(
    "--lang", help="The edition's language: en, ru, or another the workspace has a catalogue for.")]


def require_language(workspace: Workspace, code: str) -> str:
    """`code` when the workspace can make an edition in it; a usage error naming the languages there are."""
    from barometer.load import Loader

    known = Loader(workspace).languages()
    if code not in known:
        raise UsageError(f"--lang {code}: no catalogue for that language; there are {', '.join(known)} "
                         "(add reports/templates/locales/<code>.po for another)")
    return code


def emit(workspace: Workspace, output: Output, fmt: str, path: Path | None, default_name: str,
         force: bool = False) -> bool:
    """Write `output` in `fmt` to `path` (or standard output; a workbook to reports/`default_name`) and say
    where; returns False when the format is `table`, which the command prints itself. A file is replaced only
    when it is the tool's own unchanged output, or with `force`."""
    if fmt == TABLE:
        if path is not None:
            raise UsageError(f"--output {path}: a table is for the terminal; give --format json, csv or xlsx")
        return False
    if path is not None and format_of(path, what="write") != fmt:
        raise UsageError(f"--format {fmt} writes a .{fmt} file; got --output {path}")
    from barometer.io.formats import write
    from barometer.outputs import claim, write_output

    if path is None and fmt != "xlsx":
        sys.stdout.write(write(output, fmt).decode("utf-8"))
        return True
    target = workspace.require_output(path) if path is not None else workspace.reports_dir / default_name
    claim(workspace, [target], force)
    write_output(workspace, target, write(output, fmt), force)
    out.print(f"wrote {workspace.display(target)}", highlight=False, markup=False)
    return True


def print_problems(problems: Iterable[Problem], console: Console = err) -> None:
    """Every problem on its own line: place, severity, code, message, found and expected."""
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(f"[{style}]{problem.severity}[/] [bold]{escape(problem.place)}[/]  [dim]{problem.code}[/]",
                      markup=True, highlight=False, soft_wrap=True)
        console.print(f"    {problem.detail}", markup=False, highlight=False, soft_wrap=True)



