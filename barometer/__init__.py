"""barometer: dated, scored catalogues of a country's foreign relations and security → indices,
the bulletin PDF and comparisons across issues.

What a library user may call is named here; everything else is internal. Each name is imported on first
use, so `import barometer` (and the command line's start) costs only what a command needs.

    import barometer
    ws = barometer.open(".")              # the workspace in a notebook: events(), figures(), issues()
    data = barometer.Loader(barometer.Workspace.find()).issue_data(18)
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    # the data and its rules
    "Catalogue": "barometer.models", "Event": "barometer.models", "Issue": "barometer.models",
    "SecurityEvent": "barometer.models", "WorkspaceConfig": "barometer.models",
    "EventDate": "barometer.dates", "YearMonth": "barometer.dates", "parse_event_date": "barometer.dates",
    "BarometerError": "barometer.errors", "CatalogueInvalid": "barometer.errors", "Code": "barometer.errors",
    "InputInvalid": "barometer.errors", "Problem": "barometer.errors",
    "Scale": "barometer.scale", "load_scale": "barometer.load",
    "RelationsIndex": "barometer.indices", "SecurityIndex": "barometer.indices", "issue_indices": "barometer.indices",
    "relations_index": "barometer.indices", "security_index": "barometer.indices",
    "CheckResult": "barometer.catalogue", "IssueSummary": "barometer.summary",
    # the workspace and its one loader
    "Workspace": "barometer.workspace", "Loader": "barometer.load", "IssueData": "barometer.load",
    "check_issue": "barometer.load", "issue_summary": "barometer.load", "load_catalogue": "barometer.load",
    "load_history": "barometer.load",
    # what the commands do
    "check_workspace": "barometer.checks",
    "build_history": "barometer.history", "compare_summaries": "barometer.compare",
    "render_issue_charts": "barometer.charts",
    "build_report": "barometer.report.build",
    "create_issue": "barometer.entry.new", "add_event": "barometer.entry.add",
    "write_issue_template": "barometer.entry.workbook", "import_file": "barometer.entry.importing",
    "export_issue": "barometer.export",
    "list_backups": "barometer.entry.undo", "restore_backup": "barometer.entry.undo",
    "remove_event": "barometer.entry.remove", "workspace_lock": "barometer.lock",
    "open": "barometer.notebook",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'barometer' has no attribute {name!r}")


__all__ = list(_LAZY)
