"""`barometer template`: the entry workbook of an issue, pre-filled with what is already catalogued."""

from __future__ import annotations

from pathlib import Path

from barometer.entry.fingerprint import Fingerprint
from barometer.entry.store import extra_columns
from barometer.errors import UsageError
from barometer.load import Loader
from barometer.outputs import claim, write_output
from barometer.workspace import Workspace


def write_issue_template(workspace: Workspace, number: int, path: Path, force: bool = False,
                         blind: bool = False) -> int:
    """Write the workbook; returns how many catalogued events it was pre-filled with (`blind`: without their
    scores, for a second coder). An existing file is replaced only when it is the tool's own unchanged output,
    or with `force` (see `outputs`)."""
    from barometer.io.xlsx_template import TemplateIssue, build_template

    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the template is an Excel workbook: give a file ending in .xlsx, not {path.name}")
    workspace.require_output(path)
    claim(workspace, [path], force)
    loader = Loader(workspace)
    catalogue = loader.catalogue(number)
    command = f"barometer import {path.name} --issue {number}" + (" --coder NAME" if blind else "")
    extras: dict[str, list[tuple[str, str]]] = {}
    fingerprints: dict[str, str] = {}
    for track in workspace.config.tracks:
        stored = loader.stored(number, track)
        if stored.table is not None:
            extras[track.id] = extra_columns(stored.table, track)
        fingerprints[track.id] = Fingerprint.of(stored.data, catalogue.events.get(track.id, ())).render()
    if blind:  # a fingerprint of a catalogue could give its scores away; a coder's import needs none
        fingerprints = {}
    template = TemplateIssue(catalogue.issue, catalogue.events, command, extras, fingerprints, blind)
    write_output(workspace, path, build_template(workspace.config, template, loader.scale), force)
    return sum(len(events) for events in catalogue.events.values())
