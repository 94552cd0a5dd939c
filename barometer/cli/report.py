"""`report`: the bulletin PDF of an issue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from barometer.cli.app import app
from barometer.cli.common import (
    AsPublishedOption,
    ForceOption,
    LanguageOption,
    err,
    out,
    print_problems,
    require_language,
    workspace_of,
)
from barometer.cli.core import print_summary

_STEP_TEXT = {"data": "reading the catalogues", "charts": "drawing the charts",
              "typeset": "typesetting", "write": "writing the PDF"}


@app.command()
def report(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, help="Where to write the PDF (default: reports/NNN.pdf).")] = None,
    force: ForceOption = False,
    lang: LanguageOption = "en",
    as_published: AsPublishedOption = False,
) -> None:
    """The bulletin PDF: summary, a section per relationship, security, charts, catalogues as appendices.

    Prints the issue's summary (as `barometer summary` does), then where the PDF was written."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from barometer.load import side_problem
    from barometer.report import STEPS, build_report
    from barometer.report.build import default_report_path

    workspace = workspace_of(ctx)
    if output is not None and output.suffix.lower() != ".pdf":
        from barometer.errors import UsageError

        raise UsageError(f"the bulletin is a PDF; --output must end in .pdf, got {output}")
    workspace.require_issue(issue)
    require_language(workspace, lang)
    target = workspace.require_output(output) if output is not None else default_report_path(workspace, issue, lang)
    with Progress(TextColumn("{task.description}"), BarColumn(bar_width=24), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(f"No. {issue}", total=len(STEPS))

        def step(name: str) -> None:
            progress.update(task, completed=STEPS.index(name), description=f"No. {issue}: {_STEP_TEXT[name]}")

        result = build_report(workspace, issue, target, progress=step, force=force, language=lang,
                              as_published=as_published)
        progress.update(task, completed=len(STEPS))
    print_problems([*result.notes, *(w for w in result.summary.warnings if side_problem(w))])
    print_summary(workspace.config, result.summary)
    out.print()
    shown = workspace.display(result.path)
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    note = "" if result.charts else ", no charts"
    out.print(f"wrote {shown} ({pages}, {result.size / 1024:.0f} KiB{note})")
