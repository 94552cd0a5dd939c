"""Output formats behind one interface, a module each (as tablib keeps them): what a command writes is an
`Output` — JSON-able data and the tables it lays out — and each format renders the part it can hold:
`json` the data, `csv` the first table, `xlsx` every table, a sheet each.

    bytes_ = write(Output(data, [Table(columns, rows, name="History")]), "xlsx")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from barometer.errors import UsageError

FORMATS = ("csv", "json", "xlsx")
SIGNED = "+0;-0;0"  # a workbook's figures as the bulletin prints them: +14, -3, 0


@dataclass(frozen=True)
class Table:
    """Rows under a header. In a workbook, tables with the same `name` share a sheet, one below the other;
    `title` is a bold line above the sheet, `widths` give columns (by header) a width, `fills` colour
    cells ((row, column) of `rows`, 0-based → '#RRGGBB'), `italic` sets cells in italics, `number_formats` give
    the numbers of a column (by header) Excel's format ('+0;-0;0': +14, -3, 0), text in the `wrap` columns wraps
    (its row as high as its lines), and `notes` are lines under the table."""

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    name: str = "Sheet"
    title: str = ""
    widths: Mapping[str, float] = field(default_factory=dict)
    fills: Mapping[tuple[int, int], str] = field(default_factory=dict)
    italic: frozenset[tuple[int, int]] = frozenset()
    number_formats: Mapping[str, str] = field(default_factory=dict)
    wrap: frozenset[str] = frozenset()
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class Output:
    """What a command writes: `data` for JSON, `tables` for workbooks (all, a sheet per name, in order), and for
    CSV the table `csv` (default: the first), the one meant for other programs."""

    data: Any
    tables: Sequence[Table] = ()
    csv: Table | None = None


def write(output: Output, fmt: str) -> bytes:
    """The output in format `fmt` ('csv', 'json' or 'xlsx') as a file's bytes."""
    if fmt == "json":
        from barometer.io.formats import json_format

        return json_format.write(output.data)
    if fmt == "csv":
        from barometer.io.formats import csv_format

        return csv_format.write(output.csv or output.tables[0])
    if fmt == "xlsx":
        from barometer.io.formats import xlsx_format

        return xlsx_format.write(output.tables)
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def format_of(path: Path, allowed: Sequence[str] = FORMATS, what: str = "write") -> str:
    """The format a file's suffix names; another suffix is a usage error naming the allowed ones."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in allowed:
        raise UsageError(f"cannot {what} {path.name}: expected a file ending in "
                         f"{', '.join('.' + name for name in allowed)}")
    return fmt
