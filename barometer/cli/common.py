"""What every command does alike: find the workspace, print problems, JSON and CSV output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum

import typer
from rich.console import Console

from barometer.errors import Problem
from barometer.workspace import Workspace

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def workspace_of(ctx: typer.Context) -> Workspace:
    """The workspace named by --workspace, or the one around the current folder."""
    explicit = (ctx.obj or {}).get("workspace") if ctx.obj is not None else None
    if explicit is None:
        root_ctx = ctx.find_root()
        explicit = (root_ctx.obj or {}).get("workspace")
    return Workspace.open(explicit) if explicit is not None else Workspace.find()


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    from barometer.io.csv_io import render_csv

    sys.stdout.write(render_csv(columns, rows))


def print_problems(problems: Iterable[Problem], console: Console = err) -> None:
    """Every problem on its own line: place, severity, code, message, found and expected."""
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(f"[{style}]{problem.severity}[/] [bold]{problem.place}[/]  [dim]{problem.code}[/]",
                      markup=True, highlight=False, soft_wrap=True)
        detail = f"    {problem.message}"
        if problem.value is not None:
            detail += f"; found {problem.value!r}"
        if problem.expected:
            detail += f"; expected {problem.expected}"
        console.print(detail, markup=False, highlight=False, soft_wrap=True)



