"""`barometer publish`: an issue becomes published — its publication date in issue.toml, its catalogues frozen
as published (`published/<track>.csv`, byte for byte) and an empty revision log (`revisions.csv`) — in one
atomic change, under the workspace's lock. From then on a change of its events needs a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from barometer.catalogue import PUBLISHED_DIR, REVISIONS_FILE
from barometer.errors import BarometerError, Code, InputInvalid, Problem, UsageError
from barometer.io.csv_io import render_csv
from barometer.load import Loader
from barometer.lock import workspace_lock
from barometer.models import publication_day
from barometer.revisions import COLUMNS
from barometer.workspace import ISSUE_FILE, Workspace


@dataclass(frozen=True)
class Published:
    number: int
    on: str
    frozen: list[Path]  # the catalogues' copies


def with_publication_date(text: str, on: str) -> str:
    """issue.toml's text with `published_on` set, right after `number` (its other bytes kept)."""
    lines = text.splitlines(keepends=True)
    line = f'published_on = "{on}"\n'
    at = next((i for i, row in enumerate(lines) if re.match(r"^\s*number\s*=", row)), None)
    if at is None:
        return line + text
    return "".join([*lines[:at + 1], line, *lines[at + 1:]])


def publish_issue(workspace: Workspace, number: int, on: str | None = None) -> Published:
    """Publish issue `number` on `on` (YYYY-MM-DD, or YYYY-MM when only the month is known; default today).
    Refused when the issue is invalid, has no catalogue, or is published already."""
    from barometer.entry.store import commit_files

    on = on or date.today().isoformat()
    try:
        day = publication_day(on)
    except ValueError as error:
        raise UsageError(f"--date {on}: {error}") from None
    if day > date.today():
        raise UsageError(f"--date {on} is in the future: publish an issue when it is published")
    with workspace_lock(workspace.root):
        loader = Loader(workspace)
        source = loader.issue_file(number)
        last = source.issue.period.end
        if (day.year, day.month) < (last.year, last.month):
            raise UsageError(f"--date {on} is before the end of No. {number}'s period "
                             f"({source.issue.period.describe()}): an issue is published after its months")
        if source.issue.published_on:
            raise InputInvalid([Problem(
                Code.ISSUE_PUBLISHED, f"No. {number} was published on {source.issue.published_on}", file=source.file,
                line=source.line_of("published_on"), value=source.issue.published_on,
                expected="an issue not yet published; change a published issue with --reason instead")],
                source.file)
        result = loader.check(number)
        if result.catalogue is None:
            raise InputInvalid(result.problems, f"No. {number}")
        if result.unentered:
            labels = {t.id: t.label for t in workspace.config.tracks}
            raise BarometerError(f"No. {number} is a draft: {', '.join(labels[t] for t in result.unentered)} not "
                                 "entered yet (list a track under `empty` in issue.toml when it has no event on "
                                 "purpose); nothing was written")
        folder = workspace.issue_dir(number)
        stored = [loader.stored(number, track, source) for track in workspace.config.tracks]
        stored = [s for s in stored if s.data is not None]
        if not stored:
            raise BarometerError(f"No. {number} has no catalogue to publish; enter its events first")
        contents: dict[Path, bytes | None] = {folder / PUBLISHED_DIR / s.path.name: s.data for s in stored}
        contents[folder / REVISIONS_FILE] = render_csv(COLUMNS, []).encode("utf-8")
        contents[folder / ISSUE_FILE] = with_publication_date(source.text, on).encode("utf-8")
        commit_files(folder, contents)
    return Published(number, on, [path for path in contents if path.parent.name == PUBLISHED_DIR])
