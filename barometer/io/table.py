"""The one small interface every reader produces: rows of raw cells, each with its place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barometer.errors import Problem


def normalize_header(name: object) -> str:
    """'National security ' → 'national_security'; 'Event' → 'event'."""
    text = re.sub(r"[^0-9a-z]+", "_", str(name if name is not None else "").strip().lower())
    return text.strip("_")


@dataclass(slots=True)
class SourceRow:
    """One row as read: its line (or spreadsheet row) and its cells by normalized column name."""

    line: int
    cells: dict[str, object]


@dataclass(slots=True)
class RowTable:
    """A table as read from one file (or one sheet), before validation."""

    file: str
    columns: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None
    header_line: int = 1
    original_headers: list[str] = field(default_factory=list)
    excel_dates: set[int] = field(default_factory=set)  # rows whose date cell was a real Excel date, not text
    numbered: bool = True  # places give a column's number (False for pasted text, whose cells have none)

    def column_number(self, name: str) -> int | None:
        """1-based position of a column, for error places."""
        try:
            return self.columns.index(name) + 1
        except ValueError:
            return None

    def header_of(self, column: str) -> str | None:
        """A column as the file's header row writes it ('Regional tension'), or None when it has no such column."""
        number = self.column_number(column)
        if number is None or number > len(self.original_headers) or not self.original_headers[number - 1]:
            return None
        return self.original_headers[number - 1]

    def problem(self, code: str, message: str, line: int | None, column: str | None = None,
                **details: object) -> Problem:
        """A problem placed in this table, its column named as the header row names it."""
        return Problem(
            code=code, message=message, file=self.file, sheet=self.sheet, line=line,
            column=self.column_number(column) if column and self.numbered else None, field=column,
            header=self.header_of(column) if column else None,
            **details,  # type: ignore[arg-type]
        )
