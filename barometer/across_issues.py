"""Rules across issues: numbers and periods follow the cadence, no two issues cover the same months, printed
tension levels are bands of the scale and agree with each other (pure: the loader reads the issue files)."""

from __future__ import annotations

from collections.abc import Sequence

from barometer.dates import DateError
from barometer.errors import Code, Problem
from barometer.models import Cadence, IssueFile, Period, WorkspaceConfig
from barometer.rules import level_problem, overlap_problems
from barometer.scale import Scale


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


def cadence_problems(cadence: Cadence, sources: Sequence[IssueFile]) -> list[Problem]:
    """A warning for each issue whose period is not the one its number gives under the cadence."""
    problems = []
    for source in sources:
        issue = source.issue
        if issue.number < cadence.first_issue:
            problems.append(Problem(
                Code.CADENCE_NUMBER, f"issue No. {issue.number} comes before the first issue of the cadence "
                f"({describe_cadence(cadence)})", file=source.file, line=source.line_of("number"), field="number",
                value=str(issue.number), expected=f"a number from {cadence.first_issue}", severity="warning"))
            continue
        try:
            expected = expected_period(cadence, issue.number)
        except DateError as error:  # far past the cadence's start: no year of four digits
            problems.append(Problem(
                Code.CADENCE_PERIOD, f"the cadence in barometer.toml gives No. {issue.number} no period ({error})",
                file=source.file, line=source.line_of("number"), field="number", value=str(issue.number),
                expected="an issue number whose period under the cadence lies before the year 10000",
                severity="warning"))
            continue
        if issue.period != expected:
            problems.append(Problem(
                Code.CADENCE_PERIOD,
                f"issue No. {issue.number} covers {issue.period.describe()}, but the cadence in barometer.toml "
                f"({describe_cadence(cadence)}) gives No. {issue.number} {expected.describe()}",
                file=source.file, line=source.line_of("period"), field="period", value=_span(issue.period),
                expected=f"{_span(expected)} ({expected.describe()})", severity="warning"))
    return problems


def overlaps(sources: Sequence[IssueFile]) -> list[tuple[set[int], Problem]]:
    """An error for each pair of issues that cover a month in common (at the later one), with the pair."""
    files = {source.number: source.file for source in sources}
    found = []
    for index, later in enumerate(sources):
        earlier = [source.issue for source in sources[:index]]
        for other, problem in overlap_problems(later.number, later.issue.period, earlier, later.file,
                                               later.line_of("period"), files.__getitem__):
            found.append(({other, later.number}, problem))
    return found


def printed_level_problems(sources: Sequence[IssueFile], scale: Scale,
                           every: Sequence[IssueFile] | None = None) -> list[Problem]:
    """Printed tension levels must name a band of the scale; a level stated for the previous issue must
    agree with that issue's printed level when both are given."""
    problems = []
    by_number = {source.number: source.issue for source in (every if every is not None else sources)}
    for source in sources:
        issue = source.issue
        security = issue.published.security if issue.published else None
        if security is None:
            continue
        for name in ("level", "previous_level"):
            value = getattr(security, name)
            problem = None if value is None else level_problem(
                value, scale, source.file, source.line_of("published", "security", name), f"published.security.{name}")
            if problem is not None:
                problems.append(problem)
        previous = by_number.get(issue.number - 1)
        before = previous.published.security if previous and previous.published else None
        if security.previous_level and before and before.level and \
                before.level.casefold() != security.previous_level.casefold():
            problems.append(Problem(
                Code.LEVEL_DISAGREES, f"No. {issue.number} says No. {previous.number} was {security.previous_level}, "
                f"but No. {previous.number} prints {before.level}", file=source.file,
                line=source.line_of("published", "security", "previous_level"),
                field="published.security.previous_level", value=security.previous_level,
                expected=before.level, severity="warning"))
    return problems


def across_issues(config: WorkspaceConfig, sources: Sequence[IssueFile], scale: Scale | None,
                  chosen: Sequence[int] | None = None) -> list[Problem]:
    """Every problem that concerns more than one issue, or an issue against the workspace's settings;
    with `chosen`, only those involving one of the chosen issues. `sources` are every readable issue."""
    mine = list(sources) if chosen is None else [s for s in sources if s.number in chosen]
    problems = cadence_problems(config.cadence, mine)
    problems += [p for pair, p in overlaps(sources) if chosen is None or pair & set(chosen)]
    if scale is not None:
        problems += printed_level_problems(mine, scale, sources)
    return problems
