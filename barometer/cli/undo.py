"""Undo: `restore` (list an issue's backups, put one back) and `remove` (one event out of a catalogue)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from barometer.cli.app import app
from barometer.cli.common import ReasonOption, err, out, print_json, print_problems, workspace_of
from barometer.errors import errors_only
from barometer.figures import signed


@app.command()
def restore(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number.")],
    backup: Annotated[str | None, typer.Argument(
        help="The backup to put back: its name as --list shows it (a unique beginning is enough), or 'latest'. "
        "Omit it to list the backups.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the issue's backups: when, which command, which "
                                        "files, their events then and now.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: the list as JSON.")] = False,
) -> None:
    """List an issue's backups, or put one back (all files at once; what it replaces is backed up in turn)."""
    from barometer.entry.undo import list_backups, restore_backup

    workspace = workspace_of(ctx)
    if as_json and backup is not None and not list_:
        from barometer.errors import UsageError

        raise UsageError(f"--json lists the backups as JSON: give --list (or no BACKUP), not the backup {backup!r} "
                         "to put back")
    if list_ or backup is None:
        entries = list_backups(workspace, issue)
        if as_json:
            print_json([entry.to_dict() for entry in entries])
            return
        if not entries:
            out.print(f"No. {issue} has no backups: nothing has been imported, restored or removed yet.")
            return
        for entry in entries:
            command = escape(entry.command or "(command not recorded)")
            out.print(f"[bold]{entry.name}[/]  {entry.when}  {command}", markup=True, soft_wrap=True)
            for f in entry.files:
                state = ("created by that change: a restore removes it" if f.created else
                         f"{_count(f.events)} event(s) then, {_count(f.now)} now" if f.name.endswith(".csv") else
                         "its version from before that change")
                out.print(f"    {f.name}: {state}", markup=False, soft_wrap=True)
        out.print(f"Put one back with: barometer restore {issue} BACKUP (the files it replaces are backed up "
                  "first)", markup=False, soft_wrap=True)
        return
    restored = restore_backup(workspace, issue, backup)
    print_problems(restored.problems)
    done = ", ".join(restored.written) or "nothing"
    out.print(f"Restored backup {restored.backup} of No. {issue}: wrote {done}", markup=False, soft_wrap=True)
    if restored.removed:
        out.print(f"Removed {', '.join(restored.removed)} (created by the change undone)", markup=False,
                  soft_wrap=True)
    if restored.saved:
        out.print(f"The files it replaced are in {restored.saved}/ (undo with: barometer restore {issue} "
                  f"{restored.saved.rstrip('/').rsplit('/', 1)[-1]})", markup=False, soft_wrap=True)
    if errors_only(restored.problems):
        err.print(f"warning: No. {issue} has {len(errors_only(restored.problems))} error(s) as restored; "
                  "`barometer check` lists them", markup=False, soft_wrap=True)


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


@app.command()
def remove(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number.")],
    track: Annotated[str, typer.Argument(help="Track: id, label, section or alias, e.g. russia, EU, U.S.")],
    text: Annotated[str | None, typer.Argument(help="The event's text, as it was added (case does not matter).")]
    = None,
    date: Annotated[str | None, typer.Option("--date", help="The event's date, in any form `add` takes.")] = None,
    line: Annotated[int | None, typer.Option("--line", help="The line the event starts on, as `check` shows it "
                                             "(instead of TEXT and --date, or with them as a check).")] = None,
    reason: ReasonOption = None,
) -> None:
    """Remove one event from a catalogue; the catalogue as it was is backed up (undo with `restore`)."""
    from barometer.entry.remove import remove_event

    workspace = workspace_of(ctx)
    removed = remove_event(workspace, issue, track, text, date=date, line=line, reason=reason)
    event = removed.event
    if event is not None:
        scores = " / ".join(signed(v) for v in event.scores.values())
        what = f"{event.date.iso} {scores} {event.text}"
    else:
        what = ", ".join(str(v) for v in removed.cells.values())
    out.print(f"Removed from {workspace.display(removed.path)} line {removed.line}: {what}", markup=False,
              highlight=False, soft_wrap=True)
    if removed.backup is not None:
        shown = workspace.display(removed.backup)
        out.print(f"The catalogue as it was is in {shown}/ (undo with: barometer restore {issue} "
                  f"{removed.backup.name})", markup=False, soft_wrap=True)
