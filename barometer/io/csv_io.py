"""Catalogue CSV files: read with places, write atomically in the stored form."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from barometer.errors import Code, Problem, clip
from barometer.io.encoding import decode_utf8, read_text_file
from barometer.io.table import RowTable, SourceRow, normalize_header


def delimiter(text: str) -> str:
    """The cell separator of a catalogue's text: a semicolon when its header has no comma, else a comma."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if ";" in header and "," not in header else ","


def parse_csv_text(text: str, file: str) -> RowTable:
    """Rows of a CSV text; the first non-empty line is the header. Fully empty rows are skipped.

    Cells are separated by commas, or by semicolons when the header has no comma (Excel's CSV in
    locales whose decimal mark is a comma, Russian and Belarusian among them).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    table = RowTable(file=file, columns=[])
    quoted = '"' in text
    lines = text.split("\n") if quoted else []
    previous_end = 0
    header_seen = False
    width = 0
    rows = iter(reader)
    while True:
        start = previous_end + 1
        try:
            cells = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                table.problems.append(Problem(
                    Code.CELL_TOO_LONG, f"a cell from this line on is longer than {csv.field_size_limit():,} "
                    "characters; the file is not read further", file=file, line=start,
                    expected="cells of at most a few thousand characters (an event's text is at most 5,000)"))
                break
            table.problems.append(Problem(
                Code.CSV_SYNTAX, f"the CSV cannot be read from here on: {error}", file=file, line=start,
                expected="well-formed CSV; look for a double quote that opens a field and never closes it",
            ))
            break
        previous_end = reader.line_num
        if not "".join(cells).strip():
            continue
        if not header_seen:
            header_seen = True
            table.header_line = start
            table.original_headers = [c.strip() for c in cells]
            table.columns = [normalize_header(c) for c in cells]
            width = len(table.columns)
            continue
        if quoted and sum(line.count('"') for line in lines[start - 1:reader.line_num]) % 2:
            table.problems.append(Problem(
                Code.CSV_UNBALANCED_QUOTE, "a quoted cell opened on this line is never closed",
                file=file, line=start, column=len(cells), value=clip(cells[-1]),
                expected="a closing double quote (write a quote inside a cell as two quotes)",
            ))
            continue
        if len(cells) < width and reader.line_num > start:
            table.problems.append(Problem(
                Code.CSV_UNBALANCED_QUOTE, f"a quoted cell opened on this line runs on to line {reader.line_num}",
                file=file, line=start, column=len(cells), value=clip(cells[-1]),
                expected="a closing double quote (write a quote inside a cell as two quotes)",
            ))
            continue
        if len(cells) <= width:
            table.rows.append(SourceRow(start, dict(zip(table.columns, cells, strict=False))))
            continue
        row: dict[str, object] = {}
        for number, value in enumerate(cells):
            if number < len(table.columns) and table.columns[number]:
                row[table.columns[number]] = value
            elif value.strip():
                table.problems.append(Problem(
                    Code.CELL_EXTRA, "the row has more cells than the header has columns",
                    file=file, line=start, column=number + 1, value=value,
                    expected=f"at most {len(table.columns)} cells",
                ))
        table.rows.append(SourceRow(start, row))
    return table


def read_csv_table(path: Path, file: str, convert_cp1251: bool = False) -> RowTable:
    """Read one catalogue CSV; encoding problems come back in `table.problems`."""
    text, problems = read_text_file(path, file, convert_cp1251)
    if problems:
        return RowTable(file=file, columns=[], problems=problems)
    return parse_csv_text(text, file)


def parse_csv_bytes(data: bytes, file: str, convert_cp1251: bool = False) -> RowTable:
    """A catalogue CSV from its bytes; encoding problems come back in `table.problems`."""
    text, problems = decode_utf8(data, file, convert_cp1251)
    if problems:
        return RowTable(file=file, columns=[], problems=problems)
    return parse_csv_text(text, file)


def render_csv(columns: Sequence[str], rows: Iterable[Sequence[object]], newline: str = "\n") -> str:
    """CSV text with the given line ending (LF; a catalogue saved on Windows keeps its CRLF); None is an
    empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


