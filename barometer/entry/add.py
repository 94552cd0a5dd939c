"""`barometer add`: one event appended to a track's catalogue, validated like every other row."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from barometer.catalogue import validate_table
from barometer.entry.ledger import require_reason, with_revisions
from barometer.entry.store import commit_files, render_catalogue, stored_cells
from barometer.errors import BarometerError, Code, InputInvalid, Problem, UsageError, clip, errors_only
from barometer.figures import signed
from barometer.io.csv_io import render_csv
from barometer.io.sheets import resolve_track
from barometer.io.table import RowTable, SourceRow
from barometer.load import Loader, StoredCatalogue
from barometer.lock import workspace_lock
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
        raise InputInvalid([replace(p, line=None, column=None, field=OPTION_OF_COLUMN.get(p.field or "", p.field))
                                for p in problems], "the new event")
    return events[0]


def add_event(workspace: Workspace, number: int, track_id: str, date: str, text: str, *,
              score: str | None = None, national: str | None = None, regional: str | None = None,
              source: str = "", reason: str | None = None) -> Added:
    """Append one event to events/NNN/<track>.csv; refuses an invalid event, an invalid catalogue or a duplicate."""
    track = resolve_track(track_id, workspace.config)
    given = {"--score": score, "--national": national, "--regional": regional}
    wanted = ("--national", "--regional") if track.kind == "security" else ("--score",)
    wrong = [option for option, value in given.items() if value is not None and option not in wanted]
    missing = [option for option in wanted if given[option] is None]
    if wrong or missing:
        raise UsageError(score_options_message(track, wrong, missing))
    if track.kind == "security":
        cells: dict[str, object] = {"date": date, "event": text, "national_security": national,
                                    "regional_tension": regional}
    else:
        cells = {"date": date, "event": text, "score": score}
    cells["source"] = source
    with workspace_lock(workspace.root):
        return _append(workspace, number, track, cells, reason)


def score_options_message(track: Track, wrong: list[str], missing: list[str]) -> str:
    """What `add` needs for a track's scores, naming only the options actually given wrongly or missing."""
    if track.kind == "security":
        need = f"track {track.id!r} is scored twice: give --national N and --regional M (e.g. --national 0 " \
            "--regional -1)"
    else:
        need = f"track {track.id!r} is scored once: give --score N (e.g. --score +1 or --score -2)"
    parts = [f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"] if missing else []
    if wrong:
        parts.append(f"{' and '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} for "
                     f"{'a relationship' if track.kind == 'security' else 'the security track'}")
    return f"{need}; {'; '.join(parts)}"


def _append(workspace: Workspace, number: int, track: Track, cells: dict[str, object],
            reason: str | None = None) -> Added:
    loader = Loader(workspace)
    issue = loader.issue_file(number)
    require_reason(issue, reason, "barometer add")
    event = _typed_event(track, cells, EventContext(workspace.config.scores, issue.issue.period,
                                                             date_words=loader.date_words()))
    stored = loader.stored(number, track, issue)
    line = 2
    if stored.table is not None:
        if errors_only(stored.problems):
            raise InputInvalid(stored.problems, f"{stored.file} (fix it before adding to it)")
        same = next((old for old in stored.events if old.key == event.key), None)
        if same is not None:
            scores = " / ".join(signed(v) for v in same.scores.values())
            raise BarometerError(f"{stored.file} line {same.line} already holds this event; nothing was written", [
                Problem(Code.EVENT_DUPLICATE, f"an event of the same date and text (case aside) is already in the "
                        f"catalogue, scored {scores}", file=stored.file, line=same.line, field="event",
                        value=clip(same.text), expected=f"each event once; to change it, remove it (barometer "
                        f"remove {number} {track.id} --line {same.line}) and add it again")])
        table = stored.table
        line = (table.rows[-1].line + 1) if table.rows else table.header_line + 1
    commit_files(stored.path.parent, with_revisions(loader, issue, {stored.path: appended(stored, event)}, reason),
                 backup=False)
    return Added(event, stored.path, line, issue.issue.period.end.year)


def appended(stored: StoredCatalogue, event: AnyEvent) -> bytes:
    """The file's bytes with the event appended: existing bytes kept (line endings and a BOM included) when
    the header has every column the event needs, otherwise the whole file re-rendered with the added column."""
    table, data = stored.table, stored.data or b""
    if table is None or not table.columns:
        return render_catalogue(stored.track, [event]).encode("utf-8")
    newline = stored.newline
    cells = stored_cells(event)
    if any(name not in table.columns for name in cells):
        bom = BOM if data.startswith(BOM) else b""
        return bom + render_catalogue(stored.track, [event], table, newline).encode("utf-8")
    if data and not data.endswith(b"\n"):
        data += newline.encode()
    row = render_csv(table.original_headers, [[cells.get(c, "") for c in table.columns]], newline)
    return data + row.split(newline, 1)[1].encode("utf-8")
