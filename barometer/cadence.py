"""Checks across issues: numbers and periods follow the cadence, no two issues cover the same months."""

from __future__ import annotations

from pathlib import Path

from barometer.catalogue import load_issue
from barometer.errors import CatalogueInvalid, Problem
from barometer.io.toml_io import key_line
from barometer.models import Cadence, Issue, Period
from barometer.workspace import ISSUE_FILE, Workspace


def describe_cadence(cadence: Cadence) -> str:
    """'No. 1 = January-February 2018, 2 months per issue'."""
    start, end = cadence.period_of(cadence.first_issue)
    return (f"No. {cadence.first_issue} = {Period(start=start, end=end).describe()}, "
            f"{cadence.months_per_issue} month{'s' if cadence.months_per_issue != 1 else ''} per issue")


def expected_period(cadence: Cadence, number: int) -> Period:
    start, end = cadence.period_of(number)
    return Period(start=start, end=end)


def _span(period: Period) -> str:
    return f"{period.start}..{period.end}"


def readable_issues(workspace: Workspace) -> list[Issue]:
    """Every issue whose issue.toml loads; the others' problems are reported by the issue checks."""
    issues = []
    for number in workspace.issue_numbers:
        try:
            issues.append(load_issue(workspace, number))
        except CatalogueInvalid:
            continue
    return issues


def cadence_problems(workspace: Workspace, issues: list[Issue]) -> list[Problem]:
    """A warning for each issue whose period is not the one its number gives under the cadence."""
    cadence = workspace.config.cadence
    problems = []
    for issue in issues:
        path = workspace.issue_dir(issue.number) / ISSUE_FILE
        file = workspace.display(path)
        if issue.number < cadence.first_issue:
            problems.append(Problem(
                "cadence-number", f"issue No. {issue.number} comes before the first issue of the cadence "
                f"({describe_cadence(cadence)})", file=file, line=key_line(path, ("number",)), field="number",
                value=str(issue.number), expected=f"a number from {cadence.first_issue}", severity="warning"))
            continue
        expected = expected_period(cadence, issue.number)
        if issue.period != expected:
            problems.append(Problem(
                "cadence-period",
                f"issue No. {issue.number} covers {issue.period.describe()}, but the cadence in barometer.toml "
                f"({describe_cadence(cadence)}) gives No. {issue.number} {expected.describe()}",
                file=file, line=_period_line(path), field="period", value=_span(issue.period),
                expected=f"{_span(expected)} ({expected.describe()})", severity="warning"))
    return problems


def _period_line(path: Path) -> int | None:
    return key_line(path, ("period",))


def overlap_problems(workspace: Workspace, issues: list[Issue]) -> list[tuple[set[int], Problem]]:
    """An error for each pair of issues that cover a month in common, with the pair's numbers."""
    problems = []
    for index, later in enumerate(issues):
        for earlier in issues[:index]:
            shared = sorted(set(earlier.period.months) & set(later.period.months))
            if not shared:
                continue
            months = Period(start=shared[0], end=shared[-1]).describe()
            path = workspace.issue_dir(later.number) / ISSUE_FILE
            other = workspace.display(workspace.issue_dir(earlier.number) / ISSUE_FILE)
            problems.append(({earlier.number, later.number}, Problem(
                "issues-overlap",
                f"issues No. {earlier.number} ({earlier.period.describe()}) and No. {later.number} "
                f"({later.period.describe()}) both cover {months}; {other} is the other issue",
                file=workspace.display(path), line=_period_line(path), field="period",
                value=_span(later.period), expected=f"months after {earlier.period.end} or before "
                f"{earlier.period.start}")))
    return problems


def printed_level_problems(workspace: Workspace, issues: list[Issue], band_names: list[str],
                           every: list[Issue] | None = None) -> list[Problem]:
    """Printed tension levels must name a band of the scale; a level stated for the previous issue must
    agree with that issue's printed level when both are given."""
    problems = []
    known = {name.casefold() for name in band_names}
    by_number = {issue.number: issue for issue in (every if every is not None else issues)}
    for issue in issues:
        security = issue.published.security if issue.published else None
        if security is None:
            continue
        path = workspace.issue_dir(issue.number) / ISSUE_FILE
        file = workspace.display(path)
        for name in ("level", "previous_level"):
            value = getattr(security, name)
            if value is not None and value.strip().casefold() not in known:
                problems.append(Problem(
                    "level-unknown", f"printed {name.replace('_', ' ')} is not a band of the scale", file=file,
                    line=key_line(path, ("published", "security", name)), field=f"published.security.{name}",
                    value=value, expected=", ".join(band_names)))
        previous = by_number.get(issue.number - 1)
        before = previous.published.security if previous and previous.published else None
        if security.previous_level and before and before.level and \
                before.level.casefold() != security.previous_level.casefold():
            problems.append(Problem(
                "level-disagrees", f"No. {issue.number} says No. {previous.number} was {security.previous_level}, "
                f"but No. {previous.number} prints {before.level}", file=file,
                line=key_line(path, ("published", "security", "previous_level")),
                field="published.security.previous_level", value=security.previous_level,
                expected=before.level, severity="warning"))
    return problems


def across_issues(workspace: Workspace, band_names: list[str] | None,
                  chosen: list[int] | None = None) -> list[Problem]:
    """Every problem that concerns more than one issue, or an issue against the workspace's settings;
    with `chosen`, only those involving one of the chosen issues."""
    issues = readable_issues(workspace)
    mine = issues if chosen is None else [i for i in issues if i.number in chosen]
    problems = cadence_problems(workspace, mine)
    problems += [p for pair, p in overlap_problems(workspace, issues)
                 if chosen is None or pair & set(chosen)]
    if band_names is not None:
        problems += printed_level_problems(workspace, mine, band_names, issues)
    return problems
