"""The entry workbook authors fill in: a protected header, dropdowns of allowed scores, dated cells
checked against the issue's period, colours for positive and negative scores, and an Instructions sheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from barometer.io.formats.xlsx_format import new_book, put_row, to_bytes
from barometer.io.sheets import COLUMN_HEADERS, sheet_name
from barometer.models import COLUMNS, AnyEvent, Issue, Track, WorkspaceConfig, event_cells
from barometer.scale import Scale

TEMPLATE_ID = "barometer-issue-"  # the workbook's identifier property: which issue it was made for
PERIOD_PROPERTY = "barometer-period"  # the months of the issue the template was made for: 2020-11..2020-12
FINGERPRINT_PREFIX = "barometer-catalogue-"  # custom property per track: the catalogue when the template was made
LAST_ROW = 1_048_576  # Excel's last row: checks and colours cover the whole column below the header
WIDTHS = {"date": 18, "event": 90, "score": 9, "national_security": 12, "regional_tension": 12, "source": 40}
ALLOWED_ACTIONS = ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows", "insertHyperlinks",
                   "sort", "autoFilter")
GREEN, RED, GREY = "C6EFCE", "FFC7CE", "D9D9D9"
DATE_FORMS = (
    ("3 November", "a day"),
    ("1-18 December", "a range of days in one month"),
    ("30 November-2 December", "a range of days across months"),
    ("November", "a whole month"),
    ("November-December", "several months"),
    ("Early December / Mid-December / Late December", "days 1-10 / 11-20 / 21 to the end"),
)
TEXT_FORMAT = "@"  # the Date column holds text: Excel keeps '3 November' as typed, never makes it a date


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


SIGNED = "+0;-0;0"  # scores shown as the bulletin prints them: +1, -2, 0
SIGNED_COLUMNS = ("score", "national_security", "regional_tension")
MEANING_CHARACTERS_PER_LINE = 90  # the width of the Instructions' third column


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
    year = period.end.year
    for event in template.events.get(track.id, ()):
        values = event_cells(event, date=lambda d: d.render(year))
        put_row(sheet, [None if values.get(c) == "" else values.get(c) for c in columns])
    last = LAST_ROW
    # Column styles, not styled empty cells: a cell typed anywhere in the column is unlocked, and the
    # sheet's used range ends at the last event (an author appending with a script lands below it).
    for index, name in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[sheet.cell(1, index).column_letter]
        dimension.width = WIDTHS.get(name, 20)
        dimension.protection = Protection(locked=False)
        if name == "event":
            dimension.alignment = Alignment(wrap_text=True, vertical="top")
        elif name == "date":
            dimension.number_format = TEXT_FORMAT
        elif name in SIGNED_COLUMNS:
            dimension.number_format = SIGNED
    for row in sheet.iter_rows(min_row=2, max_col=len(columns)):
        for cell in row:
            cell.protection = Protection(locked=False)
            if columns[cell.column - 1] in SIGNED_COLUMNS:
                cell.number_format = SIGNED
            elif columns[cell.column - 1] == "date":
                cell.number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"

    letter = {name: sheet.cell(1, i).column_letter for i, name in enumerate(columns, start=1)}
    bounds = config.scores
    forms = "; ".join(form for form, _ in DATE_FORMS[:6])
    date_check = DataValidation(
        type="custom", allow_blank=True, showInputMessage=True, showErrorMessage=True,
        formula1=_date_rule((period.start.year, period.start.month),
                            (period.end.year, period.end.month, period.end.last_day.day), f"{letter['date']}2"),
        promptTitle="Date of the event",
        prompt=f"Type the date as text, as the bulletin prints it: {forms}"[:255],
        errorTitle="Date outside the issue",
        error=f"An Excel date must lie in {period.describe()}; or type the date as text, e.g. 3 November."[:255])
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


def _instructions(book: object, config: WorkspaceConfig, template: TemplateIssue, scale: Scale | None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet("Instructions", 0)  # type: ignore[attr-defined]
    issue = template.issue
    bold = Font(bold=True)
    rows: list[tuple[object, ...]] = [
        (f"{config.title} No. {issue.number} — {issue.period.describe()}",),
        ("One sheet per catalogue. Type one event per row below the grey header; leave rows empty as you like, "
         "insert, delete or sort rows, add links.",),
        (),
        ("Dates",),
        ("Type the date as the bulletin prints it (no year: it comes from the issue). The Date column is "
         "formatted as Text, so Excel keeps '5 January' as typed.",),
        *[(form, meaning) for form, meaning in DATE_FORMS],
        (f"Every date must lie in {issue.period.describe()}.",),
        ("A date pasted from elsewhere may arrive as an Excel date of the current year; the import then says so. "
         "Keep the column as Text, or type the date with its year (2021-01-05).",),
        (),
        ("Scores",),
        (f"Relationships: a whole number from {config.scores.min} to +{config.scores.max}, not 0 "
         "(positive: the relationship improves; negative: it worsens).",),
        (f"Security: two scores per event, national security and regional tension, from {config.scores.min} "
         f"to +{config.scores.max}; 0 is allowed.",),
        ("Choose from the dropdown. Formulas are refused: type the number.",),
        (),
    ]
    for row in rows:
        put_row(sheet, row)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for row in sheet.iter_rows(min_row=2, max_col=1):
        if row[0].value in ("Dates", "Scores"):
            row[0].font = Font(bold=True, size=12)
    if scale is not None:
        put_row(sheet, [scale.name])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        put_row(sheet, ["Level", "Regional tension", "Meaning"])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for band in scale.bands:
            put_row(sheet, [band.name, band.bounds, band.interpretation])
            colour = band.colour.lstrip("#").upper()
            sheet.cell(sheet.max_row, 1).fill = PatternFill("solid", fgColor=colour)
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, color=band.text_colour.lstrip("#"))
            sheet.cell(sheet.max_row, 3).alignment = Alignment(wrap_text=True, vertical="top")
            lines = -(-len(band.interpretation) // MEANING_CHARACTERS_PER_LINE)
            sheet.row_dimensions[sheet.max_row].height = 15 * max(1, lines)  # wrapped text needs its rows
        put_row(sheet, [])
    put_row(sheet, ["Importing"])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    for text in (
        "Save the workbook (keep it .xlsx) and send it to the editor, who runs:",
        template.import_command,
        "Every row is checked first; if any cell is wrong, nothing is imported and each error is listed with "
        "its sheet, row and column.",
        "Events already in the catalogue are left alone; to take edits of events the workbook came with, the "
        "editor adds --replace, which replaces each catalogue the workbook has events for and lists every "
        "catalogued event the workbook lacks. A catalogue that changed after this workbook was made is not "
        "replaced unless the editor adds --force.",
    ):
        put_row(sheet, [text])
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = MEANING_CHARACTERS_PER_LINE


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
