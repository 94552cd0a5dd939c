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

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.catalogue import (
    CODERS_DIR,
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
from barometer.io.boundary import exists, file_problem, read_checked, tree_problems
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.encoding import read_file_bytes, read_text_file
from barometer.io.table import RowTable
from barometer.io.toml_io import parse_model, read_toml_text
from barometer.load_backups import BackupReader
from barometer.load_editions import EditionReader
from barometer.load_ledger import LedgerReader
from barometer.masthead import Logo
from barometer.models import AnyEvent, Catalogue, EventContext, Issue, IssueFile, Track, WorkspaceConfig
from barometer.parallel import map_issues
from barometer.scale import Scale, parse_scale
from barometer.summary import IssueSummary, entered_only, summarize
from barometer.workspace import ISSUE_FILE, Workspace

if TYPE_CHECKING:
    from barometer.compare import Comparison
    from barometer.dates import DateWords, EventDate
    from barometer.i18n import Language

Progress = Callable[[int, int], None]
EDITORIAL = "editorial"  # text/editorial.md: the editor's letter
TEMPLATE = Path("reports") / "templates" / "bulletin.typ"
FONTS = Path("reports") / "templates" / "fonts"
SITE = Path("reports") / "templates" / "site"  # the web edition's templates, stylesheet and images
MAX_SITE_FILES = 500
MAX_TEMPLATE_BYTES = 5_000_000
MAX_LOGO_BYTES = 10_000_000


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
    language: Language = field(default_factory=lambda: _english())  # the edition's language
    event_texts: dict[tuple[str, EventDate, str], str] = field(default_factory=dict)  # translated event texts
    originals: list[str] = field(default_factory=list)  # texts printed in the workspace's language: not translated
    notes: list[Problem] = field(default_factory=list)  # warnings about the edition (translation-orphaned)

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


@dataclass(frozen=True)
class SiteTemplates:
    """The web edition's files as read: templates by name, other files (stylesheet, images) and fonts as bytes."""

    folder: str  # as shown to users: reports/templates/site
    templates: dict[str, str] = field(default_factory=dict)  # "issue.html" → its Jinja2 source
    assets: dict[str, bytes] = field(default_factory=dict)  # "site.css" → its bytes
    fonts: dict[str, bytes] = field(default_factory=dict)  # "Lato-Regular.ttf" → its bytes


def _english() -> Language:
    from barometer.i18n import ENGLISH

    return ENGLISH


class Loader(EditionReader, LedgerReader, BackupReader):
    """Reads what a command needs from one workspace, each file once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.config = workspace.config
        self._issue_files: dict[int, IssueFile] = {}
        self._scale: Scale | InputInvalid | None | bool = False  # False: not read yet
        self._date_words: DateWords | None = None
        self._summaries: dict[tuple[int, bool], IssueSummary] = {}

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
            path = self.workspace.root / logo.file
            problem = file_problem(path, logo.file, self.workspace.root, MAX_LOGO_BYTES, "an image file")
            if problem is not None:
                problems.append(Problem(Code.LOGO_MISSING, f"the logo is no file of the workspace: {problem.message}",
                                        file="barometer.toml", field=f"imprint.logos.{index}.file", value=logo.file,
                                        expected="a path inside the workspace to an SVG, PNG or JPEG file"))
            found.append((logo, path))
        if problems:
            raise InputInvalid(problems, "barometer.toml")
        return found

    def site_templates(self) -> SiteTemplates:
        """The web edition's files (reports/templates/site): its Jinja2 templates (`*.html`) as text, the rest
        (stylesheet, images) as bytes, and the bulletin's fonts (reports/templates/fonts). Raises `TemplateError`
        when the folder is missing, and `InputInvalid` naming each file that links out of the workspace, is no
        regular file, is too large, or (a template) is not UTF-8."""
        from barometer.io.encoding import decode_utf8

        folder = self.workspace.root / SITE
        shown = self.workspace.display(folder)
        if not folder.is_dir() or folder.is_symlink():
            raise TemplateError(f"no web edition templates: {shown} is no folder", [Problem(
                Code.TEMPLATE_MISSING, "the web edition's templates are missing", file=shown,
                expected="a folder of Jinja2 templates (copy reports/templates/site from the example workspace)")])
        problems = tree_problems(folder, self.workspace.root, shown, MAX_SITE_FILES)
        paths = sorted(p for p in folder.rglob("*") if not p.is_dir() and not p.name.startswith("."))
        fonts = self.workspace.root / FONTS
        font_paths = sorted(p for p in fonts.iterdir() if p.suffix.lower() in (".ttf", ".otf")) \
            if fonts.is_dir() and not fonts.is_symlink() else []
        found = SiteTemplates(shown)
        for path in [*paths[:MAX_SITE_FILES], *font_paths] if not problems else []:
            file = self.workspace.display(path)
            data, more = read_checked(path, file, MAX_TEMPLATE_BYTES, self.workspace.root, "a file of the templates")
            name = path.relative_to(path.parent if path in font_paths else folder).as_posix()
            if path in font_paths:
                found.fonts[name] = data
            elif path.suffix == ".html" and not more:
                text, more = decode_utf8(data, file)
                found.templates[name] = text
            else:
                found.assets[name] = data
            problems += more
        if problems:
            raise InputInvalid(problems, f"the web edition's templates {shown}")
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
               context: EventContext | None = None, folder: Path | None = None) -> StoredCatalogue:
        """A track's catalogue of issue `number` as stored (or a table of the same form in `folder`: a coder's
        scores, the catalogue as published): bytes, rows, valid events and problems."""
        source = source or self.issue_file(number)
        context = context or EventContext(self.config.scores, source.issue.period, date_words=self.date_words())
        path = (folder or self.workspace.issue_dir(number)) / track.file_name
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
        # one per issue: its dates parsed once
        context = EventContext(self.config.scores, source.issue.period, date_words=self.date_words())
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
        # The ledger and the coders' files fail `check`, and only warn elsewhere: the catalogue still sums.
        problems.extend(self.coders(number, catalogue)[1])
        if valid and source.issue.published_on:
            problems.extend(self.revision_problems(number, source, context, events))
        return CheckResult(number, catalogue if valid else None, problems,
                           sum(len(e) for e in events.values()), len(events),
                           [t for t, e in events.items() if not e and t not in source.issue.empty])

    def catalogue(self, number: int) -> Catalogue:
        """The validated catalogue of an issue; raises `InputInvalid` listing every error."""
        result = self.check(number)
        if result.catalogue is None:
            raise InputInvalid(result.problems, f"issue {number}")
        return result.catalogue

    def loaded(self, number: int, as_published: bool = False) -> LoadedIssue:
        """An issue with its catalogue and figures (the catalogue as published, frozen, with `as_published`);
        raises `InputInvalid` listing every error. The revision ledger's problems and the coders' files' are
        warnings here (see `side_problem`)."""
        result = self.check(number)
        side = [p for p in result.problems if side_problem(p)]
        if result.catalogue is None:
            raise InputInvalid(errors_only(result.problems), f"issue {number}")
        source = self.issue_file(number)
        catalogue = result.catalogue
        if as_published and source.issue.published_on:
            catalogue = self.as_published(number, source)
        catalogue = entered_only(catalogue)
        summary = summarize(self.config, source, catalogue, self.scale)
        summary.warnings.extend(replace(p, severity="warning") for p in side)
        return LoadedIssue(source, catalogue, summary)

    def summary(self, number: int, as_published: bool = False) -> IssueSummary:
        """Issue `number`'s figures, summed once per loader (the web edition asks for every issue's history
        once per issue); raises `InputInvalid` listing every error."""
        key = (number, as_published)
        if key not in self._summaries:
            self._summaries[key] = self.loaded(number, as_published).summary
        return self._summaries[key]

    def numbers(self, first: int | None = None, last: int | None = None) -> list[int]:
        return [n for n in self.workspace.issue_numbers
                if (first is None or n >= first) and (last is None or n <= last)]

    def history(self, first: int | None = None, last: int | None = None,
                on_progress: Progress | None = None, as_published: bool = False) -> list[IssueSummary]:
        """One summary per issue in [first, last], ascending (published issues as published, with
        `as_published`). Many issues are read in parallel processes, and only their figures travel back. Raises
        `InputInvalid` with every invalid issue's errors."""
        task = _published_summary_task if as_published else _summary_task
        results = map_issues(self.workspace.root, self.numbers(first, last), task, self, Loader.at, on_progress)
        return _summaries(results)

    def issue_data(self, number: int, on_progress: Progress | None = None, as_published: bool = False) -> IssueData:
        """Issue `number` with its catalogue, the history up to it and its narratives: what the bulletin and
        its charts are made from (the published issues as published, with `as_published`). The history is read
        once, for both."""
        self.workspace.require_issue(number)
        task = _published_summary_task if as_published else _summary_task
        earlier = map_issues(self.workspace.root, self.numbers(last=number - 1), task, self, Loader.at, on_progress)
        try:
            current = self.loaded(number, as_published)
        except InputInvalid as invalid:
            _summaries([*earlier, invalid.problems])  # raises, with the earlier issues' problems too
            raise
        history = _summaries([*earlier, current.summary])
        return IssueData(self.config, self.scale, current, history, self.narratives(number), self.font_folders())

    # --- texts ------------------------------------------------------------------------------------

    def narratives(self, number: int, code: str | None = None) -> dict[str, str]:
        """The issue's Markdown texts by name: `editorial` and a track id per section that has one (in
        `text/<code>/` for a translation)."""
        folder = self.workspace.issue_dir(number) / NARRATIVE_DIR
        folder = folder / code if code else folder
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


LEDGER_CODES = {Code.REVISION_UNRECORDED, Code.REVISION_INVALID, Code.PUBLISHED_COPY_MISSING}


def side_problem(problem: Problem) -> bool:
    """A problem of the revision ledger or of a coder's file: `check` fails on it; the figures are still summed."""
    return problem.code in LEDGER_CODES or f"/{CODERS_DIR}/" in (problem.file or "")


def _published_summary_task(loader: Loader, number: int) -> IssueSummary | list[Problem]:
    """As `_summary_task`, a published issue's figures as published."""
    try:
        return loader.summary(number, as_published=True)
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
