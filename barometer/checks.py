"""`barometer check`: every issue's catalogue, the scale, and the printed figures, all problems at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from barometer.across_issues import across_issues
from barometer.catalogue import CheckResult
from barometer.errors import Code, InputInvalid, Problem, errors_only
from barometer.load import Loader
from barometer.parallel import map_issues
from barometer.scale import Scale
from barometer.summary import summarize
from barometer.workspace import Workspace

PROBLEM_COLUMNS = ("severity", "code", "file", "sheet", "line", "column", "field", "value", "expected", "message")


@dataclass
class WorkspaceCheck:
    """The outcome of checking some or all issues of a workspace."""

    issues: list[CheckResult]
    problems: list[Problem] = field(default_factory=list)  # not tied to one issue (scale, cadence)

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [p for result in self.issues for p in result.problems]

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.all_problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.all_problems if p.severity == "warning"]

    def to_dict(self) -> dict[str, object]:
        return {
            "valid": not self.errors,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [
                {"issue": r.number, "valid": r.valid, "events": r.events if r.valid else None, "catalogues": r.tracks,
                 "unentered": r.unentered}
                for r in self.issues
            ],
            "problems": [p.to_dict() for p in self.all_problems],
        }


def _check_and_audit(loader: Loader, number: int) -> CheckResult:
    result = loader.check(number)
    scale = _scale_or_none(loader)
    if result.catalogue is not None and scale is not None:
        source = loader.issue_file(number)
        result.problems.extend(summarize(loader.config, source, result.catalogue, scale).warnings)
    return result.release()


def _scale_or_none(loader: Loader) -> Scale | None:
    try:
        return loader.scale
    except InputInvalid:
        return None


def check_workspace(workspace: Workspace, numbers: list[int] | None = None,
                    on_progress: Callable[[int, int], None] | None = None) -> WorkspaceCheck:
    """Check the given issues (all when None): catalogues, scale, printed figures against sums, and across
    issues: periods against the cadence, issues covering the same months, printed tension levels."""
    loader = Loader(workspace)
    problems: list[Problem] = []
    try:
        loader.scale  # noqa: B018  (read once: its problems are the workspace's, not an issue's)
    except InputInvalid as invalid:
        problems.extend(invalid.problems)
    chosen = workspace.issue_numbers if numbers is None else numbers
    for number in chosen:
        workspace.require_issue(number)
    problems.extend(Problem(Code.ISSUE_FOLDER_MISNAMED, "a folder named like an issue, but not as issues are "
                            "named; it is not read", file=workspace.display(folder), value=folder.name,
                            expected=f"{int(folder.name):03d}", severity="warning")
                    for folder in workspace.misnamed_issue_folders)
    problems.extend(across_issues(loader.config, loader.issue_files(), _scale_or_none(loader), numbers))
    try:
        loader.logos()
    except InputInvalid as invalid:
        problems.extend(invalid.problems)
    results = map_issues(workspace.root, chosen, _check_and_audit, loader, Loader.at, on_progress)
    return WorkspaceCheck(results, problems)
