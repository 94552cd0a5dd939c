"""The bulletin PDF in four steps: data, charts, typeset, write. Nothing is written unless all succeed."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from barometer.errors import BarometerError, Code, InputInvalid, Problem
from barometer.i18n import SOURCE_LANGUAGE, Language, TranslationMissing
from barometer.load import IssueData, Loader
from barometer.lock import STATE_DIR
from barometer.method import MethodFigures, method_figures
from barometer.outputs import claim, write_output
from barometer.report.charts import bulletin_charts
from barometer.report.content import build_report_data
from barometer.report.method import Ledger, revision_rows
from barometer.report.typeset import page_count, typeset
from barometer.summary import IssueSummary
from barometer.workspace import Workspace

STEPS = ("data", "charts", "typeset", "write")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    size: int
    charts: int
    summary: IssueSummary
    notes: list[Problem] = field(default_factory=list)  # warnings about the edition (translation-orphaned)


def default_report_path(workspace: Workspace, number: int, language: str = SOURCE_LANGUAGE) -> Path:
    """reports/018.pdf, and reports/018-ru.pdf for an edition in another language."""
    suffix = "" if language == SOURCE_LANGUAGE else f"-{language}"
    return workspace.reports_dir / f"{number:03d}{suffix}.pdf"


def template_strings(template: str) -> list[str]:
    """The fixed strings a template prints: the keys of its `t("...")` and `tf("...", ...)` calls."""
    found = re.findall(r'\btf?\(\s*"((?:[^"\\]|\\.)*)"', template)
    return list(dict.fromkeys(text.replace('\\"', '"').replace("\\\\", "\\") for text in found))


def strings_in(language: Language, keys: list[str], template_file: str) -> dict[str, str]:
    """The template's strings in `language`; one located problem per string its catalogues lack."""
    found, problems = {}, []
    for key in keys:
        try:
            found[key] = language.text(key)
        except TranslationMissing as missing:
            problems.append(_missing(missing, f"used by {template_file}"))
    if problems:
        raise InputInvalid(problems, f"the {language.code} catalogue")
    return found


def _missing(missing: TranslationMissing, where: str) -> Problem:
    return Problem(Code.TRANSLATION_MISSING, f"no {missing.language} translation of a string {where}",
                   file=(missing.files or (f"barometer/locales/{missing.language}.po",))[0],
                   value=missing.message, expected='an entry msgid "…" msgstr "…" for it')


def method_figures_of(loader: Loader, data: IssueData, as_published: bool = False) -> MethodFigures:
    """The method's figures of the issue: robustness, agreement (with its coders' files; none as published), the
    drivers since the issue before (whose catalogue is read when it has one, as published with `as_published`)."""
    codings = {} if as_published else loader.coders(data.summary.number, data.catalogue)[0]
    comparison = data.comparison
    previous = None
    if comparison is not None:
        number = comparison.before.number
        previous = (number, loader.loaded(number, as_published).catalogue if comparison.before.entered else None)
    return method_figures(loader.config, data.catalogue, data.scale, codings, previous)


def ledger_of(loader: Loader, data: IssueData, as_published: bool) -> Ledger:
    """What the Method page says of the issue's revisions: those listed, those left out of an edition as
    published, and the differences no record explains."""
    rows = revision_rows(data, loader.revisions(data.summary.number))
    unrecorded = sum(w.code == Code.REVISION_UNRECORDED for w in data.summary.warnings)
    return Ledger([], len(rows), 0) if as_published else Ledger(rows, 0, unrecorded)


def build_report(workspace: Workspace, number: int, output: Path | None = None,
                 progress: Progress | None = None, charts: bool = True, force: bool = False,
                 language: str = SOURCE_LANGUAGE, as_published: bool = False) -> ReportResult:
    """Build issue `number`'s bulletin and write it atomically to `output` (default reports/NNN.pdf).

    A file at `output` is replaced only when it is the tool's own unchanged output, or with `force`
    (`OutputExists` before any work otherwise). Charts are drawn into a temporary folder in the workspace's
    `.barometer/` (Typst reads files only below its root) that is removed whatever happens; invalid data raise
    `InputInvalid`, a broken template `TemplateError`, and in both cases nothing is written.
    """
    step = progress or (lambda name: None)
    workspace.require_issue(number)
    target = output or default_report_path(workspace, number, language)
    claim(workspace, [target], force)
    loader = Loader(workspace)
    template = loader.template()
    step("data")
    data = loader.edition(number, language, as_published=as_published)
    template_file = workspace.display(template)
    strings = strings_in(data.language, template_strings(template.read_text(encoding="utf-8")), template_file)
    logos = [{"file": "/" + workspace.display(path), "alt": logo.alt, "width": logo.width}
             for logo, path in loader.logos()]
    state = workspace.root / STATE_DIR
    try:
        state.mkdir(exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="report-", dir=state))
    except OSError as error:
        raise BarometerError(f"cannot draw the charts: the workspace's {STATE_DIR}/ folder is not writable "
                             f"({error.strerror or error})") from None
    try:
        step("charts")
        try:
            drawn = bulletin_charts(data, scratch, lambda path: "/" + workspace.display(path)) if charts else {}
            content = build_report_data(data, drawn, logos, method_figures_of(loader, data, as_published),
                                        ledger_of(loader, data, as_published))
        except TranslationMissing as missing:
            raise InputInvalid([_missing(missing, "of the bulletin")], f"the {language} catalogue") from None
        content["strings"] = strings
        step("typeset")
        pdf = typeset(template, workspace.root, loader.font_folders(), content)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    step("write")
    try:
        write_output(workspace, target, pdf, force)
    except OSError as error:
        raise BarometerError(f"cannot write {workspace.display(target)}: {error.strerror or error}") from None
    return ReportResult(target, page_count(pdf), len(pdf), len(drawn), data.summary, data.notes)
