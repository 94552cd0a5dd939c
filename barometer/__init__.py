"""barometer: dated, scored catalogues of a country's foreign relations and security → indices,
the bulletin PDF and comparisons across issues.

What a library user may call is named here; everything else is internal.
"""

__version__ = "0.1.0"

from barometer.catalogue import CheckResult  # noqa: E402
from barometer.dates import EventDate, YearMonth, parse_event_date  # noqa: E402
from barometer.errors import BarometerError, CatalogueInvalid, Code, InputInvalid, Problem  # noqa: E402
from barometer.indices import RelationsIndex, SecurityIndex, issue_indices, relations_index, security_index  # noqa: E402
from barometer.load import IssueData, Loader, check_issue, issue_summary, load_catalogue, load_history  # noqa: E402
from barometer.models import Catalogue, Event, Issue, SecurityEvent, WorkspaceConfig  # noqa: E402
from barometer.scale import Scale, load_scale  # noqa: E402
from barometer.summary import IssueSummary  # noqa: E402
from barometer.workspace import Workspace  # noqa: E402

# Commands' libraries, imported on first use so that `import barometer` stays light.
_LAZY = {
    "check_workspace": "barometer.checks",
    "build_history": "barometer.history", "compare_summaries": "barometer.compare",
    "render_issue_charts": "barometer.charts",
    "build_report": "barometer.report.build",
    "create_issue": "barometer.entry.new", "add_event": "barometer.entry.add",
    "write_issue_template": "barometer.entry.workbook", "import_file": "barometer.entry.importing",
    "export_issue": "barometer.export",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'barometer' has no attribute {name!r}")


__all__ = [*_LAZY,
    "BarometerError", "Catalogue", "CatalogueInvalid", "CheckResult", "Code", "Event", "EventDate", "InputInvalid",
    "Issue", "IssueData", "Loader", "load_history",
    "IssueSummary", "Problem", "RelationsIndex", "Scale", "SecurityEvent", "SecurityIndex",
    "Workspace", "WorkspaceConfig", "YearMonth", "check_issue", "issue_indices", "issue_summary",
    "load_catalogue", "load_scale", "parse_event_date", "relations_index", "security_index",
]
