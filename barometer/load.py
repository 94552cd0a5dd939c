"""The one door to the workspace's data: a command makes one `Loader` and asks it for what it needs.

The loader reads barometer.toml's scale, each issue.toml (kept with its text, so problems can name a key's
line without reading it again), the catalogues, the narratives and the bulletin template's place — each once
per command — and hands them to pure functions: summary, audit, flags, compare, charts, report content,
export. Nothing else below the CLI opens a workspace file; the writers (`atomic`, `entry.store`) are the
only other door.

    loader = Loader(Workspace.find())
    data = loader.issue_data(18)        # No. 18 with its catalogue, the history up to it, its narratives
    summaries = loader.history()        # every issue's figures, from catalogues or as printed
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.catalogue import (
    NARRATIVE_DIR,
    CheckResult,
    empty_track_problems,
    masthead_problems,
    order_problems,
    unknown_entries,
    unknown_published_tracks,
    validate_table,
)
from barometer.errors import Code, InputInvalid, Problem, TemplateError, errors_only
from barometer.io.boundary import exists, file_problem, tree_problems
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.encoding import read_file_bytes, read_text_file
from barometer.io.table import RowTable
from barometer.io.toml_io import parse_model, read_toml_text
from barometer.masthead import Logo
from barometer.models import AnyEvent, Catalogue, EventContext, Issue, IssueFile, Track, WorkspaceConfig
from barometer.parallel import map_issues
from barometer.scale import Scale, parse_scale
from barometer.summary import IssueSummary, entered_only, summarize
from barometer.workspace import BACKUP_NOTE, ISSUE_FILE, Workspace

if TYPE_CHECKING:
    from barometer.compare import Comparison

Progress = Callable[[int, int], None]
EDITORIAL = "editorial"  # text/editorial.md: the editor's letter
TEMPLATE = Path("reports") / "templates" / "bulletin.typ"
FONTS = Path("reports") / "templates" / "fonts"
MAX_TEMPLATE_BYTES = 5_000_000
BACKUP_NAME = re.compile(r"\d{8}T\d{12}Z")  # 20261130T065329067103Z


@dataclass(frozen=True)
class StoredCatalogue:
    """A track's catalogue file as it is now: its bytes (None when there is none), its rows as read, its
    valid events and its problems. What the entry commands change, and merge into."""

    track: Track
    path: Path
    file: str  # as shown to users
    data: bytes | None
    table: RowTable | None
    events: list[AnyEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.data is not None

    @property
    def newline(self) -> str:
        """The file's line ending: CRLF when its first line ends so (a file saved on Windows), else LF."""
        data = self.data or b""
        first = data.find(b"\n")
        return "\r\n" if first > 0 and data[first - 1:first] == b"\r" else "\n"


@dataclass(frozen=True)
class StoredBackup:
    """One backup of an issue's files (events/NNN/.backup/<name>/): its note (the command, the files it changed
    and created; None for a backup made before notes were kept), each file's bytes, and what kept a file from
    being read."""

    name: str
    folder: Path
    note: dict[str, object] | None
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class LoadedIssue:
    """An issue with its validated catalogue (tracks not entered yet left out) and its figures."""

    source: IssueFile
    catalogue: Catalogue
    summary: IssueSummary

    @property
    def issue(self) -> Issue:
        return self.source.issue

    @property
    def number(self) -> int:
        return self.source.number


@dataclass(frozen=True)
class IssueData:
    """Everything the outputs of one issue — the bulletin, its charts, an export — are made from."""

    config: WorkspaceConfig
    scale: Scale | None
    current: LoadedIssue
    history: list[IssueSummary]  # every issue up to the current one, ascending; the last is the current one's
    narratives: dict[str, str] = field(default_factory=dict)  # "editorial" and track ids → Markdown text
    fonts: list[Path] = field(default_factory=list)  # the workspace's own fonts (reports/templates/fonts)

    @property
    def summary(self) -> IssueSummary:
        return self.current.summary

    @property
    def catalogue(self) -> Catalogue:
        return self.current.catalogue

    @property
    def comparison(self) -> Comparison | None:
        """The issue against the nearest earlier one (None for the first issue)."""
        from barometer.compare import change_since_previous

        return change_since_previous(self.history, self.current.number)


class Loader:
    """Reads what a command needs from one workspace, each file once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.config = workspace.config
        self._issue_files: dict[int, IssueFile] = {}
        self._scale: Scale | InputInvalid | None | bool = False  # False: not read yet

    # --- settings ---------------------------------------------------------------------------------

    @property
    def scale(self) -> Scale | None:
        """The colour scale, read once (an invalid one raises `InputInvalid` every time it is asked for); None
        when the workspace has no security track (then no scale is needed)."""
        if self._scale is False:
            try:
                self._scale = self._read_scale()
            except InputInvalid as invalid:
                self._scale = invalid
        if isinstance(self._scale, InputInvalid):
            raise InputInvalid(self._scale.problems, self.workspace.display(self.workspace.scale_path))
        return self._scale  # type: ignore[return-value]

    def _read_scale(self) -> Scale | None:
        if self.config.security_track is None:
            return None
        return load_scale(self.workspace.scale_path, self.workspace.display(self.workspace.scale_path),
                          self.workspace.root)

    def template(self) -> Path:
        """The bulletin's Typst template; raises `TemplateError` when it is missing, and `InputInvalid` when it, or
        anything in its folder (logos, fonts: Typst reads them itself), links out of the workspace or is no file."""
        path = self.workspace.root / TEMPLATE
        shown = self.workspace.display(path)
        if not exists(path):
            raise TemplateError(f"no bulletin template: {shown} does not exist", [Problem(
                Code.TEMPLATE_MISSING, "the bulletin template is missing", file=shown,
                expected="a Typst template (copy reports/templates/bulletin.typ from the example workspace)")])
        problem = file_problem(path, shown, self.workspace.root, MAX_TEMPLATE_BYTES, "a Typst template")
        folder = path.parent
        problems = [problem] if problem else []
        problems += tree_problems(folder, self.workspace.root, self.workspace.display(folder))
        if problems:
            raise InputInvalid(problems, f"the bulletin template's folder {self.workspace.display(folder)}")
        return path

    def logos(self) -> list[tuple[Logo, Path]]:
        """The imprint's logos with their files; raises `InputInvalid` naming each one that is no file of the
        workspace."""
        found, problems = [], []
        for index, logo in enumerate(self.config.imprint.logos):
            path = (self.workspace.root / logo.file).resolve()
            if not path.is_relative_to(self.workspace.root) or not path.is_file():
                problems.append(Problem(Code.LOGO_MISSING, "the logo is not a file of the workspace",
                                        file="barometer.toml", field=f"imprint.logos.{index}.file", value=logo.file,
                                        expected="a path inside the workspace to an SVG, PNG or JPEG file"))
            found.append((logo, path))
        if problems:
            raise InputInvalid(problems, "barometer.toml")
        return found

    def font_folders(self) -> list[Path]:
        """The workspace's own fonts for the bulletin (reports/templates/fonts), when it has any."""
        folder = self.workspace.root / FONTS
        return [folder] if folder.is_dir() else []

    # --- issues -----------------------------------------------------------------------------------

    def issue_file(self, number: int) -> IssueFile:
        """Issue `number`'s issue.toml, validated; its number must match its folder."""
        if number in self._issue_files:
            return self._issue_files[number]
        folder = self.workspace.require_issue(number)
        path = folder / ISSUE_FILE
        file = self.workspace.display(path)
        text = read_toml_text(path, file, self.workspace.root)
        issue = parse_model(text, file, Issue)
        if issue.number != number:
            raise InputInvalid([Problem(
                Code.ISSUE_NUMBER_MISMATCH, f"issue.toml says number {issue.number} in folder {folder.name}",
                file=file, field="number", value=str(issue.number), expected=str(number))], file)
        source = self._issue_files[number] = IssueFile(issue, file, text, path)
        return source

    def issue_files(self) -> list[IssueFile]:
        """Every issue whose issue.toml loads, ascending; the others' problems are reported by `check`."""
        sources = []
        for number in self.workspace.issue_numbers:
            try:
                sources.append(self.issue_file(number))
            except InputInvalid:
                continue
        return sources

    def stored(self, number: int, track: Track, source: IssueFile | None = None,
               context: EventContext | None = None) -> StoredCatalogue:
        """A track's catalogue of issue `number` as stored: bytes, rows, valid events and problems."""
        source = source or self.issue_file(number)
        context = context or EventContext(self.config.scores, source.issue.period)
        path = self.workspace.issue_dir(number) / track.file_name
        file = self.workspace.display(path)
        if not exists(path):
            return StoredCatalogue(track, path, file, None, None)
        data, problems = read_file_bytes(path, file, root=self.workspace.root)
        table = RowTable(file=file, columns=[], problems=problems) if problems else parse_csv_bytes(data, file)
        table.problems[:] = [_convert_in_place(p, number) for p in table.problems]
        events, problems = validate_table(table, track, context)
        return StoredCatalogue(track, path, file, data, table, events, problems)

    def check(self, number: int) -> CheckResult:
        """Load and validate one issue, collecting every problem instead of stopping at the first."""
        try:
            source = self.issue_file(number)
        except InputInvalid as invalid:
            return CheckResult(number, None, invalid.problems)
        folder = self.workspace.issue_dir(number)
        problems = unknown_entries([entry.name for entry in folder.iterdir()], self.config,
                                   self.workspace.display(folder))
        events: dict[str, list] = {}
        context = EventContext(self.config.scores, source.issue.period)  # one per issue: its dates parsed once
        for track in self.config.tracks:
            stored = self.stored(number, track, source, context)
            if stored.table is None:
                continue
            events[track.id] = stored.events
            problems.extend(stored.problems)
            problems.extend(order_problems(stored.file, stored.events))
        problems.extend(unknown_published_tracks(self.config, source.issue, source.file))
        problems.extend(masthead_problems(self.config, source))
        problems.extend(empty_track_problems(source, events))
        catalogue = Catalogue.model_construct(issue=source.issue, events=events)
        valid = not errors_only(problems)
        return CheckResult(number, catalogue if valid else None, problems,
                           sum(len(e) for e in events.values()), len(events),
                           [t for t, e in events.items() if not e and t not in source.issue.empty])

    def catalogue(self, number: int) -> Catalogue:
        """The validated catalogue of an issue; raises `InputInvalid` listing every error."""
        result = self.check(number)
        if result.catalogue is None:
            raise InputInvalid(result.problems, f"issue {number}")
        return result.catalogue

    def loaded(self, number: int) -> LoadedIssue:
        """An issue with its catalogue and figures; raises `InputInvalid` listing every error."""
        catalogue = entered_only(self.catalogue(number))
        source = self.issue_file(number)
        return LoadedIssue(source, catalogue, summarize(self.config, source, catalogue, self.scale))

    def summary(self, number: int) -> IssueSummary:
        """Issue `number`'s figures; raises `InputInvalid` listing every error."""
        return self.loaded(number).summary

    def numbers(self, first: int | None = None, last: int | None = None) -> list[int]:
        return [n for n in self.workspace.issue_numbers
                if (first is None or n >= first) and (last is None or n <= last)]

    def history(self, first: int | None = None, last: int | None = None,
                on_progress: Progress | None = None) -> list[IssueSummary]:
        """One summary per issue in [first, last], ascending. Many issues are read in parallel processes, and
        only their figures travel back. Raises `InputInvalid` with every invalid issue's errors."""
        results = map_issues(self.workspace.root, self.numbers(first, last), _summary_task, self, Loader.at,
                             on_progress)
        return _summaries(results)

    def issue_data(self, number: int, on_progress: Progress | None = None) -> IssueData:
        """Issue `number` with its catalogue, the history up to it and its narratives: what the bulletin and
        its charts are made from. The history is read once, for both."""
        self.workspace.require_issue(number)
        earlier = map_issues(self.workspace.root, self.numbers(last=number - 1), _summary_task, self, Loader.at,
                             on_progress)
        try:
            current = self.loaded(number)
        except InputInvalid as invalid:
            _summaries([*earlier, invalid.problems])  # raises, with the earlier issues' problems too
            raise
        history = _summaries([*earlier, current.summary])
        return IssueData(self.config, self.scale, current, history, self.narratives(number), self.font_folders())

    # --- texts ------------------------------------------------------------------------------------

    def narratives(self, number: int) -> dict[str, str]:
        """The issue's Markdown texts by name: `editorial` and a track id per section that has one."""
        folder = self.workspace.issue_dir(number) / NARRATIVE_DIR
        found = {}
        for name in (EDITORIAL, *(t.id for t in self.config.tracks)):
            path = folder / f"{name}.md"
            if exists(path):
                text, problems = read_text_file(path, self.workspace.display(path), root=self.workspace.root,
                                                what="a narrative")
                if problems:
                    raise InputInvalid(problems, self.workspace.display(path))
                found[name] = text
        return found

    # --- backups ------------------------------------------------------------------------------------

    def backup_names(self, number: int) -> list[str]:
        """The names of issue `number`'s backups (their UTC times), oldest first."""
        folder = self.workspace.backups_dir(number)
        if not folder.is_dir() or folder.is_symlink():
            return []
        return sorted(entry.name for entry in folder.iterdir() if BACKUP_NAME.fullmatch(entry.name))

    def backup(self, number: int, name: str) -> StoredBackup:
        """One backup with its note and its files, each read as every workspace file is (see `io.boundary`)."""
        folder = self.workspace.backups_dir(number) / name
        stored = StoredBackup(name, folder, None)
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            shown = self.workspace.display(entry)
            data, problems = read_file_bytes(entry, shown, root=self.workspace.root, what="a backed-up file")
            stored.problems.extend(problems)
            if problems:
                continue
            if entry.name == BACKUP_NOTE:
                try:
                    note = json.loads(data)
                except (ValueError, RecursionError):
                    note = None
                object.__setattr__(stored, "note", note if isinstance(note, dict) else None)
            else:
                stored.files[entry.name] = data
        return stored

    @classmethod
    def at(cls, root: Path) -> Loader:
        """A loader of the workspace at `root` (a worker process makes its own)."""
        return cls(Workspace.open(root))


def _convert_in_place(problem: Problem, number: int) -> Problem:
    """A catalogue in Windows-1251 is fixed by importing it into itself: the one place where the hint may name
    --replace (the file is the catalogue, so no event is lost; its old bytes go to the backup)."""
    if problem.code != Code.FILE_NOT_UTF8 or "1251" not in problem.message or problem.file is None:
        return problem
    return replace(problem, expected=f"UTF-8 text: save it as 'CSV UTF-8', or convert it in place with `barometer "
                   f"import {problem.file} --issue {number} --encoding cp1251 --replace` (the file is this "
                   "catalogue, so its events stay; the old bytes are backed up)")


def _summary_task(loader: Loader, number: int) -> IssueSummary | list[Problem]:
    """An issue's figures, or its problems (in a worker process: only figures travel back)."""
    try:
        return loader.summary(number)
    except InputInvalid as invalid:
        return invalid.problems


def _summaries(results: list[IssueSummary | list[Problem]]) -> list[IssueSummary]:
    invalid = [result for result in results if isinstance(result, list)]
    if invalid:
        raise InputInvalid([p for problems in invalid for p in problems],
                           "an issue" if len(invalid) == 1 else f"{len(invalid)} of the issues")
    return [result for result in results if isinstance(result, IssueSummary)]


# --- the same, one call each: for library users, notebooks and tests ------------------------------


def load_catalogue(workspace: Workspace, number: int) -> Catalogue:
    """The validated catalogue of an issue; raises `InputInvalid` listing every error."""
    return Loader(workspace).catalogue(number)


def check_issue(workspace: Workspace, number: int) -> CheckResult:
    """Load and validate one issue, collecting every problem."""
    return Loader(workspace).check(number)


def issue_summary(workspace: Workspace, number: int) -> IssueSummary:
    """Load, validate and sum one issue; raises `InputInvalid` listing every error."""
    return Loader(workspace).summary(number)


def load_history(workspace: Workspace, first: int | None = None, last: int | None = None,
                 on_progress: Progress | None = None) -> list[IssueSummary]:
    """One summary per issue in [first, last], ascending."""
    return Loader(workspace).history(first, last, on_progress)


def load_scale(path: Path, file: str, root: Path | None = None) -> Scale:
    """A scale file (shown as `file`), refused with a clear message when it leaves a gap or has an overlap, or
    (with `root`) when it is no regular file inside the workspace."""
    return parse_scale(read_toml_text(path, file, root), file)


def workspace_scale(workspace: Workspace) -> Scale | None:
    """The workspace's colour scale (None without a security track)."""
    return Loader(workspace).scale
