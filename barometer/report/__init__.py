"""The bulletin PDF: `content` builds the report as data, `typeset` lays it out with the workspace's
Typst template, `build` runs the steps (data, charts, typeset, write)."""

from barometer.report.build import STEPS, ReportResult, build_report, default_report_path

__all__ = ["STEPS", "ReportResult", "build_report", "default_report_path"]
