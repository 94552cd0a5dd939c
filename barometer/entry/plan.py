"""What an import would change, worked out before anything is written (pure: no I/O).

`plan_import` takes the file's tables as read and each catalogue as stored, and returns an `ImportPlan`: per
track what is added, already there, differing, removed; the new bytes of each file that changes; and every
problem. `--dry-run` prints the plan; `importing.import_file` commits it in one atomic change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from barometer.catalogue import validate_table
from barometer.entry.fingerprint import Fingerprint
from barometer.entry.issue_file import published_update
from barometer.entry.sources import SourceTables
from barometer.entry.store import render_catalogue, stored_cells
from barometer.errors import Code, Problem, errors_only
from barometer.io.sheets import COLUMN_HEADERS
from barometer.io.table import RowTable
from barometer.load import StoredCatalogue
from barometer.models import AnyEvent, EventContext, IssueFile, Track, WorkspaceConfig, known_columns
from barometer.scale import Scale

SHOWN_ADDED = 5  # events added since the template, listed in the refusal


@dataclass
class TrackImport:
    track: Track
    read: int  # valid events in the imported file
    added: int = 0
    previous: int = 0  # events in the catalogue before the import
    replaced: bool = False
    unchanged: int = 0  # events already there exactly as in the file
    skipped: list[Problem] = field(default_factory=list)  # same date and text as an event there, but different
    removed: list[AnyEvent] = field(default_factory=list)  # --replace: catalogued events the file lacks
    catalogue: str = ""  # the catalogue file, as shown

    def removed_warnings(self, source: str) -> list[Problem]:
        """One warning per event a --replace removed, at its line in the catalogue."""
        return [Problem(Code.EVENT_REMOVED, f"{self.track.label}: {event_line(e)} is not in {source} and is removed",
                        file=self.catalogue, line=e.line, field="event",
                        expected="every catalogued event in the file (or import without --replace)",
                        severity="warning") for e in self.removed]

    def to_dict(self) -> dict[str, object]:
        return {"track": self.track.id, "read": self.read, "added": self.added, "previous": self.previous,
                "replaced": self.replaced, "unchanged": self.unchanged,
                "skipped": [p.to_dict() for p in self.skipped],
                "removed": [{"line": e.line, **stored_cells(e)} for e in self.removed]}


@dataclass
class ImportPlan:
    """Every change an import makes, and every problem that stops it (then nothing is written)."""

    number: int
    source: str  # the imported file, as shown
    tracks: list[TrackImport] = field(default_factory=list)
    contents: dict[Path, bytes] = field(default_factory=dict)  # the files that change, with their new bytes
    problems: list[Problem] = field(default_factory=list)
    published: bool = False  # issue.toml gets the pasted text's printed figures

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


@dataclass(frozen=True)
class ImportOptions:
    replace: bool = False
    force: bool = False  # move in another issue's file; --replace a catalogue changed since the template


def event_line(event: AnyEvent) -> str:
    """'2020-12-20 +1 Text of the event' (security: both scores)."""
    cells = stored_cells(event)
    scores = " / ".join(cells[name] for name in event.score_fields)
    return f"{event.date.iso} {scores} {event.text}"


def plan_import(config: WorkspaceConfig, issue: IssueFile, found: SourceTables, stored: Mapping[str, StoredCatalogue],
                options: ImportOptions, scale: Scale | None, shown: str, name: str) -> ImportPlan:
    """The plan of importing `found` (the file `shown`, named `name`) into the issue whose catalogues are
    `stored` (by track id)."""
    plan = ImportPlan(issue.number, shown, problems=list(found.problems))
    moved_from = found.other_period if options.force else None  # year-less dates read in the file's own months
    context = EventContext(config.scores, issue.issue.period, moved_from)
    for track, table in found.tables:
        events, problems = validate_table(table, track, context)
        plan.problems += explain_excel_dates(problems, table, context)
        result = TrackImport(track, read=len(events))
        plan.tracks.append(result)
        current = stored[track.id]
        result.previous = len(current.events)
        if current.exists and not options.replace and errors_only(current.problems):
            plan.problems += current.problems
            continue
        if not events:
            continue  # an empty sheet leaves its catalogue as it was, even with --replace
        if options.replace or not current.exists:
            data = _replace_track(result, current, events, table, found.fingerprints.get(track.id), options, plan,
                                  name)
        else:
            data = _merge_track(result, current, events, table)
        if data is not None and data != current.data:
            plan.contents[current.path] = data
    if found.printed:
        update = published_update(issue, found.printed, config, scale, shown, name)
        plan.problems += update.problems
        if update.text is not None:
            plan.contents[issue.path] = update.text.encode("utf-8")
            plan.published = True
    return plan


def explain_excel_dates(problems: list[Problem], table: RowTable, context: EventContext) -> list[Problem]:
    """A date outside the period that was a real Excel date of another year: say that Excel made it one (typed
    '3 November' into a cell not formatted as Text, Excel stores 3 November of the current year)."""
    years = {context.period.start.year, context.period.end.year}
    explained = []
    for problem in problems:
        if problem.code == Code.DATE_OUTSIDE_PERIOD and problem.line in table.excel_dates and problem.value \
                and problem.value[:4].isdigit() and int(problem.value[:4]) not in years:
            problem = replace(problem, message=(
                f"Excel turned this date into a date of {problem.value[:4]}, outside the issue's period: typed "
                "as '3 November' into a cell not formatted as Text, Excel takes the current year"),
                expected=f"a date in {context.period.describe()}: format the Date column as Text (Home → Number "
                f"→ Text) and type the date again, or type it with its year ({context.period.start.first_day})")
        explained.append(problem)
    return explained


def _replace_track(result: TrackImport, current: StoredCatalogue, events: list[AnyEvent], table: RowTable,
                   fingerprint: Fingerprint | None, options: ImportOptions, plan: ImportPlan, name: str
                   ) -> bytes:
    """--replace (or a track with no catalogue yet): the file's events in place of the catalogue's, keeping its
    header and further columns; the catalogued events the file lacks are listed as removed."""
    existing = current.table if current.exists else None
    result.replaced = existing is not None
    new = with_catalogue_extras(events, current.events, existing, table) if existing is not None else events
    data = render_catalogue(result.track, new, existing, current.newline, keep_rows=False).encode("utf-8")
    if existing is None:
        result.added = len(new)
        return data
    kept = {e.key for e in events}
    result.removed = [e for e in current.events if e.key not in kept]
    result.catalogue = current.file
    result.added = len(new)
    if fingerprint is not None and not options.force and not fingerprint.matches(current.data) \
            and data != current.data:
        plan.problems.append(changed_since_template(result.track, current, fingerprint, kept, plan.number, name))
    return data


def _merge_track(result: TrackImport, current: StoredCatalogue, events: list[AnyEvent], table: RowTable
                 ) -> bytes | None:
    """The file's new events appended to the catalogue; an event already there is counted, one that differs
    is a warning and the catalogue's row is kept."""
    there = {e.key: e for e in current.events}
    new = []
    for event in events:
        same = there.get(event.key)
        if same is None:
            new.append(event)
        elif same_cells(same, event):
            result.unchanged += 1
        else:
            result.skipped.append(table.problem(
                Code.EVENT_DUPLICATE_DIFFERS, f"{current.file} line {same.line} has this date and text with "
                f"{differences(same, event)}; the catalogue's row is kept (to take the file's, `barometer remove` the "
                f"catalogue's event and import again)",
                event.line, "event", value=event.text[:60], severity="warning"))
    result.added = len(new)
    if not new:
        return None
    return render_catalogue(result.track, new, current.table, current.newline).encode("utf-8")


def changed_since_template(track: Track, current: StoredCatalogue, fingerprint: Fingerprint, kept: set,
                           number: int, name: str) -> Problem:
    """The refusal of a --replace whose catalogue changed after the template being imported was made."""
    added = fingerprint.added_since(current.events)
    listed = "; ".join(f"{event_line(e)}" + ("" if e.key in kept else " (not in the file: would be removed)")
                       for e in added[:SHOWN_ADDED])
    more = f"; and {len(added) - SHOWN_ADDED} more" if len(added) > SHOWN_ADDED else ""
    since = (f"{len(added)} event{'s' if len(added) > 1 else ''} added since: {listed}{more}" if added
             else "events were edited or removed since, none added")
    return Problem(
        Code.CATALOGUE_CHANGED_SINCE_TEMPLATE,
        f"{track.label}: the catalogue changed after the template was made ({since}); --replace would put the "
        "template's copy in its place", file=current.file, field=track.id,
        expected=f"import without --replace to merge, or make a fresh template (barometer template {number} -o "
        f"{Path(name).stem}-fresh.xlsx, a new file beside yours) and copy the edits into it; --force replaces "
        "anyway, removing the events listed (they stay in the backup)")


def with_catalogue_extras(events: list[AnyEvent], old: list[AnyEvent], existing: RowTable,
                          table: RowTable) -> list[AnyEvent]:
    """The file's events, each given the catalogue's values of further columns the file does not have at all
    (an export, or a CSV typed elsewhere): a --replace takes the file's cells, never empties a column."""
    known = known_columns()
    missing = [c for c in existing.columns if c and c not in known and c not in table.columns]
    if not missing:
        return events
    there = {e.key: e for e in old}
    kept = []
    for event in events:
        same = there.get(event.key)
        if same is not None and any(same.extra.get(c) for c in missing):
            extra = {**event.extra, **{c: same.extra[c] for c in missing if same.extra.get(c)}}
            event = event.model_copy(update={"extra": extra})
        kept.append(event)
    return kept


def same_cells(there: AnyEvent, imported: AnyEvent) -> bool:
    """The imported event says what the catalogue's says: scores and source, and every further column the
    file fills in (a file without the catalogue's further columns does not differ by lacking them)."""
    old, new = stored_cells(there), stored_cells(imported)
    core = known_columns()
    return all(old.get(name, "") == new.get(name, "") for name in core | set(imported.extra) if
               name in core or new.get(name, ""))


def differences(there: AnyEvent, imported: AnyEvent) -> str:
    """How an imported event differs from the catalogue's: 'score -1 in the catalogue, -2 in the file'."""
    old, new = stored_cells(there), stored_cells(imported)
    parts = []
    for name in dict.fromkeys([*old, *new]):
        if name in ("date", "event") or old.get(name, "") == new.get(name, "") or \
                (name in imported.extra and not new.get(name, "")):
            continue
        label = COLUMN_HEADERS[name].lower() if name in COLUMN_HEADERS else name
        parts.append(f"{label} {old.get(name) or '(empty)'} in the catalogue, {new.get(name) or '(empty)'} in the file")
    return "; ".join(parts) or "other cells"
