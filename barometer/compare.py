"""Two issues side by side: each figure in both, and the change (None where either is unknown). Pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from barometer.summary import IssueSummary

T = TypeVar("T")


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
    """A relationship in both issues: its figures, where each came from, and how many events each rests on (a
    change of +13 from a catalogue of one event is no news)."""

    aggregate: Change
    positive: Change
    negative: Change
    sources: tuple[str, str]
    events: tuple[int | None, int | None] = (None, None)

    def to_dict(self) -> dict[str, object]:
        return {**self.aggregate.to_dict(), "positive": self.positive.to_dict(),
                "negative": self.negative.to_dict(),
                "source": {"from": self.sources[0], "to": self.sources[1]},
                "events": {"from": self.events[0], "to": self.events[1]}}


@dataclass(frozen=True, slots=True)
class SecurityChange:
    national_security: Change
    regional_tension: Change
    levels: tuple[str | None, str | None]
    sources: tuple[str, str]
    events: tuple[int | None, int | None] = (None, None)

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
            "events": {"from": self.events[0], "to": self.events[1]},
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
            "titles": {"from": self.before.issue.title, "to": self.after.issue.title},
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
                                       Change(old.negative, new.negative), (old.source, new.source),
                                       (old.events, new.events))
    security = None
    old_security, new_security = before.security, after.security
    if old_security is not None and new_security is not None:
        security = SecurityChange(
            Change(old_security.national_security, new_security.national_security),
            Change(old_security.regional_tension, new_security.regional_tension),
            (old_security.level, new_security.level),
            (old_security.source, new_security.source),
            (old_security.events, new_security.events),
        )
    return Comparison(before, after, tracks, security)


def previous_summary(history: list[IssueSummary], number: int) -> IssueSummary | None:
    """The nearest issue before `number` in a history (whatever it knows), or None for the first issue."""
    earlier = [summary for summary in history if summary.number < number]
    return earlier[-1] if earlier else None


def change_since_previous(history: list[IssueSummary], number: int) -> Comparison | None:
    """Issue `number` of a history against the nearest earlier issue (None for the first)."""
    current = next(summary for summary in history if summary.number == number)
    previous = previous_summary(history, number)
    return None if previous is None else compare_summaries(previous, current)


def latest_known(history: list[IssueSummary], number: int, value: Callable[[IssueSummary], T | None]
                 ) -> tuple[IssueSummary, T] | None:
    """The latest issue before `number` in a history for which `value` is known, with that value."""
    for summary in reversed(history):
        if summary.number < number and (found := value(summary)) is not None:
            return summary, found
    return None
