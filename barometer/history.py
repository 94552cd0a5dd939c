"""Figures across issues: each issue's summary, from its catalogues or, failing those, its printed figures."""

from __future__ import annotations

from barometer.catalogue import load_catalogue
from barometer.summary import IssueSummary, summarize, workspace_scale
from barometer.workspace import Workspace


def load_history(workspace: Workspace, first: int | None = None, last: int | None = None) -> list[IssueSummary]:
    """One summary per issue in [first, last], ascending; raises `CatalogueInvalid` on invalid data."""
    scale = workspace_scale(workspace)
    numbers = [n for n in workspace.issue_numbers
               if (first is None or n >= first) and (last is None or n <= last)]
    return [summarize(workspace, load_catalogue(workspace, n), scale) for n in numbers]


def previous_summary(history: list[IssueSummary], number: int) -> IssueSummary | None:
    """The summary of the issue just before `number` in the workspace, if there is one."""
    earlier = [s for s in history if s.issue.number < number]
    return earlier[-1] if earlier else None
