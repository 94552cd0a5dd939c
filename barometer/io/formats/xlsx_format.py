"""Workbooks: every cell the tool writes goes through `put_row`, which stores text as text (a value that
starts with '=' is never a formula); sheets print landscape, a page wide."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from barometer.io.formats import Table
from barometer.io.sheets import sheet_title

MAX_WIDTH = 60
LINE_HEIGHT = 15.0  # points per line of wrapped 11-point text
CHARACTERS_PER_WIDTH = 1.25  # characters of running text per unit of column width (a unit is one '0')
HEADER_FILL = "D9D9D9"


def wrapped_lines(text: str, width: float) -> int:
    """How many lines a text takes in a wrapped cell of `width` (column units): long words count whole. Neither
    Excel nor LibreOffice sizes a row to its wrapped text when opening a file, so writers set row heights."""
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
    lines, used = 1, 0
    for word in str(text).split():
        size = len(word) + (1 if used else 0)
        if used and used + size > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += size
    return lines


def new_book() -> Any:
    """An empty workbook (openpyxl imported here, not before)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


def put_row(sheet: Any, values: Sequence[object]) -> int:
    """Append a row; text is stored as text, never as a formula, and a character XML cannot hold (a control
    character from a further column or a label) becomes U+FFFD instead of failing the whole workbook. Returns
    the row's number."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in values])
    number = sheet.max_row
    for cell in sheet[number]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    return number


def bold_row(sheet: Any, number: int, size: float | None = None) -> None:
    from openpyxl.styles import Font

    for cell in sheet[number]:
        cell.font = Font(bold=True, size=size) if size else Font(bold=True)


A4 = 9  # openpyxl's paper size for A4


def fit_to_page_width(book: Any) -> None:
    """Print every sheet on A4, landscape unless the sheet chose otherwise, as wide as one page (a catalogue's
    columns stay side by side on paper), its header row on every page, the sheet's name and page numbers below."""
    for sheet in book.worksheets:
        setup = sheet.page_setup
        setup.orientation = setup.orientation or "landscape"
        setup.paperSize = setup.paperSize or A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        frozen = int(sheet.freeze_panes[1:]) - 1 if sheet.freeze_panes and sheet.freeze_panes[1:].isdigit() else 0
        if sheet.print_title_rows is None and sheet.max_row > frozen > 0:
            sheet.print_title_rows = f"1:{frozen}"  # the header (and title) above every printed page
        if not sheet.oddFooter.center.text:
            sheet.oddFooter.center.text = "&A — page &P of &N"


def to_bytes(book: Any) -> bytes:
    fit_to_page_width(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _numeric(table: Table, position: int) -> bool:
    """Whether a column holds numbers (and blanks) only; an empty one, when it is given a number format."""
    values = [row[position] for row in table.rows if position < len(row) and row[position] not in (None, "")]
    if not values:
        return table.columns[position] in table.number_formats
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _width(table: Table, position: int, column: str) -> float:
    given = table.widths.get(column)
    if given is not None:
        return given
    fitted = max([len(str(column))] + [len(str(r[position])) + 1 for r in table.rows
                                       if position < len(r) and r[position] is not None])
    return min(max(fitted + 3, 8), MAX_WIDTH)  # room for the indent of text beside a column of numbers


def add_tables(book: Any, tables: Sequence[Table]) -> None:
    """The tables on sheets of their names: a title line, then each table's header (bold, on grey; over a column
    of numbers, right-aligned as its numbers are) and rows, and its notes. Text in the `wrap` columns wraps, and
    its row is as high as its lines."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheets: dict[str, list[Table]] = {}
    for table in tables:
        sheets.setdefault(table.name, []).append(table)
    for name, members in sheets.items():
        sheet = book.create_sheet(sheet_title(name))
        title = next((t.title for t in members if t.title), "")
        if title:
            bold_row(sheet, put_row(sheet, [title]), size=13)
            put_row(sheet, [])
        widths: dict[int, float] = {}
        for table in members:
            for position, column in enumerate(table.columns):
                widths[position + 1] = max(widths.get(position + 1, 0), _width(table, position, column))
        for index, table in enumerate(members):
            if index:
                put_row(sheet, [])
            header = put_row(sheet, table.columns)
            numeric = [_numeric(table, position) for position in range(len(table.columns))]
            for position in range(len(table.columns)):
                cell = sheet.cell(header, position + 1)
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
                cell.alignment = Alignment(horizontal="right" if numeric[position] else "left", vertical="top",
                                           wrap_text=True, indent=0 if numeric[position] or not position else 1)
            if index == 0:
                sheet.freeze_panes = f"A{header + 1}"  # the title and the first table's header stay in sight
            for offset, row in enumerate(table.rows):
                number = put_row(sheet, [None if value == "" else value for value in row])
                lines = 1
                for position, column in enumerate(table.columns):
                    cell = sheet.cell(number, position + 1)
                    wrap = column in table.wrap
                    cell.alignment = Alignment(vertical="top", wrap_text=wrap,
                                               indent=1 if position and isinstance(cell.value, str) else 0)
                    if wrap and cell.value:
                        lines = max(lines, wrapped_lines(str(cell.value), widths[position + 1]))
                    if column in table.number_formats and isinstance(cell.value, int) \
                            and not isinstance(cell.value, bool):
                        cell.number_format = table.number_formats[column]
                if lines > 1:
                    sheet.row_dimensions[number].height = LINE_HEIGHT * lines
                for (row_index, column_index), colour in table.fills.items():
                    if row_index == offset:
                        sheet.cell(number, column_index + 1).fill = PatternFill("solid", fgColor=colour.lstrip("#"))
                for row_index, column_index in table.italic:
                    if row_index == offset:
                        sheet.cell(number, column_index + 1).font = Font(italic=True)
            if table.notes:
                put_row(sheet, [])  # apart from the table: a chart of the table's region leaves the notes out
            for note in table.notes:
                sheet.cell(put_row(sheet, [note]), 1).font = Font(italic=True, color="666666")
        for position, width in widths.items():
            sheet.column_dimensions[get_column_letter(position)].width = width


def write(tables: Sequence[Table]) -> bytes:
    book = new_book()
    add_tables(book, tables)
    return to_bytes(book)
