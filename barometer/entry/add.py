"""`barometer add`: one event appended to a track's catalogue, validated like every other row."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from barometer.catalogue import load_issue, validate_table
from barometer.entry.store import commit_files, event_cells, line_ending, render_catalogue, render_rows
from barometer.errors import BarometerError, CatalogueInvalid, Problem, UsageError, errors_only
from barometer.io.csv_io import read_csv_table
from barometer.io.sheets import resolve_track
from barometer.io.table import RowTable, SourceRow
from barometer.models import AnyEvent, EventContext, Track
from barometer.workspace import Workspace

BOM = "\ufeff".encode()
OPTION_OF_COLUMN = {"date": "--date", "event": "TEXT", "score": "--score", "national_security": "--national",
                    "regional_tension": "--regional", "source": "--source"}


@dataclass
class Added:
    event: AnyEvent
    path: Path
    line: int
    year: int


def _typed_event(track: Track, cells: dict[str, object], context: EventContext) -> AnyEvent:
    """Validate the event as typed on the command line; problems name the option that holds the value."""
    table = RowTable(file="the new event", columns=list(cells), rows=[SourceRow(1, cells)])
    events, problems = validate_table(table, track, context)
    if problems:
        raise CatalogueInvalid([replace(p, line=None, column=None, field=OPTION_OF_COLUMN.get(p.field or "", p.field))
                                for p in problems], "the new event")
    return events[0]


def add_event(workspace: Workspace, number: int, track_id: str, date: str, text: str, *,
              score: str | None = None, national: str | None = None, regional: str | None = None,
              source: str = "") -> Added:
    """Append one event to events/NNN/<track>.csv; refuses an invalid event, an invalid catalogue or a duplicate."""
    track = resolve_track(track_id, workspace.config)
    if track.kind == "security":
        if score is not None or national is None or regional is None:
            raise UsageError(f"track {track.id!r} is scored twice: give --national N and --regional M, not --score")
        cells: dict[str, object] = {"date": date, "event": text, "national_security": national,
                                    "regional_tension": regional}
    else:
        if score is None or national is not None or regional is not None:
            raise UsageError(f"track {track.id!r} is scored once: give --score N (e.g. --score +1 or --score -2)")
        cells = {"date": date, "event": text, "score": score}
    cells["source"] = source
    issue = load_issue(workspace, number)
    context = EventContext(workspace.config.scores, issue.period)
    event = _typed_event(track, cells, context)

    path = workspace.issue_dir(number) / track.file_name
    file = workspace.display(path)
    existing = read_csv_table(path, file) if path.is_file() else None
    line = 2
    if existing is not None:
        events, problems = validate_table(existing, track, context)
        if errors_only(problems):
            raise CatalogueInvalid(problems, f"{file} (fix it before adding to it)")
        for old in events:
            if old.date == event.date and old.text.casefold() == event.text.casefold():
                raise BarometerError(f"{file} line {old.line} already holds this event; nothing was written", [
                    Problem("duplicate-row", "the same date and text are already in the catalogue", file=file,
                            line=old.line, field="event", value=old.text[:60], expected="each event once")])
        line = (existing.rows[-1].line + 1) if existing.rows else existing.header_line + 1
    commit_files(path.parent, {path: _appended(path, track, event, existing)}, backup=False)
    return Added(event, path, line, issue.period.end.year)


def _appended(path: Path, track: Track, event: AnyEvent, existing: RowTable | None) -> bytes:
    """The file's bytes with the event appended: existing bytes kept (line endings and a BOM included) when
    the header has every column the event needs, otherwise the whole file re-rendered with the added column."""
    if existing is None or not existing.columns:
        return render_catalogue(track, [event]).encode("utf-8")
    data = path.read_bytes()
    newline = line_ending(data)
    cells = event_cells(event)
    if any(name not in existing.columns for name in cells):
        bom = BOM if data.startswith(BOM) else b""
        return bom + render_catalogue(track, [event], existing, newline).encode("utf-8")
    if data and not data.endswith(b"\n"):
        data += newline.encode()
    row = render_rows(existing.original_headers, [[cells.get(c, "") for c in existing.columns]], newline)
    return data + row.split(newline, 1)[1].encode("utf-8")
