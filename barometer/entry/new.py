"""`barometer new`: an issue folder with its issue.toml and an empty catalogue per track, created atomically."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from barometer.atomic import umask
from barometer.cadence import expected_period, readable_issues
from barometer.catalogue import load_issue
from barometer.dates import DateError, YearMonth
from barometer.entry.issue_file import render_new_issue
from barometer.errors import BarometerError, CatalogueInvalid, Problem, UsageError
from barometer.io.csv_io import render_csv
from barometer.models import COLUMNS, Period
from barometer.workspace import ISSUE_FILE, Workspace

MAX_ISSUE = 999


@dataclass
class NewIssue:
    number: int
    folder: Path
    period: Period
    notes: list[str] = field(default_factory=list)


def parse_period(text: str) -> Period:
    """'2021-01..2021-02' (or one month, '2021-01') → Period; a bad value is a usage error."""
    parts = [p.strip() for p in re.split(r"\.\.", text.strip())]
    try:
        if len(parts) == 1:
            start = end = YearMonth.parse(parts[0])
        elif len(parts) == 2:
            start, end = YearMonth.parse(parts[0]), YearMonth.parse(parts[1])
        else:
            raise DateError(f"{text!r} has more than one '..'")
        if end < start:
            raise DateError(f"the period {text} ends before it starts")
    except DateError as error:
        raise UsageError(f"--period: {error}; expected YYYY-MM..YYYY-MM such as 2021-01..2021-02") from None
    return Period(start=start, end=end)


def follow_on_period(workspace: Workspace, number: int) -> tuple[Period, list[str]]:
    """The period of a new issue: the cadence's, unless the issue before it departs from the cadence, then
    the months that follow that issue's period."""
    cadence = workspace.config.cadence
    by_cadence = expected_period(cadence, number)
    earlier = [n for n in workspace.issue_numbers if n < number]
    if not earlier:
        return by_cadence, []
    previous_number = earlier[-1]
    try:
        previous = load_issue(workspace, previous_number)
    except CatalogueInvalid:
        return by_cadence, [f"No. {previous_number}'s issue.toml cannot be read; the period follows the cadence"]
    if number < cadence.first_issue or previous.period == expected_period(cadence, previous_number):
        return by_cadence, []
    months = cadence.months_per_issue
    start = previous.period.end.plus(1 + (number - previous_number - 1) * months)
    period = Period(start=start, end=start.plus(months - 1))
    cadence_gives = expected_period(cadence, previous_number).describe()
    note = (f"No. {previous_number} covers {previous.period.describe()}, not {cadence_gives} as the cadence in "
            f"barometer.toml gives; No. {number} follows on from it: {period.describe()} "
            f"(the cadence would give {by_cadence.describe()})")
    return period, [note]


def overlapping(workspace: Workspace, number: int, period: Period) -> list[Problem]:
    problems = []
    months = set(period.months)
    for issue in readable_issues(workspace):
        other = issue.number
        shared = sorted(months & set(issue.period.months))
        if other != number and shared:
            problems.append(Problem(
                "issues-overlap", f"No. {other} already covers {Period(start=shared[0], end=shared[-1]).describe()}",
                file=workspace.display(workspace.issue_dir(other) / ISSUE_FILE), field="period",
                value=f"{period.start}..{period.end}", expected=f"months after {issue.period.end} or before "
                f"{issue.period.start}"))
    return problems


def create_issue(workspace: Workspace, number: int, period: Period | None = None) -> NewIssue:
    """Create events/NNN/ with issue.toml and a header-only CSV per track; refuses an existing issue."""
    if not 1 <= number <= MAX_ISSUE:
        raise UsageError(f"issue numbers run from 1 to {MAX_ISSUE}, not {number}")
    folder = workspace.issue_dir(number)
    if folder.exists():
        raise BarometerError(f"issue {number} already exists: {workspace.display(folder)}; nothing was written "
                             "(add events with `barometer add` or `barometer import`)")
    notes: list[str] = []
    if period is None:
        period, notes = follow_on_period(workspace, number)
    problems = overlapping(workspace, number, period)
    if problems:
        raise CatalogueInvalid(problems, f"the period of No. {number}")
    title = f"{workspace.config.title} No. {number}"
    workspace.events_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".new-{number:03d}-", dir=workspace.events_dir))
    try:
        (staging / ISSUE_FILE).write_text(render_new_issue(number, period, title), encoding="utf-8")
        for track in workspace.config.tracks:
            (staging / track.file_name).write_text(render_csv(COLUMNS[track.kind], []), encoding="utf-8")
        os.chmod(staging, 0o777 & ~umask())
        if folder.exists():
            raise BarometerError(f"issue {number} appeared while it was being created: {workspace.display(folder)}")
        os.rename(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return NewIssue(number, folder, period, notes)

