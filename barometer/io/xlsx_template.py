"""The entry workbook authors fill in: a protected header, dropdowns of allowed scores, dated cells
checked against the issue's period, colours for positive and negative scores, and an Instructions sheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from barometer.io.formats import SIGNED
from barometer.io.formats.xlsx_format import LINE_HEIGHT, new_book, put_row, to_bytes, wrapped_lines
from barometer.io.sheets import COLUMN_HEADERS, sheet_name
from barometer.models import COLUMNS, AnyEvent, Issue, Period, Track, WorkspaceConfig, event_cells
from barometer.scale import Scale

TEMPLATE_ID = "barometer-issue-"  # the workbook's identifier property: which issue it was made for
PERIOD_PROPERTY = "barometer-period"  # the months of the issue the template was made for: 2020-11..2020-12
FINGERPRINT_PREFIX = "barometer-catalogue-"  # custom property per track: the catalogue when the template was made
LAST_ROW = 1_048_576  # Excel's last row: checks and colours cover the whole column below the header
WIDTHS = {"date": 20, "event": 72, "score": 8, "national_security": 11, "regional_tension": 11, "source": 36}
ALLOWED_ACTIONS = ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows", "insertHyperlinks",
                   "sort", "autoFilter")
GREEN, RED, GREY = "C6EFCE", "FFC7CE", "D9D9D9"
TEXT_FORMAT = "@"  # the Date column holds text: Excel keeps '3 November' as typed, never makes it a date


def date_forms(period: Period) -> list[tuple[str, str]]:
    """The date forms an author may type, each with an example from the issue's own months and what it means."""
    first, last = period.start.name, period.end.name
    forms = [(f"3 {first}", "a day"), (f"1-18 {last}", "a range of days in one month")]
    if period.start != period.end:
        forms.append((f"30 {first}-2 {period.start.plus(1).name}", "a range of days across months"))
    forms.append((first, "a whole month"))
    if period.start != period.end:
        forms.append((f"{first}-{last}", "several months"))
    forms += [(f"Early {last}", "days 1-10"), (f"Mid-{last}", "days 11-20"), (f"Late {last}", "day 21 to the end")]
    return forms


@dataclass(frozen=True)
class TemplateIssue:
    """What the template needs to know of the issue, and the events already catalogued (pre-filled).

    `extras` are each track's further columns (name, header as written), carried after Source so an import
    writes them back; `fingerprints` record each catalogue as it was (custom document properties), so an
    import can tell a catalogue that changed since the template was made."""

    issue: Issue
    events: dict[str, Sequence[AnyEvent]]
    import_command: str
    extras: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    blind: bool = False  # for a second coder: the events without their scores


SIGNED_COLUMNS = ("score", "national_security", "regional_tension")
WRAPPED_COLUMNS = ("event", "source")


def _columns(track: Track, extras: Sequence[tuple[str, str]] = ()) -> list[str]:
    return [*COLUMNS[track.kind], "source", *(name for name, _ in extras)]


def _date_rule(period_start: tuple[int, int], period_end: tuple[int, int, int], cell: str) -> str:
    (y1, m1), (y2, m2, d2) = period_start, period_end
    return (f"OR(ISTEXT({cell}),AND(ISNUMBER({cell}),{cell}>=DATE({y1},{m1},1),"
            f"{cell}<=DATE({y2},{m2},{d2})))")


def _track_sheet(book: object, track: Track, config: WorkspaceConfig, template: TemplateIssue) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    period = template.issue.period
    sheet = book.create_sheet(sheet_name(track))  # type: ignore[attr-defined]
    extras = template.extras.get(track.id, [])
    columns = _columns(track, extras)
    headers = {**COLUMN_HEADERS, **dict(extras)}
    put_row(sheet, [headers[c] for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=GREY)
        cell.protection = Protection(locked=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = {name: WIDTHS.get(name, 20) for name in columns}
    year = period.end.year
    for event in template.events.get(track.id, ()):
        values = event_cells(event, date=lambda d: d.render(year))
        if template.blind:  # a second coder scores the events without seeing the catalogue's scores
            values = {name: "" if name in SIGNED_COLUMNS else value for name, value in values.items()}
        number = put_row(sheet, [None if values.get(c) == "" else values.get(c) for c in columns])
        lines = max(wrapped_lines(str(values.get(name) or ""), widths[name]) for name in columns
                    if name in WRAPPED_COLUMNS or name not in SIGNED_COLUMNS and name != "date")
        if lines > 1:  # neither Excel nor LibreOffice sizes a row to its wrapped text when opening a file
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
    last = LAST_ROW
    # Column styles, not styled empty cells: a cell typed anywhere in the column is unlocked, wraps and sits at
    # the top of its row, and the sheet's used range ends at the last event (an author appending with a script
    # lands below it).
    top, wrapped = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[sheet.cell(1, index).column_letter]
        dimension.width = widths[name]
        dimension.protection = Protection(locked=False)
        dimension.alignment = wrapped if name not in SIGNED_COLUMNS and name != "date" else top
        if name == "date":
            dimension.number_format = TEXT_FORMAT
        elif name in SIGNED_COLUMNS:
            dimension.number_format = SIGNED
    for row in sheet.iter_rows(min_row=2, max_col=len(columns)):
        for cell in row:
            name = columns[cell.column - 1]
            cell.protection = Protection(locked=False)
            cell.alignment = wrapped if name not in SIGNED_COLUMNS and name != "date" else top
            if name in SIGNED_COLUMNS:
                cell.number_format = SIGNED
            elif name == "date":
                cell.number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = f"{config.title} No. {template.issue.number} — {period.describe()}"
    sheet.oddHeader.right.text = "&A"

    letter = {name: sheet.cell(1, i).column_letter for i, name in enumerate(columns, start=1)}
    bounds = config.scores
    forms = date_forms(period)
    date_check = DataValidation(
        type="custom", allow_blank=True, showInputMessage=True, showErrorMessage=True,
        formula1=_date_rule((period.start.year, period.start.month),
                            (period.end.year, period.end.month, period.end.last_day.day), f"{letter['date']}2"),
        promptTitle="Date of the event",
        prompt=f"Type the date as text, as the bulletin prints it: {'; '.join(form for form, _ in forms)}"[:255],
        errorTitle="Date outside the issue",
        error=f"An Excel date must lie in {period.describe()}; or type the date as text, e.g. {forms[0][0]}."[:255])
    date_check.add(f"{letter['date']}2:{letter['date']}{last}")
    sheet.add_data_validation(date_check)

    allow_zero = track.kind == "security"
    allowed = [v for v in range(bounds.min, bounds.max + 1) if allow_zero or v]
    for name in COLUMNS[track.kind][2:]:
        score_check = DataValidation(
            type="list", formula1='"' + ",".join(str(v) for v in allowed) + '"', allow_blank=True,
            showInputMessage=True, showErrorMessage=True, promptTitle=COLUMN_HEADERS[name][:32],
            prompt=f"A whole number from {bounds.min} to +{bounds.max}" + ("" if allow_zero else ", not 0"),
            errorTitle="Score not allowed", error=bounds.describe(allow_zero).capitalize())
        cells = f"{letter[name]}2:{letter[name]}{last}"
        score_check.add(cells)
        sheet.add_data_validation(score_check)
        sheet.conditional_formatting.add(cells, CellIsRule(operator="greaterThan", formula=["0"],
                                                           fill=PatternFill("solid", bgColor=GREEN)))
        sheet.conditional_formatting.add(cells, CellIsRule(operator="lessThan", formula=["0"],
                                                           fill=PatternFill("solid", bgColor=RED)))
    # The header stays locked; everything an author does to rows is allowed (False: not protected).
    protection = sheet.protection
    protection.sheet = True
    for action in ALLOWED_ACTIONS:
        setattr(protection, action, False)


INSTRUCTION_WIDTHS = (24.0, 22.0, 52.0)  # columns A-C of the Instructions: a portrait A4 page wide


class _Page:
    """The Instructions sheet written top to bottom: headings, paragraphs across the page, and rows of cells,
    every row as high as its wrapped text."""

    def __init__(self, sheet: object) -> None:
        from openpyxl.styles import Alignment

        self.sheet = sheet
        self.wrapped = Alignment(wrap_text=True, vertical="top")

    def heading(self, text: str, size: float = 12, first: bool = False) -> None:
        from openpyxl.styles import Font

        if not first:
            self.blank()
        number = put_row(self.sheet, [text])
        self.sheet.cell(number, 1).font = Font(bold=True, size=size)  # type: ignore[attr-defined]
        self.sheet.row_dimensions[number].height = size * 1.6  # type: ignore[attr-defined]

    def paragraph(self, text: str, bold: bool = False) -> None:
        """Text across the page's three columns (merged), wrapped."""
        from openpyxl.styles import Font

        number = put_row(self.sheet, [text])
        self.sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=3)  # type: ignore[attr-defined]
        cell = self.sheet.cell(number, 1)  # type: ignore[attr-defined]
        cell.alignment = self.wrapped
        if bold:
            cell.font = Font(bold=True)
        self._fit(number, [(text, sum(INSTRUCTION_WIDTHS))])

    def row(self, *cells: object, merge_last: bool = False) -> int:
        """Cells side by side, each wrapped in its column (the last across B:C when `merge_last`)."""
        number = put_row(self.sheet, list(cells))
        widths = list(INSTRUCTION_WIDTHS[:len(cells)])
        if merge_last and len(cells) == 2:
            self.sheet.merge_cells(start_row=number, start_column=2, end_row=number, end_column=3)  # type: ignore[attr-defined]
            widths[1] = INSTRUCTION_WIDTHS[1] + INSTRUCTION_WIDTHS[2]
        for column in range(1, len(cells) + 1):
            self.sheet.cell(number, column).alignment = self.wrapped  # type: ignore[attr-defined]
        self._fit(number, [(str(c or ""), w) for c, w in zip(cells, widths, strict=False)])
        return number

    def blank(self) -> None:
        put_row(self.sheet, [])

    def _fit(self, number: int, texts: list[tuple[str, float]]) -> None:
        lines = max(wrapped_lines(text, width) for text, width in texts)
        self.sheet.row_dimensions[number].height = LINE_HEIGHT * lines  # type: ignore[attr-defined]


def _instructions(book: object, config: WorkspaceConfig, template: TemplateIssue, scale: Scale | None) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet = book.create_sheet("Instructions", 0)  # type: ignore[attr-defined]
    for letter, width in zip("ABC", INSTRUCTION_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "portrait"
    page = _Page(sheet)
    issue = template.issue
    period = issue.period
    forms = date_forms(period)
    page.heading(f"{config.title} No. {issue.number} — {period.describe()}", size=14, first=True)
    if template.blind:
        page.paragraph("For a second coder: these are the issue's events without their scores. Score each event "
                       "as you judge it, without looking at the catalogue's scores; keep the dates and texts as "
                       "they are (they name the events). Your scores are kept beside the catalogue's, to measure how "
                       "far the analysts agree.", bold=True)
    page.paragraph("One sheet per catalogue. Type one event per row below the grey header; leave rows empty as you "
                   "like, insert, delete or sort rows, add links. Sheets of your own (notes, drafts) are left alone "
                   "by the import.")
    page.heading("Dates")
    page.paragraph(f"Type the date as the bulletin prints it, without the year (it comes from the issue). The Date "
                   f"column is formatted as Text, so Excel keeps '{forms[0][0]}' as typed.")
    for form, meaning in forms:
        page.row(form, meaning, merge_last=True)
    page.paragraph(f"Every date must lie in {period.describe()}.", bold=True)
    page.paragraph("A date pasted from elsewhere may arrive as an Excel date of the current year; the import then "
                   f"says so. Keep the column as Text, or type the date with its year ({period.start.first_day}).")
    page.heading("Scores")
    page.paragraph(f"Relationships: a whole number from {config.scores.min} to +{config.scores.max}, not 0 "
                   "(positive: the relationship improves; negative: it worsens).")
    page.paragraph(f"Security: two scores per event, national security and regional tension, from "
                   f"{config.scores.min} to +{config.scores.max}; 0 is allowed.")
    page.paragraph("Choose from the dropdown. Formulas are refused: type the number.")
    if scale is not None:
        page.heading(scale.name)
        header = page.row("Level", "Regional tension", "Meaning")
        for cell in sheet[header]:
            cell.font = Font(bold=True)
        for band in scale.bands:
            number = page.row(band.name, band.bounds, band.interpretation)
            level = sheet.cell(number, 1)
            level.fill = PatternFill("solid", fgColor=band.colour.lstrip("#").upper())
            level.font = Font(bold=True, color=band.text_colour.lstrip("#"))
    page.heading("Importing")
    page.paragraph("Save the workbook (keep it .xlsx) and send it to the editor, who runs:")
    page.paragraph(template.import_command, bold=True)
    page.paragraph("Every row is checked first; if any cell is wrong, nothing is imported and each error is listed "
                   "with its sheet and cell (Russia!C3).")
    page.paragraph("Events already in the catalogue are left alone; to take edits of events the workbook came with, "
                   "the editor adds --replace, which lists every event added, changed (the cell, before and after) "
                   "and removed. A catalogue that changed after this workbook was made is not replaced unless the "
                   "editor adds --force.")
    sheet.oddHeader.left.text = f"{config.title} No. {issue.number}"


def build_template(config: WorkspaceConfig, template: TemplateIssue, scale: Scale | None) -> bytes:
    """The entry workbook's bytes."""
    from openpyxl.packaging.custom import StringProperty

    book = new_book()
    _instructions(book, config, template, scale)
    for track in config.tracks:
        _track_sheet(book, track, config, template)
    book.active = 1 if len(book.worksheets) > 1 else 0
    book.properties.title = f"{config.title} No. {template.issue.number}: catalogues"
    book.properties.identifier = f"{TEMPLATE_ID}{template.issue.number}"
    period = template.issue.period
    book.custom_doc_props.append(StringProperty(name=PERIOD_PROPERTY, value=f"{period.start}..{period.end}"))
    for track_id, fingerprint in template.fingerprints.items():
        book.custom_doc_props.append(StringProperty(name=f"{FINGERPRINT_PREFIX}{track_id}", value=fingerprint))
    return to_bytes(book)
