"""Two issues side by side: each figure in both, and the change (None where either is unknown)."""

from __future__ import annotations

from dataclasses import dataclass

from barometer.history import load_history
from barometer.summary import IssueSummary, issue_summary
from barometer.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Change:
    """A figure in the earlier and the later issue; unknown is None, and so is the change then."""

    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    def to_dict(self) -> dict[str, int | None]:
        return {"from": self.before, "to": self.after, "change": self.change}


@dataclass(frozen=True, slots=True)
class TrackChange:
    aggregate: Change
    positive: Change
    negative: Change
    sources: tuple[str, str]

    def to_dict(self) -> dict[str, object]:
        return {**self.aggregate.to_dict(), "positive": self.positive.to_dict(),
                "negative": self.negative.to_dict(),
                "source": {"from": self.sources[0], "to": self.sources[1]}}


@dataclass(frozen=True, slots=True)
class SecurityChange:
    national_security: Change
    regional_tension: Change
    levels: tuple[str | None, str | None]
    sources: tuple[str, str]

    @property
    def level_changed(self) -> bool | None:
        before, after = self.levels
        return None if before is None or after is None else before != after

    def to_dict(self) -> dict[str, object]:
        return {
            "national_security": self.national_security.to_dict(),
            "regional_tension": {**self.regional_tension.to_dict(), "from_level": self.levels[0],
                                 "to_level": self.levels[1], "level_changed": self.level_changed},
            "source": {"from": self.sources[0], "to": self.sources[1]},
        }


@dataclass(frozen=True)
class Comparison:
    before: IssueSummary
    after: IssueSummary
    tracks: dict[str, TrackChange]
    security: SecurityChange | None

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.before.issue.number,
            "to": self.after.issue.number,
            "periods": {"from": self.before.issue.period.describe(), "to": self.after.issue.period.describe()},
            "tracks": {track_id: change.to_dict() for track_id, change in self.tracks.items()},
            "security": self.security.to_dict() if self.security else None,
        }


def compare_summaries(before: IssueSummary, after: IssueSummary) -> Comparison:
    """Every figure of two issues' summaries and its change (pure: no I/O)."""
    tracks = {}
    for track_id, old in before.tracks.items():
        new = after.tracks.get(track_id)
        if new is None:
            continue
        tracks[track_id] = TrackChange(Change(old.aggregate, new.aggregate), Change(old.positive, new.positive),
                                       Change(old.negative, new.negative), (old.source, new.source))
    security = None
    old_security, new_security = before.security, after.security
    if old_security is not None and new_security is not None:
        security = SecurityChange(
            Change(old_security.national_security, new_security.national_security),
            Change(old_security.regional_tension, new_security.regional_tension),
            (old_security.band.name if old_security.band else old_security.level,
             new_security.band.name if new_security.band else new_security.level),
            (old_security.source, new_security.source),
        )
    return Comparison(before, after, tracks, security)


def compare_issues(workspace: Workspace, before: int, after: int) -> Comparison:
    """Compare two issues of the workspace; raises `CatalogueInvalid` when either is invalid."""
    workspace.require_issue(before)
    workspace.require_issue(after)
    return compare_summaries(issue_summary(workspace, before), issue_summary(workspace, after))


def change_since_previous(workspace: Workspace, number: int) -> Comparison | None:
    """The issue against the nearest earlier issue in the workspace (None for the first)."""
    workspace.require_issue(number)
    earlier = [n for n in workspace.issue_numbers if n < number]
    if not earlier:
        return None
    summaries = load_history(workspace, earlier[-1], number)
    return compare_summaries(summaries[0], summaries[-1])


COMPARISON_COLUMNS = ("track", "figure", "from", "to", "change", "from_source", "to_source")


def comparison_rows(comparison: Comparison) -> list[list[object]]:
    """One row per figure, for CSV and spreadsheets; levels are rows of their own."""
    rows: list[list[object]] = []
    for track_id, change in comparison.tracks.items():
        for figure in ("aggregate", "positive", "negative"):
            value: Change = getattr(change, figure)
            rows.append([track_id, figure, value.before, value.after, value.change, *change.sources])
    security = comparison.security
    if security is not None:
        for figure in ("national_security", "regional_tension"):
            value = getattr(security, figure)
            rows.append(["security", figure, value.before, value.after, value.change, *security.sources])
        changed = security.level_changed
        rows.append(["security", "level", *security.levels,
                     None if changed is None else ("changed" if changed else "same"), *security.sources])
    return rows
