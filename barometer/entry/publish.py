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
from barometer.revisions import COLUMNS
from barometer.workspace import ISSUE_FILE, Workspace

DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


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
    if not DATE.match(on):
        raise UsageError(f"--date {on}: expected a day such as 2021-01-15, or a month such as 2021-01")
    with workspace_lock(workspace.root):
        loader = Loader(workspace)
        source = loader.issue_file(number)
        if source.issue.published_on:
            raise InputInvalid([Problem(
                Code.ISSUE_PUBLISHED, f"No. {number} was published on {source.issue.published_on}", file=source.file,
                line=source.line_of("published_on"), value=source.issue.published_on,
                expected="an issue not yet published; change a published issue with --reason instead")],
                source.file)
        result = loader.check(number)
        if result.catalogue is None:
            raise InputInvalid(result.problems, f"No. {number}")
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
