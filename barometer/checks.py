"""`barometer check`: every issue's catalogue, the scale, and the printed figures, all problems at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from barometer.cadence import across_issues
from barometer.catalogue import CheckResult, check_issue
from barometer.errors import CatalogueInvalid, Problem, errors_only
from barometer.parallel import map_issues
from barometer.scale import Scale
from barometer.summary import summarize, workspace_scale
from barometer.workspace import Workspace


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
                {"issue": r.number, "valid": r.valid, "events": r.events if r.valid else None, "catalogues": r.tracks}
                for r in self.issues
            ],
            "problems": [p.to_dict() for p in self.all_problems],
        }


def _scale_or_none(workspace: Workspace) -> Scale | None:
    try:
        return workspace_scale(workspace)
    except CatalogueInvalid:
        return None


def _check_and_audit(workspace: Workspace, scale: Scale | None, number: int) -> CheckResult:
    result = check_issue(workspace, number)
    if result.catalogue is not None and scale is not None:
        result.problems.extend(summarize(workspace, result.catalogue, scale).warnings)
    return result.release()


def check_workspace(workspace: Workspace, numbers: list[int] | None = None,
                    on_progress: Callable[[int, int], None] | None = None) -> WorkspaceCheck:
    """Check the given issues (all when None): catalogues, scale, printed figures against sums, and across
    issues: periods against the cadence, issues covering the same months, printed tension levels."""
    problems: list[Problem] = []
    scale: Scale | None = None
    try:
        scale = workspace_scale(workspace)
    except CatalogueInvalid as invalid:
        problems.extend(invalid.problems)
    chosen = workspace.issue_numbers if numbers is None else numbers
    for number in chosen:
        workspace.require_issue(number)
    problems.extend(Problem("issue-folder-name", "a folder named like an issue, but not as issues are named; "
                            "it is not read", file=workspace.display(folder), value=folder.name,
                            expected=f"{int(folder.name):03d}", severity="warning")
                    for folder in workspace.misnamed_issue_folders)
    problems.extend(across_issues(workspace, [b.name for b in scale.bands] if scale else None, numbers))
    results = map_issues(workspace, chosen, _check_and_audit, _scale_or_none, scale, on_progress)
    return WorkspaceCheck(results, problems)
