"""The indices, as pure functions of the events: sums per relationship and for security."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from barometer.models import Catalogue, Event, SecurityEvent, WorkspaceConfig


@dataclass(frozen=True, slots=True)
class RelationsIndex:
    """A relationship's figures: sums of its positive and negative scores, and their total."""

    positive: int
    negative: int
    aggregate: int
    events: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SecurityIndex:
    """The national security and regional tension indices: sums of the two scores."""

    national_security: int
    regional_tension: int
    events: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class IssueIndices:
    tracks: dict[str, RelationsIndex]
    security: SecurityIndex | None


def relations_index(events: Iterable[Event]) -> RelationsIndex:
    positive = negative = count = 0
    for event in events:
        count += 1
        if event.score > 0:
            positive += event.score
        else:
            negative += event.score
    return RelationsIndex(positive, negative, positive + negative, count)


def security_index(events: Iterable[SecurityEvent]) -> SecurityIndex:
    national = regional = count = 0
    for event in events:
        count += 1
        national += event.national_security
        regional += event.regional_tension
    return SecurityIndex(national, regional, count)


def issue_indices(catalogue: Catalogue, config: WorkspaceConfig) -> IssueIndices:
    """Indices of every track that has a catalogue in this issue."""
    tracks = {
        track.id: relations_index(catalogue.events[track.id])  # type: ignore[arg-type]
        for track in config.relations_tracks
        if track.id in catalogue.events
    }
    security_track = config.security_track
    security = None
    if security_track is not None and security_track.id in catalogue.events:
        security = security_index(catalogue.events[security_track.id])  # type: ignore[arg-type]
    return IssueIndices(tracks, security)
