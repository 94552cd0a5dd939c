"""What an import would change, worked out before anything is written (pure: no I/O).

`plan_import` takes the file's tables as read and each catalogue as stored, and returns an `ImportPlan`: per
track the events added, changed (cell by cell, `entry.diff`) and removed; the new bytes of each file that
changes (a catalogue the file leaves as it is is not written); and every problem. `--dry-run` prints the plan;
`importing.import_file` commits it in one atomic change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from barometer.catalogue import validate_table
from barometer.dates import DateWords
from barometer.entry.diff import CatalogueDiff, EventChange, carries_catalogue, diff_catalogue
from barometer.entry.fingerprint import Fingerprint, event_hash
from barometer.entry.issue_file import published_update
from barometer.entry.sources import SourceTables
from barometer.entry.store import render_catalogue, stored_cells
from barometer.errors import Code, Problem, errors_only
from barometer.io.table import RowTable
from barometer.load import StoredCatalogue
from barometer.models import AnyEvent, EventContext, IssueFile, Track, WorkspaceConfig, known_columns
from barometer.scale import Scale

SHOWN_ADDED = 5  # events added since the template, listed in the refusal


@dataclass
class TrackImport:
    """What an import does to one catalogue: the events of the file against the catalogue's (`diff`). With
    `replace` the file's version takes the catalogue's place (its changes and removals are made); a merge adds
    the new events only, and reports the changes it does not take."""

    track: Track
    read: int  # valid events in the imported file
    previous: int = 0  # events in the catalogue before the import
    replace: bool = False
    diff: CatalogueDiff = field(default_factory=CatalogueDiff)
    written: bool = False  # the catalogue file changes
    catalogue: str = ""  # the catalogue file, as shown

    @property
    def added(self) -> list[AnyEvent]:
        return self.diff.added

    @property
    def changed(self) -> list[EventChange]:
        return self.diff.changed

    @property
    def removed(self) -> list[AnyEvent]:
        """--replace: the catalogue's events the file lacks, removed; a merge keeps them (listed only when the file
        holds the catalogue's events, as a template made from it does)."""
        return self.diff.removed

    def to_dict(self) -> dict[str, object]:
        return {"track": self.track.id, "read": self.read, "previous": self.previous, "replace": self.replace,
                "written": self.written, "added": [stored_cells(e) for e in self.added],
                "changed": [change.to_dict() for change in self.changed],
                "removed": [{"line": e.line, **stored_cells(e)} for e in self.removed],
                "unchanged": self.diff.unchanged, "reordered": self.diff.reordered}


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
    date_words: DateWords = ()  # dates in the workspace's other languages ("3 ноября")


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
    context = EventContext(config.scores, issue.issue.period, moved_from, options.date_words)
    for track, table in found.tables:
        events, problems = validate_table(table, track, context)
        plan.problems += explain_excel_dates(problems, table, context)
        current = stored[track.id]
        result = TrackImport(track, read=len(events), previous=len(current.events), catalogue=current.file)
        plan.tracks.append(result)
        if current.exists and not options.replace and errors_only(current.problems):
            plan.problems += current.problems
            continue
        if not events:
            continue  # an empty sheet leaves its catalogue as it was, even with --replace
        result.replace = options.replace or not current.exists
        if result.replace:
            result.diff = diff_catalogue(current.events, events, table.columns)
            data = _replace_track(result, current, events, table, found.fingerprints.get(track.id), options, plan,
                                  name)
        else:
            carried = carries_catalogue(current.events, events)
            result.diff = diff_catalogue(current.events, events, table.columns, edits=carried)
            result.diff.reordered = False  # a merge keeps the catalogue's order
            if not carried:
                result.diff.removed = []  # a file of new events lacks the catalogue's: nothing to say of them
            data = _merge_track(result, current)
        if data is not None and data != current.data:
            plan.contents[current.path] = data
            result.written = True
    plan.problems = dates_of_another_issue(plan.problems, issue.issue.period.describe())
    if found.printed:
        update = published_update(issue, found.printed, config, scale, shown, name)
        plan.problems += update.problems
        if update.text is not None:
            plan.contents[issue.path] = update.text.encode("utf-8")
            plan.published = True
    return plan


def dates_of_another_issue(problems: list[Problem], months: str) -> list[Problem]:
    """A file refused as another issue's: its dates outside this issue's months follow from that, so they are
    counted in the refusal rather than listed one by one (they would point at the dates, not the --issue)."""
    refusal = next((p for p in problems if p.severity == "error" and p.code in (Code.TEMPLATE_OTHER_ISSUE,
                                                                                Code.TEXT_OTHER_ISSUE)), None)
    outside = [p for p in problems if p.code == Code.DATE_OUTSIDE_PERIOD]
    if refusal is None or not outside:
        return problems
    counted = replace(refusal, message=f"{refusal.message}; {len(outside)} of its dates lie outside {months} "
                      "(not listed)")
    return [counted if p is refusal else p for p in problems if p.code != Code.DATE_OUTSIDE_PERIOD]


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
                f"as '3 {context.period.start.name}' into a cell not formatted as Text (or pasted from elsewhere), "
                "Excel takes the current year"),
                expected=f"a date in {context.period.describe()}: format the Date column as Text (Home → Number "
                f"→ Text) and type the date again, or type it with its year ({context.period.start.first_day})")
        explained.append(problem)
    return explained


def _replace_track(result: TrackImport, current: StoredCatalogue, events: list[AnyEvent], table: RowTable,
                   fingerprint: Fingerprint | None, options: ImportOptions, plan: ImportPlan, name: str
                   ) -> bytes | None:
    """--replace (or a track with no catalogue yet): the file's events in place of the catalogue's, keeping its
    header and the values of columns the file does not have; None when the file changes nothing."""
    existing = current.table if current.exists else None
    if existing is None:
        return render_catalogue(result.track, events, None, current.newline).encode("utf-8")
    if result.diff.untouched:
        return None  # the same events: the file is left byte for byte as it is
    new = with_absent_columns(events, result.diff, existing, table)
    data = render_catalogue(result.track, new, existing, current.newline, keep_rows=False).encode("utf-8")
    if fingerprint is not None and not options.force and not fingerprint.matches(current.data) \
            and not only_additions_in_file(fingerprint, current.events, events):
        removed = {e.key for e in result.removed}
        plan.problems.append(changed_since_template(result.track, current, fingerprint, removed, plan.number,
                                                    plan.source))
    return data


def fresh_name(shown: str) -> str:
    """'drafts/no19.xlsx' → 'drafts/no19-fresh.xlsx': a new template's name beside the one being imported."""
    path = Path(shown)
    return (path.parent / f"{path.stem}-fresh.xlsx").as_posix()


def only_additions_in_file(fingerprint: Fingerprint, catalogue: list[AnyEvent], events: list[AnyEvent]) -> bool:
    """Whether the catalogue changed since the template only by events added that the file holds too (the file was
    merged before, or the same event was added in both): then replacing loses nothing the template did not have."""
    added = fingerprint.added_since(catalogue)
    in_file = {event.key for event in events}
    kept = {event_hash(event) for event in catalogue}
    return bool(added) and all(event.key in in_file for event in added) and fingerprint.events <= kept


def _merge_track(result: TrackImport, current: StoredCatalogue) -> bytes | None:
    """The file's new events appended to the catalogue (an event there, or edited there, is not added: its
    changes are reported, the catalogue's row kept); None when there is nothing new."""
    if not result.added:
        return None
    return render_catalogue(result.track, result.added, current.table, current.newline).encode("utf-8")


def changed_since_template(track: Track, current: StoredCatalogue, fingerprint: Fingerprint, removed: set,
                           number: int, shown: str) -> Problem:
    """The refusal of a --replace whose catalogue changed after the template being imported was made."""
    added = fingerprint.added_since(current.events)
    listed = "; ".join(f"{event_line(e)}" + (" (not in the file: would be removed)" if e.key in removed else "")
                       for e in added[:SHOWN_ADDED])
    more = f"; and {len(added) - SHOWN_ADDED} more" if len(added) > SHOWN_ADDED else ""
    since = (f"{len(added)} event{'s' if len(added) > 1 else ''} added since: {listed}{more}" if added
             else "events were edited or removed since, none added")
    return Problem(
        Code.CATALOGUE_CHANGED_SINCE_TEMPLATE,
        f"{track.label}: the catalogue changed after the template was made ({since}); --replace would put the "
        "template's copy in its place", file=current.file,
        expected=f"import without --replace to merge, or make a fresh template (barometer template {number} -o "
        f"{fresh_name(shown)}, a new file beside yours) and copy the edits into it; --force replaces "
        "anyway, removing the events listed (they stay in the backup)")


def with_absent_columns(events: list[AnyEvent], diff: CatalogueDiff, existing: RowTable, table: RowTable
                        ) -> list[AnyEvent]:
    """The file's events, each given the catalogue's values of the columns the file does not have at all (pasted
    text has no Source; an export or a CSV typed elsewhere lacks further columns): a --replace takes the file's
    cells, never empties a column it does not hold."""
    known = known_columns()
    absent = [c for c in existing.columns if c and c not in known and c not in table.columns]
    keep_source = "source" not in table.columns
    if not absent and not keep_source:
        return events
    kept = []
    for event in events:
        there = diff.matches.get(id(event))
        if there is not None:
            update: dict[str, object] = {}
            if keep_source and there.source and not event.source:
                update["source"] = there.source
            extra = {c: there.extra[c] for c in absent if there.extra.get(c)}
            if extra:
                update["extra"] = {**event.extra, **extra}
            event = event.model_copy(update=update) if update else event
        kept.append(event)
    return kept
