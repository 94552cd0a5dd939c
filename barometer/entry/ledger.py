"""A change to a published issue's catalogues: refused without a reason; with one, the revision log gains a
record per changed event, written in the same atomic change as the catalogues (see `barometer.revisions`)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from barometer.catalogue import REVISIONS_FILE, validate_table
from barometer.errors import Code, InputInvalid, Problem, UsageError
from barometer.io.csv_io import parse_csv_bytes, render_csv
from barometer.load import Loader
from barometer.models import EventContext, IssueFile
from barometer.revisions import COLUMNS, Revision, records_for


def require_reason(source: IssueFile, reason: str | None, command: str) -> None:
    """Refuse a change of a published issue that gives no reason (exit 1, nothing written), and a reason that
    could not be a line of the log (a line break, a control or bidi character)."""
    if reason and any(ch in reason for ch in "\r\n\t") or reason and any(
            unicodedata.category(ch) in ("Cc", "Cf") for ch in reason):
        raise UsageError("--reason: one line of visible text (no line break, control or direction character)")
    published_on = source.issue.published_on
    if published_on and not (reason or "").strip():
        raise InputInvalid([Problem(
            Code.ISSUE_PUBLISHED, f"No. {source.number} was published ({published_on}): a change of its events is "
            "recorded with its reason", file=source.file, line=source.line_of("published_on"), value=published_on,
            expected=f"{command} ... --reason \"why\" (the change and its reason go to {REVISIONS_FILE})")],
            f"No. {source.number} (nothing was written)")


def with_revisions(loader: Loader, source: IssueFile, contents: dict[Path, bytes | None], reason: str | None,
                   now: datetime | None = None) -> dict[Path, bytes | None]:
    """`contents` (the catalogues about to be written) and, for a published issue, its revision log with a record
    of every event they change; unpublished issues are returned as they are."""
    if not source.issue.published_on:
        return contents
    number = source.number
    folder = loader.workspace.issue_dir(number)
    context = EventContext(loader.config.scores, source.issue.period, date_words=loader.date_words())
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    records: list[Revision] = []
    for track in loader.config.tracks:
        path = folder / track.file_name
        if path not in contents:
            continue
        before = loader.stored(number, track, source, context).events
        data = contents[path]
        after = validate_table(parse_csv_bytes(data, str(path)), track, context)[0] if data is not None else []
        records += records_for(track.id, before, after, (reason or "").strip(), when)
    if not records:
        return contents
    log = folder / REVISIONS_FILE
    kept = loader.revisions(number)
    rows = [record.row() for record in [*kept, *records]]
    return {**contents, log: render_csv(COLUMNS, rows).encode("utf-8")}
