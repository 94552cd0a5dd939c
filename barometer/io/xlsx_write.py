"""Write tables to an .xlsx workbook, atomically; text is always stored as text, never as a formula."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from barometer.atomic import atomic_path

Sheet = tuple[Sequence[str], Sequence[Sequence[object]]]


def fit_to_page_width(book: object) -> None:
    """Print every sheet landscape, as wide as one page: a catalogue's columns stay side by side on paper."""
    for sheet in book.worksheets:  # type: ignore[attr-defined]
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1" if sheet.max_row > 1 else None


def write_workbook(path: Path, sheets: dict[str, Sheet]) -> None:
    """One worksheet per entry (name → columns, rows), header row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([None if value is None else value for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            width = max([len(str(column))] + [len(str(r[index - 1])) for r in rows if r[index - 1] is not None])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(max(width + 2, 8), 60)
    fit_to_page_width(book)
    with atomic_path(path) as temporary:
        book.save(temporary)
