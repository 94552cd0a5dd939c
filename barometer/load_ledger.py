"""The loader's reading of what a reviewer checks: the revision ledger of a published issue (its catalogues as
published, its revision log, the differences no record explains) and the other coders' scores of its events."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from barometer.agreement import CATALOGUE_CODER, Codings
from barometer.catalogue import CODERS_DIR, PUBLISHED_DIR, REVISIONS_FILE, unknown_entries
from barometer.errors import Code, InputInvalid, Problem, errors_only
from barometer.io.boundary import exists, tree_problems
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.encoding import read_file_bytes
from barometer.models import AnyEvent, Catalogue, EventContext, IssueFile
from barometer.revisions import COLUMNS as REVISION_COLUMNS
from barometer.revisions import Revision, record_problems, unrecorded

if TYPE_CHECKING:
    from barometer.load import Loader


class LedgerReader:
    """Part of `Loader` (see there): the revision ledger and the coders' files."""

    def coders(self: Loader, number: int, catalogue: Catalogue | None = None) -> tuple[Codings, list[Problem]]:
        """Other analysts' scores of issue `number`'s events (`coders/<name>/<track>.csv`, the catalogue's
        columns), by coder, track and event key; a coded event the catalogue lacks is a warning
        (`coder-event-unknown`), and is left out."""
        folder = self.workspace.issue_dir(number) / CODERS_DIR
        if not folder.is_dir():
            return {}, []
        source = self.issue_file(number)
        context = EventContext(self.config.scores, source.issue.period, date_words=self.date_words())
        problems = tree_problems(folder, self.workspace.root, self.workspace.display(folder))
        codings: Codings = {}
        for coder in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if coder.name == CATALOGUE_CODER:  # the catalogue's own name in the agreement: never a second coder
                problems.append(Problem(Code.FILE_UNKNOWN, "a coder's folder named as the catalogue itself; it is "
                                        "not read", file=self.workspace.display(coder), value=coder.name,
                                        expected="the analyst's name", severity="warning"))
                continue
            problems += unknown_entries([p.name for p in coder.iterdir()], self.config,
                                        self.workspace.display(coder), allowed_only_tracks=True)
            for track in self.config.tracks:
                stored = self.stored(number, track, source, context, folder=coder)
                if stored.table is None:
                    continue
                problems += stored.problems
                known = {e.key for e in catalogue.events.get(track.id, [])} if catalogue is not None else None
                scores = {}
                for event in stored.events:
                    if known is not None and event.key not in known:
                        problems.append(Problem(
                            Code.CODER_EVENT_UNKNOWN, "no event of the catalogue has this date and text; its "
                            "scores are left out", file=stored.file, line=event.line, value=event.text[:80],
                            severity="warning", expected=f"the date and text of an event of {track.file_name}"))
                        continue
                    scores[event.key] = tuple(event.scores.values())
                codings.setdefault(coder.name, {})[track.id] = scores
        return codings, problems

    def published_folder(self: Loader, number: int) -> Path:
        return self.workspace.issue_dir(number) / PUBLISHED_DIR

    def as_published(self: Loader, number: int, source: IssueFile) -> Catalogue:
        """The catalogue of a published issue as it was published (its frozen copy)."""
        context = EventContext(self.config.scores, source.issue.period, date_words=self.date_words())
        events, problems = {}, []
        for track in self.config.tracks:
            stored = self.stored(number, track, source, context, folder=self.published_folder(number))
            if stored.table is not None:
                events[track.id] = stored.events
                problems += stored.problems
        if not events:
            problems.append(Problem(Code.PUBLISHED_COPY_MISSING, "the catalogues as published are missing",
                                    file=self.workspace.display(self.published_folder(number)),
                                    expected="the copies `barometer publish` froze"))
        if errors_only(problems):
            raise InputInvalid(errors_only(problems), f"the catalogues of No. {number} as published")
        return Catalogue.model_construct(issue=source.issue, events=events)

    def revisions(self: Loader, number: int) -> list[Revision]:
        """The revision log of an issue (`revisions.csv`), oldest first; none before publication."""
        path = self.workspace.issue_dir(number) / REVISIONS_FILE
        if not exists(path):
            return []
        file = self.workspace.display(path)
        data, problems = read_file_bytes(path, file, root=self.workspace.root, what="a revision log")
        table = parse_csv_bytes(data, file) if not problems else None
        problems += table.problems if table else []
        missing = [name for name in REVISION_COLUMNS if table is not None and name not in table.columns]
        if problems or missing:
            raise InputInvalid(problems or [Problem(
                Code.COLUMN_MISSING, f"the revision log has no {', '.join(missing)} column", file=file, line=1,
                expected=",".join(REVISION_COLUMNS))], file)
        return [Revision(*(str(row.cells.get(name) or "") for name in REVISION_COLUMNS), line=row.line)
                for row in table.rows]  # type: ignore[union-attr]

    def revision_problems(self: Loader, number: int, source: IssueFile, context: EventContext,
                          events: dict[str, list[AnyEvent]]) -> list[Problem]:
        """Where the catalogue differs from the catalogue as published with its recorded changes replayed (see
        `revisions`), each record that cannot be a change, and each frozen copy that is missing or unreadable."""
        log = self.workspace.display(self.workspace.issue_dir(number) / REVISIONS_FILE)
        try:
            records = self.revisions(number)
        except InputInvalid as invalid:
            return invalid.problems
        found = record_problems(records, (t.id for t in self.config.tracks), log)
        for track in self.config.tracks:
            frozen = self.stored(number, track, source, context, folder=self.published_folder(number))
            now = events.get(track.id)
            if frozen.table is None and now is None:
                continue
            if frozen.table is None or errors_only(frozen.problems):
                found += frozen.problems or [Problem(
                    Code.PUBLISHED_COPY_MISSING, "the catalogue as published is missing", file=frozen.file,
                    expected=f"the copy `barometer publish` froze; put it back from a backup (barometer restore "
                    f"{number} --list), or from the bulletin as published")]
                continue
            file = self.workspace.display(self.workspace.issue_dir(number) / track.file_name)
            found += unrecorded(track.id, frozen.events, now or [], records, (file, frozen.file, log))
        return found

