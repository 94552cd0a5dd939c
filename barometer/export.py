"""`barometer export`: an issue's catalogues and indices as .xlsx, .csv or .json.

Dates are written as the bulletin prints them ('8-14 November'), with the stored ISO form in a last column
(`iso_date`, which an import passes over), and text is always text (a cell starting with '=' is never a
formula), so importing an export gives back the same catalogue character for character.
"""

from __future__ import annotations

from pathlib import Path

from barometer.figures import signed
from barometer.io.formats import SIGNED, Output, Table, format_of, write
from barometer.io.sheets import COLUMN_HEADERS, ISO_DATE, sheet_name
from barometer.load import LoadedIssue, Loader
from barometer.models import COLUMNS, OPTIONAL_COLUMNS, AnyEvent, Track, WorkspaceConfig, event_cells
from barometer.outputs import claim, write_output
from barometer.workspace import Workspace

CSV_COLUMNS = ("track", "date", "event", "score", "national_security", "regional_tension", "source")
WIDTHS = {"Date": 20, "Event": 72, "Source": 36, "ISO date": 24}


def extra_names(events: list[AnyEvent]) -> list[str]:
    """The further columns the events carry (as the catalogue has them, after `source`), in their order."""
    return list(dict.fromkeys(name for event in events for name in event.extra))


def catalogue_tracks(config: WorkspaceConfig, issue: LoadedIssue) -> list[Track]:
    return [t for t in config.tracks if t.id in issue.catalogue.events]


def exported_cells(event: AnyEvent, year: int) -> dict[str, object]:
    """An event as an export gives it: the date as the bulletin prints it ('8-14 November', 'Mid-November'; the
    year only where it is not the issue's), the stored ISO form last, as `iso_date`, for sorting and machines."""
    return {**event_cells(event, date=lambda d: d.render(year)), ISO_DATE: event.date.iso}


def export_output(config: WorkspaceConfig, issue: LoadedIssue) -> Output:
    """The issue as JSON data (`catalogue`, `summary`) and as tables: the Summary, then a table per track
    (workbooks); CSV holds every event in one table with a `track` column."""
    summary = issue.summary
    year = summary.issue.period.end.year
    tracks = catalogue_tracks(config, issue)
    cells = {t.id: [exported_cells(e, year) for e in issue.catalogue.events[t.id]] for t in tracks}  # once each
    data = {"catalogue": cells, "summary": summary.to_dict()}
    labels = {t.id: t.label for t in config.tracks}
    title = f"{config.title} No. {summary.issue.number} — {summary.issue.period.describe()}"
    signed = {name: SIGNED for name in ("Aggregate", "Positive", "Negative", "Score", "National security",
                                        "Regional tension")}
    tables = [Table(["Track", "Aggregate", "Positive", "Negative", "Events", "From"],
                    [[labels[track_id], f.aggregate, f.positive, f.negative, f.events, f.source]
                     for track_id, f in summary.tracks.items()], name="Summary", title=title, number_formats=signed)]
    security = summary.security
    if security is not None:
        label = config.security_track.label if config.security_track else "Security"
        fills = {(0, 3): security.band.colour} if security.band is not None else {}
        tables.append(Table(["Track", "National security", "Regional tension", "Level", "Events", "From"],
                            [[label, security.national_security, security.regional_tension, security.level,
                              security.events, security.source]], name="Summary", fills=fills,
                            number_formats=signed))
    every = [e for t in tracks for e in issue.catalogue.events[t.id]]
    csv_columns = [*CSV_COLUMNS, *(c for c in extra_names(every) if c not in CSV_COLUMNS), ISO_DATE]
    csv_rows = [[track.id, *(_csv_cell(row.get(c)) for c in csv_columns[1:])] for track in tracks
                for row in cells[track.id]]
    csv_table = Table(csv_columns, csv_rows, name="Events")
    for track in tracks:
        events = issue.catalogue.events[track.id]
        columns = [*COLUMNS[track.kind], *OPTIONAL_COLUMNS, *extra_names(events), ISO_DATE]
        tables.append(Table([COLUMN_HEADERS.get(c, c) for c in columns],
                            [[row.get(c) for c in columns] for row in cells[track.id]],
                            name=sheet_name(track), widths=WIDTHS, number_formats=signed,
                            wrap=frozenset({"Event", "Source"})))
    return Output(data, [csv_table, *tables])


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    return signed(value) if isinstance(value, int) else str(value)


def export_bytes(config: WorkspaceConfig, issue: LoadedIssue, fmt: str, output: Output | None = None) -> bytes:
    """The export in `fmt`; `output` when the caller has made it already (the web edition writes every format)."""
    output = output or export_output(config, issue)
    if fmt == "csv":
        return write(output, "csv")
    return write(Output(output.data, output.tables[1:]), fmt)


def export_issue(workspace: Workspace, number: int, path: Path, force: bool = False) -> LoadedIssue:
    """Write issue `number`'s catalogues and indices to `path`; the format follows the suffix. An existing file is
    replaced only when it is the tool's own unchanged output, or with `force` (see `outputs`)."""
    fmt = format_of(path, what="export to")
    workspace.require_output(path)
    claim(workspace, [path], force)
    issue = Loader(workspace).loaded(number)
    write_output(workspace, path, export_bytes(workspace.config, issue, fmt), force)
    return issue
