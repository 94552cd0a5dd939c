"""Workbooks: every cell the tool writes goes through `put_row`, which stores text as text (a value that
starts with '=' is never a formula); sheets print landscape, a page wide."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from barometer.io.formats import Table
from barometer.io.sheets import sheet_title

MAX_WIDTH = 60


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
        if sheet.print_title_rows is None and sheet.max_row > 1 and sheet.freeze_panes == "A2":
            sheet.print_title_rows = "1:1"
        if not sheet.oddFooter.center.text:
            sheet.oddFooter.center.text = "&A — page &P of &N"


def to_bytes(book: Any) -> bytes:
    fit_to_page_width(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def add_tables(book: Any, tables: Sequence[Table]) -> None:
    """The tables on sheets of their names: a title line, then each table's bold header and rows."""
    from openpyxl.styles import PatternFill
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
        for index, table in enumerate(members):
            if index:
                put_row(sheet, [])
            header = put_row(sheet, table.columns)
            bold_row(sheet, header)
            if len(members) == 1 and not title:
                sheet.freeze_panes = "A2"
            for offset, row in enumerate(table.rows):
                number = put_row(sheet, [None if value == "" else value for value in row])
                for (row_index, column), colour in table.fills.items():
                    if row_index == offset:
                        sheet.cell(number, column + 1).fill = PatternFill("solid", fgColor=colour.lstrip("#"))
            for position, column in enumerate(table.columns, start=1):
                given = table.widths.get(column)
                fitted = max([len(str(column))] + [len(str(r[position - 1])) for r in table.rows
                                                   if position <= len(r) and r[position - 1] is not None])
                width = given if given is not None else min(max(fitted + 2, 8), MAX_WIDTH)
                widths[position] = max(widths.get(position, 0), width)
        for position, width in widths.items():
            sheet.column_dimensions[get_column_letter(position)].width = width


def write(tables: Sequence[Table]) -> bytes:
    book = new_book()
    add_tables(book, tables)
    return to_bytes(book)
