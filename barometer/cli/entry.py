"""Entry commands: `new`, `add`, `template`, `import`, `export`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.markup import escape

from barometer.cli.app import app
from barometer.cli.common import ForceOption, ReasonOption, err, out, print_json, print_problems, workspace_of
from barometer.figures import signed

if TYPE_CHECKING:
    from barometer.entry.importing import ImportResult
    from barometer.entry.plan import TrackImport

SHOWN_ADDED = 10  # events an import adds to a catalogue that had some, listed one by one; the rest counted
SHOWN_CHANGES = 100  # changed and removed events listed per catalogue (a whole catalogue replaced is counted)
ResultFormat = Literal["table", "json"]


@app.command()
def new(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Number of the new issue, e.g. 19.")],
    period: Annotated[str | None, typer.Option("--period", help="Months it covers, e.g. 2021-01..2021-02 "
                                               "(default: from the cadence, following on from the issue before).")]
    = None,
) -> None:
    """Create events/NNN/ with issue.toml and an empty catalogue per track. Refuses an existing issue."""
    from barometer.entry.new import create_issue, parse_period

    workspace = workspace_of(ctx)
    created = create_issue(workspace, issue, parse_period(period) if period else None)
    for note in created.notes:
        err.print(f"[yellow]note:[/] {escape(note)}", markup=True, soft_wrap=True)
    out.print(f"Created {workspace.display(created.folder)}/ — No. {issue}, {created.period.describe()}, "
              f"{len(workspace.config.tracks)} empty catalogue(s)")
    relations = workspace.config.relations_tracks
    example = relations[0].id if relations else "TRACK"
    out.print(f"Next: barometer template {issue} -o no{issue}.xlsx (a workbook for authors), or add events one "
              f"by one:\n  barometer add {issue} {example} \"What happened\" --date "
              f"\"5 {created.period.start.name}\" --score +1", highlight=False, markup=False,
              soft_wrap=True)


@app.command()
def add(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number.")],
    track: Annotated[str, typer.Argument(help="Track: id, label, section or alias, e.g. russia, EU, U.S.")],
    text: Annotated[str, typer.Argument(help="What happened, as the catalogue prints it.")],
    date: Annotated[str, typer.Option("--date", help="'5 January', '1-18 January', 'Early January', "
                                      "'January-February' or ISO '2021-01-05'.")],
    score: Annotated[str | None, typer.Option("--score", help="Relations: +1, -2, … (not 0).")] = None,
    national: Annotated[str | None, typer.Option("--national", help="Security: national security score.")] = None,
    regional: Annotated[str | None, typer.Option("--regional", help="Security: regional tension score.")] = None,
    source: Annotated[str, typer.Option("--source", help="Where it was reported (a URL).")] = "",
    reason: ReasonOption = None,
) -> None:
    """Append one event to a track's catalogue, validated; refuses a duplicate."""
    from barometer.entry.add import add_event

    workspace = workspace_of(ctx)
    added = add_event(workspace, issue, track, date, text, score=score, national=national, regional=regional,
                      source=source, reason=reason)
    event = added.event
    scores = (f"{signed(event.national_security)} / {signed(event.regional_tension)}"
              if hasattr(event, "national_security") else signed(event.score))
    out.print(f"Added to {workspace.display(added.path)} line {added.line}: {event.date.iso} "
              f"({event.date.render(added.year)}) {scores} {event.text}", highlight=False, soft_wrap=True)


@app.command()
def template(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).", dir_okay=False)],
    force: ForceOption = False,
    blind: Annotated[bool, typer.Option("--blind", help="For a second coder: the issue's events without their "
                                        "scores (import it back with --coder NAME).")] = False,
) -> None:
    """Write the entry workbook for an issue: a sheet per track, dropdowns, date checks, instructions."""
    from barometer.entry.workbook import write_issue_template

    workspace = workspace_of(ctx)
    events = write_issue_template(workspace, issue, output, force, blind)
    what = "to score" if blind else "already catalogued"
    already = f", {events} event(s) {what}" if events else ""
    out.print(f"Wrote {output}: {len(workspace.config.tracks)} catalogue sheet(s) and Instructions{already}",
              soft_wrap=True)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An .xlsx workbook, a track's .csv, or pasted bulletin .txt.",
                                         dir_okay=False)],
    issue: Annotated[int, typer.Option("--issue", help="The issue to import into.")],
    track: Annotated[str | None, typer.Option("--track", help="CSV: the track it holds (default: its name).")]
    = None,
    replace: Annotated[bool, typer.Option("--replace", help="Take the file's version of each catalogue it has "
                                          "events for, its changes and removals too (without it: a merge, which "
                                          "adds new events only).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Move in the events of a file made for another issue "
                                        "(every date must still lie in this issue's period); with --replace, "
                                        "replace a catalogue that changed after the template was made.")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="CSV or text: windows-1251 (cp1251) to convert.")]
    = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what the import would change; write nothing.")]
    = False,
    output: Annotated[ResultFormat, typer.Option("--format", "-f", help="table or json.")] = "table",
    reason: ReasonOption = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Store the file's scores as this second coder's "
                                              "(events/NNN/coders/NAME/), not in the catalogue.", metavar="NAME")]
    = None,
) -> None:
    """Import catalogues, all or nothing: every row is validated first; then per catalogue the events added,
    changed (cell by cell) and removed; previous files are backed up."""
    from barometer.entry.importing import import_file

    workspace = workspace_of(ctx)
    if coder is not None:
        from barometer.entry.coders import import_coder
        from barometer.errors import UsageError

        if replace or dry_run or track or reason or output != "table":
            raise UsageError("--coder stores a second coder's scores whole: it takes no --replace, --dry-run, "
                             "--track, --reason or --format")
        coded = import_coder(workspace, file, issue, coder, encoding, force)
        labels = {t.id: t.label for t in workspace.config.tracks}
        scored = ", ".join(f"{labels[track_id]} {count}" for track_id, count in coded.events.items())
        out.print(f"Stored {coder}'s scores of {sum(coded.events.values())} event(s) ({scored}) in "
                  f"{workspace.display(coded.folder)}/; see them with: barometer agreement {issue}", soft_wrap=True)
        return
    result = import_file(workspace, file, issue, track_id=track, replace=replace, encoding=encoding, force=force,
                         dry_run=dry_run, reason=reason)
    if output == "json":
        print_json(result.to_dict())
        return
    print_problems(result.warnings)
    print_import(result)


def print_import(result: ImportResult) -> None:
    """Per catalogue what the import adds, changes and removes (each change with its cells before and after),
    the catalogues it leaves as they are on one line, then what was written and where the backup is."""
    untouched = []
    for item in result.tracks:
        if not item.read:
            continue
        if not item.written and not item.changed and not item.removed:
            untouched.append(f"{item.track.label} ({item.read} event{'s' if item.read != 1 else ''})")
            continue
        for line in track_report(item, result.year):
            out.print(line, soft_wrap=True)
    if untouched:
        out.print(f"Already as in the file: {', '.join(untouched)}", soft_wrap=True)
    if result.published:
        out.print("Printed Totals recorded as [published] figures in issue.toml; `barometer check` audits them.",
                  soft_wrap=True)
    if result.written and result.dry_run:
        out.print(f"Dry run: would write {', '.join(result.written)}; nothing was written", soft_wrap=True)
        return
    if result.written:
        out.print(f"Wrote {', '.join(result.written)}", soft_wrap=True)
        if result.backup:
            out.print(f"Previous files copied to {result.backup}/")
    else:
        out.print(f"Nothing {'would be ' if result.dry_run else ''}written: the catalogues already hold every "
                  "event the file adds.", soft_wrap=True)
    for item in result.tracks:
        if item.replace and item.removed and item.written:
            kept = f" (kept in the backup {result.backup}/{Path(item.catalogue).name})" if result.backup else ""
            count = len(item.removed)
            err.print(f"[yellow]warning:[/] {escape(item.track.label)}: {count} event{'s' if count > 1 else ''} of the "
                      f"catalogue not in the file {'were' if count > 1 else 'was'} removed{escape(kept)}",
                      markup=True, soft_wrap=True, highlight=False)


def track_report(item: TrackImport, year: int) -> list[str]:
    """'EU: 12 in the file, 13 before: 1 changed, 1 removed, 11 unchanged', then a line per event."""
    from barometer.entry.diff import event_summary

    head = f"{item.track.label}: {item.read} in the file, {item.previous} before — {item.diff.counts(item.replace)}"
    if item.diff.reordered:
        head += ", in the file's order"
    if not item.replace and (item.changed or item.removed):
        head += " (import with --replace to take the file's version)"
    lines = [head]
    if item.previous:
        lines += [f"  added    {event_summary(e, year)}" for e in item.added[:SHOWN_ADDED]]
        if len(item.added) > SHOWN_ADDED:
            lines.append(f"  … and {len(item.added) - SHOWN_ADDED} more added (--format json lists them)")
    changed, removed = ("changed", "removed") if item.replace else ("differs", "kept   ")
    lines += [f"  {changed}  {change.describe(year)}" for change in item.changed[:SHOWN_CHANGES]]
    lines += [f"  {removed}  {event_summary(e, year)}" for e in item.removed[:SHOWN_CHANGES]]
    hidden = max(0, len(item.changed) - SHOWN_CHANGES) + max(0, len(item.removed) - SHOWN_CHANGES)
    if hidden:
        lines.append(f"  … and {hidden} more (--format json lists them all)")
    return lines


@app.command()
def export(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.xlsx, FILE.csv or FILE.json.",
                                         dir_okay=False)],
    force: ForceOption = False,
) -> None:
    """Export an issue's catalogues and indices to .xlsx (sheet per track + Summary), .csv or .json."""
    from barometer.export import export_issue

    workspace = workspace_of(ctx)
    exported = export_issue(workspace, issue, output, force)
    count = sum(len(e) for e in exported.catalogue.events.values())
    out.print(f"Wrote {output}: {count} events of No. {issue}")
