"""A second analyst's scores of an issue's events: `import FILE --issue N --coder NAME` stores them in
`events/NNN/coders/NAME/<track>.csv` (the catalogue's columns), for `barometer agreement` and the robustness
figures. Every row must be an event of the catalogue (by date and text) with its scores; the coder's files are
replaced whole, all or nothing, under the workspace's lock. An event left unscored is left out (a coder may
score part of an issue); one scored must be scored whole."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from barometer.agreement import CATALOGUE_CODER
from barometer.catalogue import CODERS_DIR, validate_table
from barometer.entry.sources import SourceRequest, encoding_name, read_source
from barometer.entry.store import commit_files, render_catalogue
from barometer.errors import Code, InputInvalid, Problem, UsageError, errors_only
from barometer.load import Loader
from barometer.lock import workspace_lock
from barometer.models import EventContext
from barometer.workspace import Workspace

CODER = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class CodedImport:
    coder: str
    folder: Path
    events: dict[str, int]  # track id → events scored


def import_coder(workspace: Workspace, path: Path, number: int, coder: str, encoding: str | None = None,
                 force: bool = False) -> CodedImport:
    """Store the scores `path` gives to issue `number`'s events as coder `coder`'s (see the module's docstring)."""
    if coder == CATALOGUE_CODER:
        raise UsageError(f"--coder {coder}: that name is the catalogue's own in the agreement; give the analyst's name")
    if not CODER.match(coder):
        raise UsageError(f"--coder {coder!r}: a coder's name is lower-case letters, digits, '-' or '_' (e.g. kulai)")
    workspace.require_issue(number)
    with workspace_lock(workspace.root):
        loader = Loader(workspace)
        issue = loader.issue_file(number)
        catalogue = loader.catalogue(number)
        shown = workspace.display(path)
        found = read_source(SourceRequest(path, shown, workspace.config, number, issue.issue.period, None,
                                          encoding_name(encoding) == "cp1251", force))
        context = EventContext(workspace.config.scores, issue.issue.period, date_words=loader.date_words())
        folder = workspace.issue_dir(number) / CODERS_DIR / coder
        problems = list(found.problems)
        contents: dict[Path, bytes | None] = {}
        counts = {}
        for track, table in found.tables:
            fields = ("national_security", "regional_tension") if track.kind == "security" else ("score",)
            table.rows = [row for row in table.rows  # an event the coder left unscored is not coded: left out
                          if any(str(row.cells.get(name) or "").strip() for name in fields)]
            events, found_problems = validate_table(table, track, context)
            problems += found_problems
            known = {e.key for e in catalogue.events.get(track.id, [])}
            for event in events:
                if event.key not in known:
                    problems.append(Problem(
                        Code.CODER_EVENT_UNKNOWN, "no event of the catalogue has this date and text", file=shown,
                        line=event.line, value=event.text[:80],
                        expected=f"the events of {track.file_name} as the blind template lists them"))
            if events:
                contents[folder / track.file_name] = render_catalogue(track, events).encode("utf-8")
                counts[track.id] = len(events)
        if errors_only(problems):
            raise InputInvalid(errors_only(problems), f"{shown} (nothing was stored)")
        if not contents:
            raise InputInvalid([Problem(Code.CODINGS_EMPTY, "the file scores no event", file=shown,
                                        expected="the blind template with a score for each event")],
                               f"{shown} (nothing was stored)")
        commit_files(workspace.issue_dir(number), contents)
    return CodedImport(coder, folder, counts)
