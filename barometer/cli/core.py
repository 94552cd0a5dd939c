"""Core commands: `check`, `summary`, `scale`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from barometer.cli.app import app
from barometer.cli.common import (
    TABLE,
    AsPublishedOption,
    ForceOption,
    OutputOption,
    emit,
    err,
    format_for,
    format_option,
    out,
    print_problems,
    workspace_of,
)
from barometer.cli.progress import progress_after
from barometer.errors import Code, UsageError, flatten
from barometer.figures import count, signed
from barometer.io import formats

if TYPE_CHECKING:
    from barometer.models import WorkspaceConfig
    from barometer.robustness import Robustness
    from barometer.summary import IssueSummary

CheckFormat = format_option("check.xlsx")
SummaryFormat = format_option("summary-NNN.xlsx")
ScaleFormat = format_option("scale.xlsx")


@app.command()
def check(
    ctx: typer.Context,
    issues: Annotated[list[int] | None, typer.Argument(help="Issue numbers (default: every issue).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    output_format: CheckFormat = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Validate catalogues: every problem with its file, line and column. Exit 1 when any is invalid."""
    from barometer.checks import PROBLEM_COLUMNS, check_workspace

    output_format = format_for(output_format, output)
    workspace = workspace_of(ctx)
    with progress_after("Checking issues") as on_progress:
        result = check_workspace(workspace, issues or None, on_progress)
    table = formats.Table(PROBLEM_COLUMNS, flatten(result.all_problems, PROBLEM_COLUMNS), name="Problems")
    if not emit(workspace, formats.Output(result.to_dict(), [table]), output_format, output, "check.xlsx", force):
        print_problems(result.all_problems, out)
        labels = {t.id: t.label for t in workspace.config.tracks}
        for issue in result.issues:
            events, tracks = issue.events, issue.tracks
            warnings = len(issue.problems) - len(issue.errors)
            note = f", {warnings} warning(s)" if warnings else ""
            if issue.valid and not tracks:
                out.print(f"No. {issue.number}: [green]ok[/] — printed figures only, no catalogue{note}", markup=True)
            elif issue.valid and tracks == len(issue.unentered):
                out.print(f"No. {issue.number}: [green]ok[/] — nothing entered yet ({tracks} empty catalogue(s))"
                          f"{note}", markup=True)
            elif issue.valid:
                entered = tracks - len(issue.unentered)
                missing = ", ".join(labels.get(t, t) for t in issue.unentered)
                waiting = f"; {missing} not entered yet (no event)" if missing else ""
                out.print(f"No. {issue.number}: [green]ok[/] — {events} events in {entered} catalogue(s){waiting}"
                          f"{note}", markup=True)
            else:
                out.print(f"No. {issue.number}: [red]{len(issue.errors)} error(s)[/]{note}", markup=True)
        out.print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s) "
                  f"in {len(result.issues)} issue(s)")
        if strict and result.warnings and not result.errors:
            out.print("[yellow]--strict: the warnings count as errors (exit code 1)[/]", markup=True)
    if result.errors or (strict and result.warnings):
        raise typer.Exit(1)


def _summary_table(summary: IssueSummary, labels: dict[str, str], title: str,
                   held: Robustness | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Relationship")
    table.add_column("Aggregate", justify="right")
    table.add_column("Positive", justify="right")
    table.add_column("Negative", justify="right")
    table.add_column("Events", justify="right")
    if held is not None:
        table.add_column("90 % interval", justify="right")
    table.add_column("From", style="dim")
    for track_id, figures in summary.tracks.items():
        spread = held.tracks.get(track_id) if held is not None else None
        interval = [f"{signed(spread.interval[0])} to {signed(spread.interval[1])}"
                    if spread is not None and spread.interval else "–"] if held is not None else []
        table.add_row(labels[track_id], Text(signed(figures.aggregate), style="bold"),
                      signed(figures.positive), signed(figures.negative),
                      count(figures.events), *interval, figures.source)
    return table


@app.command()
def summary(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    output_format: SummaryFormat = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when printed figures differ.")] = False,
    as_published: AsPublishedOption = False,
) -> None:
    """An issue's indices as its catalogues sum them, how firmly they hold, the tension level, and printed
    figures that differ."""
    from barometer.load import Loader
    from barometer.method import coder_scores
    from barometer.robustness import robustness, with_robustness
    from barometer.tables import SUMMARY_COLUMNS, summary_rows

    output_format = format_for(output_format, output)
    workspace = workspace_of(ctx)
    loader = Loader(workspace)
    loaded = loader.loaded(issue, as_published)
    result = loaded.summary
    codings = {} if as_published else loader.coders(issue, loaded.catalogue)[0]
    held = robustness(workspace.config, loaded.catalogue, loader.scale, coder_scores(codings))
    table = formats.Table(SUMMARY_COLUMNS, summary_rows(result, held), name=f"No. {issue}")
    data = formats.Output(with_robustness(result.to_dict(), held), [table])
    if not emit(workspace, data, output_format, output, f"summary-{issue:03d}.xlsx", force):
        print_problems([w for w in result.warnings if w.code == Code.REVISION_UNRECORDED])
        print_summary(workspace.config, result, held)
    if strict and result.mismatches:
        raise typer.Exit(1)


def print_summary(config: WorkspaceConfig, result: IssueSummary, held: Robustness | None = None) -> None:
    """The summary table (with each aggregate's 90 % interval, when `held` gives them), the security line with
    its band and how firmly it holds, and the printed figures that differ."""
    labels = {t.id: t.label for t in config.tracks}
    title = f"{config.title} No. {result.issue.number} — {result.issue.period.describe()}"
    out.print(_summary_table(result, labels, title, held))
    security = result.security
    if security is not None:
        band = security.band
        swatch = Text("  ■  ", style=f"{band.colour} on grey11" if band else "") if band else Text("")
        line = Text("Security: national security ")
        line.append(signed(security.national_security), style="bold")
        line.append(", regional tension ")
        line.append(signed(security.regional_tension), style="bold")
        line.append(" — ")
        line.append(security.level or "level unknown", style=f"bold {band.colour}" if band else "bold")
        line.append_text(swatch)
        if security.events is not None:
            line.append(f"({security.events} event{'s' if security.events != 1 else ''})")
        if held is not None and held.level_holds is not None:
            line.append(f"; the level holds in {round(held.level_holds * 100)} % of {held.resamples:,} resamples")
        out.print(line)
        if band is not None:
            out.print(Text(band.interpretation, style="dim"))
    if result.mismatches:
        out.print()
        out.print("[yellow]Printed figures that differ from the catalogues:[/]", markup=True)
        for mismatch in result.mismatches:
            out.print(f"  • {mismatch.describe(labels.get(mismatch.track, mismatch.track))}")
        if result.issue.published is not None:
            out.print(Text(f"  printed in: {result.issue.published.source}", style="dim"))
    elif result.issue.published is not None and result.entered:
        out.print("[green]Every printed figure matches the catalogues.[/]", markup=True)
    elif result.issue.published is not None:
        out.print(Text(f"Printed figures only (no catalogue to check them against), from: "
                       f"{result.issue.published.source}", style="dim"))
    elif result.entered:
        out.print(Text("No printed figures to audit: the figures above are the catalogues' sums.", style="dim"))
    else:
        out.print(Text("No catalogue entered and no printed figures: every figure is unknown.", style="dim"))
    from barometer.history import unentered_tracks

    security_id = config.security_track.id if config.security_track else "security"
    missing = [labels.get(t, t) for t in unentered_tracks(result, security_id)]
    if missing:
        out.print(Text(f"Not entered yet: {', '.join(missing)} (their figures are unknown, never 0).", style="dim"))


@app.command(context_settings={"ignore_unknown_options": True})
def scale(
    ctx: typer.Context,
    value: Annotated[int | None, typer.Argument(help="Tension value, e.g. -8 (omit: whole scale).")] = None,
    output_format: ScaleFormat = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """The colour band of a regional tension value, with its interpretation (or the whole scale)."""
    from barometer.load import Loader

    output_format = format_for(output_format, output)
    workspace = workspace_of(ctx)
    loaded = Loader(workspace).scale
    if loaded is None:
        raise UsageError("this workspace has no security track, so no regional tension scale")
    bands = [loaded.band_for(value)] if value is not None else loaded.bands
    data = [{"name": b.name, "colour": b.colour, "min": b.min, "max": b.max,
             "interpretation": b.interpretation} for b in bands]
    rows = [{"value": value, **band} if value is not None else band for band in data]
    table = formats.Table(tuple(rows[0]), [list(row.values()) for row in rows], name="Scale")
    found = formats.Output({"value": value, **data[0]} if value is not None else data, [table])
    if emit(workspace, found, output_format, output, "scale.xlsx", force):
        return
    for band in bands:
        head = Text()
        if value is not None:
            head.append(signed(value), style="bold")
            head.append(" → ")
        head.append(" ■ ", style=band.colour)
        head.append(band.name, style=f"bold {band.colour}")
        head.append(f"  {band.bounds}  {band.colour}", style="dim")
        out.print(head)
        out.print(f"   {band.interpretation}", highlight=False)
    if value is None and loaded.note:
        err.print(Text(f"note: {loaded.note}", style="dim"))
