"""`barometer template`: the entry workbook of an issue, pre-filled with what is already catalogued."""

from __future__ import annotations

from pathlib import Path

from barometer.catalogue import load_catalogue
from barometer.entry.fingerprint import Fingerprint
from barometer.entry.store import extra_columns, write_output
from barometer.errors import UsageError
from barometer.io.csv_io import read_csv_table
from barometer.summary import workspace_scale
from barometer.workspace import Workspace


def write_issue_template(workspace: Workspace, number: int, path: Path) -> int:
    """Write the workbook; returns how many catalogued events it was pre-filled with."""
    from barometer.io.xlsx_template import TemplateIssue, build_template

    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the template is an Excel workbook: give a file ending in .xlsx, not {path.name}")
    workspace.require_output(path)
    catalogue = load_catalogue(workspace, number)
    command = f"barometer import {path.name} --issue {number}"
    folder = workspace.issue_dir(number)
    extras: dict[str, list[tuple[str, str]]] = {}
    fingerprints: dict[str, str] = {}
    for track in workspace.config.tracks:
        csv_path = folder / track.file_name
        data = csv_path.read_bytes() if csv_path.is_file() else None
        if data is not None:
            extras[track.id] = extra_columns(read_csv_table(csv_path, workspace.display(csv_path)), track)
        fingerprints[track.id] = Fingerprint.of(data, catalogue.events.get(track.id, ())).render()
    template = TemplateIssue(catalogue.issue, catalogue.events, command, extras, fingerprints)
    write_output(path, build_template(workspace.config, template, workspace_scale(workspace)))
    return sum(len(events) for events in catalogue.events.values())
