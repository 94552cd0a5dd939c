"""One home for each rule that `check` and the entry commands both apply: a catalogue's header, issues that
cover the same months, a printed tension level that must be a band of the scale. (An event's identity,
its date and text without case, is `BaseEvent.key`.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from barometer.errors import Code, Problem
from barometer.io.sheets import COLUMN_HEADERS
from barometer.io.table import RowTable
from barometer.models import COLUMNS, OPTIONAL_COLUMNS, Issue, Period, Track
from barometer.scale import Band, Scale


def header_problems(table: RowTable, track: Track) -> list[Problem]:
    """A header row missing, a column the track needs missing (at the place it was expected), or two
    headers naming the same column. A table whose reading already failed has no header to check."""
    if not table.columns:
        if table.problems:
            return []
        return [table.problem(Code.HEADER_MISSING, f"the {'sheet' if table.sheet else 'file'} has no header row",
                              1, expected=f"a header row: {_wanted(table, track)}")]
    problems = []
    for position, name in enumerate(COLUMNS[track.kind], start=1):
        if name in table.columns:
            continue
        found = table.original_headers[position - 1] if position <= len(table.original_headers) else ""
        problems.append(Problem(
            Code.COLUMN_MISSING, f"required column '{_header(table, name)}' is missing from the header row",
            file=table.file, sheet=table.sheet, line=table.header_line, column=position, field=name,
            header=_header(table, name), value=found,
            expected=f"headers {_wanted(table, track)} ({_header(table, OPTIONAL_COLUMNS[0])} optional)"))
    return problems + repeated_columns(table)


def _header(table: RowTable, name: str) -> str:
    """A column as the table's kind of file names it: 'Date' in a workbook, 'date' in a CSV."""
    return COLUMN_HEADERS[name] if table.sheet is not None else name


def _wanted(table: RowTable, track: Track) -> str:
    separator = ", " if table.sheet is not None else ","
    return separator.join(_header(table, c) for c in (*COLUMNS[track.kind], *OPTIONAL_COLUMNS))


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
                Code.COLUMN_REPEATED, f"column {number} names the same column as column {first[name]}",
                file=table.file, sheet=table.sheet, line=table.header_line, column=number, field=name,
                header=shown, value=shown, expected="each column once"))
        else:
            first[name] = number
    return problems


def overlap_problems(number: int, period: Period, others: Iterable[Issue], file: str, line: int | None,
                     file_of: Callable[[int], str]) -> list[tuple[int, Problem]]:
    """An error for each other issue that covers a month of `period` (issue `number`'s, as it stands or as
    it would be created), placed at that issue's period; each with the other issue's number."""
    problems = []
    months = set(period.months)
    for other in others:
        shared = sorted(months & set(other.period.months))
        if other.number == number or not shared:
            continue
        both = Period(start=shared[0], end=shared[-1]).describe()
        problems.append((other.number, Problem(
            Code.ISSUES_OVERLAP, f"issues No. {other.number} ({other.period.describe()}) and No. {number} "
            f"({period.describe()}) both cover {both}; {file_of(other.number)} is the other issue",
            file=file, line=line, field="period", value=f"{period.start}..{period.end}",
            expected=f"months after {other.period.end} or before {other.period.start}")))
    return problems


def printed_band(level: str, scale: Scale | None) -> Band | None:
    """The band a printed tension level names (in any case), or None."""
    return scale.band_named(level) if scale is not None else None


def level_problem(level: str, scale: Scale | None, file: str, line: int | None, field: str) -> Problem | None:
    """A printed tension level must name a band of the scale."""
    if printed_band(level, scale) is not None:
        return None
    names = ", ".join(b.name for b in scale.bands) if scale is not None else "none (the workspace has no scale)"
    return Problem(Code.LEVEL_UNKNOWN, f"the printed {field.rsplit('.', 1)[-1].replace('_', ' ')} is not a band "
                   "of the scale", file=file, line=line, field=field, value=level, expected=names)
