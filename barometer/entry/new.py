"""`barometer new`: an issue folder with its issue.toml and an empty catalogue per track, created atomically."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from barometer.across_issues import expected_period
from barometer.atomic import umask
from barometer.dates import DateError, YearMonth
from barometer.entry.issue_file import render_new_issue
from barometer.errors import BarometerError, InputInvalid, Problem, UsageError
from barometer.io.csv_io import render_csv
from barometer.load import Loader
from barometer.lock import workspace_lock
from barometer.models import COLUMNS, Period
from barometer.rules import overlap_problems
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


def follow_on_period(loader: Loader, number: int) -> tuple[Period, list[str]]:
    """The period of a new issue: the cadence's, unless the issue before it departs from the cadence, then
    the months that follow that issue's period."""
    cadence = loader.config.cadence
    by_cadence = expected_period(cadence, number)
    earlier = loader.numbers(last=number - 1)
    if not earlier:
        return by_cadence, []
    previous_number = earlier[-1]
    try:
        previous = loader.issue_file(previous_number).issue
    except InputInvalid:
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


def overlapping(loader: Loader, number: int, period: Period) -> list[Problem]:
    """Issues that already cover a month of the new issue's period (the rule `check` applies too)."""
    workspace = loader.workspace
    files = {source.number: source.file for source in loader.issue_files()}
    return [problem for _, problem in overlap_problems(
        number, period, [source.issue for source in loader.issue_files()],
        workspace.display(workspace.issue_dir(number) / ISSUE_FILE), None, files.__getitem__)]


def create_issue(workspace: Workspace, number: int, period: Period | None = None) -> NewIssue:
    """Create events/NNN/ with issue.toml and a header-only CSV per track; refuses an existing issue."""
    if not 1 <= number <= MAX_ISSUE:
        raise UsageError(f"issue numbers run from 1 to {MAX_ISSUE}, not {number}")
    with workspace_lock(workspace.root):
        return _create(workspace, number, period)


def _create(workspace: Workspace, number: int, period: Period | None) -> NewIssue:
    folder = workspace.issue_dir(number)
    if folder.exists():
        raise BarometerError(f"issue {number} already exists: {workspace.display(folder)}; nothing was written "
                             "(add events with `barometer add` or `barometer import`)")
    notes: list[str] = []
    loader = Loader(workspace)
    if period is None:
        try:
            period, notes = follow_on_period(loader, number)
        except DateError as error:
            raise BarometerError(f"the period of No. {number} cannot be worked out from the cadence and the issue "
                                 f"before it ({error}); nothing was written — give it with --period "
                                 "YYYY-MM..YYYY-MM") from None
    problems = overlapping(loader, number, period)
    if problems:
        raise InputInvalid(problems, f"the period of No. {number}")
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

