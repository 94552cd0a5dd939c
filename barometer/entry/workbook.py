"""`barometer template`: the entry workbook of an issue, pre-filled with what is already catalogued."""

from __future__ import annotations

from pathlib import Path

from barometer.catalogue import load_catalogue
from barometer.entry.store import write_output
from barometer.errors import UsageError
from barometer.summary import workspace_scale
from barometer.workspace import Workspace


def write_issue_template(workspace: Workspace, number: int, path: Path) -> int:
    """Write the workbook; returns how many catalogued events it was pre-filled with."""
    from barometer.io.xlsx_template import TemplateIssue, build_template

    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the template is an Excel workbook: give a file ending in .xlsx, not {path.name}")
    catalogue = load_catalogue(workspace, number)
    command = f"barometer import {path.name} --issue {number}"
    template = TemplateIssue(catalogue.issue, catalogue.events, command)
    write_output(path, build_template(workspace.config, template, workspace_scale(workspace)))
    return sum(len(events) for events in catalogue.events.values())
