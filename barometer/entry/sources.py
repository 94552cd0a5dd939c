"""What a file to import holds, before validation: a workbook's sheets, a CSV (one track, or several with a
`track` column) or pasted bulletin text, as rows with their places, per track."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from barometer.dates import DateError, YearMonth
from barometer.entry.fingerprint import Fingerprint
from barometer.errors import Code, Problem, UsageError
from barometer.io.boundary import exists
from barometer.io.csv_io import read_csv_table
from barometer.io.encoding import read_text_file
from barometer.io.sheets import (
    ISO_DATE,
    OTHER_SHEETS,
    known_names,
    match_track,
    resolve_track,
    sheet_name,
    track_spellings,
)
from barometer.io.table import RowTable, SourceRow, normalize_header
from barometer.models import COLUMNS, Period, Track, WorkspaceConfig, known_columns
from barometer.rules import header_problems
from barometer.suggest import did_you_mean


@dataclass
class SourceTables:
    """What a file holds, before validation: rows per track, problems, and printed figures (pasted text)."""

    tables: list[tuple[Track, RowTable]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    printed: dict[str, dict[str, int | str]] | None = None
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets in their order
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)  # a template's catalogues, by track
    other_issue: int | None = None  # the issue the file says it belongs to, when not the one imported into
    other_period: Period | None = None  # that issue's months, as the file gives them (year-less dates are read so)


def other_issue(file: str, said: str, number: int, period: Period, force: bool, code: Code,
                line: int | None = None) -> Problem:
    """The refusal of a file made for another issue (a warning with --force: a deliberate move)."""
    return Problem(
        code, f"this file is {said}, not No. {number} ({period.describe()}): its events belong to that issue"
        + ("; moved into this one as --force asks" if force else ""), file=file, line=line,
        expected=None if force else f"the file of No. {number}, or the right --issue; to move its events into "
        f"No. {number} on purpose, --force (every date must still lie in {period.describe()})",
        severity="warning" if force else "error")


def _template_period(book_properties: dict[str, str]) -> Period | None:
    from barometer.io.xlsx_template import PERIOD_PROPERTY

    start, _, end = book_properties.get(PERIOD_PROPERTY, "").partition("..")
    try:
        return Period(start=YearMonth.parse(start), end=YearMonth.parse(end))
    except (DateError, ValueError):
        return None


def read_xlsx(path: Path, file: str, config: WorkspaceConfig, number: int, period: Period,
              force: bool = False) -> SourceTables:
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
        found.other_issue = int(made_for) if made_for.isdigit() and len(made_for) < 5 else None
        found.other_period = _template_period(book.properties)
        months = f" ({found.other_period.describe()})" if found.other_period else ""
        found.problems.append(other_issue(file, f"the template of No. {made_for[:10]}{months}", number, period, force,
                                          Code.TEMPLATE_OTHER_ISSUE))
    claimed: dict[str, str] = {}
    others = {name.casefold() for name in OTHER_SHEETS}
    for table in book.sheets:
        name = table.sheet or ""
        if name.strip().casefold() in others:
            continue
        track = match_track(name, config)
        if track is None:
            found.problems += unknown_sheet(table, file, config)
            continue
        if track.id in claimed:
            found.problems.append(Problem(
                Code.SHEET_DUPLICATE, f"sheets {claimed[track.id]!r} and {name!r} are both track {track.id!r}",
                file=file, sheet=name, value=name, expected="one sheet per track"))
            continue
        claimed[track.id] = name
        missing = header_problems(table, track)
        if missing:
            found.problems += table.problems + missing
            continue
        found.tables.append((track, table))
    return found


def unknown_sheet(table: RowTable, file: str, config: WorkspaceConfig) -> list[Problem]:
    """A sheet named after no track. One that holds events (a Date and an Event column), or whose name is close to
    a track's ('Rusia'), is an error: its events would be lost. Any other (notes, a draft) is not read, with a
    warning; an empty one is passed over."""
    name = table.sheet or ""
    if not table.rows and not any(table.original_headers):
        return []
    hint = did_you_mean(normalize_header(name), track_spellings(config, sheet_name))
    if table.rows and (hint or {"date", "event"} <= set(table.columns)):
        return [Problem(Code.SHEET_UNKNOWN, f"sheet {name!r} holds rows but names no catalogue of this "
                        f"workspace{hint}: its events would be lost", file=file, sheet=name, value=name,
                        expected=f"a sheet named after its track ({known_names(config)}): rename the sheet")]
    return [Problem(Code.SHEET_NOT_READ, f"sheet {name!r} names no track, so it is not read (a sheet of notes may "
                    f"stay){hint}", file=file, sheet=name, value=name, severity="warning")]


def _split_by_track(table: RowTable, config: WorkspaceConfig) -> SourceTables:
    """A CSV holding several tracks (a `track` column, as `barometer export` writes): one table per track."""
    found = SourceTables(problems=list(table.problems))
    per_track: dict[str, RowTable] = {}
    tracks: dict[str, Track] = {}
    for row in table.rows:
        name = str(row.cells.get("track") or "")
        track = match_track(name, config)
        if track is None:
            found.problems.append(table.problem(Code.TRACK_UNKNOWN, "the track names no track of this workspace",
                                                row.line, "track", value=name, expected=known_names(config)))
            continue
        own = known_columns(track.kind)
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


def read_text(path: Path, file: str, config: WorkspaceConfig, number: int, period: Period, cp1251: bool,
              force: bool = False) -> SourceTables:
    from barometer.io.bulletin_header import named_issue
    from barometer.io.bulletin_text import PastedBulletin, parse_bulletin_text

    text, problems = read_text_file(path, file, cp1251, what="pasted bulletin text")
    if problems:
        expected = "UTF-8 text: save the pasted text as UTF-8, or import it with --encoding cp1251"
        return SourceTables(problems=[replace(p, expected=expected) if p.code == Code.FILE_NOT_UTF8 else p
                                      for p in problems])
    named = named_issue(text)
    moved: Problem | None = None
    if named is not None and (named.number != number or (named.period is not None and named.period != period)):
        months = f" ({named.period.describe()})" if named.period else ""
        moved = other_issue(file, f"No. {named.number}{months} as its line {named.line} says", number, period, force,
                            Code.TEXT_OTHER_ISSUE, named.line)
    own = named.period if moved is not None and named is not None and named.period else None
    pasted: PastedBulletin = parse_bulletin_text(text, config, own or period, file)
    printed = {track: dict(figures) for track, figures in pasted.printed.items()}
    for track, level in pasted.levels.items():
        printed.setdefault(track, {})["level"] = level  # type: ignore[assignment]
    found = SourceTables(problems=([moved] if moved else []) + list(pasted.problems), printed=printed)
    if moved is not None and named is not None:
        found.other_issue, found.other_period = named.number, named.period
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


Reader = Callable[["SourceRequest"], SourceTables]


@dataclass(frozen=True)
class SourceRequest:
    """What reading a file to import needs: the file, how it is shown, the workspace's tracks, the issue, and
    the options that apply to text files."""

    path: Path
    file: str
    config: WorkspaceConfig
    number: int
    period: Period
    track_id: str | None = None
    cp1251: bool = False
    force: bool = False  # a file of another issue is moved into this one (its dates must still lie in its period)


READERS: dict[str, Reader] = {
    ".xlsx": lambda r: read_xlsx(r.path, r.file, r.config, r.number, r.period, r.force),
    ".csv": lambda r: read_csv(r.path, r.file, r.config, r.track_id, r.cp1251),
    ".txt": lambda r: read_text(r.path, r.file, r.config, r.number, r.period, r.cp1251, r.force),
}


def read_source(request: SourceRequest) -> SourceTables:
    """The tables of the file to import, read by the reader its suffix names."""
    path = request.path
    if not exists(path):
        raise UsageError(f"no file {path}")
    suffix = path.suffix.lower()
    if request.track_id is not None and suffix != ".csv":
        raise UsageError("--track is for a CSV file: a workbook's sheets and pasted text's headings name their tracks")
    if request.cp1251 and suffix == ".xlsx":
        raise UsageError("--encoding is for text files: a workbook has no encoding to choose")
    reader = READERS.get(suffix)
    if reader is None:
        raise UsageError(f"cannot import {path.name}: expected a file ending in {', '.join(READERS)}")
    found = reader(request)
    found.tables = [(track, without_column(table, ISO_DATE)) for track, table in found.tables]
    return found


def without_column(table: RowTable, name: str) -> RowTable:
    """The table without a column an export writes for people and machines beside the catalogue's own (the ISO
    date beside the bulletin's): it is not the catalogue's, and is not written into it."""
    if name not in table.columns:
        return table
    table.columns = ["" if c == name else c for c in table.columns]  # the others keep their places
    for row in table.rows:
        row.cells.pop(name, None)
    return table
