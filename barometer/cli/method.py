"""Commands for a reviewer of the method: `publish` (freeze an issue as published, so that every later change is
recorded with its reason) and `agreement` (how far the coders of an issue agree)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from barometer.cli.app import app
from barometer.cli.common import (
    TABLE,
    ForceOption,
    FormatOption,
    OutputOption,
    emit,
    format_for,
    out,
    print_problems,
    workspace_of,
)
from barometer.figures import signed
from barometer.io import formats

AGREEMENT_COLUMNS = ("track", "alpha", "low", "high", "coders", "events")
DISPUTED_COLUMNS = ("track", "date", "event", "field", "coder", "score")


def _alpha(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@app.command()
def publish(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    on: Annotated[str | None, typer.Option(
        "--date", help="The publication date, YYYY-MM-DD (or YYYY-MM when only the month is known); default today.",
        metavar="DATE")] = None,
) -> None:
    """Mark an issue as published: record the date in issue.toml and freeze its catalogues as published.

    From then on `add`, `import` and `remove` on it need --reason, and each change they make is a record of
    events/NNN/revisions.csv; a change no record covers makes `check` fail at its line."""
    from barometer.entry.publish import publish_issue

    workspace = workspace_of(ctx)
    workspace.require_issue(issue)
    done = publish_issue(workspace, issue, on)
    folder = workspace.display(workspace.issue_dir(issue))
    out.print(f"No. {issue} published on {done.on}: {len(done.frozen)} catalogue(s) frozen in {folder}/published/, "
              f"changes from now on need --reason and are recorded in {folder}/revisions.csv", soft_wrap=True)


@app.command()
def agreement(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    output_format: FormatOption = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """How far the analysts who scored an issue's events agree: Krippendorff's alpha (interval) per track and
    overall, with a bootstrap 95 % interval, and the events they disagree on most.

    The catalogue is one coder; each folder events/NNN/coders/NAME/ holds another's scores."""
    from barometer.agreement import agreement as measure
    from barometer.load import Loader

    output_format = format_for(output_format, output)
    workspace = workspace_of(ctx)
    loader = Loader(workspace)
    catalogue = loader.catalogue(issue)
    codings, notes = loader.coders(issue, catalogue)
    result = measure(loader.config, catalogue, codings)
    year = catalogue.issue.period.end.year
    labels = {t.id: t.label for t in loader.config.tracks}
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    rows = [[labels[track], rounded(r.alpha), rounded(r.low), rounded(r.high), len(r.coders), r.events]
            for track, r in result.tracks.items()]
    rows.append(["overall", rounded(result.overall.alpha), rounded(result.overall.low),
                 rounded(result.overall.high), len(result.overall.coders), result.overall.events])
    disputed = [[labels[u.track], u.event.date.render(year), u.event.text, u.field, coder, score]
                for u in result.disputed for coder, score in u.scores.items()]
    data = formats.Output(result.to_dict(year), [
        formats.Table(AGREEMENT_COLUMNS, rows, name="Agreement", title=f"No. {issue}: Krippendorff's alpha"),
        formats.Table(DISPUTED_COLUMNS, disputed, name="Disputed", title=f"No. {issue}: disputed events")])
    print_problems(notes)
    if emit(workspace, data, output_format, output, f"agreement-{issue:03d}.xlsx", force):
        return
    if not codings:
        out.print(Text(f"No. {issue} has no second coder: add events/{issue:03d}/coders/NAME/TRACK.csv (the "
                       "catalogue's columns) with another analyst's scores.", style="dim"))
        return
    out.print(f"No. {issue}: agreement between coders (Krippendorff's alpha, interval level)")
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Track", "Alpha", "95 % interval", "Coders", "Events"):
        table.add_column(name, justify="left" if name == "Track" else "right")
    for row in rows:
        interval = "no second coder" if row[1] is None else f"{_alpha(row[2])} to {_alpha(row[3])}"
        table.add_row(str(row[0]), _alpha(row[1]), interval, str(row[4]), str(row[5]))
    out.print(table)
    if result.disputed:
        out.print("Disputed events (widest spread of scores first):")
        for unit in result.disputed:
            scores = ", ".join(f"{coder} {signed(score)}" for coder, score in unit.scores.items())
            field = "" if unit.field == "score" else f" ({unit.field.replace('_', ' ')})"
            out.print(Text(f"  {labels[unit.track]} {unit.event.date.render(year)}{field}: {unit.event.text} — "
                           f"{scores}"))
