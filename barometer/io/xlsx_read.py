"""Read .xlsx workbooks safely into `RowTable`s: one per sheet, with sheet, row and column for every cell.

Before openpyxl opens anything the archive is checked: its size, the uncompressed sizes its directory
declares (a zip bomb), and that no XML part declares a DOCTYPE (an entity bomb; defusedxml, which
openpyxl uses when installed, refuses entities too). Formulas are refused, never evaluated.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

from barometer.errors import Code, Problem, clip
from barometer.io.boundary import read_checked
from barometer.io.table import RowTable, SourceRow, normalize_header

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # about 170,000 events; 50,000 take 5 s and 200 MB to read
MAX_RATIO = 100  # uncompressed / compressed, for parts above 1 MB
PROLOG_BYTES = 4096

# Headers an author may write for a catalogue column.
HEADER_ALIASES = {"text": "event", "description": "event", "national": "national_security",
                  "regional": "regional_tension", "tension": "regional_tension", "url": "source"}


@dataclass
class WorkbookRead:
    """Every sheet as rows (in workbook order), or the problems that kept the workbook from being read."""

    file: str
    sheets: list[RowTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    identifier: str = ""  # the workbook's identifier property (a template names its issue there)
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties (text ones)


def _invalid(file: str, reason: str, expected: str = "an .xlsx workbook saved by Excel or LibreOffice") -> Problem:
    return Problem(Code.XLSX_INVALID, f"not a valid xlsx: {reason}", file=file, expected=expected)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: an encrypted .xlsx, or an old .xls
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _not_a_zip(data: bytes, file: str) -> Problem:
    """Why a workbook is no zip archive, in the words its likely cause needs."""
    if data.startswith(OLE_MAGIC) and ENCRYPTED_STREAM in data:
        return Problem(Code.XLSX_ENCRYPTED, "the workbook is protected with a password (encrypted), so it cannot be "
                       "read", file=file, expected="the workbook saved without a password (File → Info → Protect "
                       "Workbook → Encrypt with Password: clear it), then import it again")
    if data.startswith(OLE_MAGIC):
        return _invalid(file, "it is an Excel 97-2003 workbook (.xls) or another Office format, not .xlsx",
                        "the workbook saved as 'Excel Workbook (.xlsx)'")
    return _invalid(file, "it is not a zip archive (a truncated download, or not an Excel workbook)")


def archive_problems(data: bytes, file: str) -> list[Problem]:
    """Size limits, zip directory sizes, and DOCTYPE declarations, checked before any XML is parsed."""
    size = len(data)
    if size > MAX_FILE_BYTES:
        return [Problem(Code.XLSX_TOO_LARGE, f"the file is {size / 2**20:.1f} MB", file=file,
                        expected=f"at most {MAX_FILE_BYTES // 2**20} MB")]
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [_not_a_zip(data, file)]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                return [Problem(Code.XLSX_TOO_LARGE, f"its parts would unpack to {total / 2**20:.0f} MB", file=file,
                                expected=f"at most {MAX_UNCOMPRESSED_BYTES // 2**20} MB unpacked (a zip bomb?)")]
            for member in members:
                if member.file_size > 2**20 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    return [Problem(Code.XLSX_TOO_LARGE, f"part {member.filename} is compressed "
                                    f"{member.file_size // max(member.compress_size, 1)} to 1", file=file,
                                    expected="an ordinary workbook (a zip bomb is refused)")]
            for member in members:
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as stream:
                        prolog = stream.read(PROLOG_BYTES)
                    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                        return [Problem(Code.XLSX_XML_ENTITIES, f"not a valid xlsx: part {member.filename} declares "
                                        "a DOCTYPE or entities", file=file,
                                        expected="a workbook without XML entity declarations (an entity bomb "
                                        "is refused, never expanded)")]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
        return [_invalid(file, f"{type(error).__name__}: {error}")]
    return []


def cell_value(value: object) -> object:
    """A cell as validation expects it: Excel dates as ISO days, whole numbers as ints, text as is."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _excel_serial(value: object) -> bool:
    """A number that can only be an Excel date (1954-2119) when it stands in a Date column."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 20000 <= value < 80000


def _from_serial(value: object) -> str:
    from openpyxl.utils.datetime import from_excel

    return from_excel(value).date().isoformat()  # type: ignore[union-attr]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


HEADER_SEARCH_ROWS = 10  # a title or a note may stand above the header row


def _column_names(row: tuple) -> tuple[list[str], list[str]]:
    """Headers as written and as column names; an alias ('Text', 'URL') stands for its column only when the
    row does not also hold that column (then it is a further column of its own, kept as such)."""
    headers = ["" if c.value is None else str(c.value).strip() for c in row]
    names = [normalize_header(h) for h in headers]
    present = set(names)
    return headers, [HEADER_ALIASES[n] if n in HEADER_ALIASES and HEADER_ALIASES[n] not in present else n
                     for n in names]


def _header_index(rows: list[tuple]) -> int:
    """The row holding the headers: the first of the first few non-empty rows with a Date and an Event
    column; otherwise the first non-empty row (whose missing columns are then reported)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = set(_column_names(row)[1])
        if {"date", "event"} <= names:
            return index
    return 0


MAX_ROWS = 200_000  # a two-month catalogue has hundreds of rows at most
MAX_COLUMNS = 100


def read_sheet(sheet: object, file: str) -> RowTable:
    """One worksheet: the header row, then its rows; empty rows are skipped, rows above the header too."""
    table = RowTable(file=file, columns=[], sheet=sheet.title)  # type: ignore[attr-defined]
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):  # type: ignore[attr-defined]
        table.problems.append(Problem(
            Code.CELLS_MERGED, f"cells {merged.coord} are merged", file=file, sheet=table.sheet, line=merged.min_row,
            column=merged.min_col, value=str(merged.coord), expected="one value per cell: unmerge them"))
    last_row, last_column = sheet.max_row, sheet.max_column  # type: ignore[attr-defined]
    if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
        table.problems.append(Problem(
            Code.SHEET_TOO_LARGE, f"the sheet's cells reach row {last_row}, column {last_column}", file=file,
            sheet=table.sheet, line=last_row, column=last_column, value=f"{last_row} rows × {last_column} columns",
            expected=f"at most {MAX_ROWS} rows and {MAX_COLUMNS} columns: delete stray cells far below or right"))
        return table
    rows = [row for row in sheet.iter_rows() if not all(_blank(cell.value) for cell in row)]  # type: ignore[attr-defined]
    if not rows:
        return table
    header = _header_index(rows)
    table.header_line = rows[header][0].row
    table.original_headers, table.columns = _column_names(rows[header])
    for row in rows[header + 1:]:
        number = row[0].row
        cells: dict[str, object] = {}
        refused = False
        for index, cell in enumerate(row):
            if _blank(cell.value):
                continue
            name = table.columns[index] if index < len(table.columns) else ""
            if cell.data_type == "f":
                refused = True
                table.problems.append(Problem(
                    Code.FORMULA_NOT_ALLOWED, "a formula is not allowed in a catalogue; it is never evaluated",
                    file=file, sheet=table.sheet, line=number, column=index + 1, field=name or None,
                    header=table.header_of(name) if name else None, value=clip(str(cell.value)),
                    expected="a value typed into the cell, such as +2"))
            elif not name:
                refused = True
                table.problems.append(Problem(
                    Code.CELL_EXTRA, "a cell under no header", file=file, sheet=table.sheet, line=number,
                    column=index + 1, value=clip(str(cell.value)),
                    expected="values only in columns that have a header"))
            elif name == "date" and _excel_serial(cell.value):
                cells[name] = _from_serial(cell.value)  # a date in a cell formatted as a plain number
                table.excel_dates.add(number)
            else:
                if name == "date" and isinstance(cell.value, date):
                    table.excel_dates.add(number)
                cells[name] = cell_value(cell.value)
        if not refused:
            table.rows.append(SourceRow(number, cells))
    return table


def _causes(error: BaseException) -> list[BaseException]:
    """The error and the errors it was raised from (openpyxl wraps what defusedxml raises)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def read_workbook(path: Path, file: str) -> WorkbookRead:
    """Every sheet of a workbook as rows with places, or located problems; never evaluates a formula. The file
    is read once (a regular file, at most `MAX_FILE_BYTES`), and checked and opened from those bytes."""
    result = WorkbookRead(file)
    data, result.problems = read_checked(path, file, MAX_FILE_BYTES, what="a workbook")
    if result.problems:
        if result.problems[0].code == Code.FILE_TOO_LARGE:
            result.problems = [replace(result.problems[0], code=Code.XLSX_TOO_LARGE)]
        return result
    result.problems = archive_problems(data, file)
    if result.problems:
        return result
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as error:  # noqa: BLE001 — any failure to parse the archive is the file's fault
        name = type(error).__name__
        causes = _causes(error)
        refused = next((c for c in causes if type(c).__name__ in ("EntitiesForbidden", "DTDForbidden",
                                                                  "ExternalReferenceForbidden")), None)
        if refused is not None:
            result.problems.append(Problem(
                Code.XLSX_XML_ENTITIES, f"not a valid xlsx: {type(refused).__name__}: {refused}", file=file,
                expected="a workbook without XML entity declarations (an entity bomb is refused, never expanded)"))
        else:
            result.problems.append(_invalid(file, f"{name}: {error}"))
        return result
    result.identifier = str(book.properties.identifier or "")
    result.properties = {str(p.name): str(p.value) for p in book.custom_doc_props if isinstance(p.value, str)}
    try:
        for sheet in book.worksheets:
            result.sheets.append(read_sheet(sheet, file))
    finally:
        book.close()
    return result
