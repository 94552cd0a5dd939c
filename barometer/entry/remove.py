"""`barometer remove`: one event out of a track's catalogue, named as `add` took it (its text and --date) or by
the line `check` shows (--line), validated, and backed up like every other change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic_core import PydanticCustomError

from barometer.entry.ledger import require_reason, with_revisions
from barometer.entry.store import commit_files, without_record
from barometer.errors import Code, InputInvalid, Problem, UsageError
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.sheets import resolve_track
from barometer.load import Loader, StoredCatalogue
from barometer.lock import workspace_lock
from barometer.models import AnyEvent, EventContext, check_date, check_text
from barometer.workspace import Workspace

SHOWN = 5  # events on the same date listed when the one named is not found


@dataclass
class Removed:
    path: Path
    line: int
    cells: dict[str, object]  # the row as it was read
    event: AnyEvent | None  # None for a row that was no valid event (removed by --line)
    backup: Path | None


def _named(text: str, date: str, context: EventContext) -> tuple[object, str]:
    """The identity of the event named on the command line; an invalid date or text names its option."""
    problems = []
    try:
        when = check_date(date, context)
    except PydanticCustomError as error:
        problems.append(_option_problem(error, "--date", date))
    try:
        said = check_text(text)
    except PydanticCustomError as error:
        problems.append(_option_problem(error, "TEXT", text))
    if problems:
        raise InputInvalid(problems, "the event to remove")
    return when, said.casefold()


def _option_problem(error: PydanticCustomError, option: str, value: str) -> Problem:
    return Problem(error.type, error.message(), file="the event to remove", field=option, value=value,
                   expected=(error.context or {}).get("expected"))


def _not_found(stored: StoredCatalogue, message: str, value: str, near: list[AnyEvent]) -> InputInvalid:
    listed = "; ".join(f"line {e.line}: {e.date.iso} {e.text[:60]}" for e in near[:SHOWN])
    expected = f"one of the events on that date ({listed})" if listed else \
        "an event of the catalogue, named by its date and text as `add` took them, or --line N"
    return InputInvalid([Problem(Code.EVENT_NOT_FOUND, message, file=stored.file, field="event", value=value,
                                 expected=expected)], f"{stored.file} (nothing was removed)")


def remove_event(workspace: Workspace, number: int, track_id: str, text: str | None = None, *,
                 date: str | None = None, line: int | None = None, reason: str | None = None) -> Removed:
    """Remove one event from events/NNN/<track>.csv; the catalogue's other bytes are kept, and the file as it was
    is backed up first. Name the event by `text` and `date`, or by `line`, or both (then they must agree)."""
    track = resolve_track(track_id, workspace.config)
    if (text is None) != (date is None):
        raise UsageError("name the event by its TEXT and --date together (as `add` took them), or by --line N")
    if text is None and line is None:
        raise UsageError("name the event to remove: TEXT --date DATE (as `add` took them), or --line N (the line "
                         "`check` shows)")
    with workspace_lock(workspace.root):
        loader = Loader(workspace)
        issue = loader.issue_file(number)
        require_reason(issue, reason, "barometer remove")
        context = EventContext(workspace.config.scores, issue.issue.period, date_words=loader.date_words())
        stored = loader.stored(number, track, issue, context)
        if stored.table is None or stored.data is None:
            raise UsageError(f"{stored.file} does not exist: No. {number} has no {track.label} catalogue")
        if stored.table.problems and not stored.table.rows:
            raise InputInvalid(stored.problems, f"{stored.file} (nothing was removed)")
        event = None
        if text is not None and date is not None:
            key = _named(text, date, context)
            event = next((e for e in stored.events if e.key == key), None)
            if event is None:
                raise _not_found(stored, f"{track.label}: no event {text[:60]!r} on {date}", text,
                                 [e for e in stored.events if e.date == key[0]])
            if line is not None and line != event.line:
                raise UsageError(f"--line {line} and the event named are not the same: that event is on line "
                                 f"{event.line} of {stored.file}")
            line = event.line
        assert line is not None
        row = next((r for r in stored.table.rows if r.line == line), None)
        if row is None:
            lines = [r.line for r in stored.table.rows]
            span = f"the line an event starts on ({lines[0]} to {lines[-1]})" if lines else "an event (it has none)"
            raise InputInvalid([Problem(Code.EVENT_NOT_FOUND, f"no event starts on line {line}", file=stored.file,
                                        line=line, value=str(line), expected=span)],
                               f"{stored.file} (nothing was removed)")
        if event is None:
            event = next((e for e in stored.events if e.line == line), None)
        data = without_record(stored.data, line)
        after = parse_csv_bytes(data, stored.file)
        if len(after.rows) != len(stored.table.rows) - 1:
            raise InputInvalid([Problem(Code.EVENT_NOT_FOUND, "the row cannot be removed without changing others",
                                        file=stored.file, line=line, expected="a row of its own")],
                               f"{stored.file} (nothing was removed)")
        written = commit_files(stored.path.parent, with_revisions(loader, issue, {stored.path: data}, reason))
    return Removed(stored.path, line, dict(row.cells), event, written.backup)
