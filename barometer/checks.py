"""`barometer check`: every issue's catalogue, the scale, and the printed figures, all problems at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.catalogue import CheckResult, check_issue
from barometer.errors import CatalogueInvalid, Problem, errors_only
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
                {"issue": r.number, "valid": r.valid,
                 "events": sum(len(v) for v in r.catalogue.events.values()) if r.catalogue else None}
                for r in self.issues
            ],
            "problems": [p.to_dict() for p in self.all_problems],
        }


def check_workspace(workspace: Workspace, numbers: list[int] | None = None) -> WorkspaceCheck:
    """Check the given issues (all when None): catalogues, scale, and printed figures against sums."""
    problems: list[Problem] = []
    scale: Scale | None = None
    try:
        scale = workspace_scale(workspace)
    except CatalogueInvalid as invalid:
        problems.extend(invalid.problems)
    chosen = workspace.issue_numbers if numbers is None else numbers
    for number in chosen:
        workspace.require_issue(number)
    results = []
    for number in chosen:
        result = check_issue(workspace, number)
        if result.catalogue is not None and scale is not None:
            result.problems.extend(summarize(workspace, result.catalogue, scale).warnings)
        results.append(result)
    return WorkspaceCheck(results, problems)
