"""The bulletin PDF in four steps: data, charts, typeset, write. Nothing is written unless all succeed."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from barometer.atomic import atomic_write_bytes
from barometer.errors import BarometerError
from barometer.load import Loader
from barometer.report.charts import bulletin_charts
from barometer.report.content import build_report_data
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


def default_report_path(workspace: Workspace, number: int) -> Path:
    """reports/018.pdf"""
    return workspace.reports_dir / f"{number:03d}.pdf"


def build_report(workspace: Workspace, number: int, output: Path | None = None,
                 progress: Progress | None = None, charts: bool = True) -> ReportResult:
    """Build issue `number`'s bulletin and write it atomically to `output` (default reports/NNN.pdf).

    Charts are drawn into a temporary folder inside the workspace (Typst reads files only below its
    root) that is removed whatever happens; invalid data raise `InputInvalid`, a broken template
    `TemplateError`, and in both cases nothing is written.
    """
    step = progress or (lambda name: None)
    workspace.require_issue(number)
    target = output or default_report_path(workspace, number)
    loader = Loader(workspace)
    template = loader.template()
    step("data")
    data = loader.issue_data(number)
    logos = [{"file": "/" + workspace.display(path), "alt": logo.alt, "width": logo.width}
             for logo, path in loader.logos()]
    scratch = Path(tempfile.mkdtemp(prefix=".barometer-report-", dir=workspace.root))
    try:
        step("charts")
        drawn = bulletin_charts(data, scratch, lambda path: "/" + workspace.display(path)) if charts else {}
        content = build_report_data(data, drawn, logos)
        step("typeset")
        pdf = typeset(template, workspace.root, loader.font_folders(), content)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    step("write")
    try:
        atomic_write_bytes(target, pdf)
    except OSError as error:
        raise BarometerError(f"cannot write {workspace.display(target)}: {error.strerror or error}") from None
    return ReportResult(target, page_count(pdf), len(pdf), len(drawn), data.summary)
