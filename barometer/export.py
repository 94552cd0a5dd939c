"""`barometer export`: an issue's catalogues and indices as .xlsx, .csv or .json.

Dates are written in their stored ISO form and text is always text (a cell starting with '=' is never a
formula), so importing an export gives back the same catalogue character for character.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from barometer.entry.store import write_output
from barometer.errors import UsageError
from barometer.figures import signed
from barometer.io.csv_io import render_csv
from barometer.io.sheets import COLUMN_HEADERS, sheet_name
from barometer.io.xlsx_write import fit_to_page_width
from barometer.models import COLUMNS, AnyEvent, Catalogue, SecurityEvent, Track
from barometer.summary import IssueSummary, issue_summary
from barometer.workspace import Workspace

FORMATS = (".xlsx", ".csv", ".json")
CSV_COLUMNS = ("track", "date", "event", "score", "national_security", "regional_tension", "source")


def _columns(track: Track, events: Sequence[AnyEvent] = ()) -> list[str]:
    return [*COLUMNS[track.kind], "source", *extra_names(events)]


def extra_names(events: Iterable[AnyEvent]) -> list[str]:
    """The further columns the events carry (as the catalogue has them, after `source`), in their order."""
    return list(dict.fromkeys(name for event in events for name in event.extra))


def event_record(event: AnyEvent) -> dict[str, object]:
    record: dict[str, object] = {"date": event.date.iso, "event": event.text}
    if isinstance(event, SecurityEvent):
        record |= {"national_security": event.national_security, "regional_tension": event.regional_tension}
    else:
        record["score"] = event.score
    record["source"] = event.source
    return record | {name: value for name, value in event.extra.items() if name not in record}


def catalogue_tracks(workspace: Workspace, catalogue: Catalogue) -> list[Track]:
    return [t for t in workspace.config.tracks if t.id in catalogue.events]


def export_json(workspace: Workspace, summary: IssueSummary) -> str:
    catalogue = summary.catalogue
    assert catalogue is not None
    data = {
        "catalogue": {t.id: [event_record(e) for e in catalogue.events[t.id]]
                      for t in catalogue_tracks(workspace, catalogue)},
        "summary": summary.to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_csv(workspace: Workspace, catalogue: Catalogue) -> str:
    tracks = catalogue_tracks(workspace, catalogue)
    extras = [c for c in extra_names(e for t in tracks for e in catalogue.events[t.id]) if c not in CSV_COLUMNS]
    columns = [*CSV_COLUMNS, *extras]
    rows = []
    for track in tracks:
        for event in catalogue.events[track.id]:
            record = event_record(event)
            rows.append([track.id, *(_csv_cell(record.get(c)) for c in columns[1:])])
    return render_csv(columns, rows)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    return signed(value) if isinstance(value, int) else str(value)


def export_xlsx(path: Path, workspace: Workspace, summary: IssueSummary) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    catalogue = summary.catalogue
    assert catalogue is not None
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    overview = book.create_sheet("Summary")
    overview.append([f"{workspace.config.title} No. {summary.issue.number} — {summary.issue.period.describe()}"])
    overview.cell(1, 1).font = Font(bold=True, size=13)
    overview.append([])
    overview.append(["Track", "Aggregate", "Positive", "Negative", "Events", "From"])
    labels = {t.id: t.label for t in workspace.config.tracks}
    for figures_id, figures in summary.tracks.items():
        overview.append([labels[figures_id], figures.aggregate, figures.positive, figures.negative, figures.events,
                         figures.source])
    security = summary.security
    if security is not None:
        overview.append([])
        overview.append(["Track", "National security", "Regional tension", "Level", "Events", "From"])
        label = workspace.config.security_track.label if workspace.config.security_track else "Security"
        overview.append([label, security.national_security, security.regional_tension, security.level,
                         security.events, security.source])
        if security.band is not None:
            overview.cell(overview.max_row, 4).fill = PatternFill("solid", fgColor=security.band.colour.lstrip("#"))
    for row in overview.iter_rows():
        if row[0].value == "Track":
            for cell in row:
                cell.font = bold
    overview.column_dimensions["A"].width = 22
    for letter in "BCDEF":
        overview.column_dimensions[letter].width = 17
    for track in catalogue_tracks(workspace, catalogue):
        columns = _columns(track, catalogue.events[track.id])
        sheet = book.create_sheet(sheet_name(track))
        sheet.append([COLUMN_HEADERS.get(c, c) for c in columns])
        for cell in sheet[1]:
            cell.font = bold
        for event in catalogue.events[track.id]:
            record = event_record(event)
            sheet.append([record.get(c) if record.get(c) != "" else None for c in columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
        sheet.freeze_panes = "A2"
        widths = {"date": 24, "event": 90, "source": 40}
        for index, name in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = widths.get(name, 12)
    buffer = io.BytesIO()
    fit_to_page_width(book)
    book.save(buffer)
    write_output(path, buffer.getvalue())


def export_issue(workspace: Workspace, number: int, path: Path) -> IssueSummary:
    """Write issue `number`'s catalogues and indices to `path`; the format follows the suffix."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"cannot export to {path.name}: expected a file ending in {', '.join(FORMATS)}")
    workspace.require_output(path)
    summary = issue_summary(workspace, number)
    assert summary.catalogue is not None
    if suffix == ".json":
        write_output(path, export_json(workspace, summary).encode("utf-8"))
    elif suffix == ".csv":
        write_output(path, export_csv(workspace, summary.catalogue).encode("utf-8"))
    else:
        export_xlsx(path, workspace, summary)
    return summary
