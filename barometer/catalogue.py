"""Load and validate an issue: issue.toml and one CSV per track → `Catalogue`, or every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic_core import PydanticCustomError

from barometer.errors import CatalogueInvalid, Problem, errors_only
from barometer.io.csv_io import read_csv_table
from barometer.io.table import RowTable
from barometer.io.toml_io import load_model
from barometer.models import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    SCORE_FIELDS,
    AnyEvent,
    Catalogue,
    EventContext,
    Issue,
    Track,
    check_date,
    check_score,
    check_source,
    check_text,
    event_model,
)
from barometer.workspace import ISSUE_FILE, Workspace

NARRATIVE_DIR = "text"


@dataclass
class CheckResult:
    """What loading an issue found: the catalogue (when there are no errors) and every problem."""

    number: int
    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    events: int = 0  # events read, in catalogues that had no errors
    tracks: int = 0  # catalogue files read

    def release(self) -> CheckResult:
        """Drop the catalogue, keep the counts: a check of many issues holds only what it reports."""
        self.catalogue = None
        return self

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    @property
    def valid(self) -> bool:
        return not self.errors


def missing_columns(table: RowTable, track: Track) -> list[Problem]:
    """Problems for required columns absent from the header."""
    if not table.columns:
        if table.problems:
            return []
        return [table.problem("header-missing", "the file has no header row", 1,
                              expected=",".join(COLUMNS[track.kind]))]
    present = set(table.columns)
    return [
        table.problem("column-missing", f"required column '{name}' is missing", table.header_line,
                      value=",".join(table.original_headers),
                      expected=f"columns {','.join(COLUMNS[track.kind])} (and optionally source)")
        for name in COLUMNS[track.kind] if name not in present
    ]


def repeated_columns(table: RowTable) -> list[Problem]:
    """Two headers that name the same column ('Event' and 'Description', 'Comment' and 'comment'): one
    column's text would silently take the other's place, so it is an error."""
    first: dict[str, int] = {}
    problems = []
    for number, name in enumerate(table.columns, start=1):
        if not name:
            continue
        if name in first:
            shown = table.original_headers[number - 1] if number <= len(table.original_headers) else name
            problems.append(Problem(
                "column-repeated", f"column {number} names the same column as column {first[name]}",
                file=table.file, sheet=table.sheet, line=table.header_line, column=number, field=name,
                value=shown, expected="each column once"))
        else:
            first[name] = number
    return problems


def validate_table(table: RowTable, track: Track, context: EventContext) -> tuple[list[AnyEvent], list[Problem]]:
    """Events of one track from rows as read; every invalid cell becomes a located problem."""
    problems = list(table.problems)
    header_problems = missing_columns(table, track) + repeated_columns(table)
    if header_problems or problems and not table.columns:
        return [], problems + header_problems
    model = event_model(track.kind)
    known = set(COLUMNS[track.kind]) | set(OPTIONAL_COLUMNS)
    score_fields = SCORE_FIELDS[track.kind]
    allow_zero = track.kind == "security"
    events: list[AnyEvent] = []
    seen: dict[tuple[object, str], int] = {}

    def located(error: PydanticCustomError, line: int, column: str, raw: object) -> Problem:
        return table.problem(error.type, error.message(), line, column, value=None if raw is None else str(raw),
                             expected=(error.context or {}).get("expected"))

    # Cell by cell with the same checks the models' validators run, then `model_construct`: pydantic's
    # per-row validation costs more than the checks themselves on 100k-row catalogues.
    for row in table.rows:
        cells, line = row.cells, row.line
        row_problems = []
        values: dict[str, object] = {"line": line}
        raw = cells.get("date")
        try:
            values["date"] = check_date(raw, context)
        except PydanticCustomError as error:
            row_problems.append(located(error, line, "date", raw))
        raw = cells.get("event")
        try:
            values["text"] = check_text(raw)
        except PydanticCustomError as error:
            row_problems.append(located(error, line, "event", raw))
        for name in score_fields:
            raw = cells.get(name)
            try:
                values[name] = check_score(raw, context, allow_zero)
            except PydanticCustomError as error:
                row_problems.append(located(error, line, name, raw))
        raw = cells.get("source")
        try:
            values["source"] = check_source(raw)
        except PydanticCustomError as error:
            row_problems.append(located(error, line, "source", raw))
        if row_problems:
            problems.extend(row_problems)
            continue
        values["extra"] = {k: "" if v is None else str(v) for k, v in cells.items() if k not in known}
        key = (values["date"], str(values["text"]).casefold())
        if key in seen:
            problems.append(table.problem(
                "duplicate-row", f"same date and text as line {seen[key]}", line, "event",
                value=str(values["text"])[:60], expected="each event once",
            ))
            continue
        seen[key] = line
        events.append(model.model_construct(**values))
    return events, problems


def load_issue(workspace: Workspace, number: int) -> Issue:
    """The issue's issue.toml, validated; its number must match its folder."""
    folder = workspace.require_issue(number)
    path = folder / ISSUE_FILE
    file = workspace.display(path)
    issue = load_model(path, file, Issue)
    if issue.number != number:
        raise CatalogueInvalid([Problem(
            "issue-number-mismatch", f"issue.toml says number {issue.number} in folder {folder.name}",
            file=file, field="number", value=str(issue.number), expected=str(number),
        )], file)
    return issue


# What operating systems and office programs leave beside the files they open: never an analyst's data.
SYSTEM_FILES = re.compile(r"^(?:~\$.*|.*~|Thumbs\.db|desktop\.ini|Icon\r)$", re.IGNORECASE)


def unknown_entries(workspace: Workspace, folder: Path) -> list[Problem]:
    """Files in an issue folder that belong to no configured track: a CSV is an error (a catalogue whose
    events would count nowhere), anything else a warning. Dot-files and system files are ignored."""
    allowed = {ISSUE_FILE, NARRATIVE_DIR} | {t.file_name for t in workspace.config.tracks}
    expected = ", ".join(sorted(allowed - {NARRATIVE_DIR}))
    problems = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in allowed or SYSTEM_FILES.match(entry.name):
            continue
        catalogue = entry.suffix.lower() == ".csv"
        message = (f"no track {entry.stem!r} in barometer.toml: its events count nowhere" if catalogue
                   else "not a file an issue folder holds; it is not read")
        problems.append(Problem("unknown-file", message, file=workspace.display(entry), value=entry.name,
                                expected=expected, severity="error" if catalogue else "warning"))
    return problems


def check_issue(workspace: Workspace, number: int) -> CheckResult:
    """Load and validate one issue, collecting every problem instead of stopping at the first."""
    try:
        issue = load_issue(workspace, number)
    except CatalogueInvalid as invalid:
        return CheckResult(number, None, invalid.problems)
    folder = workspace.issue_dir(number)
    problems = unknown_entries(workspace, folder)
    context = EventContext(workspace.config.scores, issue.period)
    events: dict[str, list] = {}
    for track in workspace.config.tracks:
        path = folder / track.file_name
        if not path.is_file():
            continue
        table = read_csv_table(path, workspace.display(path))
        track_events, track_problems = validate_table(table, track, context)
        events[track.id] = track_events
        problems.extend(track_problems)
    problems.extend(unknown_published_tracks(workspace, issue))
    catalogue = Catalogue.model_construct(issue=issue, events=events)
    valid = not errors_only(problems)
    return CheckResult(number, catalogue if valid else None, problems,
                       sum(len(e) for e in events.values()), len(events))


def unknown_published_tracks(workspace: Workspace, issue: Issue) -> list[Problem]:
    if issue.published is None:
        return []
    file = workspace.display(workspace.issue_dir(issue.number) / ISSUE_FILE)
    known = {t.id for t in workspace.config.relations_tracks}
    return [
        Problem("unknown-track", f"printed figures for a track that is not configured: {track_id!r}",
                file=file, field=f"published.{track_id}", value=track_id,
                expected=", ".join(sorted(known)))
        for track_id in issue.published.tracks if track_id not in known
    ]


def load_catalogue(workspace: Workspace, number: int) -> Catalogue:
    """The validated catalogue of an issue; raises `CatalogueInvalid` listing every error."""
    result = check_issue(workspace, number)
    if result.catalogue is None:
        raise CatalogueInvalid(result.problems, f"issue {number}")
    return result.catalogue
