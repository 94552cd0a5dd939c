"""`barometer import`: a workbook, a CSV or pasted bulletin text into an issue, all or nothing.

Every table is read and validated first; on any error nothing is written and every error is listed.
Then the previous files are copied to `events/NNN/.backup/<time>/`, the new files written as temporary
files, and all renamed into place in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from barometer.catalogue import load_issue, validate_table
from barometer.entry.fingerprint import Fingerprint
from barometer.entry.issue_file import render_published, with_published
from barometer.entry.store import commit_files, event_cells, line_ending, render_catalogue
from barometer.errors import CatalogueInvalid, Problem, UsageError, errors_only
from barometer.io.csv_io import read_csv_table
from barometer.io.sheets import COLUMN_HEADERS, OTHER_SHEETS, known_names, match_track, resolve_track
from barometer.io.table import RowTable, SourceRow
from barometer.models import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    AnyEvent,
    EventContext,
    Period,
    Published,
    Track,
    WorkspaceConfig,
)
from barometer.workspace import ISSUE_FILE, Workspace

SUFFIXES = (".xlsx", ".csv", ".txt")
SHOWN_ADDED = 5  # events added since the template, listed in the refusal


@dataclass
class SourceTables:
    """What a file holds, before validation: rows per track, problems, and printed figures (pasted text)."""

    tables: list[tuple[Track, RowTable]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    printed: dict[str, dict[str, int | str]] | None = None
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets in their order
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)  # a template's catalogues, by track


def reading_order(problems: list[Problem], sheets: list[str], first: str = "") -> list[Problem]:
    """Problems top to bottom: by file (the imported one, `first`, before the catalogues), the sheet's place
    in the workbook, row, then column."""
    order = {name: index for index, name in enumerate(sheets)}

    def key(problem: Problem) -> tuple[bool, str, int, int, int]:
        sheet = -1 if problem.sheet is None else order.get(problem.sheet, len(order))
        return problem.file != first, problem.file or "", sheet, problem.line or 0, problem.column or 0

    return sorted(problems, key=key)


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
        return [Problem("replace-removes", f"{self.track.label}: {event_line(e)} is not in {source} and is removed",
                        file=self.catalogue, line=e.line, field="event",
                        expected="every catalogued event in the file (or import without --replace)",
                        severity="warning") for e in self.removed]

    def to_dict(self) -> dict[str, object]:
        return {"track": self.track.id, "read": self.read, "added": self.added, "previous": self.previous,
                "replaced": self.replaced, "unchanged": self.unchanged,
                "skipped": [p.to_dict() for p in self.skipped],
                "removed": [{"line": e.line, **event_cells(e)} for e in self.removed]}


@dataclass
class ImportResult:
    number: int
    source: str
    tracks: list[TrackImport]
    written: list[str]
    backup: str | None
    published: bool = False
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"issue": self.number, "source": self.source, "tracks": [t.to_dict() for t in self.tracks],
                "written": self.written, "backup": self.backup, "published": self.published,
                "warnings": [p.to_dict() for p in self.warnings]}


# --- reading ---------------------------------------------------------------------------------------------


def header_problems(table: RowTable, track: Track) -> list[Problem]:
    """A required column absent from a sheet's header row, with the column where it was expected."""
    required = COLUMNS[track.kind]
    wanted = ", ".join(COLUMN_HEADERS[c] for c in (*required, "source"))
    if not table.columns and any(p.code == "sheet-too-large" for p in table.problems):
        return []  # the sheet was not read
    if not table.columns:
        return [Problem("header-missing", "the sheet has no header row", file=table.file, sheet=table.sheet,
                        line=1, column=1, expected=f"a header row: {wanted}")]
    problems = []
    for position, name in enumerate(required, start=1):
        if name in table.columns:
            continue
        found = table.original_headers[position - 1] if position <= len(table.original_headers) else ""
        problems.append(Problem(
            "column-missing", f"required column '{COLUMN_HEADERS[name]}' is missing from the header row",
            file=table.file, sheet=table.sheet, line=table.header_line, column=position, field=name,
            value=found, expected=f"headers {wanted} (Source optional)"))
    return problems


def read_xlsx(path: Path, file: str, config: WorkspaceConfig, number: int) -> SourceTables:
    from barometer.io.xlsx_read import read_workbook
    from barometer.io.xlsx_template import FINGERPRINT_PREFIX, TEMPLATE_ID

    book = read_workbook(path, file)
    found = SourceTables(problems=list(book.problems), sheets=[t.sheet or "" for t in book.sheets])
    made_for = book.identifier.removeprefix(TEMPLATE_ID)
    if book.identifier.startswith(TEMPLATE_ID) and made_for == str(number):
        for name, value in book.properties.items():
            fingerprint = Fingerprint.parse(value) if name.startswith(FINGERPRINT_PREFIX) else None
            if fingerprint is not None:
                found.fingerprints[name.removeprefix(FINGERPRINT_PREFIX)] = fingerprint
    if book.identifier.startswith(TEMPLATE_ID) and made_for != str(number):
        found.problems.append(Problem(
            "template-other-issue", f"this workbook is the template of No. {made_for}, imported into No. {number}",
            file=file, value=made_for, expected=f"the template of No. {number} (barometer template {number})",
            severity="warning"))
    claimed: dict[str, str] = {}
    others = {name.casefold() for name in OTHER_SHEETS}
    for table in book.sheets:
        name = table.sheet or ""
        if name.strip().casefold() in others:
            continue
        track = match_track(name, config)
        if track is None:
            found.problems.append(Problem(
                "sheet-unknown", f"sheet {name!r} is not a catalogue of this workspace", file=file, sheet=name,
                value=name, expected=f"a sheet named after a track ({known_names(config)}) or "
                f"{' / '.join(OTHER_SHEETS)}"))
            continue
        if track.id in claimed:
            found.problems.append(Problem(
                "sheet-duplicate", f"sheets {claimed[track.id]!r} and {name!r} are both track {track.id!r}",
                file=file, sheet=name, value=name, expected="one sheet per track"))
            continue
        claimed[track.id] = name
        missing = header_problems(table, track)
        if missing:
            found.problems += table.problems + missing
            continue
        found.tables.append((track, table))
    return found


def _split_by_track(table: RowTable, config: WorkspaceConfig) -> SourceTables:
    """A CSV holding several tracks (a `track` column, as `barometer export` writes): one table per track."""
    found = SourceTables(problems=list(table.problems))
    per_track: dict[str, RowTable] = {}
    tracks: dict[str, Track] = {}
    for row in table.rows:
        name = str(row.cells.get("track") or "")
        track = match_track(name, config)
        if track is None:
            found.problems.append(table.problem("track-unknown", "the track names no track of this workspace",
                                                row.line, "track", value=name, expected=known_names(config)))
            continue
        own = set(COLUMNS[track.kind]) | set(OPTIONAL_COLUMNS)
        others = {"track", *COLUMNS["relations"], *COLUMNS["security"]}
        keep = {c for c in table.columns if c in own or c not in others}  # further columns are kept too
        if track.id not in per_track:
            tracks[track.id] = track
            per_track[track.id] = RowTable(file=table.file, columns=table.columns, header_line=table.header_line,
                                           original_headers=table.original_headers)
        per_track[track.id].rows.append(SourceRow(row.line, {k: v for k, v in row.cells.items() if k in keep}))
    found.tables = [(tracks[i], per_track[i]) for i in per_track]
    return found


def read_csv(path: Path, file: str, config: WorkspaceConfig, track_id: str | None, cp1251: bool) -> SourceTables:
    table = read_csv_table(path, file, convert_cp1251=cp1251)
    if "track" in table.columns and track_id is None:
        return _split_by_track(table, config)
    track = resolve_track(track_id, config, "--track") if track_id else match_track(path.stem, config)
    if track is None:
        raise UsageError(f"cannot tell which track {file} holds from its name: give --track "
                         f"({', '.join(t.id for t in config.tracks)})")
    return SourceTables(tables=[(track, table)])


def read_text(path: Path, file: str, config: WorkspaceConfig, period: Period, cp1251: bool) -> SourceTables:
    from barometer.io.bulletin_text import read_bulletin_text

    pasted = read_bulletin_text(path, config, period, file, convert_cp1251=cp1251)
    printed = {track: dict(figures) for track, figures in pasted.printed.items()}
    for track, level in pasted.levels.items():
        printed.setdefault(track, {})["level"] = level  # type: ignore[assignment]
    found = SourceTables(problems=list(pasted.problems), printed=printed)
    for track_id, table in pasted.tables.items():
        track = config.track(track_id)
        if track is not None:
            found.tables.append((track, table))
    return found


ENCODING_NAMES = {"utf8": "utf-8", "utf_8": "utf-8", "utf_8_sig": "utf-8",
                  "cp1251": "cp1251", "windows_1251": "cp1251", "1251": "cp1251", "win1251": "cp1251",
                  "cp_1251": "cp1251", "windows1251": "cp1251"}


def encoding_name(encoding: str | None) -> str | None:
    """--encoding as typed ('windows-1251', 'CP1251', '1251', 'UTF-8') → 'utf-8' or 'cp1251'."""
    if encoding is None:
        return None
    name = ENCODING_NAMES.get(encoding.strip().casefold().replace("-", "_"))
    if name is None:
        raise UsageError(f"--encoding {encoding}: expected utf-8 or windows-1251 (also written cp1251 or 1251)")
    return name


def read_source(workspace: Workspace, path: Path, number: int, period: Period, track_id: str | None,
                encoding: str | None) -> SourceTables:
    """The tables of the file to import, by its suffix."""
    if not path.is_file():
        raise UsageError(f"no file {path}")
    suffix = path.suffix.lower()
    file = workspace.display(path)
    encoding = encoding_name(encoding)
    if track_id is not None and suffix != ".csv":
        raise UsageError("--track is for a CSV file: a workbook's sheets and pasted text's headings name their tracks")
    if encoding == "cp1251" and suffix == ".xlsx":
        raise UsageError("--encoding is for text files: a workbook has no encoding to choose")
    if suffix == ".xlsx":
        return read_xlsx(path, file, workspace.config, number)
    if suffix == ".csv":
        return read_csv(path, file, workspace.config, track_id, encoding == "cp1251")
    if suffix == ".txt":
        return read_text(path, file, workspace.config, period, encoding == "cp1251")
    raise UsageError(f"cannot import {path.name}: expected a file ending in {', '.join(SUFFIXES)}")


# --- merging and writing -----------------------------------------------------------------------------------


def _key(event: AnyEvent) -> tuple[object, str]:
    return event.date, event.text.casefold()


def _changed_since_template(workspace: Workspace, track: Track, target: Path, fingerprint: Fingerprint,
                            old: list[AnyEvent], kept: set[tuple[object, str]], number: int, path: Path) -> Problem:
    """The refusal of a --replace whose catalogue changed after the template was made."""
    added = fingerprint.added_since(old)
    listed = "; ".join(f"{event_line(e)}" + ("" if _key(e) in kept else " (not in the file: would be removed)")
                       for e in added[:SHOWN_ADDED])
    more = f"; and {len(added) - SHOWN_ADDED} more" if len(added) > SHOWN_ADDED else ""
    since = (f"{len(added)} event{'s' if len(added) > 1 else ''} added since: {listed}{more}" if added
             else "events were edited or removed since, none added")
    return Problem(
        "catalogue-changed-since-template",
        f"{track.label}: the catalogue changed after the template was made ({since}); --replace would put the "
        "template's copy in its place", file=workspace.display(target), field=track.id,
        expected=f"import without --replace to merge, add --force to replace anyway, or make a fresh template "
        f"(barometer template {number} -o {path.name}) and copy the edits into it")


def event_line(event: AnyEvent) -> str:
    """'2020-12-20 +1 Text of the event' (security: both scores)."""
    cells = event_cells(event)
    scores = " / ".join(cells[c] for c in ("score", "national_security", "regional_tension") if c in cells)
    return f"{event.date.iso} {scores} {event.text}"


def with_catalogue_extras(events: list[AnyEvent], old: list[AnyEvent], existing: RowTable,
                          table: RowTable) -> list[AnyEvent]:
    """The file's events, each given the catalogue's values of further columns the file does not have at all
    (an export, or a CSV typed elsewhere): a --replace takes the file's cells, never empties a column."""
    known = set(COLUMNS["relations"]) | set(COLUMNS["security"]) | set(OPTIONAL_COLUMNS)
    missing = [c for c in existing.columns if c and c not in known and c not in table.columns]
    if not missing:
        return events
    there = {_key(e): e for e in old}
    kept = []
    for event in events:
        same = there.get(_key(event))
        if same is not None and any(same.extra.get(c) for c in missing):
            extra = {**event.extra, **{c: same.extra[c] for c in missing if same.extra.get(c)}}
            event = event.model_copy(update={"extra": extra})
        kept.append(event)
    return kept


def same_cells(there: AnyEvent, imported: AnyEvent) -> bool:
    """The imported event says what the catalogue's says: scores and source, and every further column the
    file fills in (a file without the catalogue's further columns does not differ by lacking them)."""
    old, new = event_cells(there), event_cells(imported)
    core = set(COLUMNS["relations"]) | set(COLUMNS["security"]) | {"source"}
    return all(old.get(name, "") == new.get(name, "") for name in core | set(imported.extra) if
               name in core or new.get(name, ""))


def differences(there: AnyEvent, imported: AnyEvent) -> str:
    """How an imported event differs from the catalogue's: 'score -1 in the catalogue, -2 in the file'."""
    old, new = event_cells(there), event_cells(imported)
    parts = []
    for name in dict.fromkeys([*old, *new]):
        if name in ("date", "event") or old.get(name, "") == new.get(name, "") or \
                (name in imported.extra and not new.get(name, "")):
            continue
        label = COLUMN_HEADERS.get(name, name).lower() if name in COLUMN_HEADERS else name
        parts.append(f"{label} {old.get(name) or '(empty)'} in the catalogue, {new.get(name) or '(empty)'} in the file")
    return "; ".join(parts) or "other cells"


def import_file(workspace: Workspace, path: Path, number: int, *, track_id: str | None = None,
                replace: bool = False, encoding: str | None = None, force: bool = False) -> ImportResult:
    """Read, validate and merge (or, with `replace`, replace) the file's catalogues into issue `number`.

    A --replace of a catalogue that changed after the template being imported was made is refused unless
    `force`; the events a --replace removes are listed in the result (`TrackImport.removed`)."""
    folder = workspace.require_issue(number)
    issue = load_issue(workspace, number)
    context = EventContext(workspace.config.scores, issue.period)
    source = read_source(workspace, path, number, issue.period, track_id, encoding)
    problems = list(source.problems)
    imported: list[tuple[Track, list[AnyEvent], RowTable]] = []
    for track, table in source.tables:
        events, found = validate_table(table, track, context)
        problems += found
        imported.append((track, events, table))

    contents: dict[Path, bytes] = {}
    results: list[TrackImport] = []
    warnings = [p for p in problems if p.severity != "error"]
    for track, events, table in imported:
        target = folder / track.file_name
        result = TrackImport(track, read=len(events))
        results.append(result)
        existing = None
        if target.is_file():
            existing = read_csv_table(target, workspace.display(target))
            old, old_problems = validate_table(existing, track, context)
            result.previous = len(old)
            if not replace and errors_only(old_problems):
                problems += old_problems
                continue
        else:
            old = []
        if not events:
            continue  # an empty sheet leaves its catalogue as it was, even with --replace
        newline = line_ending(target.read_bytes()) if existing is not None else "\n"
        if replace or existing is None:
            result.replaced = existing is not None
            new = with_catalogue_extras(events, old, existing, table) if existing is not None else events
            text = render_catalogue(track, new, existing, newline, keep_rows=False)
            if existing is not None:
                current = target.read_bytes()
                kept = {_key(e) for e in events}
                result.removed = [e for e in old if _key(e) not in kept]
                result.catalogue = workspace.display(target)
                fingerprint = source.fingerprints.get(track.id)
                if fingerprint is not None and not force and not fingerprint.matches(current) and \
                        text.encode("utf-8") != current:
                    problems.append(_changed_since_template(workspace, track, target, fingerprint, old, kept,
                                                            number, path))
        else:
            there = {_key(e): e for e in old}
            new = []
            for event in events:
                same = there.get(_key(event))
                if same is None:
                    new.append(event)
                elif same_cells(same, event):
                    result.unchanged += 1
                else:
                    result.skipped.append(table.problem(
                        "duplicate-differs", f"{workspace.display(target)} line {same.line} has this date and text "
                        f"with {differences(same, event)}; the catalogue's row is kept (--replace takes the file's)",
                        event.line, "event", value=event.text[:60], severity="warning"))
            if not new:
                continue
            text = render_catalogue(track, new, existing, newline)
        result.added = len(new)
        data = text.encode("utf-8")
        if existing is None or data != target.read_bytes():
            contents[target] = data

    published = False
    if source.printed:
        issue_path = folder / ISSUE_FILE
        figures, unknown = _printed_figures(source.printed, workspace.config)
        problems += _level_problems(workspace, figures, workspace.display(path))
        warnings += [Problem("printed-unknown-track", f"printed figures for {name!r}, which is no track here; "
                             "left out", file=workspace.display(path), value=name, severity="warning")
                     for name in unknown]
        text_source = f"pasted bulletin text {path.name}"
        merged, changed = _merged_published(issue.published, figures)
        warnings += [Problem("printed-replaced", f"issue.toml printed {figure} = {old}; the pasted text prints "
                             f"{new}, which replaces it", file=workspace.display(issue_path),
                             field=f"published.{figure}", value=str(new), expected=str(old), severity="warning")
                     for figure, old, new in changed if old is not None]
        earlier = issue.published
        source_text = text_source if earlier is None or earlier.source == text_source else \
            f"{earlier.source}; Total rows: {text_source}"
        if changed:  # figures the issue did not hold yet, or held with other values
            block = render_published(source_text, merged, earlier.note if earlier else "")
            try:
                text = with_published(issue_path.read_text(encoding="utf-8-sig"), block)
            except ValueError as error:  # a [published] table written in a form this rewrite cannot replace
                problems.append(Problem(
                    "published-not-rewritable", f"the printed figures cannot be recorded in issue.toml: {error}",
                    file=workspace.display(issue_path), field="published",
                    expected="[published] tables (as `barometer new` writes them) that can be replaced"))
            else:
                contents[issue_path] = text.encode("utf-8")
                published = True

    if errors_only(problems):
        raise CatalogueInvalid(reading_order(problems, source.sheets, workspace.display(path)),
                               f"{workspace.display(path)} (nothing was imported)")
    written = commit_files(folder, contents) if contents else None
    return ImportResult(
        number, workspace.display(path), results,
        [workspace.display(p) for p in contents],
        workspace.display(written.backup) if written and written.backup else None,
        published, warnings)


def _merged_published(earlier: Published | None, figures: dict[str, dict[str, int | str | None]]
                      ) -> tuple[dict[str, dict[str, object]], list[tuple[str, object, object]]]:
    """The printed figures issue.toml already holds, with the pasted ones laid over them; and each figure
    the pasted text adds or changes (as `table.figure`, old value or None, new value)."""
    merged: dict[str, dict[str, object]] = {}
    if earlier is not None:
        merged = {track: printed.model_dump() for track, printed in earlier.tracks.items()}
        if earlier.security is not None:
            merged["security"] = earlier.security.model_dump()
    changed = []
    for table, values in figures.items():
        target = merged.setdefault(table, {})
        for name, value in values.items():
            if value is None:
                continue
            old = target.get(name)
            if old != value:
                changed.append((f"{table}.{name}", old, value))
            target[name] = value
    return merged, changed


def _level_problems(workspace: Workspace, figures: dict[str, dict[str, int | str | None]], file: str
                    ) -> list[Problem]:
    """A printed tension level must be a band of the scale; it is stored under the band's own name."""
    from barometer.summary import workspace_scale

    security = figures.get("security", {})
    level = security.get("level")
    if not isinstance(level, str):
        return []
    scale = workspace_scale(workspace)
    band = scale.band_named(level) if scale is not None else None
    if band is None:
        names = ", ".join(b.name for b in scale.bands) if scale is not None else "none (no scale)"
        return [Problem("level-unknown", "the printed tension level is not a band of the scale", file=file,
                        field="level", value=level, expected=names)]
    security["level"] = band.name
    return []


def _printed_figures(printed: dict[str, dict[str, int | str]], config: WorkspaceConfig
                     ) -> tuple[dict[str, dict[str, int | str | None]], list[str]]:
    """Printed Totals keyed as issue.toml's [published] tables; names of tracks not configured."""
    figures: dict[str, dict[str, int | str | None]] = {}
    unknown = []
    security = config.security_track
    for name, values in printed.items():
        track = config.track(name) or match_track(name, config)
        if track is None:
            unknown.append(name)
        elif track.kind == "security" or (security is not None and name == security.id):
            figures["security"] = {k: values.get(k) for k in ("national_security", "regional_tension", "level")}
        else:
            figures[track.id] = {k: values.get(k) for k in ("aggregate", "positive", "negative")}
    return figures, unknown
