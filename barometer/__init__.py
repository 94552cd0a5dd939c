"""barometer: dated, scored catalogues of a country's foreign relations and security → indices,
the bulletin PDF and comparisons across issues.

What a library user may call is named here; everything else is internal.
"""

__version__ = "0.1.0"

from barometer.catalogue import CheckResult, check_issue, load_catalogue  # noqa: E402
from barometer.dates import EventDate, YearMonth, parse_event_date  # noqa: E402
from barometer.errors import BarometerError, CatalogueInvalid, Problem  # noqa: E402
from barometer.indices import RelationsIndex, SecurityIndex, issue_indices, relations_index, security_index  # noqa: E402
from barometer.models import Catalogue, Event, Issue, SecurityEvent, WorkspaceConfig  # noqa: E402
from barometer.scale import Scale, load_scale  # noqa: E402
from barometer.summary import IssueSummary, issue_summary  # noqa: E402
from barometer.workspace import Workspace  # noqa: E402

__all__ = [
    "BarometerError", "Catalogue", "CatalogueInvalid", "CheckResult", "Event", "EventDate", "Issue",
    "IssueSummary", "Problem", "RelationsIndex", "Scale", "SecurityEvent", "SecurityIndex",
    "Workspace", "WorkspaceConfig", "YearMonth", "check_issue", "issue_indices", "issue_summary",
    "load_catalogue", "load_scale", "parse_event_date", "relations_index", "security_index",
]
