"""Validate a catalogue: rows as read → events, every invalid cell a located problem (pure: no I/O)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from pydantic_core import PydanticCustomError

from barometer.errors import Code, Problem, clip, errors_only
from barometer.io.table import RowTable
from barometer.models import (
    SCORE_FIELDS,
    AnyEvent,
    Catalogue,
    EventContext,
    Issue,
    IssueFile,
    Track,
    WorkspaceConfig,
    check_date,
    check_score,
    check_source,
    check_text,
    event_model,
    known_columns,
)
from barometer.rules import header_problems

ISSUE_FILE = "issue.toml"
NARRATIVE_DIR = "text"
CODERS_DIR = "coders"  # other analysts' scores of the issue's events: coders/<name>/<track>.csv
REVISIONS_FILE = "revisions.csv"  # the log of changes made after publication
PUBLISHED_DIR = "published"  # the catalogues as published, frozen


@dataclass
class CheckResult:
    """What loading an issue found: the catalogue (when there are no errors) and every problem."""

    number: int
    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    events: int = 0  # events read, in catalogues that had no errors
    tracks: int = 0  # catalogue files read
    unentered: list[str] = field(default_factory=list)  # catalogues with no event yet (not listed as `empty`)

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


SHOWN_CHARACTERS = 200  # of a cell's value in a problem: a 9 MB cell is named, not printed


def shown_value(raw: object) -> str:
    """A cell's value as a problem shows it: cut short after `SHOWN_CHARACTERS`, saying how long it was."""
    text = str(raw)
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[:SHOWN_CHARACTERS]}… ({len(text):,} characters)"


CellCheck = tuple[str, str, Callable[[object], object]]  # column read, event field written, check


def cell_checks(track: Track, context: EventContext) -> list[CellCheck]:
    """How each column of the track's rows is checked: the models' own cell checks, one definition of a valid
    cell for a catalogue row, a workbook row, an event typed on the command line and `Event(...)` alike."""
    allow_zero = track.kind == "security"
    score = partial(check_score, context=context, allow_zero=allow_zero)
    return [("date", "date", partial(check_date, context=context)), ("event", "text", check_text),
            *((name, name, score) for name in SCORE_FIELDS[track.kind]), ("source", "source", check_source)]


def validate_table(table: RowTable, track: Track, context: EventContext) -> tuple[list[AnyEvent], list[Problem]]:
    """Events of one track from rows as read; every invalid cell becomes a located problem."""
    problems = list(table.problems)
    header = header_problems(table, track)
    if header or problems and not table.columns:
        return [], problems + header
    model = event_model(track.kind)
    known = known_columns(track.kind)
    checks = cell_checks(track, context)
    events: list[AnyEvent] = []
    seen: dict[tuple[object, str], int] = {}
    # Cell by cell, then `model_construct`: pydantic's per-row validation costs more than the checks themselves
    # on 100k-row catalogues.
    for row in table.rows:
        cells, line = row.cells, row.line
        row_problems = []
        values: dict[str, object] = {"line": line}
        for column, name, check in checks:
            raw = cells.get(column)
            try:
                values[name] = check(raw)
            except PydanticCustomError as error:
                row_problems.append(table.problem(
                    error.type, error.message(), line, column, value=None if raw is None else shown_value(raw),
                    expected=(error.context or {}).get("expected")))
        if row_problems:
            problems.extend(row_problems)
            continue
        key = (values["date"], values["text"].casefold())  # as `BaseEvent.key`, before building the event
        if key in seen:
            problems.append(table.problem(
                Code.EVENT_DUPLICATE, f"same date and text as line {seen[key]}", line, "event",
                value=clip(str(values["text"])), expected="each event once"))
            continue
        seen[key] = line
        values["extra"] = {k: "" if v is None else str(v) for k, v in cells.items() if k not in known}
        events.append(model.model_construct(**values))
    return events, problems


# What operating systems and office programs leave beside the files they open: never an analyst's data.
SYSTEM_FILES = re.compile(r"^(?:~\$.*|.*~|Thumbs\.db|desktop\.ini|Icon\r)$", re.IGNORECASE)


def unknown_entries(names: Iterable[str], config: WorkspaceConfig, folder: str,
                    allowed_only_tracks: bool = False) -> list[Problem]:
    """Files in an issue folder (`names`, shown under `folder`) that belong to no configured track: a CSV is an
    error (a catalogue whose events would count nowhere), anything else a warning. Dot-files and system files
    are ignored. `allowed_only_tracks`: a folder of catalogues only (a coder's, the published ones)."""
    folders = set() if allowed_only_tracks else {NARRATIVE_DIR, CODERS_DIR, PUBLISHED_DIR}
    allowed = (set() if allowed_only_tracks else {ISSUE_FILE, REVISIONS_FILE}) | folders | \
        {t.file_name for t in config.tracks}
    expected = ", ".join(sorted(allowed - folders))
    problems = []
    for name in sorted(names):
        if name.startswith(".") or name in allowed or SYSTEM_FILES.match(name):
            continue
        stem, _, suffix = name.rpartition(".")
        catalogue = suffix.lower() == "csv" and bool(stem)
        message = (f"no track {stem!r} in barometer.toml: its events count nowhere" if catalogue
                   else "not a file an issue folder holds; it is not read")
        problems.append(Problem(Code.FILE_UNKNOWN, message, file=f"{folder}/{name}", value=name,
                                expected=expected, severity="error" if catalogue else "warning"))
    return problems


def unknown_published_tracks(config: WorkspaceConfig, issue: Issue, file: str) -> list[Problem]:
    """Printed figures in issue.toml for a track that is not configured."""
    if issue.published is None:
        return []
    known = {t.id for t in config.relations_tracks}
    return [
        Problem(Code.PRINTED_TRACK_UNKNOWN, f"printed figures for a track that is not configured: {track_id!r}",
                file=file, field=f"published.{track_id}", value=track_id, expected=", ".join(sorted(known)))
        for track_id in issue.published.tracks if track_id not in known
    ]


def masthead_problems(config: WorkspaceConfig, source: IssueFile) -> list[Problem]:
    """People and tracks issue.toml names (authors, editor, bylines, tracks left empty) must be defined."""
    issue, problems = source.issue, []
    people = ", ".join(p.id for p in config.people) or "none: define [[people]] in barometer.toml"
    tracks = ", ".join(t.id for t in config.tracks)
    named = [("authors", person) for person in issue.authors] + ([("editor", issue.editor)] if issue.editor else [])
    named += [(f"bylines.{track}", person) for track, persons in issue.bylines.items() for person in persons]
    for field_name, person in named:
        if config.person(person) is None:
            problems.append(Problem(Code.PERSON_UNKNOWN, f"no person {person!r} in barometer.toml", file=source.file,
                                    line=source.line_of(*field_name.split(".")), field=field_name, value=person,
                                    expected=people))
    for field_name, track in [("bylines", t) for t in issue.bylines] + [("empty", t) for t in issue.empty]:
        if config.track(track) is None:
            problems.append(Problem(Code.ISSUE_TRACK_UNKNOWN, f"no track {track!r} in barometer.toml",
                                    file=source.file, line=source.line_of(field_name), field=field_name, value=track,
                                    expected=tracks))
    return problems


def empty_track_problems(source: IssueFile, events: dict[str, list[AnyEvent]]) -> list[Problem]:
    """A track issue.toml calls empty must have no events; where it has some, they count (a warning)."""
    return [Problem(Code.EMPTY_TRACK_HAS_EVENTS, f"issue.toml says {track!r} has no event this issue, but its "
                    f"catalogue has {len(events[track])}; the events count", file=source.file,
                    line=source.line_of("empty"), field="empty", value=track,
                    expected="no event in the catalogue, or the track left out of `empty`", severity="warning")
            for track in source.issue.empty if events.get(track)]


def order_problems(table_file: str, events: list[AnyEvent]) -> list[Problem]:
    """Events dated before the event above them, where both lie within one month (a day, days, a part of a
    month): the bulletin prints catalogues in date order, so a slip in the order is worth a look."""
    problems, previous = [], None
    for event in events:
        when = event.date
        if when.start.month != when.end.month or when.start.year != when.end.year or \
                when.precision.value in ("month", "months"):
            continue
        if previous is not None and when.start < previous.date.start:
            problems.append(Problem(
                Code.EVENT_OUT_OF_ORDER, f"dated before the event above it (line {previous.line})",
                file=table_file, line=event.line, column=1, field="date", value=when.iso,
                expected=f"{previous.date.iso} or later, or the rows reordered", severity="warning"))
        previous = event
    return problems
