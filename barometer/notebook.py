"""The workspace in a notebook: every event and every figure as pandas DataFrames.

    import barometer
    ws = barometer.open("path/to/workspace")     # or "." (found upwards, like git)
    ws.events()      # one row per event of every issue
    ws.figures()     # tidy: issue, track, figure, value, origin — an unknown figure is absent, never 0
    ws.issues()      # one row per issue: period, title, tension level and where it came from
    ws.summary(18)   # the summary `barometer summary 18` prints

pandas is imported when a table is asked for, not by `import barometer`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.load import Loader
from barometer.summary import IssueSummary
from barometer.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS = ("issue", "track", "date", "start", "end", "text", "score", "national_security", "regional_tension",
                 "source")
RELATIONS_FIGURES = ("positive", "negative", "aggregate", "events")
SECURITY_FIGURES = ("national_security", "regional_tension", "events")


class NotebookWorkspace:
    """A workspace's data as DataFrames, read once and kept (make a new one after the files change)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.loader = Loader(workspace)

    def __repr__(self) -> str:
        numbers = self.workspace.issue_numbers
        return f"<barometer workspace {self.workspace.root} — {self.workspace.config.title}, {len(numbers)} issues>"

    @cached_property
    def _history(self) -> list[IssueSummary]:
        return self.loader.history()

    def summary(self, number: int) -> IssueSummary:
        """Issue `number`'s figures, as `barometer summary` gives them."""
        return self.loader.summary(number)

    def events(self) -> pd.DataFrame:
        """One row per event of every issue with a catalogue: issue, track (id), date (as the bulletin writes
        it), start and end (the days the date spans), text, the scores (NA where the track has no such score),
        source, and the catalogues' further columns."""
        import pandas as pd

        rows = []
        for number in self.workspace.issue_numbers:
            catalogue = self.loader.catalogue(number)
            year = catalogue.issue.period.end.year
            for track_id, events in catalogue.events.items():
                for event in events:
                    rows.append({"issue": number, "track": track_id, "date": event.date.render(year),
                                 "start": event.date.start, "end": event.date.end, "text": event.text,
                                 **event.scores, "source": event.source, **event.extra})
        frame = pd.DataFrame(rows, columns=list(dict.fromkeys([*EVENT_COLUMNS, *(k for r in rows for k in r)])))
        for name in ("issue", "score", "national_security", "regional_tension"):
            frame[name] = frame[name].astype("Int64")
        for name in ("start", "end"):
            frame[name] = pd.to_datetime(frame[name])
        return frame

    def figures(self, printed: bool = False) -> pd.DataFrame:
        """Every known figure, tidy: issue, track, figure, value, origin. By default the figures the tool uses —
        summed from the catalogue (origin `catalogue`) or, where an issue has none, as printed (`printed`). With
        `printed=True`, the printed figures of catalogued issues are rows too (the audit's other side). An
        unknown figure has no row: it is never 0."""
        import pandas as pd

        security = self.workspace.config.security_track
        rows = []
        for summary in self._history:
            for track_id, figures in summary.tracks.items():
                rows += [(summary.number, track_id, name, getattr(figures, name), figures.source)
                         for name in RELATIONS_FIGURES]
            if summary.security is not None and security is not None:
                rows += [(summary.number, security.id, name, getattr(summary.security, name), summary.security.source)
                         for name in SECURITY_FIGURES]
            published = summary.issue.published
            if printed and published is not None:
                for track_id, values in published.tracks.items():
                    if summary.tracks[track_id].source == "catalogue":
                        rows += [(summary.number, track_id, name, getattr(values, name), "printed")
                                 for name in RELATIONS_FIGURES]
                if published.security is not None and security is not None and \
                        summary.security is not None and summary.security.source == "catalogue":
                    rows += [(summary.number, security.id, name, getattr(published.security, name), "printed")
                             for name in SECURITY_FIGURES]
        frame = pd.DataFrame([r for r in rows if r[3] is not None],
                             columns=["issue", "track", "figure", "value", "origin"])
        return frame.astype({"issue": "int64", "value": "Int64"})

    def issues(self) -> pd.DataFrame:
        """One row per issue: number, start and end (the first and last day it covers), title, the regional
        tension level and its origin (`catalogue`, `printed`, or NA when unknown)."""
        import pandas as pd

        rows = []
        for summary in self._history:
            issue, security = summary.issue, summary.security
            level = security.level if security is not None else None
            rows.append({"number": issue.number, "start": issue.period.start.first_day,
                         "end": issue.period.end.last_day, "title": issue.title, "level": level,
                         "level_origin": security.source if level is not None and security else None})
        frame = pd.DataFrame(rows, columns=["number", "start", "end", "title", "level", "level_origin"])
        for name in ("start", "end"):
            frame[name] = pd.to_datetime(frame[name])
        return frame


def open(path: str | Path = ".") -> NotebookWorkspace:  # noqa: A001  (barometer.open, as the issue names it)
    """The workspace at `path`, or the one around it (found upwards, like git)."""
    return NotebookWorkspace(Workspace.find(Path(path)))
