"""`barometer import`: a workbook, a CSV or pasted bulletin text into an issue, all or nothing.

Read the file (`sources`), plan what changes (`plan`, pure), and — unless the plan has errors, or this is a
dry run — commit it: the previous files are copied to `events/NNN/.backup/<time>/`, the new files written
as temporary files, and all renamed into place in one pass.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from barometer.across_issues import expected_period
from barometer.dates import DateError
from barometer.entry.ledger import require_reason, with_revisions
from barometer.entry.plan import ImportOptions, ImportPlan, TrackImport, plan_import
from barometer.entry.sources import SourceRequest, encoding_name, read_source
from barometer.entry.store import commit_files
from barometer.errors import InputInvalid, Problem
from barometer.load import Loader
from barometer.lock import workspace_lock
from barometer.models import Period
from barometer.workspace import Workspace


@dataclass
class ImportResult:
    number: int
    source: str
    tracks: list[TrackImport]
    written: list[str]
    backup: str | None
    published: bool = False
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    year: int = 0  # the year of the issue's last month: dates in reports are written without it

    def to_dict(self) -> dict[str, object]:
        return {"issue": self.number, "source": self.source, "tracks": [t.to_dict() for t in self.tracks],
                "written": self.written, "backup": self.backup, "published": self.published,
                "warnings": [p.to_dict() for p in self.warnings], "dry_run": self.dry_run}


def reading_order(problems: list[Problem], sheets: list[str], first: str = "") -> list[Problem]:
    """Problems top to bottom: by file (the imported one, `first`, before the catalogues), the sheet's place
    in the workbook, row, then column."""
    order = {name: index for index, name in enumerate(sheets)}

    def key(problem: Problem) -> tuple[bool, str, int, int, int]:
        sheet = -1 if problem.sheet is None else order.get(problem.sheet, len(order))
        return problem.file != first, problem.file or "", sheet, problem.line or 0, problem.column or 0

    return sorted(problems, key=key)


def import_file(workspace: Workspace, path: Path, number: int, *, track_id: str | None = None,
                replace: bool = False, encoding: str | None = None, force: bool = False,
                dry_run: bool = False, reason: str | None = None) -> ImportResult:
    """Read, validate and merge (or, with `replace`, replace) the file's catalogues into issue `number`.

    A --replace of a catalogue that changed after the template being imported was made is refused unless
    `force`; the events a --replace removes are listed in the result (`TrackImport.removed`). With `dry_run`
    the plan is returned and nothing is written. The workspace's lock is held from reading the catalogues to
    writing them (a dry run writes nothing and takes no lock). A published issue's change needs a `reason`, and
    each event it changes is recorded in the issue's revision log in the same write."""
    workspace.require_issue(number)
    with nullcontext() if dry_run else workspace_lock(workspace.root):
        return _import(workspace, path, number, track_id, replace, encoding, force, dry_run, reason)


def _import(workspace: Workspace, path: Path, number: int, track_id: str | None, replace: bool,
            encoding: str | None, force: bool, dry_run: bool, reason: str | None = None) -> ImportResult:
    loader = Loader(workspace)
    issue = loader.issue_file(number)
    if not dry_run:
        require_reason(issue, reason, "barometer import")
    shown = workspace.display(path)
    found = read_source(SourceRequest(path, shown, workspace.config, number, issue.issue.period, track_id,
                                      encoding_name(encoding) == "cp1251", force))
    if found.other_issue is not None and found.other_period is None:
        found.other_period = period_of(loader, found.other_issue)
    stored = {track.id: loader.stored(number, track, issue) for track, _ in found.tables}
    plan = plan_import(workspace.config, issue, found, stored, ImportOptions(replace, force, loader.date_words()),
                       loader.scale if found.printed else None, shown, path.name)
    if plan.errors:
        raise InputInvalid(reading_order(plan.problems, found.sheets, shown), f"{shown} (nothing was imported)")
    if not dry_run:
        plan.contents = with_revisions(loader, issue, plan.contents, reason)
    return _result(workspace, plan, dry_run, issue.issue.period.end.year)


def period_of(loader: Loader, number: int) -> Period | None:
    """The months of issue `number`: its issue.toml's, or the cadence's when the workspace does not have it."""
    try:
        if number in loader.workspace.issue_numbers:
            return loader.issue_file(number).issue.period
        return expected_period(loader.config.cadence, number)
    except (InputInvalid, DateError, ValueError):
        return None


def _result(workspace: Workspace, plan: ImportPlan, dry_run: bool, year: int) -> ImportResult:
    written = None
    if plan.contents and not dry_run:
        written = commit_files(workspace.issue_dir(plan.number), plan.contents)
    return ImportResult(
        plan.number, plan.source, plan.tracks, [workspace.display(p) for p in plan.contents],
        workspace.display(written.backup) if written and written.backup else None, plan.published,
        plan.warnings, dry_run, year)

